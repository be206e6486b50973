/* kbc.h - the Intel 8042 keyboard controller of a PC/AT (ports 60h/64h)
 * with a PS/2 keyboard on its first port (IRQ1) and a PS/2 mouse on its
 * auxiliary port (IRQ12).
 *
 * Host input enters through kbc_key (scan set 2 codes) and kbc_mouse.
 * Typematic repeat runs on the scheduler at absolute cycle deadlines
 * (DESIGN.md, "Time"), so a held key repeats at the same cycles every run. */
#ifndef TICK86_KBC_H
#define TICK86_KBC_H
#include <stddef.h>
#include <stdint.h>
#include "devstate.h"
#include "ioport.h"
#include "sched.h"

#define KBC_QUEUE 64                 /* bytes waiting behind the output buffer */

struct kbc {
    uint8_t q_byte[KBC_QUEUE];       /* ring of bytes waiting for the output buffer */
    uint8_t q_aux[KBC_QUEUE];        /* 1 if the byte came from the aux port */
    uint8_t q_head, q_count;
    uint8_t ob;                      /* output buffer (port 60h) */
    uint8_t ob_full, ob_aux;
    uint8_t cmdbyte;                 /* controller command byte (20h/60h) */
    uint8_t sysflag;                 /* status bit 2 */
    uint8_t last_cmd;                /* status bit 3: last write went to 64h */
    uint8_t outport;                 /* output port as written by D1h (bits 0 and 1 drive pins) */
    uint8_t pending;                 /* controller command waiting for its data byte, or 0 */
    uint8_t xlat_break;              /* translator saw F0 and waits for the code */
    /* keyboard */
    uint8_t kb_scan;                 /* scanning enabled */
    uint8_t kb_pending;              /* keyboard command waiting for its parameter, or 0 */
    uint8_t kb_leds;
    uint8_t kb_typematic;            /* F3h byte: bits 0-4 rate, 5-6 delay */
    uint8_t kb_set;                  /* scan set the keyboard sends (2) */
    uint16_t kb_held;                /* set 2 code repeating, 0 = none */
    uint64_t kb_repeat_at;           /* cycle of the next repeat, SCHED_NEVER if none */
    /* mouse */
    uint8_t ms_report;               /* data reporting enabled */
    uint8_t ms_pending;              /* mouse command waiting for its parameter, or 0 */
    uint8_t ms_rate, ms_res, ms_scale21, ms_buttons;
    /* wiring, not state */
    uint64_t cpu_hz;
    uint64_t (*now)(void *opaque);
    void *now_opaque;
    struct sched *sched;
    int timer;
    void (*a20)(void *opaque, int on);   /* output port bit 1 changed; may be NULL */
    void *a20_opaque;
    void (*reset)(void *opaque);         /* output port bit 0 pulsed low; may be NULL */
    void *reset_opaque;
    struct irq_line irq1, irq12;         /* the board connects them to the PIC */
};

#define KBC_STATE_VERSION 1
extern const struct dev_field kbc_fields[];
extern const size_t kbc_nfields;

/* cpu_hz must be between 1 and 2^40. The controller starts as after its
 * own power-on: command byte 0 (no IRQs, translation off, interfaces
 * enabled), A20 on, empty buffers, keyboard scanning, mouse not
 * reporting. Set a20/reset (and their opaques) and connect irq1/irq12
 * before the guest runs. Returns 0, or -1 with a reason. */
int kbc_init(struct kbc *k, uint64_t cpu_hz, uint64_t (*now)(void *), void *now_opaque,
             struct sched *s, char *err, size_t errlen);
/* Registers "kbc" at 60h and "kbc-cmd" at 64h. */
int kbc_register(struct kbc *k, struct io_bus *bus, char *err, size_t errlen);
/* A key changed now: set2_code is a scan set 2 make code, E0-prefixed
 * keys as 0xE0xx. Dropped while the keyboard does not scan or its
 * interface is disabled (the keyboard's own buffer is not modelled). */
void kbc_key(struct kbc *k, uint16_t set2_code, int down);
/* The mouse moved by dx (right positive), dy (up positive, PS/2 sense);
 * buttons bit 0 left, 1 right, 2 middle. Sends one packet if reporting. */
void kbc_mouse(struct kbc *k, int dx, int dy, int buttons);
#endif
