/* test_ioport.c - Check unit tests for devices/ioport.c: registration and
 * its refusals, width splitting, unclaimed ports, io_name, IRQ lines, and
 * two buses in one process. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ioport.h"

/* A fake device that logs every access it receives. */
#define LOG_MAX 32
struct access {
    char dir;                    /* 'r' or 'w' */
    uint16_t port;
    unsigned width;
    uint32_t val;
};
struct fake {
    uint8_t regs[16];            /* indexed by port - base */
    uint16_t base;
    uint32_t garbage;            /* ORed above the width into reads */
    unsigned n;
    struct access log[LOG_MAX];
};

static void fake_init(struct fake *f, uint16_t base)
{
    unsigned i;
    memset(f, 0, sizeof *f);
    f->base = base;
    for (i = 0; i < sizeof f->regs; i++)
        f->regs[i] = (uint8_t)(0x10 + i);
}

static void fake_log(struct fake *f, char dir, uint16_t port, unsigned width, uint32_t val)
{
    ck_assert_uint_lt(f->n, LOG_MAX);
    f->log[f->n].dir = dir;
    f->log[f->n].port = port;
    f->log[f->n].width = width;
    f->log[f->n].val = val;
    f->n++;
}

static uint32_t fake_read(void *opaque, uint16_t port, unsigned width)
{
    struct fake *f = opaque;
    uint32_t v = 0;
    unsigned i;
    for (i = 0; i < width; i++)
        v |= (uint32_t)f->regs[(port - f->base + i) % sizeof f->regs] << (8 * i);
    fake_log(f, 'r', port, width, v);
    if (width < 4)
        v |= f->garbage << (8 * width);
    return v;
}

static void fake_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct fake *f = opaque;
    unsigned i;
    fake_log(f, 'w', port, width, val);
    for (i = 0; i < width; i++)
        f->regs[(port - f->base + i) % sizeof f->regs] = (uint8_t)(val >> (8 * i));
}

static void check_log(const struct fake *f, unsigned i, char dir, uint16_t port,
                      unsigned width, uint32_t val)
{
    ck_assert_uint_lt(i, f->n);
    ck_assert_int_eq(f->log[i].dir, dir);
    ck_assert_uint_eq(f->log[i].port, port);
    ck_assert_uint_eq(f->log[i].width, width);
    ck_assert_uint_eq(f->log[i].val, val);
}

static struct io_bus *new_bus(void)
{
    struct io_bus *bus = malloc(sizeof *bus);
    ck_assert_ptr_nonnull(bus);
    memset(bus, 0xA5, sizeof *bus);   /* io_init must not rely on zeroed memory */
    io_init(bus);
    return bus;
}

static int reg(struct io_bus *bus, const char *name, uint16_t first, uint16_t count,
               unsigned widths, struct fake *f, char *err, size_t errlen)
{
    return io_register(bus, name, first, count, widths, fake_read, fake_write, f, err, errlen);
}

START_TEST(test_register_and_dispatch)
{
    struct io_bus *bus = new_bus();
    struct fake f;
    char err[200];

    fake_init(&f, 0x60);
    ck_assert_int_eq(reg(bus, "kbc", 0x60, 5, IO_W8, &f, err, sizeof err), 0);
    ck_assert_str_eq(err, "");
    ck_assert_uint_eq(bus->nranges, 1);
    ck_assert_uint_eq(io_read(bus, 0x60, 1), 0x10);
    ck_assert_uint_eq(io_read(bus, 0x64, 1), 0x14);
    io_write(bus, 0x61, 0x1AB, 1);                  /* high bits masked off */
    ck_assert_uint_eq(f.regs[1], 0xAB);
    check_log(&f, 2, 'w', 0x61, 1, 0xAB);
    ck_assert_uint_eq(io_read(bus, 0x5F, 1), 0xFF); /* neighbours untouched */
    ck_assert_uint_eq(io_read(bus, 0x65, 1), 0xFF);
    ck_assert_uint_eq(f.n, 3);
    free(bus);
}
END_TEST

START_TEST(test_overlap_refused)
{
    struct io_bus *bus = new_bus();
    struct fake a, b;
    char err[200];

    fake_init(&a, 0x20);
    fake_init(&b, 0x21);
    ck_assert_int_eq(reg(bus, "pic1", 0x20, 2, IO_W8, &a, err, sizeof err), 0);
    ck_assert_int_eq(reg(bus, "bogus", 0x21, 4, IO_W8, &b, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "bogus"));
    ck_assert_ptr_nonnull(strstr(err, "pic1"));
    ck_assert_ptr_nonnull(strstr(err, "0021h-0024h"));
    ck_assert_ptr_nonnull(strstr(err, "0020h-0021h"));
    ck_assert_ptr_nonnull(strstr(err, "overlaps"));
    ck_assert_ptr_null(strchr(err, '\n'));
    /* refused registration changed nothing */
    ck_assert_uint_eq(bus->nranges, 1);
    ck_assert_ptr_null(io_name(bus, 0x22));
    ck_assert_str_eq(io_name(bus, 0x21), "pic1");
    /* overlap starting below the existing range */
    ck_assert_int_eq(reg(bus, "low", 0x10, 0x11, IO_W8, &b, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "pic1"));
    /* adjacent ranges are fine */
    ck_assert_int_eq(reg(bus, "below", 0x1E, 2, IO_W8, &b, err, sizeof err), 0);
    ck_assert_int_eq(reg(bus, "above", 0x22, 2, IO_W8, &b, err, sizeof err), 0);
    free(bus);
}
END_TEST

START_TEST(test_bad_registrations)
{
    struct io_bus *bus = new_bus();
    struct fake f;
    char err[200];
    char name[IO_MAX_RANGES + 1][8];
    unsigned i;

    fake_init(&f, 0);
    ck_assert_int_eq(reg(bus, "zero", 0x100, 0, IO_W8, &f, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "zero"));
    ck_assert_ptr_nonnull(strstr(err, "zero ports"));

    ck_assert_int_eq(reg(bus, "top", 0xFFFE, 3, IO_W8, &f, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "top"));
    ck_assert_ptr_nonnull(strstr(err, "past FFFFh"));
    ck_assert_int_eq(reg(bus, "top", 0xFFFE, 2, IO_W8, &f, err, sizeof err), 0);

    ck_assert_int_eq(reg(bus, "nowidth", 0x100, 1, 0, &f, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "nowidth"));
    ck_assert_ptr_nonnull(strstr(err, "widths"));
    ck_assert_int_eq(reg(bus, "w3", 0x100, 1, 8, &f, err, sizeof err), -1);

    ck_assert_int_eq(reg(bus, NULL, 0x100, 1, IO_W8, &f, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "no name"));

    /* NULL/zero-length err buffer is allowed */
    ck_assert_int_eq(reg(bus, "x", 0x100, 0, IO_W8, &f, NULL, 0), -1);

    ck_assert_uint_eq(bus->nranges, 1);
    for (i = 1; i < IO_MAX_RANGES; i++) {
        snprintf(name[i], sizeof name[i], "r%u", i);
        ck_assert_int_eq(reg(bus, name[i], (uint16_t)(0x1000 + i), 1, IO_W8, &f, err,
                             sizeof err), 0);
    }
    ck_assert_int_eq(reg(bus, "extra", 0x2000, 1, IO_W8, &f, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "extra"));
    ck_assert_ptr_nonnull(strstr(err, "full"));
    /* the last range is reachable through the byte-wide map */
    ck_assert_str_eq(io_name(bus, 0x1000 + IO_MAX_RANGES - 1), name[IO_MAX_RANGES - 1]);
    free(bus);
}
END_TEST

START_TEST(test_split_16_on_8bit)
{
    struct io_bus *bus = new_bus();
    struct fake f;
    char err[200];

    fake_init(&f, 0x3F8);
    f.garbage = 0xDEAD;          /* must be masked before assembling */
    ck_assert_int_eq(reg(bus, "uart", 0x3F8, 8, IO_W8, &f, err, sizeof err), 0);
    ck_assert_uint_eq(io_read(bus, 0x3F9, 2), 0x1211);
    ck_assert_uint_eq(f.n, 2);
    check_log(&f, 0, 'r', 0x3F9, 1, 0x11);
    check_log(&f, 1, 'r', 0x3FA, 1, 0x12);

    io_write(bus, 0x3FA, 0xBEEF, 2);
    ck_assert_uint_eq(f.n, 4);
    check_log(&f, 2, 'w', 0x3FA, 1, 0xEF);
    check_log(&f, 3, 'w', 0x3FB, 1, 0xBE);
    free(bus);
}
END_TEST

START_TEST(test_split_32_on_8bit)
{
    struct io_bus *bus = new_bus();
    struct fake f;
    char err[200];

    fake_init(&f, 0x1F0);
    ck_assert_int_eq(reg(bus, "ata", 0x1F0, 8, IO_W8, &f, err, sizeof err), 0);
    ck_assert_uint_eq(io_read(bus, 0x1F2, 4), 0x15141312);
    ck_assert_uint_eq(f.n, 4);
    check_log(&f, 0, 'r', 0x1F2, 1, 0x12);
    check_log(&f, 1, 'r', 0x1F3, 1, 0x13);
    check_log(&f, 2, 'r', 0x1F4, 1, 0x14);
    check_log(&f, 3, 'r', 0x1F5, 1, 0x15);

    io_write(bus, 0x1F0, 0x44332211, 4);
    ck_assert_uint_eq(f.n, 8);
    check_log(&f, 4, 'w', 0x1F0, 1, 0x11);
    check_log(&f, 5, 'w', 0x1F1, 1, 0x22);
    check_log(&f, 6, 'w', 0x1F2, 1, 0x33);
    check_log(&f, 7, 'w', 0x1F3, 1, 0x44);
    free(bus);
}
END_TEST

START_TEST(test_split_32_on_16bit_and_mixed)
{
    struct io_bus *bus = new_bus();
    struct fake f;
    char err[200];

    fake_init(&f, 0x100);
    ck_assert_int_eq(reg(bus, "w16", 0x100, 4, IO_W8 | IO_W16, &f, err, sizeof err), 0);
    ck_assert_uint_eq(io_read(bus, 0x100, 4), 0x13121110);
    ck_assert_uint_eq(f.n, 2);
    check_log(&f, 0, 'r', 0x100, 2, 0x1110);
    check_log(&f, 1, 'r', 0x102, 2, 0x1312);
    /* a width the device implements goes through whole */
    ck_assert_uint_eq(io_read(bus, 0x101, 2), 0x1211);
    check_log(&f, 2, 'r', 0x101, 2, 0x1211);
    free(bus);
}
END_TEST

START_TEST(test_split_across_ranges)
{
    struct io_bus *bus = new_bus();
    struct fake a, b;
    char err[200];

    fake_init(&a, 0x200);
    fake_init(&b, 0x202);
    /* a implements 32-bit but the access runs past its end */
    ck_assert_int_eq(reg(bus, "a", 0x200, 2, IO_W8 | IO_W16 | IO_W32, &a, err, sizeof err), 0);
    ck_assert_int_eq(reg(bus, "b", 0x202, 1, IO_W8, &b, err, sizeof err), 0);
    /* 0x203 unclaimed */
    ck_assert_uint_eq(io_read(bus, 0x200, 4), 0xFF101110);
    ck_assert_uint_eq(a.n, 1);
    check_log(&a, 0, 'r', 0x200, 2, 0x1110);
    ck_assert_uint_eq(b.n, 1);
    check_log(&b, 0, 'r', 0x202, 1, 0x10);

    /* unclaimed first byte, claimed later bytes: the device still sees its own */
    ck_assert_uint_eq(io_read(bus, 0x1FE, 4), 0x1110FFFF);
    check_log(&a, 1, 'r', 0x200, 2, 0x1110);
    ck_assert_uint_eq(io_read(bus, 0x1FF, 2), 0x10FF);
    check_log(&a, 2, 'r', 0x200, 1, 0x10);

    io_write(bus, 0x201, 0xCCBBAA, 4);
    check_log(&a, 3, 'w', 0x201, 1, 0xAA);
    check_log(&b, 1, 'w', 0x202, 1, 0xBB);
    ck_assert_uint_eq(a.n, 4);
    ck_assert_uint_eq(b.n, 2);
    free(bus);
}
END_TEST

START_TEST(test_widen_narrow_access)
{
    struct io_bus *bus = new_bus();
    struct fake f;
    char err[200];

    fake_init(&f, 0xCFC);
    ck_assert_int_eq(reg(bus, "pcidata", 0xCFC, 4, IO_W32, &f, err, sizeof err), 0);
    ck_assert_uint_eq(io_read(bus, 0xCFC, 1), 0x10);
    check_log(&f, 0, 'r', 0xCFC, 4, 0x13121110);
    ck_assert_uint_eq(io_read(bus, 0xCFC, 2), 0x1110);
    check_log(&f, 1, 'r', 0xCFC, 4, 0x13121110);
    io_write(bus, 0xCFC, 0x1234, 2);
    check_log(&f, 2, 'w', 0xCFC, 4, 0x1234);
    /* a widened access that would run past the range end is not made */
    ck_assert_uint_eq(io_read(bus, 0xCFD, 1), 0xFF);
    io_write(bus, 0xCFD, 0x55, 1);
    ck_assert_uint_eq(f.n, 3);
    free(bus);
}
END_TEST

START_TEST(test_unclaimed)
{
    struct io_bus *bus = new_bus();
    struct fake f;
    char err[200];

    ck_assert_uint_eq(io_read(bus, 0x80, 1), 0xFF);
    ck_assert_uint_eq(io_read(bus, 0x80, 2), 0xFFFF);
    ck_assert_uint_eq(io_read(bus, 0x80, 4), 0xFFFFFFFF);
    io_write(bus, 0x80, 0x12345678, 4);     /* ignored, no crash */
    ck_assert_uint_eq(io_read(bus, 0xFFFF, 4), 0xFFFFFFFF);

    /* the bus does not wrap past FFFFh into port 0 */
    fake_init(&f, 0);
    ck_assert_int_eq(reg(bus, "zero", 0, 1, IO_W8, &f, err, sizeof err), 0);
    ck_assert_uint_eq(io_read(bus, 0xFFFF, 2), 0xFFFF);
    io_write(bus, 0xFFFE, 0xAABBCCDD, 4);
    ck_assert_uint_eq(f.n, 0);

    /* NULL handlers: read-only and write-only ports */
    ck_assert_int_eq(io_register(bus, "post", 0x80, 1, IO_W8, NULL, NULL, NULL, err,
                                 sizeof err), 0);
    ck_assert_uint_eq(io_read(bus, 0x80, 1), 0xFF);
    io_write(bus, 0x80, 0x12, 1);
    ck_assert_str_eq(io_name(bus, 0x80), "post");
    free(bus);
}
END_TEST

START_TEST(test_io_name)
{
    struct io_bus *bus = new_bus();
    struct fake a, b;
    char err[200];

    fake_init(&a, 0x40);
    fake_init(&b, 0x70);
    ck_assert_int_eq(reg(bus, "pit", 0x40, 4, IO_W8, &a, err, sizeof err), 0);
    ck_assert_int_eq(reg(bus, "cmos", 0x70, 2, IO_W8, &b, err, sizeof err), 0);
    ck_assert_str_eq(io_name(bus, 0x40), "pit");
    ck_assert_str_eq(io_name(bus, 0x43), "pit");
    ck_assert_ptr_null(io_name(bus, 0x44));
    ck_assert_str_eq(io_name(bus, 0x71), "cmos");
    ck_assert_ptr_null(io_name(bus, 0x0));
    ck_assert_ptr_null(io_name(bus, 0xFFFF));
    free(bus);
}
END_TEST

START_TEST(test_two_buses)
{
    struct io_bus *b1 = new_bus(), *b2 = new_bus();
    struct fake f1, f2;
    char err[200];

    fake_init(&f1, 0x60);
    fake_init(&f2, 0x60);
    f2.regs[0] = 0x99;
    ck_assert_int_eq(reg(b1, "kbc-one", 0x60, 1, IO_W8, &f1, err, sizeof err), 0);
    /* same port on the other bus: no overlap */
    ck_assert_int_eq(reg(b2, "kbc-two", 0x60, 1, IO_W8, &f2, err, sizeof err), 0);
    ck_assert_uint_eq(io_read(b1, 0x60, 1), 0x10);
    ck_assert_uint_eq(io_read(b2, 0x60, 1), 0x99);
    io_write(b1, 0x60, 0x42, 1);
    ck_assert_uint_eq(f1.regs[0], 0x42);
    ck_assert_uint_eq(f2.regs[0], 0x99);
    ck_assert_str_eq(io_name(b1, 0x60), "kbc-one");
    ck_assert_str_eq(io_name(b2, 0x60), "kbc-two");
    ck_assert_uint_eq(f1.n, 2);
    ck_assert_uint_eq(f2.n, 1);
    free(b1);
    free(b2);
}
END_TEST

/* IRQ listener that records calls. */
struct listener {
    unsigned calls;
    int last_n, last_level;
};

static void listener_set(void *opaque, int n, int level)
{
    struct listener *l = opaque;
    l->calls++;
    l->last_n = n;
    l->last_level = level;
}

START_TEST(test_irq_lines)
{
    struct listener pic1 = {0, -1, -1}, pic2 = {0, -1, -1};
    struct irq_line l1, l8, loose;

    memset(&l1, 0xA5, sizeof l1);
    irq_connect(&l1, listener_set, &pic1, 1);
    irq_connect(&l8, listener_set, &pic2, 8);
    ck_assert_int_eq(l1.level, 0);
    ck_assert_uint_eq(pic1.calls, 0);

    irq_raise(&l1);
    ck_assert_uint_eq(pic1.calls, 1);
    ck_assert_int_eq(pic1.last_n, 1);
    ck_assert_int_eq(pic1.last_level, 1);
    ck_assert_int_eq(l1.level, 1);
    /* re-assertion of a high line is delivered (level-triggered consumers) */
    irq_raise(&l1);
    ck_assert_uint_eq(pic1.calls, 2);
    ck_assert_int_eq(pic1.last_level, 1);
    irq_lower(&l1);
    ck_assert_uint_eq(pic1.calls, 3);
    ck_assert_int_eq(pic1.last_level, 0);
    ck_assert_int_eq(l1.level, 0);
    /* levels are normalised to 0/1 */
    irq_set(&l1, 7);
    ck_assert_int_eq(pic1.last_level, 1);
    ck_assert_int_eq(l1.level, 1);
    /* lines are independent */
    ck_assert_uint_eq(pic2.calls, 0);
    irq_raise(&l8);
    ck_assert_uint_eq(pic2.calls, 1);
    ck_assert_int_eq(pic2.last_n, 8);
    ck_assert_uint_eq(pic1.calls, 4);
    /* an unconnected line just keeps its level */
    irq_connect(&loose, NULL, NULL, 3);
    irq_raise(&loose);
    ck_assert_int_eq(loose.level, 1);
}
END_TEST

static Suite *ioport_suite(void)
{
    Suite *s = suite_create("ioport");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_register_and_dispatch);
    tcase_add_test(tc, test_overlap_refused);
    tcase_add_test(tc, test_bad_registrations);
    tcase_add_test(tc, test_split_16_on_8bit);
    tcase_add_test(tc, test_split_32_on_8bit);
    tcase_add_test(tc, test_split_32_on_16bit_and_mixed);
    tcase_add_test(tc, test_split_across_ranges);
    tcase_add_test(tc, test_widen_narrow_access);
    tcase_add_test(tc, test_unclaimed);
    tcase_add_test(tc, test_io_name);
    tcase_add_test(tc, test_two_buses);
    tcase_add_test(tc, test_irq_lines);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(ioport_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
