/* ioport.c - the port-I/O bus (64K ports, named ranges, width splitting)
 * and IRQ lines.
 *
 * Follows the ISA/AT bus conventions: a port nobody decodes floats high and
 * reads as all-ones; a 16- or 32-bit IN/OUT to a device that only decodes
 * bytes becomes consecutive byte cycles, low port first (the bus-sizing an
 * AT's data-bus steering logic performs). The split is done recursively by
 * halves and every piece is dispatched through the port map again, so a
 * 32-bit access that straddles two devices reaches each with its own bytes.
 *
 * Dispatch of an access the device implements is one table load (map[]),
 * no search: this sits under every IN/OUT/INS/OUTS the guest executes. */
#include "ioport.h"

#include <assert.h>
#include <stdio.h>

#define IO_WIDTHS_ALL (IO_W8 | IO_W16 | IO_W32)

_Static_assert(IO_MAX_RANGES <= 255, "map[] holds range index + 1 in a byte");

static uint32_t width_ones(unsigned width)
{
    return width >= 4 ? 0xFFFFFFFFu : ((uint32_t)1 << (8 * width)) - 1;
}

static void set_err(char *err, size_t errlen, const char *msg)
{
    if (err && errlen)
        snprintf(err, errlen, "%s", msg);
}

void io_init(struct io_bus *bus)
{
    unsigned i;

    bus->nranges = 0;
    for (i = 0; i < IO_MAX_RANGES; i++) {
        struct io_range *r = &bus->ranges[i];
        r->name = NULL;
        r->first = 0;
        r->count = 0;
        r->widths = 0;
        r->read = NULL;
        r->write = NULL;
        r->opaque = NULL;
    }
    for (i = 0; i < 65536; i++)
        bus->map[i] = 0;
}

/* Checks everything before touching the bus, so a refused registration
 * leaves it exactly as it was. The name is kept by pointer and must outlive
 * the bus (device names are string literals). A NULL read handler reads as
 * all-ones and a NULL write handler drops writes, for write-only ports such
 * as POST 80h and read-only ones. */
int io_register(struct io_bus *bus, const char *name, uint16_t first, uint16_t count,
                unsigned widths, io_read_fn rd, io_write_fn wr, void *opaque,
                char *err, size_t errlen)
{
    char msg[160];
    const char *nm = name ? name : "(unnamed)";
    uint32_t end = (uint32_t)first + count;          /* one past the last port */
    uint32_t p;
    struct io_range *r;

    if (!name) {
        snprintf(msg, sizeof msg, "io: range at %04Xh has no name", (unsigned)first);
        set_err(err, errlen, msg);
        return -1;
    }
    if (count == 0) {
        snprintf(msg, sizeof msg, "io: range \"%s\" at %04Xh has zero ports", nm,
                 (unsigned)first);
        set_err(err, errlen, msg);
        return -1;
    }
    if (end > 0x10000u) {
        snprintf(msg, sizeof msg, "io: range \"%s\" %04Xh+%u runs past FFFFh", nm,
                 (unsigned)first, (unsigned)count);
        set_err(err, errlen, msg);
        return -1;
    }
    if (widths == 0 || (widths & ~(unsigned)IO_WIDTHS_ALL)) {
        snprintf(msg, sizeof msg, "io: range \"%s\" %04Xh-%04Xh has bad widths mask %#x", nm,
                 (unsigned)first, (unsigned)(end - 1), widths);
        set_err(err, errlen, msg);
        return -1;
    }
    for (p = first; p < end; p++) {
        if (bus->map[p]) {
            const struct io_range *o = &bus->ranges[bus->map[p] - 1];
            snprintf(msg, sizeof msg,
                     "io: range \"%s\" %04Xh-%04Xh overlaps \"%s\" %04Xh-%04Xh", nm,
                     (unsigned)first, (unsigned)(end - 1), o->name, (unsigned)o->first,
                     (unsigned)(o->first + o->count - 1));
            set_err(err, errlen, msg);
            return -1;
        }
    }
    if (bus->nranges >= IO_MAX_RANGES) {
        snprintf(msg, sizeof msg, "io: range \"%s\" %04Xh-%04Xh: table full (%u ranges)", nm,
                 (unsigned)first, (unsigned)(end - 1), (unsigned)IO_MAX_RANGES);
        set_err(err, errlen, msg);
        return -1;
    }

    r = &bus->ranges[bus->nranges];
    r->name = name;
    r->first = first;
    r->count = count;
    r->widths = widths;
    r->read = rd;
    r->write = wr;
    r->opaque = opaque;
    bus->nranges++;
    for (p = first; p < end; p++)
        bus->map[p] = (uint8_t)bus->nranges;
    if (err && errlen)
        err[0] = '\0';
    return 0;
}

/* What the bus does with one access at port (which may be past FFFFh when
 * it is a piece of a split access that ran off the top). */
enum io_plan { IO_NONE, IO_DIRECT, IO_SPLIT, IO_WIDEN };

/* Decides how to carry out an access and, for IO_DIRECT/IO_WIDEN, the range
 * and device width to use.
 *  - unclaimed port: all-ones/ignored, unless a later byte of a wide
 *    access is claimed, then split so that device still sees its bytes;
 *  - the device implements the width and the access fits in its range:
 *    one call;
 *  - otherwise a wide access is split into halves (each redispatched, so
 *    it ends at the widest width the device implements);
 *  - an access narrower than anything the device implements (a byte read
 *    of a 16/32-bit-only device) is widened to the device's narrowest width
 *    at the same port: reads keep the low bytes, writes are zero-extended.
 *    Real chips that care about byte accesses must register IO_W8. */
static enum io_plan io_plan(const struct io_bus *bus, uint32_t port, unsigned width,
                            const struct io_range **rp, unsigned *wp)
{
    const struct io_range *r;
    uint32_t last;
    unsigned w;

    if (port > 0xFFFFu)
        return IO_NONE;
    if (!bus->map[port]) {
        uint32_t p;
        for (p = port + 1; p < port + width && p <= 0xFFFFu; p++)
            if (bus->map[p])
                return IO_SPLIT;
        return IO_NONE;
    }
    r = &bus->ranges[bus->map[port] - 1];
    last = (uint32_t)r->first + r->count - 1;
    if ((r->widths & width) && port + width - 1 <= last) {
        *rp = r;
        *wp = width;
        return IO_DIRECT;
    }
    if (width > 1 && (r->widths & (width - 1)))       /* a narrower width exists */
        return IO_SPLIT;
    if (width > 1 && port + width - 1 > last)         /* straddles the range end */
        return IO_SPLIT;
    for (w = width << 1; w <= 4; w <<= 1) {
        if (r->widths & w) {
            if (port + w - 1 > last)
                return IO_NONE;
            *rp = r;
            *wp = w;
            return IO_WIDEN;
        }
    }
    return IO_NONE;
}

static uint32_t io_read_at(struct io_bus *bus, uint32_t port, unsigned width)
{
    const struct io_range *r = NULL;
    unsigned w = width, half = width / 2;
    uint32_t lo, hi;

    switch (io_plan(bus, port, width, &r, &w)) {
    case IO_DIRECT:
    case IO_WIDEN:
        if (!r->read)
            return width_ones(width);
        return r->read(r->opaque, (uint16_t)port, w) & width_ones(width);
    case IO_SPLIT:
        lo = io_read_at(bus, port, half);
        hi = io_read_at(bus, port + half, half);
        return lo | (hi << (8 * half));
    case IO_NONE:
    default:
        return width_ones(width);
    }
}

static void io_write_at(struct io_bus *bus, uint32_t port, uint32_t val, unsigned width)
{
    const struct io_range *r = NULL;
    unsigned w = width, half = width / 2;

    val &= width_ones(width);
    switch (io_plan(bus, port, width, &r, &w)) {
    case IO_DIRECT:
    case IO_WIDEN:
        if (r->write)
            r->write(r->opaque, (uint16_t)port, val, w);
        return;
    case IO_SPLIT:
        io_write_at(bus, port, val, half);
        io_write_at(bus, port + half, val >> (8 * half), half);
        return;
    case IO_NONE:
    default:
        return;
    }
}

uint32_t io_read(struct io_bus *bus, uint16_t port, unsigned width)
{
    assert(width == 1 || width == 2 || width == 4);
    return io_read_at(bus, port, width);
}

void io_write(struct io_bus *bus, uint16_t port, uint32_t val, unsigned width)
{
    assert(width == 1 || width == 2 || width == 4);
    io_write_at(bus, port, val, width);
}

const char *io_name(const struct io_bus *bus, uint16_t port)
{
    unsigned idx = bus->map[port];
    return idx ? bus->ranges[idx - 1].name : NULL;
}

/* Sets the line low without telling anyone: wiring happens before reset,
 * and a line must never start from whatever the memory held. */
void irq_connect(struct irq_line *line, void (*set)(void *, int, int), void *opaque, int n)
{
    line->set = set;
    line->opaque = opaque;
    line->n = n;
    line->level = 0;
}

/* The listener is called on every set, not only on a change of level: a
 * level-triggered input (8259A in level mode, an IOAPIC pin) must see a
 * device re-assert a line that is still high after an EOI, and an
 * edge-triggered listener filters repeats itself from the level it keeps.
 * Levels are stored as 0 or 1. */
void irq_set(struct irq_line *line, int level)
{
    line->level = level != 0;
    if (line->set)
        line->set(line->opaque, line->n, line->level);
}
