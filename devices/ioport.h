/* ioport.h - the 64K-entry port-I/O bus, IRQ lines and nothing else.
 *
 * Devices register named port ranges with the access widths they implement;
 * the bus splits wider accesses into narrower ones the device accepts
 * (little-endian order, low port first) and answers all-ones for ports
 * nobody claims, as an ISA bus with pull-ups does. Registration refuses
 * overlaps so two chips can never silently shadow each other. */
#ifndef TICK86_IOPORT_H
#define TICK86_IOPORT_H
#include <stdint.h>
#include <stddef.h>

/* width is 1, 2 or 4 (bytes). */
typedef uint32_t (*io_read_fn)(void *opaque, uint16_t port, unsigned width);
typedef void (*io_write_fn)(void *opaque, uint16_t port, uint32_t val, unsigned width);

enum { IO_W8 = 1, IO_W16 = 2, IO_W32 = 4 };   /* bits of the widths mask */

struct io_range {
    const char *name;
    uint16_t first, count;
    unsigned widths;             /* IO_W8 | IO_W16 | IO_W32 the handler implements */
    io_read_fn read;
    io_write_fn write;
    void *opaque;
};

#define IO_MAX_RANGES 128

struct io_bus {
    struct io_range ranges[IO_MAX_RANGES];
    unsigned nranges;
    uint8_t map[65536];          /* port -> range index + 1, 0 = unclaimed */
};

void io_init(struct io_bus *bus);
/* Returns 0, or -1 and a one-line reason in err (overlap names both ranges,
 * zero ports, a range past FFFFh, a zero or unknown widths mask, a NULL
 * name, the table full); a refused call leaves the bus unchanged. name is
 * kept by pointer. rd/wr may be NULL (reads all-ones / writes dropped). */
int io_register(struct io_bus *bus, const char *name, uint16_t first, uint16_t count,
                unsigned widths, io_read_fn rd, io_write_fn wr, void *opaque,
                char *err, size_t errlen);
uint32_t io_read(struct io_bus *bus, uint16_t port, unsigned width);
void io_write(struct io_bus *bus, uint16_t port, uint32_t val, unsigned width);
/* Name of the range holding port, or NULL (for the debugger). */
const char *io_name(const struct io_bus *bus, uint16_t port);

/* An IRQ line: a device drives it without knowing who listens. */
struct irq_line {
    void (*set)(void *opaque, int n, int level);
    void *opaque;
    int n;
    int level;
};
/* Connecting sets the line low (without calling set). */
void irq_connect(struct irq_line *line, void (*set)(void *, int, int), void *opaque, int n);
/* Stores level as 0/1 and calls set on every call, not only on a change,
 * so level-triggered listeners see a re-assertion. */
void irq_set(struct irq_line *line, int level);
static inline void irq_raise(struct irq_line *l) { irq_set(l, 1); }
static inline void irq_lower(struct irq_line *l) { irq_set(l, 0); }
#endif
