/* sysports.c - the PC's small system ports: system control port A (92h),
 * the POST-code latch (80h), the Bochs/QEMU debug console (E9h) and QEMU's
 * isa-debug-exit (F4h).
 *
 * Follows the IBM PS/2 Hardware Interface Technical Reference, "System
 * Control Port A (Hex 0092)": bit 0 alternate hot reset (a 0 -> 1
 * transition pulses the processor reset line), bit 1 alternate gate A20;
 * the port reads back what was written. Bits 2-7 (watchdog status, the
 * security lock latch, the fixed-disk activity lights) have nothing behind
 * them here and are only stored. Port 80h is the manufacturing-test
 * latch BIOSes write POST checkpoints to; it reads back the last code, as
 * on most boards that latch it. E9h follows Bochs' "port E9 hack" and
 * QEMU's isa-debugcon (reads return E9h so a guest can detect the
 * console); F4h follows QEMU's hw/misc/debugexit.c, where a write of v
 * ends the emulator with status (v << 1) | 1, so no guest value can mean
 * success (0). */
#include "sysports.h"

#include <limits.h>
#include <string.h>

#define PORTA_RESET 0x01
#define PORTA_A20   0x02

#define F(m) DEV_FIELD(struct sysports, m)
const struct dev_field sysports_fields[] = { F(port_a), F(post_code) };
const size_t sysports_nfields = DEV_NFIELDS(sysports_fields);
#undef F

void sysports_init(struct sysports *p, const struct sysports_host *host, int debug_exit)
{
    memset(p, 0, sizeof *p);
    if (host)
        p->host = *host;
    p->debug_exit = debug_exit != 0;
    sysports_reset(p);
}

void sysports_reset(struct sysports *p)
{
    p->port_a = 0;
    p->post_code = 0;
}

static uint32_t sysports_a_read(void *opaque, uint16_t port, unsigned width)
{
    const struct sysports *p = opaque;

    (void)port, (void)width;
    return p->port_a;
}

/* A20 is reported on every write, not only on a change: the board ORs it
 * with the keyboard controller's gate and may want to re-assert it. The
 * reset fires only on the rising edge, so a guest that leaves bit 0 set
 * while toggling A20 does not reset again (PS/2 reference, bit 0). */
static void sysports_a_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct sysports *p = opaque;
    uint8_t old = p->port_a;

    (void)port, (void)width;
    p->port_a = (uint8_t)val;
    if (p->host.a20)
        p->host.a20(p->host.opaque, (val & PORTA_A20) != 0);
    if ((val & PORTA_RESET) && !(old & PORTA_RESET) && p->host.reset)
        p->host.reset(p->host.opaque);
}

static uint32_t sysports_post_read(void *opaque, uint16_t port, unsigned width)
{
    const struct sysports *p = opaque;

    (void)port, (void)width;
    return p->post_code;
}

static void sysports_post_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct sysports *p = opaque;

    (void)port, (void)width;
    p->post_code = (uint8_t)val;
    if (p->host.post)
        p->host.post(p->host.opaque, p->post_code);
}

static uint32_t sysports_con_read(void *opaque, uint16_t port, unsigned width)
{
    (void)opaque, (void)port, (void)width;
    return SYSPORTS_DEBUGCON;        /* QEMU's readback value: "a debug console is here" */
}

static void sysports_con_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct sysports *p = opaque;

    (void)port, (void)width;
    if (p->host.debugcon)
        p->host.debugcon(p->host.opaque, (uint8_t)val);
}

/* Any port of the range and any width counts, as in QEMU, which ignores
 * the offset. The status is the low 32 bits of (v << 1) | 1 read as a
 * two's-complement int; converted without implementation-defined casts.
 * (A host exit status keeps only the low 8 bits anyway.) */
static void sysports_exit_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct sysports *p = opaque;
    uint32_t s = val << 1 | 1;
    int status = s <= INT_MAX ? (int)s : -(int)(~s) - 1;

    (void)port, (void)width;
    if (p->host.exit_req)
        p->host.exit_req(p->host.opaque, status);
}

int sysports_register(struct sysports *p, struct io_bus *bus, char *err, size_t errlen)
{
    if (io_register(bus, "system control port A", SYSPORTS_A, 1, IO_W8,
                    sysports_a_read, sysports_a_write, p, err, errlen)
        || io_register(bus, "post", SYSPORTS_POST, 1, IO_W8,
                       sysports_post_read, sysports_post_write, p, err, errlen)
        || io_register(bus, "debugcon", SYSPORTS_DEBUGCON, 1, IO_W8,
                       sysports_con_read, sysports_con_write, p, err, errlen))
        return -1;
    if (p->debug_exit
        && io_register(bus, "debug-exit", SYSPORTS_EXIT, SYSPORTS_EXIT_PORTS,
                       IO_W8 | IO_W16 | IO_W32, NULL, sysports_exit_write, p, err, errlen))
        return -1;
    return 0;
}
