/* sysports.h - the PC's small system ports, each its own named range:
 *   92h  "system control port A" (PS/2 and later): fast A20 gate, fast reset
 *   80h  "post": the POST-code diagnostic latch
 *   E9h  "debugcon": the Bochs/QEMU debug console
 *   F4h  "debug-exit": QEMU's isa-debug-exit (F4h-F7h, only when enabled)
 * The chip only keeps the latched values; what A20, a reset, a POST code,
 * a console byte or an exit request mean is up to the board and front end,
 * reached through the callbacks in struct sysports_host. */
#ifndef TICK86_SYSPORTS_H
#define TICK86_SYSPORTS_H
#include <stddef.h>
#include <stdint.h>
#include "devstate.h"
#include "ioport.h"

#define SYSPORTS_A       0x92
#define SYSPORTS_POST    0x80
#define SYSPORTS_DEBUGCON 0xE9
#define SYSPORTS_EXIT    0xF4
#define SYSPORTS_EXIT_PORTS 4        /* as QEMU's "isa-debug-exit,iobase=0xf4,iosize=4" */

/* Every callback may be NULL (the event is then ignored); all receive
 * opaque. */
struct sysports_host {
    void (*a20)(void *opaque, int on);              /* on each write to 92h, bit 1 */
    void (*reset)(void *opaque);                    /* 92h bit 0 written 0 -> 1 */
    void (*post)(void *opaque, uint8_t code);        /* each byte written to 80h */
    void (*debugcon)(void *opaque, uint8_t byte);    /* each byte written to E9h */
    void (*exit_req)(void *opaque, int status);      /* a write of v to F4h: (v << 1) | 1 */
    void *opaque;
};

struct sysports {
    uint8_t port_a;                  /* last value written to 92h; bit 1 is the A20 gate */
    uint8_t post_code;               /* last byte written to 80h */
    /* wiring, not state */
    int debug_exit;                  /* F4h registered */
    struct sysports_host host;
};

#define SYSPORTS_STATE_VERSION 1
extern const struct dev_field sysports_fields[];
extern const size_t sysports_nfields;

/* host is copied (NULL means no callbacks). debug_exit nonzero makes
 * sysports_register claim F4h-F7h too. Starts in the reset state. */
void sysports_init(struct sysports *p, const struct sysports_host *host, int debug_exit);
/* Power-on/reset state: 92h reads 0 and the POST latch 0. Calls no
 * callback; the board sets the A20 gate itself on reset. */
void sysports_reset(struct sysports *p);
/* Registers 80h, 92h, E9h and, if enabled, F4h-F7h. Returns 0, or -1 with
 * a reason in err (the ranges registered before the failure stay). */
int sysports_register(struct sysports *p, struct io_bus *bus, char *err, size_t errlen);
/* The A20 state as last set through 92h. */
static inline int sysports_a20(const struct sysports *p) { return p->port_a >> 1 & 1; }
#endif
