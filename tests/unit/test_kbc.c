/* test_kbc.c - Check unit tests for devices/kbc.c (8042 + PS/2 keyboard
 * and mouse). The chip is poked through a real io_bus; rig.clock is what
 * its now-callback returns, and tests move it and run the scheduler. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kbc.h"

#define HZ 1000000u              /* 1 MHz: one cycle per microsecond */

struct rig {
    uint64_t clock;
    struct sched s;
    struct io_bus bus;
    struct kbc k;
    int a20, a20_calls, resets;
    int irq_edges[16];           /* rising edges per IRQ number */
};

static uint64_t rig_now(void *o) { return ((struct rig *)o)->clock; }
static void rig_a20(void *o, int on) { struct rig *r = o; r->a20 = on; r->a20_calls++; }
static void rig_reset(void *o) { ((struct rig *)o)->resets++; }
static void rig_irq(void *o, int n, int level)
{
    struct rig *r = o;
    if (level)
        r->irq_edges[n]++;
}

static struct rig *rig_new(void)
{
    char err[160];
    struct rig *r = malloc(sizeof *r);

    ck_assert_ptr_nonnull(r);
    memset(r, 0xA5, sizeof *r);  /* init must not rely on zeroed memory */
    r->clock = 0;
    r->a20 = -1;
    r->a20_calls = r->resets = 0;
    memset(r->irq_edges, 0, sizeof r->irq_edges);
    sched_init(&r->s);
    io_init(&r->bus);
    ck_assert_int_eq(kbc_init(&r->k, HZ, rig_now, r, &r->s, err, sizeof err), 0);
    r->k.a20 = rig_a20;
    r->k.a20_opaque = r;
    r->k.reset = rig_reset;
    r->k.reset_opaque = r;
    irq_connect(&r->k.irq1, rig_irq, r, 1);
    irq_connect(&r->k.irq12, rig_irq, r, 12);
    ck_assert_int_eq(kbc_register(&r->k, &r->bus, err, sizeof err), 0);
    return r;
}

static void cmd(struct rig *r, uint8_t c) { io_write(&r->bus, 0x64, c, 1); }
static void data(struct rig *r, uint8_t v) { io_write(&r->bus, 0x60, v, 1); }
static uint8_t status(struct rig *r) { return (uint8_t)io_read(&r->bus, 0x64, 1); }

/* Reads one byte, checking that one was there. */
static uint8_t rd(struct rig *r)
{
    ck_assert_uint_eq(status(r) & 1, 1);
    return (uint8_t)io_read(&r->bus, 0x60, 1);
}

static void expect(struct rig *r, const uint8_t *b, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        ck_assert_uint_eq(rd(r), b[i]);
    ck_assert_uint_eq(status(r) & 0x21, 0);
}
#define EXPECT(r, ...) do { static const uint8_t e_[] = { __VA_ARGS__ }; \
    expect(r, e_, sizeof e_); } while (0)

static void advance(struct rig *r, uint64_t to)
{
    r->clock = to;
    sched_run_due(&r->s, to);
}

START_TEST(test_self_test)
{
    struct rig *r = rig_new();

    ck_assert_uint_eq(status(r) & 0x04, 0);
    cmd(r, 0xAA);
    ck_assert_uint_eq(status(r) & 0x0D, 0x0D);   /* OBF, SYS, last write was a command */
    EXPECT(r, 0x55);
    cmd(r, 0xAB);
    EXPECT(r, 0x00);
    cmd(r, 0xA9);
    EXPECT(r, 0x00);
    cmd(r, 0xC0);
    EXPECT(r, 0x80);
    free(r);
}
END_TEST

START_TEST(test_command_byte)
{
    struct rig *r = rig_new();

    cmd(r, 0x20);
    EXPECT(r, 0x00);
    cmd(r, 0x60);
    data(r, 0x65);
    ck_assert_uint_eq(status(r) & 0x0C, 0x04);   /* SYS from the command byte; data write */
    cmd(r, 0x20);
    ck_assert_uint_eq(r->irq_edges[1], 1);       /* IRQ1 enabled by bit 0 */
    EXPECT(r, 0x65);
    cmd(r, 0xAD);
    cmd(r, 0xA7);
    cmd(r, 0x20);
    EXPECT(r, 0x75);
    cmd(r, 0xAE);
    cmd(r, 0xA8);
    cmd(r, 0x20);
    EXPECT(r, 0x45);
    free(r);
}
END_TEST

START_TEST(test_a20_output_port)
{
    struct rig *r = rig_new();

    cmd(r, 0xD0);
    EXPECT(r, 0xCF);
    cmd(r, 0xD1);
    data(r, 0xCD);               /* A20 off */
    ck_assert_int_eq(r->a20, 0);
    ck_assert_int_eq(r->a20_calls, 1);
    cmd(r, 0xD0);
    EXPECT(r, 0xCD);
    cmd(r, 0xD1);
    data(r, 0xDF);               /* A20 on (BIOSes write DFh) */
    ck_assert_int_eq(r->a20, 1);
    ck_assert_int_eq(r->a20_calls, 2);
    ck_assert_int_eq(r->resets, 0);
    free(r);
}
END_TEST

START_TEST(test_reset_pulse)
{
    struct rig *r = rig_new();

    cmd(r, 0xFF);                /* pulses nothing */
    ck_assert_int_eq(r->resets, 0);
    cmd(r, 0xFE);
    ck_assert_int_eq(r->resets, 1);
    cmd(r, 0xD1);
    data(r, 0xCE);               /* bit 0 low resets too */
    ck_assert_int_eq(r->resets, 2);
    cmd(r, 0xD0);
    ck_assert_uint_eq(rd(r) & 1, 1);   /* the firmware releases RESET again */
    free(r);
}
END_TEST

START_TEST(test_kbd_reset_identify)
{
    struct rig *r = rig_new();

    data(r, 0xFF);
    EXPECT(r, 0xFA, 0xAA);
    data(r, 0xF2);
    EXPECT(r, 0xFA, 0xAB, 0x83);
    cmd(r, 0x60);
    data(r, 0x40);               /* translation: the famous AB 41 */
    data(r, 0xF2);
    EXPECT(r, 0xFA, 0xAB, 0x41);
    data(r, 0xEE);
    EXPECT(r, 0xEE);
    data(r, 0x99);               /* unknown command */
    EXPECT(r, 0xFE);
    free(r);
}
END_TEST

START_TEST(test_leds_and_scan_set)
{
    struct rig *r = rig_new();

    data(r, 0xED);
    EXPECT(r, 0xFA);
    data(r, 0x07);
    EXPECT(r, 0xFA);
    ck_assert_uint_eq(r->k.kb_leds, 7);
    data(r, 0xF0);
    data(r, 0x00);
    EXPECT(r, 0xFA, 0xFA, 0x02);
    data(r, 0xF0);
    data(r, 0x01);               /* set 1 not generated by this keyboard */
    EXPECT(r, 0xFA, 0xFE);
    free(r);
}
END_TEST

START_TEST(test_translated_codes)
{
    struct rig *r = rig_new();

    cmd(r, 0x60);
    data(r, 0x41);               /* translate, IRQ1 */
    kbc_key(&r->k, 0x1C, 1);     /* A */
    kbc_key(&r->k, 0x1C, 0);
    kbc_key(&r->k, 0xE075, 1);   /* cursor up */
    kbc_key(&r->k, 0xE075, 0);
    kbc_key(&r->k, 0x76, 1);     /* Esc */
    EXPECT(r, 0x1E, 0x9E, 0xE0, 0x48, 0xE0, 0xC8, 0x01);
    ck_assert_int_eq(r->irq_edges[1], 7);
    ck_assert_int_eq(r->irq_edges[12], 0);
    free(r);
}
END_TEST

START_TEST(test_untranslated_set2)
{
    struct rig *r = rig_new();

    kbc_key(&r->k, 0x1C, 1);
    kbc_key(&r->k, 0x1C, 0);
    kbc_key(&r->k, 0xE075, 0);
    EXPECT(r, 0x1C, 0xF0, 0x1C, 0xE0, 0xF0, 0x75);
    ck_assert_int_eq(r->irq_edges[1], 0);   /* interrupts off in the command byte */
    free(r);
}
END_TEST

START_TEST(test_typematic_exact)
{
    struct rig *r = rig_new();

    data(r, 0xF3);
    data(r, 0x20);               /* 500 ms delay, 30 cps: period 8/240 s */
    EXPECT(r, 0xFA, 0xFA);
    r->clock = 1000;
    kbc_key(&r->k, 0x1C, 1);
    EXPECT(r, 0x1C);
    advance(r, 1000 + 499999);
    ck_assert_uint_eq(status(r) & 1, 0);
    advance(r, 1000 + 500000);
    EXPECT(r, 0x1C);
    advance(r, 1000 + 500000 + 33332);
    ck_assert_uint_eq(status(r) & 1, 0);
    advance(r, 1000 + 500000 + 33333);
    EXPECT(r, 0x1C);
    advance(r, 1000 + 500000 + 2 * 33333);
    EXPECT(r, 0x1C);
    r->clock += 10;
    kbc_key(&r->k, 0x1C, 0);
    EXPECT(r, 0xF0, 0x1C);
    advance(r, 5000000);
    ck_assert_uint_eq(status(r) & 1, 0);
    free(r);
}
END_TEST

START_TEST(test_disable_keyboard)
{
    struct rig *r = rig_new();

    cmd(r, 0xAD);
    kbc_key(&r->k, 0x1C, 1);
    ck_assert_uint_eq(status(r) & 1, 0);
    cmd(r, 0xAE);
    kbc_key(&r->k, 0x1C, 1);
    EXPECT(r, 0x1C);
    data(r, 0xF5);               /* the keyboard stops scanning */
    EXPECT(r, 0xFA);
    kbc_key(&r->k, 0x1B, 1);
    ck_assert_uint_eq(status(r) & 1, 0);
    data(r, 0xF4);
    EXPECT(r, 0xFA);
    kbc_key(&r->k, 0x1B, 1);
    EXPECT(r, 0x1B);
    free(r);
}
END_TEST

START_TEST(test_mouse)
{
    struct rig *r = rig_new();

    cmd(r, 0x60);
    data(r, 0x03);               /* IRQ1 and IRQ12 */
    cmd(r, 0xD4);
    data(r, 0xFF);
    ck_assert_uint_eq(status(r) & 0x21, 0x21);   /* AUX OBF */
    EXPECT(r, 0xFA, 0xAA, 0x00);
    ck_assert_int_eq(r->irq_edges[12], 3);
    ck_assert_int_eq(r->irq_edges[1], 0);
    cmd(r, 0xD4); data(r, 0xF2);
    EXPECT(r, 0xFA, 0x00);
    cmd(r, 0xD4); data(r, 0xF3);
    cmd(r, 0xD4); data(r, 40);
    cmd(r, 0xD4); data(r, 0xE8);
    cmd(r, 0xD4); data(r, 3);
    cmd(r, 0xD4); data(r, 0xE7);
    EXPECT(r, 0xFA, 0xFA, 0xFA, 0xFA, 0xFA);
    cmd(r, 0xD4); data(r, 0xE6);
    cmd(r, 0xD4); data(r, 0xE9);
    EXPECT(r, 0xFA, 0xFA, 0x00, 0x03, 40);
    kbc_mouse(&r->k, 5, 5, 0);   /* not reporting yet */
    ck_assert_uint_eq(status(r) & 1, 0);
    cmd(r, 0xD4); data(r, 0xF4);
    EXPECT(r, 0xFA);
    r->irq_edges[12] = 0;
    kbc_mouse(&r->k, 10, -3, 1);
    ck_assert_uint_eq(status(r) & 0x21, 0x21);
    EXPECT(r, 0x29, 0x0A, 0xFD);
    ck_assert_int_eq(r->irq_edges[12], 3);
    cmd(r, 0xA7);                /* aux disabled: no packets */
    kbc_mouse(&r->k, 1, 1, 0);
    ck_assert_uint_eq(status(r) & 1, 0);
    free(r);
}
END_TEST

START_TEST(test_d2_d3_echo)
{
    struct rig *r = rig_new();

    cmd(r, 0x60);
    data(r, 0x03);
    cmd(r, 0xD2);
    data(r, 0x5A);
    ck_assert_uint_eq(status(r) & 0x21, 0x01);
    ck_assert_int_eq(r->irq_edges[1], 1);
    EXPECT(r, 0x5A);
    cmd(r, 0xD3);
    data(r, 0xA5);
    ck_assert_uint_eq(status(r) & 0x21, 0x21);
    ck_assert_int_eq(r->irq_edges[12], 1);
    EXPECT(r, 0xA5);
    free(r);
}
END_TEST

START_TEST(test_two_controllers)
{
    struct rig *a = rig_new(), *b = rig_new();

    cmd(a, 0x60);
    data(a, 0x40);
    kbc_key(&a->k, 0x1C, 1);
    kbc_key(&b->k, 0x1C, 1);
    cmd(b, 0xFE);
    EXPECT(a, 0x1E);
    EXPECT(b, 0x1C);
    ck_assert_int_eq(a->resets, 0);
    ck_assert_int_eq(b->resets, 1);
    free(a);
    free(b);
}
END_TEST

START_TEST(test_state_table)
{
    size_t total = 0;

    for (size_t i = 0; i < kbc_nfields; i++) {
        ck_assert_ptr_nonnull(kbc_fields[i].name);
        ck_assert_uint_gt(kbc_fields[i].size, 0);
        ck_assert_uint_le(kbc_fields[i].offset + kbc_fields[i].size,
                          offsetof(struct kbc, cpu_hz));
        total += kbc_fields[i].size;
    }
    ck_assert_uint_gt(total, 2 * KBC_QUEUE);
}
END_TEST

static Suite *kbc_suite(void)
{
    Suite *s = suite_create("kbc");
    TCase *tc = tcase_create("kbc");

    tcase_add_test(tc, test_self_test);
    tcase_add_test(tc, test_command_byte);
    tcase_add_test(tc, test_a20_output_port);
    tcase_add_test(tc, test_reset_pulse);
    tcase_add_test(tc, test_kbd_reset_identify);
    tcase_add_test(tc, test_leds_and_scan_set);
    tcase_add_test(tc, test_translated_codes);
    tcase_add_test(tc, test_untranslated_set2);
    tcase_add_test(tc, test_typematic_exact);
    tcase_add_test(tc, test_disable_keyboard);
    tcase_add_test(tc, test_mouse);
    tcase_add_test(tc, test_d2_d3_echo);
    tcase_add_test(tc, test_two_controllers);
    tcase_add_test(tc, test_state_table);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(kbc_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
