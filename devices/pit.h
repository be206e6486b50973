/* pit.h - the 8254 programmable interval timer of a PC (ports 40h-43h) and
 * system control port B (port 61h), which exposes the timer's channel 2
 * gate and output, the speaker enable and the refresh toggle.
 *
 * Counters are computed lazily from the CPU cycle counter (DESIGN.md,
 * "Time"): nothing ticks. Channel 0's output edges are scheduled as exact
 * absolute-cycle deadlines and drive irq0. */
#ifndef TICK86_PIT_H
#define TICK86_PIT_H
#include <stddef.h>
#include <stdint.h>
#include "devstate.h"
#include "ioport.h"
#include "sched.h"

#define PIT_HZ 1193182u
#define PIT_NEVER UINT64_MAX

/* One counter. Between events its state is (base_tick, ce/pos, out, ...):
 * the values that held at PIT tick base_tick; later values follow in closed
 * form from the mode. */
struct pit_counter {
    uint64_t base_tick;          /* PIT tick at which the fields below hold */
    uint64_t load_at;            /* tick at which CR moves to CE, or PIT_NEVER */
    uint32_t ce;                 /* modes 0/1/4/5 (and unloaded): counting element, [0, modulus) */
    uint32_t pos;                /* modes 2/3: ticks since the period/half-period began */
    uint32_t n;                  /* modes 2/3: reload value in effect, 1..modulus */
    uint16_t cr;                 /* count register, raw as written (BCD when bcd) */
    uint16_t latch;              /* latched count, raw (BCD when bcd) */
    uint8_t cw;                  /* low 6 bits of the control word (RW, M, BCD) */
    uint8_t mode;                /* 0..5 (6 and 7 folded to 2 and 3) */
    uint8_t rw;                  /* 1 LSB, 2 MSB, 3 LSB then MSB */
    uint8_t bcd;
    uint8_t out;
    uint8_t gate;
    uint8_t loaded;              /* CE holds a count since the last control word */
    uint8_t have_count;          /* a full count was written since the control word */
    uint8_t armed;               /* modes 1/4/5: terminal count not yet reached */
    uint8_t cr_pending;          /* modes 2/3: new CR waits for the period's end */
    uint8_t null_count;          /* CR written but not yet moved to CE */
    uint8_t wr_msb;              /* next write is the MSB (rw 3) */
    uint8_t wr_disabled;         /* mode 0: first byte written, counting halted */
    uint8_t rd_msb;              /* next read is the MSB (rw 3) */
    uint8_t latched;             /* count latch holds a value */
    uint8_t status_latched;
    uint8_t status;
};

struct pit {
    struct pit_counter ch[3];
    uint8_t port61;              /* bits 0-3 as written */
    /* wiring, not state */
    uint64_t cpu_hz;
    uint64_t (*now)(void *opaque);
    void *now_opaque;
    struct sched *sched;
    int timer;                   /* sched timer id for channel 0 */
    struct irq_line irq0;        /* the board connects it to the PIC */
};

#define PIT_STATE_VERSION 1
extern const struct dev_field pit_fields[];
extern const size_t pit_nfields;

/* cpu_hz must be between 1 and 2^40. now is first called on the first port
 * access, so it may be wired to a CPU created later. The counters start
 * unprogrammed with OUT low; connect irq0 (irq_connect) before the guest
 * runs. Returns 0, or -1 with a reason. */
int pit_init(struct pit *p, uint64_t cpu_hz, uint64_t (*now)(void *), void *now_opaque,
             struct sched *s, char *err, size_t errlen);
/* Registers "pit" at 40h-43h and "port61" at 61h. On -1 the first range
 * may be registered already; callers treat it as fatal. */
int pit_register(struct pit *p, struct io_bus *bus, char *err, size_t errlen);

/* PIT ticks elapsed at cycle t: floor(t * PIT_HZ / cpu_hz). */
uint64_t pit_ticks(const struct pit *p, uint64_t cycle);
/* The first cycle at which pit_ticks reaches tick. */
uint64_t pit_tick_cycle(const struct pit *p, uint64_t tick);
/* Gate input of counter ch (0..2); channel 2's comes from port 61h bit 0. */
void pit_set_gate(struct pit *p, int ch, int level);
/* Output of counter ch now. */
int pit_out(struct pit *p, int ch);
/* Speaker: port 61h bit 1 AND channel 2 output. */
int pit_speaker(struct pit *p);
#endif
