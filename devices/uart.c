/* uart.c - the National Semiconductor PC16550A UART with 16-byte FIFOs.
 *
 * Follows the PC16550D datasheet (National, June 1995; same register set
 * as the 16550A): "Registers" 8.1 LCR, 8.2 divisor latches and the
 * 1.8432 MHz baud table, 8.4 LSR (DR, OE, PE, FE, BI, THRE, TEMT, error in
 * RCVR FIFO), 8.5 FCR, 8.6 IIR with Table IV (interrupt priorities and
 * reset conditions), 8.7 IER, 8.8 MCR (loopback), 8.9 MSR, 8.10 SCR,
 * 8.11 FIFO interrupt mode (trigger levels, character timeout), and
 * Table II's master-reset values. PC wiring as in the IBM PC/AT Technical
 * Reference: XIN at 1.8432 MHz, the INTRPT output reaches the PIC only
 * through a buffer enabled by OUT2.
 *
 * Time (DESIGN.md "Time"): the UART clock tick k (1.8432 MHz) happens at
 * the first cycle c with floor(c * 1843200 / cpu_hz) >= k. A character of
 * n half-bits (start, data, parity and stop bits; 1.5 stop bits is why
 * halves) takes n * 8 * divisor ticks. A character moved into an idle
 * transmit shift register starts at the next tick; back-to-back characters
 * chain tick-exactly, so a long stream never drifts. The character timeout
 * is 4 character times after the last RX FIFO activity (a character
 * received or read), as 8.11 says.
 *
 * Simplifications, each invisible to software that follows the datasheet:
 * - The THR -> TSR transfer is immediate (THRE rises at once when the TSR
 *   is idle); the real chip takes up to one bit time.
 * - A change of LCR or divisor affects the next character, not the one
 *   being shifted out.
 * - LCR bit 6 (set break) is stored but does not send a break; host
 *   breaks come in through uart_rx_break. Received host bytes carry no
 *   parity or framing errors (the front end delivers whole bytes).
 * - FCR bit 3 (DMA mode) only changes the RXRDY/TXRDY pins, which a PC
 *   does not wire; it is stored and otherwise ignored. */
#include "uart.h"

#include <stdio.h>
#include <string.h>

#define LSR_DR   0x01
#define LSR_OE   0x02
#define LSR_PE   0x04
#define LSR_FE   0x08
#define LSR_BI   0x10
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define LSR_FIFOERR 0x80

#define MCR_OUT2 0x08
#define MCR_LOOP 0x10

#define IIR_NONE 0x01

#define F(m) DEV_FIELD(struct uart, m)
const struct dev_field uart_fields[] = {
    F(tx_end_tick), F(rx_act_tick), F(rx_fifo), F(rx_err), F(tx_fifo),
    F(rx_head), F(rx_count), F(tx_head), F(tx_count), F(tsr), F(tsr_full), F(rbr),
    F(ier), F(lcr), F(mcr), F(fcr), F(scr), F(dll), F(dlm), F(oe), F(thre_int),
    F(msr), F(ext_lines),
};
const size_t uart_nfields = DEV_NFIELDS(uart_fields);
#undef F

/* ---- time --------------------------------------------------------------- */

/* Split as in pit.c: t = q*hz + r, r < hz <= 2^40, r * 1843200 < 2^61. */
uint64_t uart_ticks(const struct uart *u, uint64_t t)
{
    uint64_t q = t / u->cpu_hz, r = t % u->cpu_hz;
    return q * UART_CLOCK_HZ + r * UART_CLOCK_HZ / u->cpu_hz;
}

/* ceil(tick * hz / 1843200), split the same way. */
uint64_t uart_tick_cycle(const struct uart *u, uint64_t tick)
{
    uint64_t q = tick / UART_CLOCK_HZ, r = tick % UART_CLOCK_HZ;
    if (tick == SCHED_NEVER || q > (SCHED_NEVER - 1) / u->cpu_hz - 1)
        return SCHED_NEVER;
    return q * u->cpu_hz + (r * u->cpu_hz + UART_CLOCK_HZ - 1) / UART_CLOCK_HZ;
}

/* The first tick at or after cycle c: tick_cycle(k) >= c. */
static uint64_t uart_tick_ceil(const struct uart *u, uint64_t c)
{
    return c ? uart_ticks(u, c - 1) + 1 : 0;
}

static uint32_t uart_divisor(const struct uart *u)
{
    uint32_t d = (uint32_t)u->dlm << 8 | u->dll;
    return d ? d : 65536u;           /* 0 is undefined; take the slowest rate */
}

uint64_t uart_char_ticks(const struct uart *u)
{
    unsigned wl = 5 + (u->lcr & 3), par = u->lcr >> 3 & 1;
    unsigned stop_half = !(u->lcr & 4) ? 2 : wl == 5 ? 3 : 4;
    unsigned half_bits = 2 * (1 + wl + par) + stop_half;

    return (uint64_t)half_bits * 8 * uart_divisor(u);   /* 16 clocks per bit */
}

/* ---- FIFOs ----------------------------------------------------------------- */

static int uart_fifo_on(const struct uart *u)
{
    return u->fcr & 1;
}

/* In 16450 mode each FIFO is a single holding register. */
static unsigned uart_cap(const struct uart *u)
{
    return uart_fifo_on(u) ? UART_FIFO : 1;
}

static unsigned uart_trigger(const struct uart *u)
{
    static const unsigned level[4] = { 1, 4, 8, 14 };
    return uart_fifo_on(u) ? level[u->fcr >> 6] : 1;
}

/* A character finished arriving at tick t. */
static int uart_rx_push(struct uart *u, uint8_t byte, uint8_t err, uint64_t t)
{
    unsigned slot;

    if (u->rx_count == uart_cap(u)) {
        u->oe = 1;
        if (!uart_fifo_on(u)) {      /* 16450 RBR: the new character overwrites */
            u->rx_fifo[u->rx_head] = byte;
            u->rx_err[u->rx_head] = err;
        }                            /* FIFO: it stays in the RSR and is lost */
        return -1;
    }
    slot = (u->rx_head + u->rx_count) % UART_FIFO;
    u->rx_fifo[slot] = byte;
    u->rx_err[slot] = err;
    u->rx_count++;
    u->rx_act_tick = t;
    return 0;
}

static void uart_clear_rx(struct uart *u)
{
    u->rx_head = u->rx_count = 0;
    memset(u->rx_err, 0, sizeof u->rx_err);
}

static void uart_clear_tx(struct uart *u)
{
    if (u->tx_count)
        u->thre_int = 1;             /* the holding register just became empty */
    u->tx_head = u->tx_count = 0;
}

/* Cycle at which the character timeout indication starts, or SCHED_NEVER. */
static uint64_t uart_timeout_cycle(const struct uart *u)
{
    if (!uart_fifo_on(u) || !u->rx_count)
        return SCHED_NEVER;
    return uart_tick_cycle(u, u->rx_act_tick + 4 * uart_char_ticks(u));
}

/* ---- transmitter ------------------------------------------------------------- */

/* Moves the next THR/FIFO character into the idle TSR, starting at tick t. */
static void uart_tx_start(struct uart *u, uint64_t t)
{
    u->tsr = u->tx_fifo[u->tx_head];
    u->tx_head = (u->tx_head + 1) % UART_FIFO;
    u->tx_count--;
    u->tsr_full = 1;
    u->tx_end_tick = t + uart_char_ticks(u);
    if (u->tx_count == 0)
        u->thre_int = 1;
}

/* Completes every character whose last stop bit ended by cycle now. */
static void uart_sync(struct uart *u, uint64_t now)
{
    while (u->tsr_full && uart_tick_cycle(u, u->tx_end_tick) <= now) {
        uint64_t end = u->tx_end_tick;

        u->tsr_full = 0;
        if (u->mcr & MCR_LOOP)
            uart_rx_push(u, u->tsr, 0, end);   /* SOUT is looped to the receiver */
        else if (u->tx)
            u->tx(u->tx_opaque, u->tsr);
        if (u->tx_count)
            uart_tx_start(u, end);
    }
}

/* ---- interrupts ---------------------------------------------------------------- */

static uint8_t uart_lsr(const struct uart *u)
{
    uint8_t v = 0;
    unsigned i;

    if (u->rx_count)
        v |= LSR_DR | u->rx_err[u->rx_head];   /* errors of the character on top */
    if (u->oe)
        v |= LSR_OE;
    if (!u->tx_count) {
        v |= LSR_THRE;
        if (!u->tsr_full)
            v |= LSR_TEMT;
    }
    if (uart_fifo_on(u))
        for (i = 0; i < u->rx_count; i++)
            if (u->rx_err[(u->rx_head + i) % UART_FIFO])
                v |= LSR_FIFOERR;
    return v;
}

/* IIR per Table IV, highest priority first. */
static uint8_t uart_iir(const struct uart *u, uint64_t now)
{
    uint8_t id = IIR_NONE;

    if ((u->ier & 4) && (uart_lsr(u) & (LSR_OE | LSR_PE | LSR_FE | LSR_BI)))
        id = 0x06;
    else if ((u->ier & 1) && u->rx_count >= uart_trigger(u))
        id = 0x04;
    else if ((u->ier & 1) && uart_timeout_cycle(u) <= now)
        id = 0x0C;
    else if ((u->ier & 2) && u->thre_int)
        id = 0x02;
    else if ((u->ier & 8) && (u->msr & 0x0F))
        id = 0x00;
    return (uint8_t)(id | (uart_fifo_on(u) ? 0xC0 : 0));
}

/* Drives the IRQ line and schedules the next event after any change.
 * In loopback the chip forces OUT2 inactive, which on a PC closes the IRQ
 * buffer, so loopback interrupts never reach the PIC. */
static void uart_update(struct uart *u, uint64_t now)
{
    uint64_t next = SCHED_NEVER, to = uart_timeout_cycle(u);
    int level;

    if (u->tsr_full)
        next = uart_tick_cycle(u, u->tx_end_tick);
    if (to > now && to < next)
        next = to;
    if (next == SCHED_NEVER)
        sched_cancel(u->sched, u->timer);
    else
        sched_set(u->sched, u->timer, next);
    level = !(uart_iir(u, now) & IIR_NONE) && (u->mcr & (MCR_OUT2 | MCR_LOOP)) == MCR_OUT2;
    if (level != u->irq.level)
        irq_set(&u->irq, level);
}

static void uart_timer(void *opaque, uint64_t now)
{
    struct uart *u = opaque;

    uart_sync(u, now);
    uart_update(u, now);
}

/* ---- modem lines ------------------------------------------------------------------ */

/* New input levels; sets the delta latches (RI only on its trailing edge). */
static void uart_apply_lines(struct uart *u, uint8_t lines)
{
    uint8_t old = u->msr & 0xF0, ch = old ^ lines, d = 0;

    if (ch & UART_CTS)
        d |= 1;
    if (ch & UART_DSR)
        d |= 2;
    if ((old & UART_RI) && !(lines & UART_RI))
        d |= 4;
    if (ch & UART_DCD)
        d |= 8;
    u->msr = (uint8_t)((u->msr & 0x0F) | d | lines);
}

/* In loopback the inputs follow MCR: RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD. */
static uint8_t uart_lines(const struct uart *u)
{
    if (u->mcr & MCR_LOOP)
        return (uint8_t)((u->mcr & 2) << 3 | (u->mcr & 1) << 5 | (u->mcr & 4) << 4 |
                         (u->mcr & 8) << 4);
    return u->ext_lines;
}

void uart_set_modem_lines(struct uart *u, uint8_t lines)
{
    uint64_t now = u->now(u->now_opaque);

    uart_sync(u, now);
    u->ext_lines = lines & 0xF0;
    uart_apply_lines(u, uart_lines(u));
    uart_update(u, now);
}

/* ---- host side --------------------------------------------------------------------- */

static int uart_rx_host(struct uart *u, uint8_t byte, uint8_t err)
{
    uint64_t now = u->now(u->now_opaque);
    int r = 0;

    uart_sync(u, now);
    if (!(u->mcr & MCR_LOOP))        /* SIN is disconnected in loopback */
        r = uart_rx_push(u, byte, err, uart_tick_ceil(u, now));
    uart_update(u, now);
    return r;
}

int uart_rx_byte(struct uart *u, uint8_t byte)
{
    return uart_rx_host(u, byte, 0);
}

int uart_rx_break(struct uart *u)
{
    return uart_rx_host(u, 0, LSR_BI | LSR_FE);
}

/* ---- registers ------------------------------------------------------------------------ */

static uint32_t uart_io_read(void *opaque, uint16_t port, unsigned width)
{
    struct uart *u = opaque;
    uint64_t now = u->now(u->now_opaque);
    uint8_t v = 0xFF;

    (void)width;
    uart_sync(u, now);
    switch (port & 7) {
    case 0:
        if (u->lcr & 0x80) {
            v = u->dll;
            break;
        }
        if (u->rx_count) {
            u->rbr = u->rx_fifo[u->rx_head];
            u->rx_err[u->rx_head] = 0;
            u->rx_head = (u->rx_head + 1) % UART_FIFO;
            u->rx_count--;
            u->rx_act_tick = uart_tick_ceil(u, now);   /* restarts the timeout */
        }
        v = u->rbr;
        break;
    case 1:
        v = u->lcr & 0x80 ? u->dlm : u->ier;
        break;
    case 2:
        v = uart_iir(u, now);
        if ((v & 0x0F) == 0x02)
            u->thre_int = 0;         /* reading IIR clears THRE when it is the source */
        break;
    case 3:
        v = u->lcr;
        break;
    case 4:
        v = u->mcr;
        break;
    case 5:
        v = uart_lsr(u);
        u->oe = 0;                   /* reading LSR clears OE and the top character's errors */
        if (u->rx_count)
            u->rx_err[u->rx_head] = 0;
        break;
    case 6:
        v = u->msr;
        u->msr &= 0xF0;
        break;
    case 7:
        v = u->scr;
        break;
    }
    uart_update(u, now);
    return v;
}

static void uart_write_fcr(struct uart *u, uint8_t v)
{
    if ((v ^ u->fcr) & 1) {          /* switching FIFO mode empties both FIFOs */
        uart_clear_rx(u);
        uart_clear_tx(u);
    }
    if (v & 1) {
        if (v & 2)
            uart_clear_rx(u);
        if (v & 4)
            uart_clear_tx(u);
        u->fcr = v & 0xC9;
    } else {
        u->fcr = 0;                  /* the other bits are only written with bit 0 set */
    }
}

static void uart_io_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct uart *u = opaque;
    uint64_t now = u->now(u->now_opaque);
    uint8_t v = (uint8_t)val;

    (void)width;
    uart_sync(u, now);
    switch (port & 7) {
    case 0:
        if (u->lcr & 0x80) {
            u->dll = v;
            break;
        }
        if (u->tx_count == uart_cap(u)) {   /* full: the newest character is overwritten */
            u->tx_fifo[(u->tx_head + u->tx_count - 1) % UART_FIFO] = v;
        } else {
            u->tx_fifo[(u->tx_head + u->tx_count) % UART_FIFO] = v;
            u->tx_count++;
        }
        u->thre_int = 0;
        if (!u->tsr_full)
            uart_tx_start(u, uart_tick_ceil(u, now));
        break;
    case 1:
        if (u->lcr & 0x80) {
            u->dlm = v;
            break;
        }
        /* Enabling ETBEI while THR is empty raises the THRE interrupt at once. */
        if ((v & 2) && !(u->ier & 2) && !u->tx_count)
            u->thre_int = 1;
        u->ier = v & 0x0F;
        break;
    case 2:
        uart_write_fcr(u, v);
        break;
    case 3:
        u->lcr = v;
        break;
    case 4:
        u->mcr = v & 0x1F;
        uart_apply_lines(u, uart_lines(u));
        break;
    case 5:
        break;                       /* LSR is for factory test; writes are ignored */
    case 6:
        break;                       /* MSR writes are ignored as well */
    case 7:
        u->scr = v;
        break;
    }
    uart_update(u, now);
}

/* ---- setup ------------------------------------------------------------------------------ */

void uart_reset(struct uart *u)
{
    u->tx_end_tick = u->rx_act_tick = 0;
    memset(u->rx_fifo, 0, sizeof u->rx_fifo);
    memset(u->tx_fifo, 0, sizeof u->tx_fifo);
    uart_clear_rx(u);
    u->tx_head = u->tx_count = 0;
    u->tsr = u->tsr_full = 0;
    u->rbr = 0;
    u->ier = u->lcr = u->mcr = u->fcr = 0;
    u->oe = u->thre_int = 0;
    u->msr = u->ext_lines;           /* inputs as they are, no deltas */
    if (u->timer >= 0)
        sched_cancel(u->sched, u->timer);
    if (u->irq.level)
        irq_set(&u->irq, 0);
}

int uart_init(struct uart *u, uint64_t cpu_hz, uint64_t (*now)(void *), void *now_opaque,
              struct sched *s, void (*tx)(void *, uint8_t), void *tx_opaque,
              char *err, size_t errlen)
{
    if (cpu_hz == 0 || cpu_hz > (UINT64_C(1) << 40) || !now || !s) {
        snprintf(err, errlen, "uart: cpu clock %llu Hz out of range 1..2^40, or no clock",
                 (unsigned long long)cpu_hz);
        return -1;
    }
    u->cpu_hz = cpu_hz;
    u->now = now;
    u->now_opaque = now_opaque;
    u->sched = s;
    u->tx = tx;
    u->tx_opaque = tx_opaque;
    irq_connect(&u->irq, NULL, NULL, 0);
    u->timer = sched_add(s, "uart", uart_timer, u);
    if (u->timer < 0) {
        snprintf(err, errlen, "uart: scheduler has no free timer");
        return -1;
    }
    /* The divisor latch and SCR are not touched by MR; at power-up they
     * hold whatever, and zero is as good as anything deterministic. */
    u->dll = u->dlm = u->scr = 0;
    u->ext_lines = UART_CTS | UART_DSR | UART_DCD;   /* a host that is always there */
    uart_reset(u);
    return 0;
}

int uart_register(struct uart *u, struct io_bus *bus, const char *name, uint16_t base,
                  char *err, size_t errlen)
{
    return io_register(bus, name, base, 8, IO_W8, uart_io_read, uart_io_write, u, err, errlen);
}
