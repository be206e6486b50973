/* pit.c - the Intel 8254 programmable interval timer as wired in a PC,
 * plus system control port B (port 61h).
 *
 * Follows the Intel 8254 datasheet (order no. 231164): "Control Word
 * Format", "Write Operations", "Read Operations" (counter latch command,
 * read-back command, status byte with OUTPUT and NULL COUNT), "Mode
 * Definitions" (modes 0-5 and their GATE behaviour) and "Operation Common
 * to All Modes" (count 0 = 2^16 binary / 10^4 BCD, new counts loaded on the
 * CLK pulse after they are written). PC wiring as in the IBM PC/AT
 * Technical Reference: CLK 1,193,182 Hz on all counters, counter 0 OUT to
 * IRQ0, counter 1 for DRAM refresh, counter 2 gated by port 61h bit 0 with
 * its OUT on port 61h bit 5 and, ANDed with bit 1, on the speaker.
 *
 * Time (DESIGN.md "Time"): nothing ticks. PIT tick k happens at the first
 * cycle c with floor(c * 1193182 / cpu_hz) >= k. Each counter keeps its
 * state as of one tick (base_tick) and is brought forward in closed form
 * when someone looks at it (a port access, a gate change, its timer).
 * Counter 0 schedules its next output change as an exact absolute cycle.
 *
 * Conventions within a tick: a count written between ticks T and T+1 is in
 * CE at tick T+1 (not yet decremented), so mode 0's OUT rises N+1 CLK
 * pulses after the write, as the datasheet says. Gate edges are sampled the
 * same way: a rising gate between T and T+1 loads (modes 1/2/3/5) at T+1.
 *
 * Counts the datasheet calls illegal (1 in modes 2 and 3): mode 2 with 1
 * keeps OUT low while counting; mode 3 with 1 keeps OUT high (its low half
 * has length (1-1)/2 = 0). Neither schedules events.
 *
 * Port 61h: bits 0-3 read back as written (0 = gate 2, 1 = speaker data,
 * 2-3 = the AT's parity/IOCHK check enables, which gate NMI sources this
 * board does not have); bit 4 = refresh toggle; bit 5 = counter 2 OUT;
 * bits 6-7 (parity error / IOCHK status) read 0 since no such error can
 * happen here. The refresh toggle flips every 18 PIT ticks (15.085 us):
 * on a real AT it follows counter 1's refresh requests, which every BIOS
 * programs to mode 2, count 18; a fixed period keeps BIOS delay loops that
 * count toggles working before (or without) that programming, as QEMU
 * does too. */
#include "pit.h"

#include <assert.h>
#include <stdio.h>

#define PIT_REFRESH_TICKS 18

#define F(m) DEV_FIELD(struct pit, m)
#define CH(i)                                                                              \
    F(ch[i].base_tick), F(ch[i].load_at), F(ch[i].ce), F(ch[i].pos), F(ch[i].n),          \
    F(ch[i].cr), F(ch[i].latch), F(ch[i].cw), F(ch[i].mode), F(ch[i].rw), F(ch[i].bcd),   \
    F(ch[i].out), F(ch[i].gate), F(ch[i].loaded), F(ch[i].have_count), F(ch[i].armed),    \
    F(ch[i].cr_pending), F(ch[i].null_count), F(ch[i].wr_msb), F(ch[i].wr_disabled),      \
    F(ch[i].rd_msb), F(ch[i].latched), F(ch[i].status_latched), F(ch[i].status)
const struct dev_field pit_fields[] = { CH(0), CH(1), CH(2), F(port61) };
const size_t pit_nfields = DEV_NFIELDS(pit_fields);
#undef CH
#undef F

/* ---- time --------------------------------------------------------------- */

/* Split so nothing overflows 64 bits: t = q*hz + r with r < hz <= 2^40,
 * and r * PIT_HZ < 2^61. */
uint64_t pit_ticks(const struct pit *p, uint64_t t)
{
    uint64_t q = t / p->cpu_hz, r = t % p->cpu_hz;
    return q * PIT_HZ + r * PIT_HZ / p->cpu_hz;
}

/* Smallest c with c * PIT_HZ >= tick * hz, i.e. ceil(tick * hz / PIT_HZ),
 * split the same way: tick = q*PIT_HZ + r. */
uint64_t pit_tick_cycle(const struct pit *p, uint64_t tick)
{
    uint64_t q = tick / PIT_HZ, r = tick % PIT_HZ;
    if (tick == PIT_NEVER || q > (SCHED_NEVER - 1) / p->cpu_hz - 1)
        return SCHED_NEVER;
    return q * p->cpu_hz + (r * p->cpu_hz + PIT_HZ - 1) / PIT_HZ;
}

static uint64_t pit_now_tick(struct pit *p)
{
    return pit_ticks(p, p->now(p->now_opaque));
}

/* ---- one counter ---------------------------------------------------------- */

static uint32_t pit_modulus(const struct pit_counter *c)
{
    return c->bcd ? 10000u : 65536u;
}

static unsigned pit_bcd2bin(unsigned v)
{
    return (v >> 12 & 15) * 1000 + (v >> 8 & 15) * 100 + (v >> 4 & 15) * 10 + (v & 15);
}

static unsigned pit_bin2bcd(unsigned v)
{
    return (v / 1000 % 10) << 12 | (v / 100 % 10) << 8 | (v / 10 % 10) << 4 | v % 10;
}

/* The initial count as a number of ticks, 1..modulus (0 means the modulus). */
static uint32_t pit_count_value(const struct pit_counter *c)
{
    uint32_t v = c->bcd ? pit_bcd2bin(c->cr) : c->cr;
    return v ? v : pit_modulus(c);
}

static int pit_counting(const struct pit_counter *c)
{
    return c->loaded && !c->wr_disabled && (c->gate || c->mode == 1 || c->mode == 5);
}

/* Length of mode 3's current half: (n+1)/2 high, n/2 low. */
static uint32_t pit_half(const struct pit_counter *c)
{
    return c->out ? (c->n + 1) / 2 : c->n / 2;
}

/* CR -> CE transfer. */
static void pit_load(struct pit_counter *c)
{
    uint32_t v = pit_count_value(c);

    c->loaded = 1;
    c->null_count = 0;
    c->cr_pending = 0;
    switch (c->mode) {
    case 0: case 1:
        c->ce = v % pit_modulus(c);
        c->out = 0;
        c->armed = 1;
        break;
    case 4: case 5:
        c->ce = v % pit_modulus(c);
        c->out = 1;
        c->armed = 1;
        break;
    default:
        c->n = v;
        c->pos = 0;
        c->out = c->mode == 3 || v != 1;
        break;
    }
}

/* Brings c forward from base_tick to tick t (t >= base_tick). */
static void pit_advance(struct pit_counter *c, uint64_t t)
{
    uint64_t d, m, left;

    assert(t >= c->base_tick);
    if (c->load_at <= t) {
        c->base_tick = c->load_at;
        c->load_at = PIT_NEVER;
        pit_load(c);
    }
    d = t - c->base_tick;
    c->base_tick = t;
    if (d == 0)
        return;
    m = pit_modulus(c);
    if (!pit_counting(c)) {
        /* a mode 4/5 strobe is one CLK long even if the gate stops CE */
        if ((c->mode == 4 || c->mode == 5) && !c->armed)
            c->out = 1;
        return;
    }
    switch (c->mode) {
    case 0: case 1: case 4: case 5:
        left = c->ce ? c->ce : m;
        if (c->mode <= 1) {
            if (c->armed && d >= left) {
                c->armed = 0;
                c->out = 1;
            }
        } else if (c->armed && d >= left) {
            c->armed = 0;
            c->out = d != left;          /* low exactly on the terminal tick */
        } else if (!c->armed) {
            c->out = 1;
        }
        c->ce = (uint32_t)((c->ce + m - d % m) % m);   /* wraps and goes on counting */
        break;
    case 2:
        if (c->cr_pending && d >= c->n - c->pos) {
            d -= c->n - c->pos;
            pit_load(c);                 /* the new count starts the next period */
        }
        c->pos = (uint32_t)((c->pos + d) % c->n);
        c->out = c->pos != c->n - 1;
        break;
    case 3:
        if (c->cr_pending && d >= pit_half(c) - c->pos) {
            d -= pit_half(c) - c->pos;
            c->out = !c->out;            /* the new count starts the next half */
            c->n = pit_count_value(c);
            c->pos = 0;
            c->cr_pending = 0;
            c->null_count = 0;
            if (pit_half(c) == 0)
                c->out = 1;
        }
        {
            uint64_t hi = (c->n + 1) / 2;
            uint64_t ph = ((c->out ? c->pos : hi + c->pos) + d) % c->n;
            c->out = ph < hi;
            c->pos = (uint32_t)(c->out ? ph : ph - hi);
        }
        break;
    }
}

/* The next tick after base_tick at which OUT changes (or, rarely, a mode 2
 * reload with count 1 pending), or PIT_NEVER. Expects base_tick to be
 * "now" and no load pending. */
static uint64_t pit_next_edge_loaded(const struct pit_counter *c)
{
    uint64_t cand = PIT_NEVER, m = pit_modulus(c);

    if ((c->mode == 4 || c->mode == 5) && !c->armed && !c->out)
        cand = c->base_tick + 1;
    else if (pit_counting(c)) {
        switch (c->mode) {
        case 0: case 1: case 4: case 5:
            if (c->armed)
                cand = c->base_tick + (c->ce ? c->ce : m);
            break;
        case 2:
            if (c->cr_pending)
                cand = c->base_tick + (c->n - c->pos);
            if (c->n > 1)
                cand = c->base_tick + (c->pos < c->n - 1 ? c->n - 1 - c->pos : 1);
            break;
        case 3:
            if (c->n > 1 || c->cr_pending)
                cand = c->base_tick + (pit_half(c) - c->pos);
            break;
        }
    }
    return cand;
}

/* The next tick at which OUT changes. A pending CR -> CE transfer is
 * stepped through on a copy, so the scheduler only ever sees true edges
 * (a load that leaves OUT as it was costs no event). */
static uint64_t pit_next_edge(const struct pit_counter *c)
{
    struct pit_counter l;

    if (c->load_at == PIT_NEVER)
        return pit_next_edge_loaded(c);
    l = *c;
    pit_advance(&l, c->load_at);
    return l.out != c->out ? c->load_at : pit_next_edge_loaded(&l);
}

/* CE as the chip shows it (raw, BCD when bcd). */
static unsigned pit_ce_value(const struct pit_counter *c)
{
    uint32_t m = pit_modulus(c), v;

    if (!c->loaded || c->mode <= 1 || c->mode >= 4)
        v = c->ce;
    else if (c->mode == 2)
        v = (c->n - c->pos) % m;
    else if (c->n % 2 == 0 || c->pos == 0)
        v = (c->n - 2 * c->pos) % m;
    else if (c->out)
        v = c->n + 1 - 2 * c->pos;   /* odd, high half: N, N-1, N-3, ... */
    else
        v = c->n - 1 - 2 * c->pos;   /* odd, low half: N, N-3, N-5, ... */
    return c->bcd ? pit_bin2bcd(v) : v;
}

/* ---- the chip --------------------------------------------------------------- */

/* Brings counter 0 to the current tick, drives IRQ0 and schedules the
 * cycle of its next possible output change. */
static void pit_ch0_update(struct pit *p, uint64_t tick)
{
    struct pit_counter *c = &p->ch[0];
    uint64_t next;

    pit_advance(c, tick);
    if (c->out != p->irq0.level)
        irq_set(&p->irq0, c->out);
    next = pit_next_edge(c);
    if (next == PIT_NEVER)
        sched_cancel(p->sched, p->timer);
    else
        sched_set(p->sched, p->timer, pit_tick_cycle(p, next));
}

static void pit_timer(void *opaque, uint64_t now)
{
    struct pit *p = opaque;

    pit_ch0_update(p, pit_ticks(p, now));
}

/* Call after changing counter i at tick t. */
static void pit_changed(struct pit *p, int i, uint64_t t)
{
    if (i == 0)
        pit_ch0_update(p, t);
}

static void pit_latch_count(struct pit_counter *c)
{
    if (!c->latched) {               /* later latches are ignored until read */
        c->latch = (uint16_t)pit_ce_value(c);
        c->latched = 1;
    }
}

static void pit_latch_status(struct pit_counter *c)
{
    if (!c->status_latched) {
        c->status = (uint8_t)(c->out << 7 | c->null_count << 6 | c->cw);
        c->status_latched = 1;
    }
}

static void pit_control(struct pit *p, uint8_t v, uint64_t t)
{
    int sc = v >> 6, i;
    struct pit_counter *c;

    if (sc == 3) {                   /* read-back: bits 1-3 select counters */
        for (i = 0; i < 3; i++) {
            if (!(v & 2 << i))
                continue;
            pit_advance(&p->ch[i], t);
            if (!(v & 0x20))
                pit_latch_count(&p->ch[i]);
            if (!(v & 0x10))
                pit_latch_status(&p->ch[i]);
        }
        return;
    }
    c = &p->ch[sc];
    pit_advance(c, t);
    if ((v & 0x30) == 0) {           /* counter latch command */
        pit_latch_count(c);
        return;
    }
    /* A control word resets the counter's control logic: CE keeps the
     * value it shows but stops until a count is written. */
    c->ce = pit_ce_value(c);
    if (c->bcd)
        c->ce = pit_bcd2bin(c->ce);
    c->cw = v & 0x3F;
    c->rw = v >> 4 & 3;
    c->mode = v >> 1 & 7;
    if (c->mode > 5)
        c->mode -= 4;
    c->bcd = v & 1;
    c->ce %= pit_modulus(c);
    c->out = c->mode != 0;
    c->loaded = c->have_count = c->armed = c->cr_pending = 0;
    c->wr_msb = c->rd_msb = c->wr_disabled = 0;
    c->latched = c->status_latched = 0;
    c->null_count = 1;
    c->load_at = PIT_NEVER;
    pit_changed(p, sc, t);
}

/* A complete count was written to CR at tick t. */
static void pit_count_written(struct pit_counter *c, uint64_t t)
{
    c->have_count = 1;
    c->null_count = 1;
    switch (c->mode) {
    case 0:
        c->out = 0;
        c->load_at = t + 1;
        break;
    case 4:
        c->load_at = t + 1;
        break;
    case 1: case 5:
        break;                       /* waits for a gate trigger */
    default:
        if (c->loaded && pit_counting(c))
            c->cr_pending = 1;       /* the current period runs out first */
        else if (c->gate)
            c->load_at = t + 1;
        break;
    }
}

static void pit_write_counter(struct pit *p, int i, uint8_t v, uint64_t t)
{
    struct pit_counter *c = &p->ch[i];

    pit_advance(c, t);
    if (c->rw == 0)
        return;                      /* never programmed */
    if (c->rw == 1) {
        c->cr = v;
    } else if (c->rw == 2) {
        c->cr = (uint16_t)(v << 8);
    } else if (!c->wr_msb) {
        c->cr = (uint16_t)((c->cr & 0xFF00) | v);
        c->wr_msb = 1;
        if (c->mode == 0) {          /* the first byte halts mode 0 and drops OUT */
            c->wr_disabled = 1;
            c->out = 0;
            pit_changed(p, i, t);
        }
        return;
    } else {
        c->cr = (uint16_t)((c->cr & 0x00FF) | v << 8);
        c->wr_msb = 0;
        c->wr_disabled = 0;
    }
    pit_count_written(c, t);
    pit_changed(p, i, t);
}

static uint8_t pit_read_counter(struct pit *p, int i, uint64_t t)
{
    struct pit_counter *c = &p->ch[i];
    unsigned v;
    uint8_t b;

    pit_advance(c, t);
    if (c->status_latched) {
        c->status_latched = 0;
        return c->status;
    }
    v = c->latched ? c->latch : pit_ce_value(c);
    if (c->rw == 2 || (c->rw == 3 && c->rd_msb))
        b = (uint8_t)(v >> 8);
    else
        b = (uint8_t)v;
    if (c->rw == 3)
        c->rd_msb = !c->rd_msb;
    if (c->rw != 3 || !c->rd_msb)
        c->latched = 0;              /* the latch holds until fully read */
    return b;
}

void pit_set_gate(struct pit *p, int i, int level)
{
    struct pit_counter *c = &p->ch[i];
    uint64_t t = pit_now_tick(p);

    level = !!level;
    pit_advance(c, t);
    if (level == c->gate)
        return;
    c->gate = (uint8_t)level;
    if (level) {
        if (c->have_count && c->mode != 0 && c->mode != 4)
            c->load_at = t + 1;      /* trigger (1/5) or restart (2/3) */
    } else if (c->mode == 2 || c->mode == 3) {
        c->out = 1;                  /* gate low forces OUT high at once */
        c->load_at = PIT_NEVER;
    }
    pit_changed(p, i, t);
}

int pit_out(struct pit *p, int i)
{
    pit_advance(&p->ch[i], pit_now_tick(p));
    return p->ch[i].out;
}

int pit_speaker(struct pit *p)
{
    return (p->port61 & 2) && pit_out(p, 2);
}

static uint32_t pit_io_read(void *opaque, uint16_t port, unsigned width)
{
    struct pit *p = opaque;

    (void)width;
    if ((port & 3) == 3)
        return 0xFF;                 /* the control register is write-only */
    return pit_read_counter(p, port & 3, pit_now_tick(p));
}

static void pit_io_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct pit *p = opaque;
    uint64_t t = pit_now_tick(p);

    (void)width;
    if ((port & 3) == 3)
        pit_control(p, (uint8_t)val, t);
    else
        pit_write_counter(p, port & 3, (uint8_t)val, t);
}

static uint32_t pit_port61_read(void *opaque, uint16_t port, unsigned width)
{
    struct pit *p = opaque;
    uint64_t t = pit_now_tick(p);

    (void)port;
    (void)width;
    pit_advance(&p->ch[2], t);
    return (uint32_t)(p->port61 & 0x0F) | (uint32_t)((t / PIT_REFRESH_TICKS) & 1) << 4 |
           (uint32_t)p->ch[2].out << 5;
}

static void pit_port61_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct pit *p = opaque;

    (void)port;
    (void)width;
    p->port61 = val & 0x0F;
    pit_set_gate(p, 2, val & 1);
}

int pit_init(struct pit *p, uint64_t cpu_hz, uint64_t (*now)(void *), void *now_opaque,
             struct sched *s, char *err, size_t errlen)
{
    int i;

    if (cpu_hz == 0 || cpu_hz > (UINT64_C(1) << 40) || !now) {
        snprintf(err, errlen, "pit: cpu clock %llu Hz out of range 1..2^40 or no clock",
                 (unsigned long long)cpu_hz);
        return -1;
    }
    for (i = 0; i < 3; i++) {
        struct pit_counter *c = &p->ch[i];
        /* Power-up state is undefined in the datasheet; the BIOS programs
         * every counter it uses. Counters 0 and 1 have GATE tied high. */
        c->base_tick = 0;
        c->load_at = PIT_NEVER;
        c->ce = c->pos = 0;
        c->n = 1;
        c->cr = c->latch = 0;
        c->cw = c->mode = c->rw = c->bcd = 0;
        c->out = 0;
        c->gate = i != 2;
        c->loaded = c->have_count = c->armed = c->cr_pending = 0;
        c->null_count = 0;
        c->wr_msb = c->wr_disabled = c->rd_msb = 0;
        c->latched = c->status_latched = c->status = 0;
    }
    p->port61 = 0;
    p->cpu_hz = cpu_hz;
    p->now = now;
    p->now_opaque = now_opaque;
    p->sched = s;
    irq_connect(&p->irq0, NULL, NULL, 0);
    p->timer = sched_add(s, "pit0", pit_timer, p);
    if (p->timer < 0) {
        snprintf(err, errlen, "pit: scheduler has no free timer");
        return -1;
    }
    return 0;
}

int pit_register(struct pit *p, struct io_bus *bus, char *err, size_t errlen)
{
    if (io_register(bus, "pit", 0x40, 4, IO_W8, pit_io_read, pit_io_write, p, err, errlen))
        return -1;
    return io_register(bus, "port61", 0x61, 1, IO_W8, pit_port61_read, pit_port61_write, p,
                       err, errlen);
}
