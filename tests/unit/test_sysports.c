/* test_sysports.c - Check unit tests for devices/sysports.c (ports 80h,
 * 92h, E9h, F4h). Each rig owns a real io_bus and logs every callback in
 * order, so tests see exactly what the board and front end would. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sysports.h"

#define MAXLOG 64

enum ev { EV_A20, EV_RESET, EV_POST, EV_CON, EV_EXIT };

struct rig {
    struct io_bus bus;
    struct sysports p;
    unsigned n;
    enum ev kind[MAXLOG];
    int val[MAXLOG];
};

static void rig_log(struct rig *r, enum ev k, int v)
{
    ck_assert_uint_lt(r->n, MAXLOG);
    r->kind[r->n] = k;
    r->val[r->n++] = v;
}

static void cb_a20(void *o, int on) { rig_log(o, EV_A20, on); }
static void cb_reset(void *o) { rig_log(o, EV_RESET, 0); }
static void cb_post(void *o, uint8_t c) { rig_log(o, EV_POST, c); }
static void cb_con(void *o, uint8_t b) { rig_log(o, EV_CON, b); }
static void cb_exit(void *o, int s) { rig_log(o, EV_EXIT, s); }

static void rig_init(struct rig *r, int debug_exit)
{
    struct sysports_host h = { cb_a20, cb_reset, cb_post, cb_con, cb_exit, r };
    char err[200];

    memset(r, 0, sizeof *r);
    io_init(&r->bus);
    sysports_init(&r->p, &h, debug_exit);
    ck_assert_msg(sysports_register(&r->p, &r->bus, err, sizeof err) == 0, "%s", err);
}

static unsigned count(const struct rig *r, enum ev k)
{
    unsigned i, c = 0;

    for (i = 0; i < r->n; i++)
        c += r->kind[i] == k;
    return c;
}

START_TEST(test_names)
{
    struct rig r;

    rig_init(&r, 1);
    ck_assert_str_eq(io_name(&r.bus, 0x92), "system control port A");
    ck_assert_str_eq(io_name(&r.bus, 0x80), "post");
    ck_assert_str_eq(io_name(&r.bus, 0xE9), "debugcon");
    ck_assert_str_eq(io_name(&r.bus, 0xF4), "debug-exit");
    ck_assert_str_eq(io_name(&r.bus, 0xF7), "debug-exit");
    ck_assert_ptr_null(io_name(&r.bus, 0xF8));
    ck_assert_ptr_null(io_name(&r.bus, 0x91));
    ck_assert_ptr_null(io_name(&r.bus, 0x93));
}
END_TEST

START_TEST(test_a20_readback)
{
    struct rig r;

    rig_init(&r, 0);
    ck_assert_uint_eq(io_read(&r.bus, 0x92, 1), 0x00);
    ck_assert_int_eq(sysports_a20(&r.p), 0);
    io_write(&r.bus, 0x92, 0x02, 1);
    ck_assert_uint_eq(r.n, 1);
    ck_assert_int_eq(r.kind[0], EV_A20);
    ck_assert_int_eq(r.val[0], 1);
    ck_assert_int_eq(sysports_a20(&r.p), 1);
    ck_assert_uint_eq(io_read(&r.bus, 0x92, 1), 0x02);
    /* other bits are stored and read back */
    io_write(&r.bus, 0x92, 0xC0, 1);
    ck_assert_int_eq(r.kind[1], EV_A20);
    ck_assert_int_eq(r.val[1], 0);
    ck_assert_int_eq(sysports_a20(&r.p), 0);
    ck_assert_uint_eq(io_read(&r.bus, 0x92, 1), 0xC0);
    ck_assert_uint_eq(count(&r, EV_RESET), 0);
    sysports_reset(&r.p);
    ck_assert_uint_eq(io_read(&r.bus, 0x92, 1), 0x00);
    ck_assert_uint_eq(r.n, 2);                    /* reset calls no callback */
}
END_TEST

START_TEST(test_fast_reset_edge)
{
    struct rig r;

    rig_init(&r, 0);
    io_write(&r.bus, 0x92, 0x01, 1);              /* 0 -> 1: reset */
    ck_assert_uint_eq(count(&r, EV_RESET), 1);
    ck_assert_uint_eq(io_read(&r.bus, 0x92, 1), 0x01);
    io_write(&r.bus, 0x92, 0x01, 1);              /* stays 1: nothing */
    io_write(&r.bus, 0x92, 0x03, 1);              /* A20 toggled with bit 0 held */
    ck_assert_uint_eq(count(&r, EV_RESET), 1);
    ck_assert_int_eq(sysports_a20(&r.p), 1);
    io_write(&r.bus, 0x92, 0x02, 1);              /* 1 -> 0: nothing */
    ck_assert_uint_eq(count(&r, EV_RESET), 1);
    io_write(&r.bus, 0x92, 0x03, 1);              /* 0 -> 1 again */
    ck_assert_uint_eq(count(&r, EV_RESET), 2);
    /* A20 is reported before the reset of the same write */
    ck_assert_int_eq(r.kind[r.n - 2], EV_A20);
    ck_assert_int_eq(r.val[r.n - 2], 1);
    ck_assert_int_eq(r.kind[r.n - 1], EV_RESET);
}
END_TEST

START_TEST(test_post_code)
{
    struct rig r;

    rig_init(&r, 0);
    ck_assert_uint_eq(io_read(&r.bus, 0x80, 1), 0x00);
    io_write(&r.bus, 0x80, 0x55, 1);
    io_write(&r.bus, 0x80, 0xAA, 1);
    ck_assert_uint_eq(io_read(&r.bus, 0x80, 1), 0xAA);
    ck_assert_uint_eq(r.n, 2);
    ck_assert_int_eq(r.kind[0], EV_POST);
    ck_assert_int_eq(r.val[0], 0x55);
    ck_assert_int_eq(r.kind[1], EV_POST);
    ck_assert_int_eq(r.val[1], 0xAA);
}
END_TEST

START_TEST(test_no_callbacks)
{
    struct io_bus bus;
    struct sysports p;
    char err[200];

    io_init(&bus);
    sysports_init(&p, NULL, 1);
    ck_assert_int_eq(sysports_register(&p, &bus, err, sizeof err), 0);
    io_write(&bus, 0x92, 0x03, 1);
    io_write(&bus, 0x80, 0x12, 1);
    io_write(&bus, 0xE9, 'x', 1);
    io_write(&bus, 0xF4, 1, 1);
    ck_assert_uint_eq(io_read(&bus, 0x92, 1), 0x03);
    ck_assert_uint_eq(io_read(&bus, 0x80, 1), 0x12);
}
END_TEST

START_TEST(test_debugcon)
{
    static const char msg[] = "Hi!\n";
    struct rig r;
    unsigned i;

    rig_init(&r, 0);
    for (i = 0; msg[i]; i++)
        io_write(&r.bus, 0xE9, (uint8_t)msg[i], 1);
    ck_assert_uint_eq(r.n, 4);
    for (i = 0; msg[i]; i++) {
        ck_assert_int_eq(r.kind[i], EV_CON);
        ck_assert_int_eq(r.val[i], (uint8_t)msg[i]);
    }
    ck_assert_uint_eq(io_read(&r.bus, 0xE9, 1), 0xE9);
}
END_TEST

START_TEST(test_debug_exit_widths)
{
    struct rig r;

    rig_init(&r, 1);
    io_write(&r.bus, 0xF4, 0x00, 1);
    io_write(&r.bus, 0xF4, 0x10, 1);
    io_write(&r.bus, 0xF4, 0xFF, 1);
    io_write(&r.bus, 0xF4, 0x1234, 2);
    io_write(&r.bus, 0xF4, 0x00012345, 4);
    io_write(&r.bus, 0xF4, 0x3FFFFFFF, 4);
    io_write(&r.bus, 0xF4, 0xFFFFFFFF, 4);       /* low 32 bits of 1FFFFFFFFh: -1 */
    io_write(&r.bus, 0xF4, 0x7FFFFFFF, 4);       /* FFFFFFFFh: -1 too */
    io_write(&r.bus, 0xF4, 0x40000000, 4);       /* 80000001h */
    ck_assert_uint_eq(r.n, 9);
    ck_assert_uint_eq(count(&r, EV_EXIT), 9);
    ck_assert_int_eq(r.val[0], 1);
    ck_assert_int_eq(r.val[1], 0x21);
    ck_assert_int_eq(r.val[2], 0x1FF);
    ck_assert_int_eq(r.val[3], 0x2469);
    ck_assert_int_eq(r.val[4], 0x2468B);
    ck_assert_int_eq(r.val[5], 0x7FFFFFFF);
    ck_assert_int_eq(r.val[6], -1);
    ck_assert_int_eq(r.val[7], -1);
    ck_assert_int_eq(r.val[8], -0x7FFFFFFF);
    /* the whole 32-bit value reaches the device in one access */
    r.n = 0;
    io_write(&r.bus, 0xF4, 0xABCD, 2);
    ck_assert_uint_eq(r.n, 1);
    ck_assert_int_eq(r.val[0], 0x1579B);
}
END_TEST

START_TEST(test_debug_exit_disabled)
{
    struct rig r;

    rig_init(&r, 0);
    ck_assert_ptr_null(io_name(&r.bus, 0xF4));
    ck_assert_uint_eq(io_read(&r.bus, 0xF4, 1), 0xFF);
    ck_assert_uint_eq(io_read(&r.bus, 0xF4, 4), 0xFFFFFFFFu);
    io_write(&r.bus, 0xF4, 0x01, 1);
    io_write(&r.bus, 0xF4, 0x01, 4);
    ck_assert_uint_eq(r.n, 0);
}
END_TEST

START_TEST(test_two_instances)
{
    struct rig *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);

    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    rig_init(a, 1);
    rig_init(b, 0);
    io_write(&a->bus, 0x92, 0x02, 1);
    io_write(&a->bus, 0x80, 0x42, 1);
    io_write(&b->bus, 0x80, 0x99, 1);
    io_write(&b->bus, 0xE9, 'b', 1);
    io_write(&a->bus, 0xF4, 3, 1);
    io_write(&b->bus, 0xF4, 3, 1);
    ck_assert_int_eq(sysports_a20(&a->p), 1);
    ck_assert_int_eq(sysports_a20(&b->p), 0);
    ck_assert_uint_eq(io_read(&a->bus, 0x80, 1), 0x42);
    ck_assert_uint_eq(io_read(&b->bus, 0x80, 1), 0x99);
    ck_assert_uint_eq(io_read(&b->bus, 0x92, 1), 0x00);
    ck_assert_uint_eq(a->n, 3);
    ck_assert_int_eq(a->kind[2], EV_EXIT);
    ck_assert_int_eq(a->val[2], 7);
    ck_assert_uint_eq(b->n, 2);
    ck_assert_int_eq(b->kind[1], EV_CON);
    ck_assert_int_eq(b->val[1], 'b');
    free(a);
    free(b);
}
END_TEST

START_TEST(test_overlap_refused)
{
    struct rig r;
    struct sysports q;
    char err[200];

    rig_init(&r, 1);
    sysports_init(&q, NULL, 0);
    ck_assert_int_eq(sysports_register(&q, &r.bus, err, sizeof err), -1);
    ck_assert_str_eq(io_name(&r.bus, 0x92), "system control port A");
}
END_TEST

START_TEST(test_state_table)
{
    size_t i, total = 0;

    ck_assert_uint_eq(sysports_nfields, 2);
    for (i = 0; i < sysports_nfields; i++) {
        ck_assert_ptr_nonnull(sysports_fields[i].name);
        ck_assert_uint_le(sysports_fields[i].offset + sysports_fields[i].size,
                          sizeof(struct sysports));
        total += sysports_fields[i].size;
    }
    ck_assert_uint_eq(total, 2);
    ck_assert_int_eq(SYSPORTS_STATE_VERSION, 1);
}
END_TEST

static Suite *sysports_suite(void)
{
    Suite *s = suite_create("sysports");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_names);
    tcase_add_test(tc, test_a20_readback);
    tcase_add_test(tc, test_fast_reset_edge);
    tcase_add_test(tc, test_post_code);
    tcase_add_test(tc, test_no_callbacks);
    tcase_add_test(tc, test_debugcon);
    tcase_add_test(tc, test_debug_exit_widths);
    tcase_add_test(tc, test_debug_exit_disabled);
    tcase_add_test(tc, test_two_instances);
    tcase_add_test(tc, test_overlap_refused);
    tcase_add_test(tc, test_state_table);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(sysports_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
