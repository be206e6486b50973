/* test_cmos.c - Check unit tests for devices/cmos.c (MC146818 RTC + CMOS).
 *
 * A virtual clock (rig.clock) is what the chip's now-callback returns; tests
 * move it, run the scheduler at each deadline as the CPU would, and talk to
 * the chip through ports 70h/71h on a real io_bus. Most tests use
 * HZ = 32768 * 1000 so one 32.768 kHz divider tick is exactly 1000 cycles
 * and the datasheet's periods can be checked to the cycle; one test uses a
 * 33 MHz clock, where the ticks do not fall on whole cycles. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmos.h"

#define HZ (UINT64_C(32768) * 1000)
#define MAX_EDGES 64

struct rig {
    uint64_t clock;
    struct sched s;
    struct io_bus bus;
    struct cmos cmos;
    unsigned nedges;
    uint64_t edge_at[MAX_EDGES];
    int edge_level[MAX_EDGES];
};

static uint64_t rig_now(void *opaque)
{
    return ((struct rig *)opaque)->clock;
}

static void rig_irq(void *opaque, int n, int level)
{
    struct rig *r = opaque;

    ck_assert_int_eq(n, 8);
    ck_assert_uint_lt(r->nedges, MAX_EDGES);
    r->edge_at[r->nedges] = r->clock;
    r->edge_level[r->nedges] = level;
    r->nedges++;
}

static struct rig *rig_new_hz(int64_t base, uint64_t hz)
{
    char err[160];
    struct rig *r = malloc(sizeof *r);

    ck_assert_ptr_nonnull(r);
    memset(r, 0xA5, sizeof *r);       /* init must not rely on zeroed memory */
    r->clock = 0;
    r->nedges = 0;
    sched_init(&r->s);
    io_init(&r->bus);
    ck_assert_int_eq(cmos_init(&r->cmos, base, hz, rig_now, r, &r->s, err, sizeof err), 0);
    irq_connect(&r->cmos.irq8, rig_irq, r, 8);
    ck_assert_int_eq(cmos_register(&r->cmos, &r->bus, err, sizeof err), 0);
    return r;
}

static struct rig *rig_new(int64_t base)
{
    return rig_new_hz(base, HZ);
}

static void at(struct rig *r, uint64_t c)
{
    while (r->s.next_deadline <= c) {
        r->clock = r->s.next_deadline;
        sched_run_due(&r->s, r->clock);
    }
    r->clock = c;
}

static unsigned rd(struct rig *r, unsigned idx)
{
    io_write(&r->bus, 0x70, idx, 1);
    return io_read(&r->bus, 0x71, 1);
}

static void wr(struct rig *r, unsigned idx, unsigned v)
{
    io_write(&r->bus, 0x70, idx, 1);
    io_write(&r->bus, 0x71, v, 1);
}

/* Checks the time bytes: ss mm hh wday dd mm yy cc as raw register values. */
static void expect_time(struct rig *r, unsigned ss, unsigned mi, unsigned hh, unsigned wd,
                        unsigned dd, unsigned mo, unsigned yy, unsigned cc)
{
    ck_assert_uint_eq(rd(r, 0), ss);
    ck_assert_uint_eq(rd(r, 2), mi);
    ck_assert_uint_eq(rd(r, 4), hh);
    ck_assert_uint_eq(rd(r, 6), wd);
    ck_assert_uint_eq(rd(r, 7), dd);
    ck_assert_uint_eq(rd(r, 8), mo);
    ck_assert_uint_eq(rd(r, 9), yy);
    ck_assert_uint_eq(rd(r, 0x32), cc);
}

START_TEST(test_calendar)
{
    int y, yy;
    unsigned m, mm, d, dd, feb;
    int64_t expect = 0;
    static const unsigned mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

    /* every day 1970-2099, in order, with leap years by the Gregorian rule */
    for (y = 1970; y <= 2099; y++)
        for (m = 1; m <= 12; m++) {
            feb = (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            for (d = 1; d <= (m == 2 ? feb : mdays[m - 1]); d++) {
                ck_assert_int_eq(cmos_days_from_civil(y, m, d), expect);
                cmos_civil_from_days(expect, &yy, &mm, &dd);
                ck_assert_int_eq(yy, y);
                ck_assert_uint_eq(mm, m);
                ck_assert_uint_eq(dd, d);
                expect++;
            }
        }
    ck_assert_int_eq(cmos_days_from_civil(2000, 3, 1), 951868800 / 86400);
    ck_assert_int_eq(cmos_days_from_civil(2100, 1, 1), 4102444800 / 86400);
}
END_TEST

START_TEST(test_bcd_read)
{
    struct rig *r = rig_new(1709164798);      /* Wed 2024-02-28 23:59:58 */

    ck_assert_uint_eq(rd(r, 0x0A), 0x26);
    ck_assert_uint_eq(rd(r, 0x0B), 0x02);
    ck_assert_uint_eq(rd(r, 0x0D), 0x80);
    expect_time(r, 0x58, 0x59, 0x23, 4, 0x28, 0x02, 0x24, 0x20);
    ck_assert_int_eq(cmos_time(&r->cmos), 1709164798);
    free(r);
}
END_TEST

START_TEST(test_binary_and_12_hour)
{
    struct rig *r = rig_new(1709164798);      /* 23:59:58 */

    wr(r, 0x0B, 0x06);                        /* binary, 24 h */
    expect_time(r, 58, 59, 23, 4, 28, 2, 24, 20);
    wr(r, 0x0B, 0x04);                        /* binary, 12 h: 11 PM */
    ck_assert_uint_eq(rd(r, 4), 0x80 | 11);
    wr(r, 0x0B, 0x00);                        /* BCD, 12 h */
    ck_assert_uint_eq(rd(r, 4), 0x91);
    at(r, 2 * HZ);                            /* midnight = 12 AM */
    ck_assert_uint_eq(rd(r, 4), 0x12);
    ck_assert_uint_eq(rd(r, 7), 0x29);
    free(r);

    r = rig_new(43199);                       /* 1970-01-01 11:59:59 */
    wr(r, 0x0B, 0x00);
    ck_assert_uint_eq(rd(r, 4), 0x11);        /* 11 AM */
    at(r, HZ);
    ck_assert_uint_eq(rd(r, 4), 0x92);        /* noon = 12 PM */
    ck_assert_uint_eq(rd(r, 6), 5);           /* Thursday */
    /* writing 12-hour bytes under SET is read back in 24-hour form */
    wr(r, 0x0B, 0x80);
    wr(r, 4, 0x83);                           /* 3 PM */
    wr(r, 0x0B, 0x00);                        /* release, still 12-hour */
    ck_assert_uint_eq(rd(r, 4), 0x83);
    wr(r, 0x0B, 0x02);                        /* the same time in 24-hour form */
    ck_assert_uint_eq(rd(r, 4), 0x15);
    free(r);
}
END_TEST

START_TEST(test_boundaries)
{
    struct rig *r = rig_new(1709164798);      /* 2024-02-28 23:59:58 */

    at(r, 2 * HZ - 1);
    expect_time(r, 0x59, 0x59, 0x23, 4, 0x28, 0x02, 0x24, 0x20);
    at(r, 2 * HZ);                            /* leap day */
    expect_time(r, 0x00, 0x00, 0x00, 5, 0x29, 0x02, 0x24, 0x20);
    at(r, 2 * HZ + 86400 * HZ);
    expect_time(r, 0x00, 0x00, 0x00, 6, 0x01, 0x03, 0x24, 0x20);
    free(r);

    r = rig_new(1677628799);                  /* 2023-02-28 23:59:59: no leap day */
    at(r, HZ);
    expect_time(r, 0x00, 0x00, 0x00, 4, 0x01, 0x03, 0x23, 0x20);
    free(r);

    r = rig_new(946684799);                   /* 1999-12-31 23:59:59 (Friday) */
    expect_time(r, 0x59, 0x59, 0x23, 6, 0x31, 0x12, 0x99, 0x19);
    at(r, HZ);                                /* year and century roll */
    expect_time(r, 0x00, 0x00, 0x00, 7, 0x01, 0x01, 0x00, 0x20);
    free(r);

    r = rig_new(1706745599);                  /* 2024-01-31 23:59:59 */
    at(r, HZ);
    expect_time(r, 0x00, 0x00, 0x00, 5, 0x01, 0x02, 0x24, 0x20);
    at(r, HZ + 60 * HZ + 3600 * HZ);          /* minute and hour */
    expect_time(r, 0x00, 0x01, 0x01, 5, 0x01, 0x02, 0x24, 0x20);
    free(r);
}
END_TEST

START_TEST(test_daylight_saving)
{
    struct rig *r = rig_new(1714269599);      /* Sun 2024-04-28 01:59:59 */

    wr(r, 0x0B, 0x03);                        /* 24 h, DSE */
    ck_assert_uint_eq(rd(r, 4), 0x01);
    at(r, HZ);                                /* 01:59:59 -> 03:00:00 */
    ck_assert_uint_eq(rd(r, 4), 0x03);
    ck_assert_uint_eq(rd(r, 2), 0x00);
    ck_assert_int_eq(cmos_time(&r->cmos), 1714269600);
    free(r);

    r = rig_new(1729990799);                  /* Sun 2024-10-27 00:59:59 standard */
    wr(r, 0x0B, 0x03);                        /* shown as 01:59:59 daylight */
    ck_assert_uint_eq(rd(r, 4), 0x01);
    ck_assert_uint_eq(rd(r, 2), 0x59);
    at(r, HZ);                                /* back to 01:00:00 */
    ck_assert_uint_eq(rd(r, 4), 0x01);
    ck_assert_uint_eq(rd(r, 2), 0x00);
    at(r, HZ + 3600 * HZ);
    ck_assert_uint_eq(rd(r, 4), 0x02);
    /* writing a daylight time under SET is taken back to the clock's time */
    wr(r, 0x0B, 0x83);
    wr(r, 8, 0x07);                           /* 2024-07-27 02:00:00 daylight */
    wr(r, 0x0B, 0x03);
    ck_assert_uint_eq(rd(r, 4), 0x02);
    ck_assert_int_eq(cmos_time(&r->cmos), 1722042000);  /* 01:00:00 standard */
    free(r);
}
END_TEST

START_TEST(test_uip_window)
{
    struct rig *r = rig_new(0);

    /* UIP is high for the 8 divider ticks (244.1 us) before each update */
    at(r, HZ - 8000 - 1);
    ck_assert_uint_eq(rd(r, 0x0A), 0x26);
    ck_assert_uint_eq(rd(r, 0), 0x00);
    at(r, HZ - 8000);
    ck_assert_uint_eq(rd(r, 0x0A), 0xA6);
    at(r, HZ - 1);
    ck_assert_uint_eq(rd(r, 0x0A), 0xA6);
    ck_assert_uint_eq(rd(r, 0), 0x00);
    at(r, HZ);
    ck_assert_uint_eq(rd(r, 0x0A), 0x26);
    ck_assert_uint_eq(rd(r, 0), 0x01);
    /* UIP is not writable and SET keeps it low */
    wr(r, 0x0A, 0xA6);
    ck_assert_uint_eq(rd(r, 0x0A), 0x26);
    wr(r, 0x0B, 0x82);
    at(r, 2 * HZ - 100);
    ck_assert_uint_eq(rd(r, 0x0A), 0x26);
    free(r);
}
END_TEST

START_TEST(test_set_freezes_and_rebases)
{
    struct rig *r = rig_new(1709164798);

    at(r, HZ / 2);
    wr(r, 0x0B, 0x82 | 0x10);                 /* SET (and UIE, which SET clears) */
    ck_assert_uint_eq(rd(r, 0x0B), 0x82);
    at(r, 5 * HZ + HZ / 2);
    ck_assert_uint_eq(rd(r, 0), 0x58);        /* frozen */
    wr(r, 0, 0x56);                           /* 2030-06-15 12:34:56, a Saturday */
    wr(r, 2, 0x34);
    wr(r, 4, 0x12);
    wr(r, 7, 0x15);
    wr(r, 8, 0x06);
    wr(r, 9, 0x30);
    wr(r, 0x32, 0x20);
    at(r, 6 * HZ + HZ / 2);
    ck_assert_uint_eq(rd(r, 0), 0x56);        /* still frozen */
    wr(r, 0x0B, 0x02);                        /* release: time runs from what was written */
    ck_assert_int_eq(cmos_time(&r->cmos), 1907757296);
    expect_time(r, 0x56, 0x34, 0x12, 7, 0x15, 0x06, 0x30, 0x20);
    /* the divider phase is kept: the next update is at the next whole second */
    at(r, 7 * HZ - 1);
    ck_assert_uint_eq(rd(r, 0), 0x56);
    at(r, 7 * HZ);
    ck_assert_uint_eq(rd(r, 0), 0x57);
    at(r, 7 * HZ + 3600 * HZ);
    ck_assert_int_eq(cmos_time(&r->cmos), 1907757297 + 3600);
    /* a write without SET re-bases too */
    wr(r, 2, 0x00);
    ck_assert_uint_eq(rd(r, 2), 0x00);
    ck_assert_uint_eq(rd(r, 4), 0x13);
    at(r, 8 * HZ + 3600 * HZ);
    ck_assert_uint_eq(rd(r, 0), 0x58);
    free(r);
}
END_TEST

START_TEST(test_divider_reset)
{
    struct rig *r = rig_new(0);

    at(r, 3 * HZ + 123);
    wr(r, 0x0A, 0x76);                        /* divider held in reset */
    at(r, 10 * HZ);
    ck_assert_uint_eq(rd(r, 0), 0x03);
    wr(r, 0x0A, 0x26);                        /* first update 500 ms later */
    at(r, 10 * HZ + HZ / 2 - 1);
    ck_assert_uint_eq(rd(r, 0), 0x03);
    at(r, 10 * HZ + HZ / 2);
    ck_assert_uint_eq(rd(r, 0), 0x04);
    free(r);
}
END_TEST

START_TEST(test_periodic)
{
    struct rig *r = rig_new(0);
    static const struct { unsigned rs; uint64_t ticks; } rates[] = {
        { 3, 4 }, { 6, 32 }, { 15, 16384 }, { 1, 128 }, { 2, 256 },
    };
    unsigned i;

    for (i = 0; i < sizeof rates / sizeof rates[0]; i++) {
        uint64_t p = rates[i].ticks * 1000, t0 = r->clock;
        uint64_t first = (t0 / p + 1) * p;     /* edges sit on the divider's grid */

        r->nedges = 0;
        wr(r, 0x0A, 0x20 | rates[i].rs);
        rd(r, 0x0C);                          /* PF from before would raise IRQ8 at once */
        wr(r, 0x0B, 0x42);                    /* PIE */
        at(r, first - 1);
        ck_assert_uint_eq(r->nedges, 0);
        at(r, first + 10);
        ck_assert_uint_eq(r->nedges, 1);
        ck_assert_uint_eq(r->edge_at[0], first);
        ck_assert_int_eq(r->edge_level[0], 1);
        ck_assert_uint_eq(rd(r, 0x0C), 0xC0);
        ck_assert_int_eq(r->cmos.irq8.level, 0);
        at(r, first + p);
        ck_assert_uint_eq(r->nedges, 3);
        ck_assert_uint_eq(r->edge_at[2], first + p);
        wr(r, 0x0B, 0x02);
        rd(r, 0x0C);
        at(r, first + 3 * p);
    }
    /* rate 0 stops the periodic flag altogether */
    wr(r, 0x0A, 0x20);
    rd(r, 0x0C);
    at(r, r->clock + HZ / 4);
    ck_assert_uint_eq(rd(r, 0x0C) & 0x40, 0);
    free(r);
}
END_TEST

START_TEST(test_periodic_33mhz)
{
    struct rig *r = rig_new_hz(0, 33000000);
    uint64_t k;

    wr(r, 0x0B, 0x42);                        /* 1024 Hz: every 32 divider ticks */
    for (k = 1; k <= 5; k++) {
        uint64_t edge = (k * 32 * 33000000 + 32767) / 32768;
        at(r, edge - 1);
        ck_assert_int_eq(r->cmos.irq8.level, 0);
        at(r, edge);
        ck_assert_int_eq(r->cmos.irq8.level, 1);
        ck_assert_uint_eq(r->edge_at[r->nedges - 1], edge);
        ck_assert_uint_eq(rd(r, 0x0C), 0xC0);
    }
    free(r);
}
END_TEST

START_TEST(test_alarm)
{
    struct rig *r = rig_new(1907757296);      /* 12:34:56 */

    wr(r, 1, 0x59);
    wr(r, 3, 0x34);
    wr(r, 5, 0x12);
    wr(r, 0x0B, 0x22);                        /* AIE */
    at(r, 3 * HZ - 1);
    ck_assert_uint_eq(r->nedges, 0);
    at(r, 3 * HZ);
    ck_assert_uint_eq(r->nedges, 1);
    ck_assert_uint_eq(r->edge_at[0], 3 * HZ);
    ck_assert_uint_eq(rd(r, 0x0C), 0xF0);     /* IRQF, AF, UF, and PF (rate 6 runs) */
    ck_assert_int_eq(r->cmos.irq8.level, 0);

    /* don't-care hours and minutes: every minute at second 00 */
    wr(r, 1, 0x00);
    wr(r, 3, 0xC0);
    wr(r, 5, 0xFF);
    at(r, 4 * HZ);                            /* 12:35:00 */
    ck_assert_uint_eq(r->nedges, 3);
    ck_assert_uint_eq(r->edge_at[2], 4 * HZ);
    ck_assert_uint_eq(rd(r, 0x0C), 0xF0);
    at(r, 5 * HZ);
    ck_assert_uint_eq(rd(r, 0x0C), 0x50);     /* an update, no alarm */
    at(r, 64 * HZ - 1);
    ck_assert_uint_eq(r->nedges, 4);
    at(r, 64 * HZ);                           /* 12:36:00 */
    ck_assert_uint_eq(r->nedges, 5);
    ck_assert_uint_eq(r->edge_at[4], 64 * HZ);
    ck_assert_uint_eq(rd(r, 0x0C), 0xF0);
    /* an alarm passed while AIE was off still sets AF */
    wr(r, 0x0B, 0x02);
    at(r, 200 * HZ);
    ck_assert_uint_eq(rd(r, 0x0C), 0x70);
    free(r);
}
END_TEST

START_TEST(test_update_ended)
{
    struct rig *r = rig_new(0);

    wr(r, 0x0B, 0x12);                        /* UIE */
    at(r, HZ - 1);
    ck_assert_uint_eq(r->nedges, 0);
    at(r, HZ);
    ck_assert_uint_eq(r->nedges, 1);
    ck_assert_uint_eq(r->edge_at[0], HZ);
    ck_assert_uint_eq(rd(r, 0x0C), 0xD0);     /* PF too: flags set without enables */
    ck_assert_uint_eq(r->nedges, 2);
    ck_assert_int_eq(r->edge_level[1], 0);
    at(r, 2 * HZ);
    ck_assert_uint_eq(r->edge_at[2], 2 * HZ);
    /* enabling UIE while UF is pending raises IRQ8 at once */
    wr(r, 0x0B, 0x02);
    rd(r, 0x0C);
    at(r, 3 * HZ + 5);
    wr(r, 0x0B, 0x12);
    ck_assert_int_eq(r->cmos.irq8.level, 1);
    ck_assert_uint_eq(r->edge_at[r->nedges - 1], 3 * HZ + 5);
    free(r);
}
END_TEST

START_TEST(test_reg_c_clears)
{
    struct rig *r = rig_new(0);

    at(r, HZ + 7);
    /* flags without enables: no IRQF and no interrupt */
    ck_assert_uint_eq(rd(r, 0x0C), 0x50);
    ck_assert_uint_eq(rd(r, 0x0C), 0x00);
    ck_assert_uint_eq(r->nedges, 0);
    /* the debugger's look does not clear */
    at(r, 2 * HZ);
    ck_assert_uint_eq(cmos_get_byte(&r->cmos, 0x0C), 0x50);
    ck_assert_uint_eq(rd(r, 0x0C), 0x50);
    wr(r, 0x0C, 0xFF);                        /* C and D are read-only */
    wr(r, 0x0D, 0x00);
    ck_assert_uint_eq(rd(r, 0x0C), 0x00);
    ck_assert_uint_eq(rd(r, 0x0D), 0x80);
    free(r);
}
END_TEST

START_TEST(test_nmi_mask)
{
    struct rig *r = rig_new(0);

    ck_assert_int_eq(cmos_nmi_masked(&r->cmos), 0);
    io_write(&r->bus, 0x70, 0x80 | 0x0A, 1);
    ck_assert_int_eq(cmos_nmi_masked(&r->cmos), 1);
    ck_assert_uint_eq(io_read(&r->bus, 0x71, 1), 0x26);   /* bit 7 is not address */
    ck_assert_int_eq(cmos_nmi_masked(&r->cmos), 1);        /* data access keeps it */
    io_write(&r->bus, 0x70, 0x40, 1);
    ck_assert_int_eq(cmos_nmi_masked(&r->cmos), 0);
    io_write(&r->bus, 0x71, 0x5A, 1);
    ck_assert_uint_eq(rd(r, 0x40), 0x5A);
    ck_assert_uint_eq(io_read(&r->bus, 0x70, 1), 0xFF);
    free(r);
}
END_TEST

START_TEST(test_checksum)
{
    struct rig *r = rig_new(0);
    unsigned i, sum = 0;

    cmos_set_byte(&r->cmos, 0x10, 0x40);      /* 1.44 MB drive A */
    cmos_set_byte(&r->cmos, 0x14, 0x0D);
    cmos_set_byte(&r->cmos, 0x15, 0x80);      /* 640 KB base */
    cmos_set_byte(&r->cmos, 0x16, 0x02);
    cmos_set_byte(&r->cmos, 0x17, 0x00);
    cmos_set_byte(&r->cmos, 0x18, 0x3C);      /* 15 MB extended */
    cmos_set_byte(&r->cmos, 0x30, 0x00);
    cmos_set_byte(&r->cmos, 0x31, 0x3C);
    for (i = 0x19; i <= 0x2D; i++)
        cmos_set_byte(&r->cmos, i, 0xFF);
    cmos_set_byte(&r->cmos, 0x00, 0x77);      /* clock bytes are refused */
    cmos_set_byte(&r->cmos, 0x0B, 0x77);
    cmos_update_checksum(&r->cmos);
    for (i = 0x10; i <= 0x2D; i++)
        sum += rd(r, i);
    ck_assert_uint_eq(sum, 0x40 + 0x0D + 0x80 + 0x02 + 0x3C + 21 * 0xFF);
    ck_assert_uint_eq(rd(r, 0x2E), sum >> 8);
    ck_assert_uint_eq(rd(r, 0x2F), sum & 0xFF);
    ck_assert_uint_eq(rd(r, 0x0B), 0x02);
    ck_assert_uint_eq(rd(r, 0x00), 0x00);
    ck_assert_uint_eq(cmos_get_byte(&r->cmos, 0x31), 0x3C);
    free(r);
}
END_TEST

START_TEST(test_two_chips)
{
    struct rig *a = rig_new(0), *b = rig_new(1709164798);

    wr(a, 0x0B, 0x12);
    wr(b, 0x0B, 0x82);
    at(a, 5 * HZ);
    at(b, 5 * HZ);
    ck_assert_uint_eq(rd(a, 0), 0x05);
    ck_assert_uint_eq(rd(b, 0), 0x58);        /* frozen by SET */
    ck_assert_uint_eq(a->nedges, 1);
    ck_assert_uint_eq(b->nedges, 0);
    io_write(&a->bus, 0x70, 0x80, 1);
    ck_assert_int_eq(cmos_nmi_masked(&a->cmos), 1);
    ck_assert_int_eq(cmos_nmi_masked(&b->cmos), 0);
    free(a);
    free(b);
}
END_TEST

START_TEST(test_bad_init)
{
    struct sched s;
    struct cmos c;
    char err[160];

    sched_init(&s);
    ck_assert_int_eq(cmos_init(&c, -1, HZ, rig_now, NULL, &s, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "rtc base"));
    ck_assert_int_eq(cmos_init(&c, INT64_C(4102444800), HZ, rig_now, NULL, &s, err, sizeof err), -1);
    ck_assert_int_eq(cmos_init(&c, 0, 0, rig_now, NULL, &s, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "cpu clock"));
}
END_TEST

START_TEST(test_state_table)
{
    size_t i, total = 0;

    for (i = 0; i < cmos_nfields; i++) {
        ck_assert_ptr_nonnull(cmos_fields[i].name);
        ck_assert_uint_le(cmos_fields[i].offset + cmos_fields[i].size, sizeof(struct cmos));
        total += cmos_fields[i].size;
    }
    ck_assert_uint_eq(total, CMOS_SIZE + 3 + 3 * 8);
    ck_assert_str_eq(cmos_fields[0].name, "ram");
}
END_TEST

static Suite *cmos_suite(void)
{
    Suite *s = suite_create("cmos");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_calendar);
    tcase_add_test(tc, test_bcd_read);
    tcase_add_test(tc, test_binary_and_12_hour);
    tcase_add_test(tc, test_boundaries);
    tcase_add_test(tc, test_daylight_saving);
    tcase_add_test(tc, test_uip_window);
    tcase_add_test(tc, test_set_freezes_and_rebases);
    tcase_add_test(tc, test_divider_reset);
    tcase_add_test(tc, test_periodic);
    tcase_add_test(tc, test_periodic_33mhz);
    tcase_add_test(tc, test_alarm);
    tcase_add_test(tc, test_update_ended);
    tcase_add_test(tc, test_reg_c_clears);
    tcase_add_test(tc, test_nmi_mask);
    tcase_add_test(tc, test_checksum);
    tcase_add_test(tc, test_two_chips);
    tcase_add_test(tc, test_bad_init);
    tcase_add_test(tc, test_state_table);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(cmos_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
