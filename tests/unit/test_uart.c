/* test_uart.c - Check unit tests for devices/uart.c (16550A).
 *
 * A virtual clock (rig.clock) is what the UART's now-callback returns; tests
 * move it with at(), which runs scheduler events at their exact deadlines,
 * and poke the chip through a real io_bus at COM1 (3F8h). Transmitted bytes
 * and IRQ edges are logged with the cycle they happened at. Expected cycles
 * are ceil(ticks * cpu_hz / 1843200), worked out by hand below. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "uart.h"

#define COM1 0x3F8
#define COM2 0x2F8
#define HZ_477 4772727u
#define HZ_33 33000000u
#define MAXLOG 64

enum { RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4,
       LSR = 5, MSR = 6, SCR = 7 };

struct rig {
    uint64_t clock;
    struct sched s;
    struct io_bus bus;
    struct uart u;
    unsigned ntx;
    uint8_t tx_byte[MAXLOG];
    uint64_t tx_at[MAXLOG];
    unsigned nirq;
    uint64_t irq_at[MAXLOG];
    int irq_level[MAXLOG];
};

static uint64_t rig_now(void *opaque)
{
    return ((struct rig *)opaque)->clock;
}

static void rig_tx(void *opaque, uint8_t b)
{
    struct rig *r = opaque;

    ck_assert_uint_lt(r->ntx, MAXLOG);
    r->tx_byte[r->ntx] = b;
    r->tx_at[r->ntx++] = r->clock;
}

static void rig_irq(void *opaque, int n, int level)
{
    struct rig *r = opaque;

    ck_assert_int_eq(n, 4);
    ck_assert_uint_lt(r->nirq, MAXLOG);
    r->irq_at[r->nirq] = r->clock;
    r->irq_level[r->nirq++] = level;
}

static struct rig *rig_new(uint64_t hz)
{
    char err[160];
    struct rig *r = malloc(sizeof *r);

    ck_assert_ptr_nonnull(r);
    memset(r, 0xA5, sizeof *r);       /* init must not rely on zeroed memory */
    r->clock = 0;
    r->ntx = r->nirq = 0;
    sched_init(&r->s);
    io_init(&r->bus);
    ck_assert_int_eq(uart_init(&r->u, hz, rig_now, r, &r->s, rig_tx, r, err, sizeof err), 0);
    irq_connect(&r->u.irq, rig_irq, r, 4);
    ck_assert_int_eq(uart_register(&r->u, &r->bus, "com1", COM1, err, sizeof err), 0);
    return r;
}

static void at(struct rig *r, uint64_t c)
{
    while (r->s.next_deadline <= c) {
        r->clock = r->s.next_deadline;
        sched_run_due(&r->s, r->clock);
    }
    r->clock = c;
}

static void wr(struct rig *r, unsigned reg, uint8_t v)
{
    io_write(&r->bus, (uint16_t)(COM1 + reg), v, 1);
}

static unsigned rd(struct rig *r, unsigned reg)
{
    return io_read(&r->bus, (uint16_t)(COM1 + reg), 1);
}

/* LCR = lcr with divisor div. */
static void setup(struct rig *r, unsigned div, uint8_t lcr)
{
    wr(r, LCR, 0x80);
    wr(r, DLL, (uint8_t)div);
    wr(r, DLM, (uint8_t)(div >> 8));
    wr(r, LCR, lcr);
}

START_TEST(test_reset_and_dlab)
{
    struct rig *r = rig_new(HZ_477);

    ck_assert_uint_eq(rd(r, IER), 0);
    ck_assert_uint_eq(rd(r, IIR), 0x01);
    ck_assert_uint_eq(rd(r, LCR), 0);
    ck_assert_uint_eq(rd(r, MCR), 0);
    ck_assert_uint_eq(rd(r, LSR), 0x60);
    ck_assert_uint_eq(rd(r, MSR), 0xB0);      /* CTS, DSR, DCD from the host */
    wr(r, IER, 0xFF);
    ck_assert_uint_eq(rd(r, IER), 0x0F);      /* only bits 0-3 exist */
    wr(r, IER, 0);
    wr(r, LCR, 0x83);
    wr(r, DLL, 0x0C);
    wr(r, DLM, 0x01);
    ck_assert_uint_eq(rd(r, DLL), 0x0C);
    ck_assert_uint_eq(rd(r, DLM), 0x01);
    ck_assert_uint_eq(rd(r, LCR), 0x83);
    wr(r, LCR, 0x03);
    ck_assert_uint_eq(rd(r, IER), 0);         /* DLAB off: IER again, not DLM */
    ck_assert_uint_eq(r->ntx, 0);             /* DLL writes did not transmit */
    ck_assert_uint_eq(rd(r, LSR), 0x60);
    wr(r, MCR, 0xFF);
    ck_assert_uint_eq(rd(r, MCR), 0x1F);
    ck_assert_str_eq(io_name(&r->bus, COM1 + 7), "com1");
    free(r);
}
END_TEST

START_TEST(test_scratch)
{
    struct rig *r = rig_new(HZ_477);
    unsigned v;

    for (v = 0; v < 256; v += 51) {
        wr(r, SCR, (uint8_t)v);
        ck_assert_uint_eq(rd(r, SCR), v);
    }
    wr(r, LCR, 0x80);                         /* DLAB does not hide SCR */
    wr(r, SCR, 0x5A);
    ck_assert_uint_eq(rd(r, SCR), 0x5A);
    free(r);
}
END_TEST

START_TEST(test_thre_interrupt_and_priorities)
{
    struct rig *r = rig_new(HZ_477);

    setup(r, 1, 0x03);
    wr(r, MCR, 0x08);                         /* OUT2: IRQ buffer open */
    ck_assert_uint_eq(r->nirq, 0);
    wr(r, IER, 0x02);                         /* THR empty at once -> interrupt */
    ck_assert_uint_eq(r->nirq, 1);
    ck_assert_int_eq(r->irq_level[0], 1);
    ck_assert_uint_eq(rd(r, IIR), 0x02);
    ck_assert_uint_eq(r->nirq, 2);            /* reading IIR cleared it */
    ck_assert_int_eq(r->irq_level[1], 0);
    ck_assert_uint_eq(rd(r, IIR), 0x01);

    /* THRE comes back when the THR empties into the TSR; received data
     * outranks it; line status outranks both; MSR is last. */
    wr(r, IER, 0x0F);
    wr(r, THR, 'A');                          /* TSR idle: THR empties at once */
    ck_assert_uint_eq(rd(r, IIR), 0x02);
    wr(r, THR, 'B');                          /* TSR busy now: THR full */
    ck_assert_uint_eq(rd(r, IIR), 0x01);
    uart_set_modem_lines(&r->u, UART_DSR | UART_DCD);   /* CTS drops */
    ck_assert_uint_eq(rd(r, IIR), 0x00);
    ck_assert_int_eq(uart_rx_byte(&r->u, 'x'), 0);
    ck_assert_uint_eq(rd(r, IIR), 0x04);
    ck_assert_int_eq(uart_rx_byte(&r->u, 'y'), -1);     /* 16450 mode: overrun */
    ck_assert_uint_eq(rd(r, IIR), 0x06);
    ck_assert_uint_eq(rd(r, LSR) & 0x03, 0x03);         /* DR + OE, cleared by reading */
    ck_assert_uint_eq(rd(r, IIR), 0x04);
    ck_assert_uint_eq(rd(r, RBR), 'y');                 /* the newer byte replaced 'x' */
    ck_assert_uint_eq(rd(r, IIR), 0x00);
    ck_assert_uint_eq(rd(r, MSR), 0xA1);                /* DSR, DCD, delta CTS */
    ck_assert_uint_eq(rd(r, IIR), 0x01);
    at(r, 1000);                                        /* 'A' and 'B' are out */
    ck_assert_uint_eq(r->ntx, 2);
    ck_assert_uint_eq(rd(r, IIR), 0x02);
    free(r);
}
END_TEST

/* One byte, then a back-to-back pair, at divisor div; end cycles given. */
static void check_tx_timing(uint64_t hz, unsigned div, uint64_t one, uint64_t two)
{
    struct rig *r = rig_new(hz);

    setup(r, div, 0x03);                      /* 8N1: 10 bits = 160 * div ticks */
    wr(r, THR, 0x55);
    wr(r, THR, 0xAA);
    at(r, one - 1);
    ck_assert_uint_eq(r->ntx, 0);
    ck_assert_uint_eq(rd(r, LSR) & 0x60, 0);
    at(r, one);
    ck_assert_uint_eq(r->ntx, 1);
    ck_assert_uint_eq(r->tx_at[0], one);
    ck_assert_uint_eq(r->tx_byte[0], 0x55);
    ck_assert_uint_eq(rd(r, LSR) & 0x60, 0x20);   /* THR empty, TSR busy with 0xAA */
    at(r, two + 100);
    ck_assert_uint_eq(r->ntx, 2);
    ck_assert_uint_eq(r->tx_at[1], two);      /* chained tick-exactly, no drift */
    ck_assert_uint_eq(r->tx_byte[1], 0xAA);
    ck_assert_uint_eq(rd(r, LSR) & 0x60, 0x60);
    free(r);
}

START_TEST(test_tx_9600_477mhz)
{
    /* 1920 ticks * 4772727 / 1843200 = 4971.59 -> 4972; 3840 -> 9943.18 -> 9944 */
    check_tx_timing(HZ_477, 12, 4972, 9944);
}
END_TEST

START_TEST(test_tx_115200_477mhz)
{
    /* 160 ticks -> 414.30 -> 415; 320 -> 828.6 -> 829 */
    check_tx_timing(HZ_477, 1, 415, 829);
}
END_TEST

START_TEST(test_tx_9600_33mhz)
{
    /* 1920 * 33e6 / 1843200 = 34375 exactly */
    check_tx_timing(HZ_33, 12, 34375, 68750);
}
END_TEST

START_TEST(test_tx_115200_33mhz)
{
    /* 160 -> 2864.58 -> 2865; 320 -> 5729.17 -> 5730 */
    check_tx_timing(HZ_33, 1, 2865, 5730);
}
END_TEST

START_TEST(test_char_length_and_mid_write)
{
    struct rig *r = rig_new(HZ_33);

    /* 5 data bits, 1.5 stop bits, parity: 1+5+1+1.5 = 8.5 bits = 17 half
     * bits * 8 = 136 ticks at divisor 1. Written at cycle 1000: the first
     * tick at or after it is ceil(1000 * 1843200 / 33e6) = 56 (55.85),
     * so the end is tick 192 -> 192 * 33e6 / 1843200 = 3437.5 -> 3438. */
    setup(r, 1, 0x0C);
    ck_assert_uint_eq(uart_char_ticks(&r->u), 136);
    at(r, 1000);
    wr(r, THR, 1);
    at(r, 3437);
    ck_assert_uint_eq(r->ntx, 0);
    at(r, 3438);
    ck_assert_uint_eq(r->ntx, 1);
    ck_assert_uint_eq(r->tx_at[0], 3438);
    /* 8 data, 2 stop, parity: 12 bits = 192 ticks */
    wr(r, LCR, 0x0F);
    ck_assert_uint_eq(uart_char_ticks(&r->u), 192);
    free(r);
}
END_TEST

START_TEST(test_lsr_thre_temt)
{
    struct rig *r = rig_new(HZ_477);
    unsigned i;

    setup(r, 1, 0x03);
    wr(r, FCR, 0x01);                         /* FIFO mode */
    ck_assert_uint_eq(rd(r, LSR), 0x60);
    for (i = 0; i < 16; i++)
        wr(r, THR, (uint8_t)i);
    /* first byte went into the TSR, 15 wait in the FIFO */
    ck_assert_uint_eq(rd(r, LSR), 0x00);
    wr(r, THR, 99);                           /* the 16th FIFO slot */
    /* byte k (from 1) ends at tick 160k: 14 -> 5800.1 -> 5801, 15 -> 6215 */
    at(r, 6214);
    ck_assert_uint_eq(r->ntx, 14);
    ck_assert_uint_eq(rd(r, LSR), 0x00);
    /* 16 -> 2560 ticks -> 6628.8 -> 6629: the last byte moves to the TSR */
    at(r, 6628);
    ck_assert_uint_eq(r->ntx, 15);
    ck_assert_uint_eq(rd(r, LSR), 0x00);
    at(r, 6629);
    ck_assert_uint_eq(r->ntx, 16);
    ck_assert_uint_eq(rd(r, LSR), 0x20);      /* THRE before TEMT */
    at(r, 7043);                              /* 17 -> 2720 ticks -> 7043.03 -> 7044 */
    ck_assert_uint_eq(rd(r, LSR), 0x20);
    at(r, 7044);
    ck_assert_uint_eq(r->ntx, 17);
    ck_assert_uint_eq(r->tx_byte[16], 99);
    ck_assert_uint_eq(rd(r, LSR), 0x60);
    for (i = 0; i < 16; i++)
        ck_assert_uint_eq(r->tx_byte[i], i);
    free(r);
}
END_TEST

START_TEST(test_fifo_trigger_levels)
{
    static const unsigned level[4] = { 1, 4, 8, 14 };
    struct rig *r = rig_new(HZ_477);
    unsigned t, i;

    setup(r, 1, 0x03);
    wr(r, MCR, 0x08);
    wr(r, IER, 0x01);
    for (t = 0; t < 4; t++) {
        wr(r, FCR, (uint8_t)(t << 6 | 0x07));
        for (i = 1; i <= 16; i++) {
            ck_assert_int_eq(uart_rx_byte(&r->u, (uint8_t)i), 0);
            ck_assert_uint_eq(rd(r, IIR), i >= level[t] ? 0xC4 : 0xC1);
            ck_assert_int_eq(r->u.irq.level, i >= level[t]);
        }
        ck_assert_uint_eq(rd(r, LSR) & 0x81, 0x01);
        ck_assert_uint_eq(rd(r, RBR), 1);     /* first in, first out */
        ck_assert_uint_eq(rd(r, IIR), 15 >= level[t] ? 0xC4 : 0xC1);
    }
    wr(r, FCR, 0x03);                         /* clear RX: empty, no interrupt */
    ck_assert_uint_eq(rd(r, LSR) & 1, 0);
    ck_assert_uint_eq(rd(r, IIR), 0xC1);
    wr(r, FCR, 0x00);                         /* back to 16450 mode: IIR bits 6-7 clear */
    ck_assert_uint_eq(rd(r, IIR), 0x01);
    free(r);
}
END_TEST

START_TEST(test_char_timeout)
{
    struct rig *r = rig_new(HZ_477);

    /* 9600 8N1: a character is 1920 ticks; 4 of them are 7680 ticks. */
    setup(r, 12, 0x03);
    wr(r, MCR, 0x08);
    wr(r, FCR, 0xC1);                         /* trigger 14 */
    wr(r, IER, 0x01);
    at(r, 0);
    uart_rx_byte(&r->u, 'a');
    uart_rx_byte(&r->u, 'b');
    ck_assert_uint_eq(rd(r, IIR), 0xC1);
    /* 7680 ticks -> 19886.4 -> 19887 */
    at(r, 19886);
    ck_assert_uint_eq(r->nirq, 0);
    at(r, 30000);
    ck_assert_uint_eq(r->nirq, 1);
    ck_assert_uint_eq(r->irq_at[0], 19887);
    ck_assert_uint_eq(rd(r, IIR), 0xCC);
    /* reading RBR clears it and restarts the timer from now */
    ck_assert_uint_eq(rd(r, RBR), 'a');
    ck_assert_uint_eq(rd(r, IIR), 0xC1);
    ck_assert_uint_eq(r->nirq, 2);
    /* tick at cycle 30000: ceil(30000 * 1843200 / 4772727) = 11586 (11585.7);
     * + 7680 = 19266 -> 49886.6 -> 49887 */
    at(r, 60000);
    ck_assert_uint_eq(r->nirq, 3);
    ck_assert_uint_eq(r->irq_at[2], 49887);
    ck_assert_uint_eq(rd(r, RBR), 'b');
    ck_assert_uint_eq(rd(r, IIR), 0xC1);      /* empty FIFO: no timeout */
    at(r, 200000);
    ck_assert_uint_eq(r->nirq, 4);
    free(r);
}
END_TEST

START_TEST(test_overrun_fifo)
{
    struct rig *r = rig_new(HZ_477);
    unsigned i;

    setup(r, 1, 0x03);
    wr(r, FCR, 0x01);
    wr(r, IER, 0x05);
    for (i = 0; i < 16; i++)
        ck_assert_int_eq(uart_rx_byte(&r->u, (uint8_t)i), 0);
    ck_assert_int_eq(uart_rx_byte(&r->u, 0xEE), -1);   /* lost, FIFO intact */
    ck_assert_uint_eq(rd(r, IIR), 0xC6);
    ck_assert_uint_eq(rd(r, LSR), 0x63);
    ck_assert_uint_eq(rd(r, LSR), 0x61);      /* OE cleared by the read */
    for (i = 0; i < 16; i++)
        ck_assert_uint_eq(rd(r, RBR), i);
    ck_assert_uint_eq(rd(r, LSR), 0x60);
    ck_assert_uint_eq(rd(r, RBR), 15);        /* empty: the last byte again */

    /* a break: BI + FE on its character, bit 7 while it is in the FIFO */
    uart_rx_byte(&r->u, 'k');
    ck_assert_int_eq(uart_rx_break(&r->u), 0);
    ck_assert_uint_eq(rd(r, IIR), 0xC4);      /* 'k' on top has no error */
    ck_assert_uint_eq(rd(r, LSR), 0xE1);
    ck_assert_uint_eq(rd(r, RBR), 'k');
    ck_assert_uint_eq(rd(r, IIR), 0xC6);
    ck_assert_uint_eq(rd(r, LSR), 0xF9);
    ck_assert_uint_eq(rd(r, LSR), 0x61);
    ck_assert_uint_eq(rd(r, RBR), 0);
    free(r);
}
END_TEST

START_TEST(test_loopback_data)
{
    struct rig *r = rig_new(HZ_33);

    setup(r, 1, 0x03);
    wr(r, FCR, 0x07);
    wr(r, MCR, 0x10);
    wr(r, THR, 'L');
    wr(r, THR, 'B');
    ck_assert_int_eq(uart_rx_byte(&r->u, 'h'), 0);   /* SIN disconnected */
    at(r, 2864);
    ck_assert_uint_eq(rd(r, LSR) & 1, 0);
    at(r, 2865);
    ck_assert_uint_eq(rd(r, LSR) & 1, 1);
    at(r, 6000);
    ck_assert_uint_eq(r->ntx, 0);             /* nothing reached the host */
    ck_assert_uint_eq(rd(r, RBR), 'L');
    ck_assert_uint_eq(rd(r, RBR), 'B');
    ck_assert_uint_eq(rd(r, LSR), 0x60);
    wr(r, MCR, 0x00);
    wr(r, THR, 'Z');
    at(r, 10000);
    ck_assert_uint_eq(r->ntx, 1);
    ck_assert_uint_eq(r->tx_byte[0], 'Z');
    ck_assert_uint_eq(rd(r, LSR) & 1, 0);
    free(r);
}
END_TEST

START_TEST(test_loopback_modem_lines)
{
    struct rig *r = rig_new(HZ_477);

    ck_assert_uint_eq(rd(r, MSR), 0xB0);
    wr(r, MCR, 0x10);                         /* loopback, all outputs off */
    ck_assert_uint_eq(rd(r, MSR), 0x0B);      /* CTS, DSR, DCD fell */
    wr(r, MCR, 0x11);                         /* DTR -> DSR */
    ck_assert_uint_eq(rd(r, MSR), 0x22);
    wr(r, MCR, 0x13);                         /* RTS -> CTS */
    ck_assert_uint_eq(rd(r, MSR), 0x31);
    wr(r, MCR, 0x17);                         /* OUT1 -> RI: no delta on the rising edge */
    ck_assert_uint_eq(rd(r, MSR), 0x70);
    wr(r, MCR, 0x1B);                         /* RI falls (TERI), OUT2 -> DCD */
    ck_assert_uint_eq(rd(r, MSR), 0xB4 | 0x08);
    ck_assert_uint_eq(rd(r, MSR), 0xB0);
    /* host lines come back when loopback ends */
    uart_set_modem_lines(&r->u, UART_RI);
    ck_assert_uint_eq(rd(r, MSR), 0xB0);      /* still looped */
    wr(r, MCR, 0x00);
    ck_assert_uint_eq(rd(r, MSR), 0x4B);
    free(r);
}
END_TEST

START_TEST(test_out2_gates_irq)
{
    struct rig *r = rig_new(HZ_477);

    wr(r, IER, 0x02);                         /* THRE pending, OUT2 low */
    ck_assert_uint_eq(r->nirq, 0);
    ck_assert_int_eq(r->u.irq.level, 0);
    wr(r, MCR, 0x08);
    ck_assert_uint_eq(r->nirq, 1);
    ck_assert_int_eq(r->u.irq.level, 1);
    wr(r, MCR, 0x18);                         /* loopback forces OUT2 inactive */
    ck_assert_int_eq(r->u.irq.level, 0);
    wr(r, MCR, 0x08);
    ck_assert_int_eq(r->u.irq.level, 1);
    wr(r, MCR, 0x00);
    ck_assert_int_eq(r->u.irq.level, 0);
    ck_assert_uint_eq(rd(r, IIR), 0x02);      /* the chip still reports it */
    ck_assert_uint_eq(r->nirq, 4);
    free(r);
}
END_TEST

struct txlog {
    struct rig *r;
    unsigned ntx;
    uint8_t tx_byte[4];
    uint64_t tx_at[4];
};

static void log_tx(void *opaque, uint8_t b)
{
    struct txlog *l = opaque;

    ck_assert_uint_lt(l->ntx, 4);
    l->tx_byte[l->ntx] = b;
    l->tx_at[l->ntx++] = l->r->clock;
}

START_TEST(test_two_uarts)
{
    char err[160];
    struct rig *r = rig_new(HZ_477);
    struct uart *b = malloc(sizeof *b);
    struct txlog log2 = { r, 0, { 0 }, { 0 } };

    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(uart_init(b, HZ_477, rig_now, r, &r->s, log_tx, &log2, err, sizeof err), 0);
    ck_assert_int_eq(uart_register(b, &r->bus, "com2", COM2, err, sizeof err), 0);
    ck_assert_int_ne(uart_register(b, &r->bus, "com2b", COM2 + 4, err, sizeof err), 0);
    setup(r, 12, 0x03);                       /* COM1 9600 */
    io_write(&r->bus, COM2 + LCR, 0x80, 1);   /* COM2 115200 */
    io_write(&r->bus, COM2 + DLL, 1, 1);
    io_write(&r->bus, COM2 + LCR, 0x03, 1);
    io_write(&r->bus, COM2 + SCR, 0x22, 1);
    wr(r, SCR, 0x11);
    wr(r, THR, '1');
    io_write(&r->bus, COM2 + THR, '2', 1);
    at(r, 10000);
    ck_assert_uint_eq(r->ntx, 1);
    ck_assert_uint_eq(r->tx_at[0], 4972);
    ck_assert_uint_eq(r->tx_byte[0], '1');
    ck_assert_uint_eq(log2.ntx, 1);
    ck_assert_uint_eq(log2.tx_at[0], 415);
    ck_assert_uint_eq(log2.tx_byte[0], '2');
    ck_assert_uint_eq(rd(r, SCR), 0x11);
    ck_assert_uint_eq(io_read(&r->bus, COM2 + SCR, 1), 0x22);
    uart_rx_byte(b, 'q');
    ck_assert_uint_eq(rd(r, LSR) & 1, 0);
    ck_assert_uint_eq(io_read(&r->bus, COM2 + RBR, 1), 'q');
    free(b);
    free(r);
}
END_TEST

START_TEST(test_state_table)
{
    size_t i, total = 0;

    for (i = 0; i < uart_nfields; i++) {
        ck_assert_ptr_nonnull(uart_fields[i].name);
        ck_assert_uint_le(uart_fields[i].offset + uart_fields[i].size, sizeof(struct uart));
        total += uart_fields[i].size;
    }
    /* 2 u64, 3 FIFOs of 16, 18 bytes */
    ck_assert_uint_eq(uart_nfields, 23);
    ck_assert_uint_eq(total, 2 * 8 + 3 * 16 + 18);
    ck_assert_int_eq(UART_STATE_VERSION, 1);
}
END_TEST

static Suite *uart_suite(void)
{
    Suite *s = suite_create("uart");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_reset_and_dlab);
    tcase_add_test(tc, test_scratch);
    tcase_add_test(tc, test_thre_interrupt_and_priorities);
    tcase_add_test(tc, test_tx_9600_477mhz);
    tcase_add_test(tc, test_tx_115200_477mhz);
    tcase_add_test(tc, test_tx_9600_33mhz);
    tcase_add_test(tc, test_tx_115200_33mhz);
    tcase_add_test(tc, test_char_length_and_mid_write);
    tcase_add_test(tc, test_lsr_thre_temt);
    tcase_add_test(tc, test_fifo_trigger_levels);
    tcase_add_test(tc, test_char_timeout);
    tcase_add_test(tc, test_overrun_fifo);
    tcase_add_test(tc, test_loopback_data);
    tcase_add_test(tc, test_loopback_modem_lines);
    tcase_add_test(tc, test_out2_gates_irq);
    tcase_add_test(tc, test_two_uarts);
    tcase_add_test(tc, test_state_table);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(uart_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
