/* test_pit.c - Check unit tests for devices/pit.c (8254 + port 61h).
 *
 * A virtual clock (rig.clock) is what the PIT's now-callback returns; tests
 * move it and run the scheduler, and poke the chip through a real io_bus.
 * Most waveform tests use cpu_hz = PIT_HZ so cycle k is PIT tick k and the
 * datasheet's CLK counts can be checked one by one; the time tests use
 * real PC clocks (4.77 MHz, 33 MHz). */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pit.h"

#define MAX_EDGES 64

struct rig {
    uint64_t clock;
    struct sched s;
    struct io_bus bus;
    struct pit pit;
    unsigned nedges;
    uint64_t edge_at[MAX_EDGES];
    int edge_level[MAX_EDGES];
};

static uint64_t rig_now(void *opaque)
{
    return ((struct rig *)opaque)->clock;
}

/* Records IRQ0 level changes with the cycle they happened at. */
static void rig_irq(void *opaque, int n, int level)
{
    struct rig *r = opaque;

    ck_assert_int_eq(n, 0);
    ck_assert_uint_lt(r->nedges, MAX_EDGES);
    r->edge_at[r->nedges] = r->clock;
    r->edge_level[r->nedges] = level;
    r->nedges++;
}

static struct rig *rig_new(uint64_t hz)
{
    char err[160];
    struct rig *r = malloc(sizeof *r);

    ck_assert_ptr_nonnull(r);
    memset(r, 0xA5, sizeof *r);       /* init must not rely on zeroed memory */
    r->clock = 0;
    r->nedges = 0;
    sched_init(&r->s);
    io_init(&r->bus);
    ck_assert_int_eq(pit_init(&r->pit, hz, rig_now, r, &r->s, err, sizeof err), 0);
    irq_connect(&r->pit.irq0, rig_irq, r, 0);
    ck_assert_int_eq(pit_register(&r->pit, &r->bus, err, sizeof err), 0);
    return r;
}

/* Move the clock to cycle c, delivering due events on the way as the CPU
 * would: at each deadline, not just at c. */
static void at(struct rig *r, uint64_t c)
{
    while (r->s.next_deadline <= c) {
        r->clock = r->s.next_deadline;
        sched_run_due(&r->s, r->clock);
    }
    r->clock = c;
}

static void wr(struct rig *r, uint16_t port, uint8_t v)
{
    io_write(&r->bus, port, v, 1);
}

static unsigned rd(struct rig *r, uint16_t port)
{
    return io_read(&r->bus, port, 1);
}

/* Reads a 16-bit count in LSB-then-MSB mode. */
static unsigned rd16(struct rig *r, uint16_t port)
{
    unsigned lo = rd(r, port);
    return lo | rd(r, port) << 8;
}

static void prog(struct rig *r, int ch, uint8_t cw, unsigned count)
{
    wr(r, 0x43, cw);
    wr(r, (uint16_t)(0x40 + ch), (uint8_t)count);
    wr(r, (uint16_t)(0x40 + ch), (uint8_t)(count >> 8));
}

static int out(struct rig *r, int ch)
{
    return pit_out(&r->pit, ch);
}

/* Independent reference: the smallest cycle whose tick count reaches k,
 * found by search around the estimate with the tick formula. */
static uint64_t ref_cycle(const struct pit *p, uint64_t k)
{
    uint64_t c = (uint64_t)((double)k * (double)p->cpu_hz / PIT_HZ);
    c = c > 4 ? c - 4 : 0;
    while (pit_ticks(p, c) < k)
        c++;
    return c;
}

START_TEST(test_time_conversion)
{
    static const uint64_t hzs[] = {4772727, 33000000, PIT_HZ, 1000};
    unsigned i, j;

    for (i = 0; i < 4; i++) {
        struct rig *r = rig_new(hzs[i]);
        static const uint64_t ks[] = {1, 2, 17, 18, 65536, 1193181, 1193182, 1193183,
                                      UINT64_C(123456789012), UINT64_C(1) << 40};
        for (j = 0; j < 10; j++) {
            uint64_t c = pit_tick_cycle(&r->pit, ks[j]);
            ck_assert_uint_ge(pit_ticks(&r->pit, c), ks[j]);
            ck_assert_uint_lt(pit_ticks(&r->pit, c - 1), ks[j]);
        }
#ifdef __SIZEOF_INT128__
        {   /* against exact 128-bit arithmetic, near the end of time */
            uint64_t t = UINT64_MAX - 12345;
            unsigned __int128 x = (unsigned __int128)t * PIT_HZ / hzs[i];
            ck_assert_uint_eq(pit_ticks(&r->pit, t), (uint64_t)x);
        }
#endif
        free(r);
    }
    /* one second of 4.77 MHz is exactly 1193182 ticks */
    {
        struct rig *r = rig_new(4772727);
        ck_assert_uint_eq(pit_ticks(&r->pit, 4772727), PIT_HZ);
        ck_assert_uint_eq(pit_ticks(&r->pit, 4772726), PIT_HZ - 1);
        free(r);
    }
}
END_TEST

START_TEST(test_mode0_interrupt_on_terminal_count)
{
    struct rig *r = rig_new(PIT_HZ);

    at(r, 10);
    prog(r, 0, 0x30, 5);              /* counter 0, LSB/MSB, mode 0 */
    ck_assert_int_eq(out(r, 0), 0);
    at(r, 11);                        /* loaded on the next CLK */
    wr(r, 0x43, 0x00);
    ck_assert_uint_eq(rd16(r, 0x40), 5);
    at(r, 13);
    ck_assert_uint_eq(rd16(r, 0x40), 3);
    at(r, 15);
    ck_assert_int_eq(out(r, 0), 0);
    at(r, 16);                        /* N+1 CLKs after the write */
    ck_assert_int_eq(out(r, 0), 1);
    ck_assert_uint_eq(r->nedges, 1);
    ck_assert_uint_eq(r->edge_at[0], 16);
    ck_assert_int_eq(r->edge_level[0], 1);
    at(r, 17);                        /* wraps and keeps counting, OUT stays high */
    ck_assert_uint_eq(rd16(r, 0x40), 0xFFFF);
    at(r, 100000);
    ck_assert_int_eq(out(r, 0), 1);
    ck_assert_uint_eq(r->nedges, 1);
    ck_assert_uint_eq(r->s.next_deadline, SCHED_NEVER);

    /* a new count drops OUT and restarts; first byte halts counting */
    at(r, 100200);
    wr(r, 0x40, 3);
    ck_assert_int_eq(out(r, 0), 0);
    at(r, 100300);
    wr(r, 0x40, 0);
    at(r, 100304);
    ck_assert_int_eq(out(r, 0), 1);
    ck_assert_uint_eq(r->edge_at[r->nedges - 1], 100304);
    free(r);
}
END_TEST

START_TEST(test_mode0_gate_pauses)
{
    struct rig *r = rig_new(PIT_HZ);

    wr(r, 0x61, 0x01);                /* gate 2 high */
    prog(r, 2, 0xB0, 10);             /* load at 1 */
    at(r, 4);
    ck_assert_uint_eq(rd16(r, 0x42), 7);
    wr(r, 0x61, 0x00);                /* gate low: stop */
    at(r, 50);
    ck_assert_uint_eq(rd16(r, 0x42), 7);
    ck_assert_int_eq(out(r, 2), 0);
    wr(r, 0x61, 0x01);
    at(r, 56);
    ck_assert_uint_eq(rd16(r, 0x42), 1);
    ck_assert_int_eq(rd(r, 0x61) >> 5 & 1, 0);
    at(r, 57);
    ck_assert_int_eq(rd(r, 0x61) >> 5 & 1, 1);
    free(r);
}
END_TEST

START_TEST(test_mode1_one_shot)
{
    struct rig *r = rig_new(PIT_HZ);

    prog(r, 2, 0xB2, 3);              /* counter 2, mode 1 */
    ck_assert_int_eq(out(r, 2), 1);
    at(r, 10);
    ck_assert_int_eq(out(r, 2), 1);   /* no trigger yet */
    wr(r, 0x61, 0x01);                /* rising gate at 10: loads at 11 */
    ck_assert_int_eq(out(r, 2), 1);
    at(r, 11);
    ck_assert_int_eq(out(r, 2), 0);
    at(r, 13);
    ck_assert_int_eq(out(r, 2), 0);
    at(r, 14);
    ck_assert_int_eq(out(r, 2), 1);
    /* gate level does not matter; only a new rising edge retriggers */
    wr(r, 0x61, 0x00);
    at(r, 30);
    wr(r, 0x61, 0x01);
    at(r, 31);
    ck_assert_int_eq(out(r, 2), 0);
    at(r, 33);                        /* retrigger mid-shot extends it */
    wr(r, 0x61, 0x00);
    wr(r, 0x61, 0x01);
    at(r, 34);
    ck_assert_int_eq(out(r, 2), 0);
    at(r, 36);
    ck_assert_int_eq(out(r, 2), 0);
    at(r, 37);
    ck_assert_int_eq(out(r, 2), 1);
    free(r);
}
END_TEST

START_TEST(test_mode2_rate_generator)
{
    struct rig *r = rig_new(PIT_HZ);
    unsigned k;

    prog(r, 0, 0x34, 4);              /* load at 1 */
    ck_assert_uint_eq(r->nedges, 1);  /* OUT left its power-up low */
    r->nedges = 0;
    ck_assert_int_eq(out(r, 0), 1);
    at(r, 1);
    ck_assert_uint_eq(rd16(r, 0x40), 4);
    at(r, 3);
    ck_assert_uint_eq(rd16(r, 0x40), 2);
    ck_assert_int_eq(out(r, 0), 1);
    at(r, 40);
    /* low for one CLK when CE is 1: ticks 4, 8, 12, ... */
    ck_assert_uint_ge(r->nedges, 18);
    for (k = 0; k < 18; k += 2) {
        ck_assert_uint_eq(r->edge_at[k], 4 + 2 * k);
        ck_assert_int_eq(r->edge_level[k], 0);
        ck_assert_uint_eq(r->edge_at[k + 1], 5 + 2 * k);
        ck_assert_int_eq(r->edge_level[k + 1], 1);
    }
    /* a new count waits for the end of the current period */
    at(r, 50);
    prog(r, 0, 0x34, 4);              /* control word restarts: load at 51 */
    at(r, 51);
    wr(r, 0x40, 10);
    wr(r, 0x40, 0);                   /* pending: this period ends at 55 */
    r->nedges = 0;
    at(r, 70);
    ck_assert_uint_eq(r->edge_at[0], 54);
    ck_assert_uint_eq(r->edge_at[1], 55);
    ck_assert_uint_eq(r->edge_at[2], 64);   /* now period 10 */
    ck_assert_uint_eq(r->edge_at[3], 65);
    free(r);
}
END_TEST

START_TEST(test_mode3_even)
{
    struct rig *r = rig_new(PIT_HZ);

    prog(r, 0, 0x36, 6);              /* load at 1 */
    ck_assert_uint_eq(r->nedges, 1);  /* OUT left its power-up low */
    r->nedges = 0;
    at(r, 1);
    ck_assert_uint_eq(rd16(r, 0x40), 6);
    at(r, 2);
    ck_assert_uint_eq(rd16(r, 0x40), 4);
    at(r, 3);
    ck_assert_uint_eq(rd16(r, 0x40), 2);
    at(r, 30);
    ck_assert_uint_ge(r->nedges, 8);
    ck_assert_uint_eq(r->edge_at[0], 4);
    ck_assert_int_eq(r->edge_level[0], 0);
    ck_assert_uint_eq(r->edge_at[1], 7);
    ck_assert_uint_eq(r->edge_at[2], 10);
    ck_assert_uint_eq(r->edge_at[3], 13);
    free(r);
}
END_TEST

START_TEST(test_mode3_odd)
{
    struct rig *r = rig_new(PIT_HZ);
    static const unsigned seq[] = {5, 4, 2, 5, 2, 5, 4, 2, 5, 2};
    unsigned i;

    prog(r, 0, 0x36, 5);              /* high (5+1)/2 = 3, low (5-1)/2 = 2 */
    ck_assert_uint_eq(r->nedges, 1);  /* OUT left its power-up low */
    r->nedges = 0;
    for (i = 0; i < 10; i++) {
        at(r, 1 + i);
        ck_assert_uint_eq(rd16(r, 0x40), seq[i]);
        ck_assert_int_eq(out(r, 0), i % 5 < 3);
    }
    at(r, 11);
    ck_assert_uint_eq(r->edge_at[0], 4);
    ck_assert_uint_eq(r->edge_at[1], 6);
    ck_assert_uint_eq(r->edge_at[2], 9);
    ck_assert_uint_eq(r->edge_at[3], 11);
    free(r);
}
END_TEST

START_TEST(test_mode3_gate)
{
    struct rig *r = rig_new(PIT_HZ);

    wr(r, 0x61, 0x01);
    prog(r, 2, 0xB6, 8);              /* load at 1: high 1..4, low 5..8 */
    at(r, 6);
    ck_assert_int_eq(out(r, 2), 0);
    wr(r, 0x61, 0x00);                /* OUT high at once, counting stops */
    ck_assert_int_eq(out(r, 2), 1);
    at(r, 100);
    ck_assert_int_eq(out(r, 2), 1);
    wr(r, 0x61, 0x01);                /* restart: reload at 101 */
    at(r, 104);
    ck_assert_int_eq(out(r, 2), 1);
    at(r, 105);
    ck_assert_int_eq(out(r, 2), 0);
    at(r, 109);
    ck_assert_int_eq(out(r, 2), 1);
    free(r);
}
END_TEST

START_TEST(test_mode2_gate_restarts)
{
    struct rig *r = rig_new(PIT_HZ);

    wr(r, 0x61, 0x01);
    prog(r, 2, 0xB4, 5);              /* counter 2, mode 2: load at 1, low at 5 */
    at(r, 4);
    ck_assert_int_eq(out(r, 2), 1);
    at(r, 5);
    ck_assert_int_eq(out(r, 2), 0);
    at(r, 7);
    ck_assert_uint_eq(rd16(r, 0x42), 4);
    wr(r, 0x61, 0x00);                /* stops; OUT high */
    at(r, 20);
    ck_assert_uint_eq(rd16(r, 0x42), 4);
    ck_assert_int_eq(out(r, 2), 1);
    wr(r, 0x61, 0x01);                /* reload from CR at 21 */
    at(r, 21);
    ck_assert_uint_eq(rd16(r, 0x42), 5);
    at(r, 24);
    ck_assert_int_eq(out(r, 2), 1);
    at(r, 25);
    ck_assert_int_eq(out(r, 2), 0);
    at(r, 26);
    ck_assert_int_eq(out(r, 2), 1);
    free(r);
}
END_TEST

START_TEST(test_mode3_new_count_at_half_end)
{
    struct rig *r = rig_new(PIT_HZ);

    prog(r, 0, 0x36, 8);              /* high 1..4, low 5..8 */
    r->nedges = 0;
    at(r, 2);
    wr(r, 0x40, 4);
    wr(r, 0x40, 0);                   /* takes over when this half ends (5) */
    wr(r, 0x43, 0xE2);
    ck_assert_uint_eq(rd(r, 0x40) & 0x40, 0x40);   /* null count: CR not in CE yet */
    at(r, 12);
    ck_assert_uint_eq(r->edge_at[0], 5);
    ck_assert_uint_eq(r->edge_level[0], 0);
    ck_assert_uint_eq(r->edge_at[1], 7);
    ck_assert_uint_eq(r->edge_at[2], 9);
    ck_assert_uint_eq(r->edge_at[3], 11);
    wr(r, 0x43, 0xE2);
    ck_assert_uint_eq(rd(r, 0x40) & 0x40, 0);
    free(r);
}
END_TEST

START_TEST(test_mode4_software_strobe)
{
    struct rig *r = rig_new(PIT_HZ);

    prog(r, 0, 0x38, 3);              /* load at 1, terminal at 4 */
    ck_assert_uint_eq(r->nedges, 1);  /* OUT left its power-up low */
    r->nedges = 0;
    at(r, 100);
    ck_assert_uint_eq(r->nedges, 2);
    ck_assert_uint_eq(r->edge_at[0], 4);
    ck_assert_int_eq(r->edge_level[0], 0);
    ck_assert_uint_eq(r->edge_at[1], 5);
    ck_assert_int_eq(r->edge_level[1], 1);
    ck_assert_uint_eq(r->s.next_deadline, SCHED_NEVER);  /* one strobe only */
    prog(r, 0, 0x38, 0);              /* count 0 = 65536 */
    at(r, 102 + 65536);
    ck_assert_uint_eq(r->nedges, 4);
    ck_assert_uint_eq(r->edge_at[2], 101 + 65536);
    ck_assert_uint_eq(r->edge_at[3], 102 + 65536);
    free(r);
}
END_TEST

START_TEST(test_mode5_hardware_strobe)
{
    struct rig *r = rig_new(PIT_HZ);

    prog(r, 2, 0xBA, 4);
    at(r, 20);
    ck_assert_int_eq(out(r, 2), 1);
    wr(r, 0x61, 0x01);                /* trigger: load at 21, strobe at 25 */
    at(r, 24);
    ck_assert_int_eq(out(r, 2), 1);
    at(r, 25);
    ck_assert_int_eq(out(r, 2), 0);
    ck_assert_int_eq(rd(r, 0x61) >> 5 & 1, 0);
    at(r, 26);
    ck_assert_int_eq(out(r, 2), 1);
    at(r, 1000);
    ck_assert_int_eq(out(r, 2), 1);
    free(r);
}
END_TEST

START_TEST(test_latch_and_access_modes)
{
    struct rig *r = rig_new(PIT_HZ);

    prog(r, 1, 0x74, 0x1234);         /* counter 1, mode 2 */
    at(r, 0x11);                      /* CE = 0x1234 - 0x10 */
    wr(r, 0x43, 0x40);                /* latch counter 1 */
    at(r, 0x21);
    wr(r, 0x43, 0x40);                /* ignored: already latched */
    ck_assert_uint_eq(rd(r, 0x41), 0x24);
    at(r, 0x31);
    ck_assert_uint_eq(rd(r, 0x41), 0x12);   /* still the latched value */
    ck_assert_uint_eq(rd16(r, 0x41), 0x1204);  /* live again */
    /* LSB-only and MSB-only */
    wr(r, 0x43, 0x54);                /* LSB only, mode 2 */
    wr(r, 0x41, 0x80);
    at(r, 0x32);
    ck_assert_uint_eq(rd(r, 0x41), 0x80);
    ck_assert_uint_eq(rd(r, 0x41), 0x80);
    wr(r, 0x43, 0x64);                /* MSB only: count 0x0200 */
    wr(r, 0x41, 0x02);
    at(r, 0x33 + 0x100);
    ck_assert_uint_eq(rd(r, 0x41), 0x01);
    ck_assert_uint_eq(rd(r, 0x43), 0xFF);  /* control register is write-only */
    free(r);
}
END_TEST

START_TEST(test_read_back)
{
    struct rig *r = rig_new(PIT_HZ);

    at(r, 5);
    prog(r, 0, 0x30, 100);            /* mode 0: OUT low, null count until 6 */
    prog(r, 1, 0x76, 50);             /* mode 3 */
    wr(r, 0x43, 0xE6);                /* read-back status of 0 and 1 */
    ck_assert_uint_eq(rd(r, 0x40), 0x40 | 0x30);
    ck_assert_uint_eq(rd(r, 0x41), 0x80 | 0x40 | 0x36);
    at(r, 6);
    wr(r, 0x43, 0xE2);
    ck_assert_uint_eq(rd(r, 0x40), 0x30);   /* null count cleared by the load */
    /* status and count together: status first, then the count */
    at(r, 16);
    wr(r, 0x43, 0xC2);
    at(r, 50);
    wr(r, 0x43, 0xC2);                /* ignored while latched */
    ck_assert_uint_eq(rd(r, 0x40), 0x30);
    ck_assert_uint_eq(rd16(r, 0x40), 90);
    ck_assert_uint_eq(rd16(r, 0x40), 56);
    /* count-only read-back latches several counters at once */
    at(r, 60);
    wr(r, 0x43, 0xDE);
    at(r, 70);
    ck_assert_uint_eq(rd16(r, 0x40), 46);
    ck_assert_uint_eq(rd16(r, 0x40), 36);
    ck_assert_uint_eq(rd16(r, 0x41), (50 - 2 * ((60 - 6) % 25)));
    /* OUT in the status after terminal count */
    at(r, 106);
    wr(r, 0x43, 0xE2);
    ck_assert_uint_eq(rd(r, 0x40), 0xB0);
    free(r);
}
END_TEST

START_TEST(test_bcd_and_count0)
{
    struct rig *r = rig_new(PIT_HZ);

    prog(r, 0, 0x31, 0x0100);         /* mode 0 BCD, 100 */
    at(r, 2);
    ck_assert_uint_eq(rd16(r, 0x40), 0x0099);
    at(r, 101);
    ck_assert_uint_eq(rd16(r, 0x40), 0x0000);
    ck_assert_int_eq(out(r, 0), 1);
    at(r, 102);
    ck_assert_uint_eq(rd16(r, 0x40), 0x9999);   /* BCD wraps at 10^4 */

    /* BCD count 0 = 10000 in mode 2 */
    r->nedges = 0;
    at(r, 200);
    prog(r, 0, 0x35, 0);
    at(r, 201);
    ck_assert_uint_eq(rd16(r, 0x40), 0);
    at(r, 202);
    ck_assert_uint_eq(rd16(r, 0x40), 0x9999);
    at(r, 30000);
    ck_assert_uint_eq(r->edge_at[0], 201 + 9999);   /* low */
    ck_assert_uint_eq(r->edge_at[1], 201 + 10000);  /* high */
    ck_assert_uint_eq(r->edge_at[2], 201 + 19999);

    /* binary count 0 = 65536 in mode 0 */
    at(r, 40000);
    prog(r, 0, 0x30, 0);
    at(r, 40001 + 65535);
    ck_assert_int_eq(out(r, 0), 0);
    ck_assert_uint_eq(rd16(r, 0x40), 1);
    at(r, 40001 + 65536);
    ck_assert_int_eq(out(r, 0), 1);
    free(r);
}
END_TEST

START_TEST(test_port61)
{
    struct rig *r = rig_new(PIT_HZ);
    unsigned v;

    wr(r, 0x61, 0xFF);
    v = rd(r, 0x61);
    ck_assert_uint_eq(v & 0x0F, 0x0F);
    ck_assert_uint_eq(v & 0xC0, 0);   /* no parity / IOCHK errors */
    ck_assert_int_eq(pit_speaker(&r->pit), 0);   /* OUT2 low (unprogrammed) */
    prog(r, 2, 0xB6, 4);              /* mode 3 on the speaker */
    at(r, 2);
    ck_assert_uint_eq(rd(r, 0x61) & 0x20, 0x20);
    ck_assert_int_eq(pit_speaker(&r->pit), 1);
    at(r, 3);
    ck_assert_uint_eq(rd(r, 0x61) & 0x20, 0);
    wr(r, 0x61, 0x01);                /* speaker data off, gate on */
    ck_assert_int_eq(pit_speaker(&r->pit), 0);
    ck_assert_str_eq(io_name(&r->bus, 0x61), "port61");
    ck_assert_str_eq(io_name(&r->bus, 0x43), "pit");
    free(r);
}
END_TEST

START_TEST(test_refresh_toggle)
{
    struct rig *r = rig_new(4772727);
    unsigned k, prev, flips = 0;
    uint64_t c;

    prev = rd(r, 0x61) & 0x10;
    for (k = 1; k <= 20; k++) {
        uint64_t edge = pit_tick_cycle(&r->pit, 18 * k);
        at(r, edge - 1);
        ck_assert_uint_eq(rd(r, 0x61) & 0x10, prev);
        at(r, edge);
        ck_assert_uint_ne(rd(r, 0x61) & 0x10, prev);
        prev = rd(r, 0x61) & 0x10;
        flips++;
    }
    /* 15.085 us: 72 cycles at 4.77 MHz between flips, give or take one */
    c = pit_tick_cycle(&r->pit, 36) - pit_tick_cycle(&r->pit, 18);
    ck_assert_uint_ge(c, 71);
    ck_assert_uint_le(c, 73);
    ck_assert_uint_eq(flips, 20);
    free(r);
}
END_TEST

START_TEST(test_irq0_18hz_exact_cycles)
{
    struct rig *r = rig_new(4772727);
    uint64_t t0, k;
    unsigned i;

    at(r, 1000);
    t0 = pit_ticks(&r->pit, 1000);
    prog(r, 0, 0x34, 0);              /* the BIOS's 18.2 Hz: mode 2, 65536 */
    ck_assert_uint_eq(r->nedges, 1);  /* OUT left its power-up low */
    r->nedges = 0;
    for (i = 0; i < 10; i++) {
        uint64_t dl = r->s.next_deadline;
        int before;
        ck_assert_uint_ne(dl, SCHED_NEVER);
        r->clock = dl - 1;            /* nothing yet one cycle before */
        before = out(r, 0);
        r->clock = dl;
        sched_run_due(&r->s, dl);
        ck_assert_int_ne(out(r, 0), before);
        ck_assert_uint_eq(r->nedges, i + 1);
        ck_assert_uint_eq(r->edge_at[i], dl);
    }
    for (i = 0; i < 10; i += 2) {
        k = t0 + 1 + 65535 + 65536 * (i / 2);
        ck_assert_uint_eq(r->edge_at[i], ref_cycle(&r->pit, k));
        ck_assert_int_eq(r->edge_level[i], 0);
        ck_assert_uint_eq(r->edge_at[i + 1], ref_cycle(&r->pit, k + 1));
        ck_assert_int_eq(r->edge_level[i + 1], 1);
    }
    /* rising edges 18.2 Hz apart: 65536 ticks = 262144 cycles (+0/1) */
    ck_assert_uint_ge(r->edge_at[3] - r->edge_at[1], 262144);
    ck_assert_uint_le(r->edge_at[3] - r->edge_at[1], 262145);
    free(r);
}
END_TEST

START_TEST(test_33mhz_mode3)
{
    struct rig *r = rig_new(33000000);
    unsigned i;
    uint64_t t0;

    at(r, 777);
    t0 = pit_ticks(&r->pit, 777);
    prog(r, 0, 0x36, 1193);           /* ~1 kHz, odd: high 597, low 596 */
    ck_assert_uint_eq(r->nedges, 1);  /* OUT left its power-up low */
    r->nedges = 0;
    at(r, 33000000 / 100);
    for (i = 0; i + 1 < r->nedges; i += 2) {
        uint64_t start = t0 + 1 + 1193 * (uint64_t)(i / 2);
        ck_assert_uint_eq(r->edge_at[i], ref_cycle(&r->pit, start + 597));
        ck_assert_int_eq(r->edge_level[i], 0);
        ck_assert_uint_eq(r->edge_at[i + 1], ref_cycle(&r->pit, start + 1193));
        ck_assert_int_eq(r->edge_level[i + 1], 1);
    }
    ck_assert_uint_ge(r->nedges, 18);
    free(r);
}
END_TEST

START_TEST(test_two_pits)
{
    struct rig *a = rig_new(PIT_HZ), *b = rig_new(4772727);

    prog(a, 0, 0x34, 10);
    prog(b, 0, 0x34, 10);
    a->nedges = b->nedges = 0;        /* OUT left its power-up low */
    at(a, 10);
    ck_assert_int_eq(out(a, 0), 0);
    ck_assert_uint_eq(a->nedges, 1);
    ck_assert_uint_eq(b->nedges, 0);
    ck_assert_int_eq(out(b, 0), 1);
    ck_assert_uint_eq(pit_tick_cycle(&b->pit, 10), 40);  /* 39.99999 rounded up */
    at(b, 39);
    ck_assert_uint_eq(b->nedges, 0);
    at(b, 40);
    ck_assert_uint_eq(b->nedges, 1);
    ck_assert_uint_eq(b->edge_at[0], 40);
    ck_assert_uint_eq(a->nedges, 1);
    wr(a, 0x43, 0xE2);
    ck_assert_uint_eq(rd(a, 0x40) & 0x80, 0);
    free(a);
    free(b);
}
END_TEST

START_TEST(test_state_table)
{
    size_t i, total = 0;

    for (i = 0; i < pit_nfields; i++) {
        ck_assert_ptr_nonnull(pit_fields[i].name);
        ck_assert_uint_le(pit_fields[i].offset + pit_fields[i].size, sizeof(struct pit));
        total += pit_fields[i].size;
    }
    /* every counter field once (2 u64, 3 u32, 2 u16, 17 bytes), plus port61 */
    ck_assert_uint_eq(pit_nfields, 3 * 24 + 1);
    ck_assert_uint_eq(total, 3 * (2 * 8 + 3 * 4 + 2 * 2 + 17) + 1);
    ck_assert_str_eq(pit_fields[pit_nfields - 1].name, "port61");
}
END_TEST

static Suite *pit_suite(void)
{
    Suite *s = suite_create("pit");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_time_conversion);
    tcase_add_test(tc, test_mode0_interrupt_on_terminal_count);
    tcase_add_test(tc, test_mode0_gate_pauses);
    tcase_add_test(tc, test_mode1_one_shot);
    tcase_add_test(tc, test_mode2_rate_generator);
    tcase_add_test(tc, test_mode3_even);
    tcase_add_test(tc, test_mode3_odd);
    tcase_add_test(tc, test_mode3_gate);
    tcase_add_test(tc, test_mode2_gate_restarts);
    tcase_add_test(tc, test_mode3_new_count_at_half_end);
    tcase_add_test(tc, test_mode4_software_strobe);
    tcase_add_test(tc, test_mode5_hardware_strobe);
    tcase_add_test(tc, test_latch_and_access_modes);
    tcase_add_test(tc, test_read_back);
    tcase_add_test(tc, test_bcd_and_count0);
    tcase_add_test(tc, test_port61);
    tcase_add_test(tc, test_refresh_toggle);
    tcase_add_test(tc, test_irq0_18hz_exact_cycles);
    tcase_add_test(tc, test_33mhz_mode3);
    tcase_add_test(tc, test_two_pits);
    tcase_add_test(tc, test_state_table);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(pit_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
