/* cmos.h - the Motorola MC146818 real-time clock and its 128 bytes of CMOS
 * RAM as wired in a PC/AT: index port 70h (bit 7 masks NMI), data port 71h,
 * IRQ8 from the chip's IRQ pin.
 *
 * The time is a pure function of a fixed epoch (the front end's -rtc-base,
 * never the host clock) and elapsed CPU cycles (DESIGN.md, "Time"):
 * seconds = epoch + (cycles - phase0) / cpu_hz, in exact integer arithmetic.
 * Periodic, alarm and update-ended interrupts are scheduled as exact
 * absolute-cycle deadlines. */
#ifndef TICK86_CMOS_H
#define TICK86_CMOS_H
#include <stddef.h>
#include <stdint.h>
#include "devstate.h"
#include "ioport.h"
#include "sched.h"

#define CMOS_SIZE 128
#define CMOS_CENTURY 0x32            /* PC convention (IBM AT BIOS) */

struct cmos {
    uint8_t ram[CMOS_SIZE];      /* registers 0-9 here are authoritative only while frozen */
    uint8_t index;               /* port 70h bits 0-6 */
    uint8_t nmi_masked;          /* port 70h bit 7 */
    uint8_t flags;               /* register C's PF/AF/UF (bits 6-4) as last evaluated */
    int64_t epoch;               /* Unix seconds shown at cycle phase0 */
    int64_t phase0;              /* a cycle at which the divider chain was at a second boundary */
    uint64_t last_eval;          /* cycle up to which flags are evaluated */
    /* wiring, not state */
    uint64_t cpu_hz;
    uint64_t (*now)(void *opaque);
    void *now_opaque;
    struct sched *sched;
    int timer;
    struct irq_line irq8;        /* the board connects it to the slave PIC's input 0 */
};

#define CMOS_STATE_VERSION 1
extern const struct dev_field cmos_fields[];
extern const size_t cmos_nfields;

/* cpu_hz must be between 1 and 2^40. The clock reads rtc_base (Unix
 * seconds, 1970-2099) at cycle 0, registers A/B set up as a BIOS leaves them
 * (A = 26h: 32.768 kHz divider, 1024 Hz periodic rate; B = 02h: 24-hour,
 * BCD, no interrupts), D = 80h (VRT), the rest of the RAM zero. now is first
 * called on the first port access. Connect irq8 before the guest runs.
 * Returns 0, or -1 with a reason. */
int cmos_init(struct cmos *c, int64_t rtc_base, uint64_t cpu_hz, uint64_t (*now)(void *),
              void *now_opaque, struct sched *s, char *err, size_t errlen);
/* Registers "cmos" at 70h-71h. */
int cmos_register(struct cmos *c, struct io_bus *bus, char *err, size_t errlen);

/* For the board: fills a RAM byte (idx 0Eh-7Fh). The clock's bytes
 * (00h-0Dh and the century at 32h) are refused silently, so the board
 * cannot break the clock. */
void cmos_set_byte(struct cmos *c, unsigned idx, uint8_t v);
/* Reads a byte as port 71h would, but without clearing register C. */
uint8_t cmos_get_byte(struct cmos *c, unsigned idx);
/* Stores the AT checksum of 10h-2Dh (16-bit sum) at 2Eh (high), 2Fh (low). */
void cmos_update_checksum(struct cmos *c);
/* Port 70h bit 7 as last written: 1 = NMI masked. */
int cmos_nmi_masked(const struct cmos *c);
/* The clock's time now, as Unix seconds of standard time (without DSE's
 * daylight hour), for the debugger and tests. */
int64_t cmos_time(struct cmos *c);

/* Calendar helpers (proleptic Gregorian, exact for 1970-2099 and beyond). */
int64_t cmos_days_from_civil(int y, unsigned m, unsigned d);
void cmos_civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d);
#endif
