/* cmos.c - the Motorola MC146818(A) real-time clock plus RAM, as wired in
 * an IBM PC/AT: index port 70h (bits 0-6 select one of 128 bytes, bit 7 is
 * the board's NMI mask, not a chip bit), data port 71h, IRQ pin to IRQ8.
 *
 * Follows the MC146818A datasheet: "Address Map" (time, alarm and calendar
 * bytes 0-9, registers A-D at 0Ah-0Dh, RAM 0Eh-3Fh; the AT part has 128
 * bytes), "Time, Calendar and Alarm Locations" (BCD or binary per DM, 12-
 * or 24-hour with PM in bit 7 of the hours byte, alarm bytes C0h-FFh as
 * "don't care"), "Register A" (UIP, DV2-0, RS3-0 with the 32.768 kHz
 * periodic rate table), "Register B" (SET, PIE, AIE, UIE, SQWE, DM, 24/12,
 * DSE), "Register C" (IRQF, PF, AF, UF: read-only, cleared by reading),
 * "Register D" (VRT), "Update Cycle" (UIP high t_BUC = 244 us before the
 * update) and "Interrupts". The century byte at 32h is the PC convention
 * (IBM AT Technical Reference, CMOS RAM map), not a chip register.
 *
 * Time (DESIGN.md "Time"): nothing ticks. The divider chain is described by
 * phase0, a cycle at which it stood at a second boundary; the 32.768 kHz
 * tick k happens at the first cycle c with (c - phase0) * 32768 / cpu_hz
 * >= k, and the update of second n at phase0 + n * cpu_hz exactly, so the
 * shown time is epoch + (cycles - phase0) / cpu_hz. The interrupt flags of
 * register C are evaluated lazily over [last_eval, now] whenever anything
 * changes, and a timer wakes the chip at the exact cycle of the next event
 * only while an enabled interrupt could still change IRQ8.
 *
 * Modelling choices, where the datasheet leaves room or the real part
 * would produce garbage:
 *  - While the clock runs, bytes 0-9 and 32h are derived from the time, so
 *    the day of week always follows the date (a guest that writes a wrong
 *    weekday sees it corrected at once), and switching DM or 24/12 shows
 *    the same time in the new format (the real chip keeps the old bytes
 *    and counts wrongly until software rewrites them).
 *  - The 32h century byte rolls with the year; if it does not hold 19 or
 *    20 when the time is written, years 70-99 mean 19xx and 00-69 20xx.
 *  - Divider values other than 010 (32.768 kHz, normal) stop the clock and
 *    the periodic interrupt; leaving the 11x reset with 010 puts the first
 *    update 500 ms later, as the datasheet describes.
 *  - DSE applies the chip's fixed (1986 US) rule: the last Sunday in
 *    April goes from 01:59:59 to 03:00:00, the last Sunday in October from
 *    01:59:59 back to 01:00:00 once. The clock itself counts standard time;
 *    the bytes show it one hour ahead inside that window, which is exactly
 *    the chip's behaviour and keeps the time a pure function of cycles.
 *    Bytes written in the repeated October hour are taken as the first
 *    (daylight) pass. Toggling DSE shifts what is shown at once (the real
 *    chip only changes at the next switch-over). PC BIOSes leave DSE off.
 *  - SQWE is stored; the SQW pin is not connected on a PC. */
#include "cmos.h"

#include <stdio.h>

enum {
    REG_A = 0x0A, REG_B = 0x0B, REG_C = 0x0C, REG_D = 0x0D,
    A_UIP = 0x80,
    B_SET = 0x80, B_PIE = 0x40, B_AIE = 0x20, B_UIE = 0x10, B_DM = 0x04, B_24H = 0x02, B_DSE = 0x01,
    C_IRQF = 0x80, C_PF = 0x40, C_AF = 0x20, C_UF = 0x10,
    D_VRT = 0x80
};

#define DIV_HZ 32768u
#define UIP_TICKS 8u                 /* 8 / 32768 s = 244.1 us = t_BUC */
#define RTC_MAX_SECONDS INT64_C(4102444799)   /* 2099-12-31 23:59:59 */

#define F(m) DEV_FIELD(struct cmos, m)
const struct dev_field cmos_fields[] = {
    F(ram), F(index), F(nmi_masked), F(flags), F(epoch), F(phase0), F(last_eval),
};
const size_t cmos_nfields = DEV_NFIELDS(cmos_fields);
#undef F

/* ---- calendar ------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil): eras of 400 years, March-based years so the leap day
 * is the last day of the year. */
int64_t cmos_days_from_civil(int y, unsigned m, unsigned d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    unsigned yoe = (unsigned)(yy - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void cmos_civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
    int64_t era, yy;
    unsigned doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = (unsigned)(z - era * 146097);
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    yy = (int64_t)yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yy + (*m <= 2));
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b < 0);
}

/* Is standard-time s inside the daylight-saving window of its year? */
static int cmos_in_dst(int64_t s)
{
    int y;
    unsigned m, d;
    int64_t apr, oct;

    cmos_civil_from_days(floor_div(s, 86400), &y, &m, &d);
    apr = cmos_days_from_civil(y, 4, 30);
    oct = cmos_days_from_civil(y, 10, 31);
    apr -= ((apr % 7) + 7 + 4) % 7;          /* back to Sunday (1970-01-01 was a Thursday) */
    oct -= ((oct % 7) + 7 + 4) % 7;
    return s >= apr * 86400 + 2 * 3600 && s < oct * 86400 + 1 * 3600;
}

/* ---- byte formats ------------------------------------------------------------ */

static uint8_t cmos_enc(const struct cmos *c, unsigned v)
{
    return (uint8_t)(c->ram[REG_B] & B_DM ? v : (v / 10 % 10) << 4 | v % 10);
}

static unsigned cmos_dec(const struct cmos *c, uint8_t b)
{
    return c->ram[REG_B] & B_DM ? b : (unsigned)(b >> 4) * 10 + (b & 15);
}

static uint8_t cmos_enc_hours(const struct cmos *c, unsigned h)
{
    if (c->ram[REG_B] & B_24H)
        return cmos_enc(c, h);
    return (uint8_t)(cmos_enc(c, h % 12 ? h % 12 : 12) | (h >= 12 ? 0x80 : 0));
}

static unsigned cmos_dec_hours(const struct cmos *c, uint8_t b)
{
    if (c->ram[REG_B] & B_24H)
        return cmos_dec(c, b);
    return cmos_dec(c, b & 0x7F) % 12 + (b & 0x80 ? 12 : 0);
}

/* ---- time -------------------------------------------------------------------- */

static int cmos_div_on(const struct cmos *c)
{
    return (c->ram[REG_A] >> 4 & 7) == 2;
}

static int cmos_running(const struct cmos *c)
{
    return cmos_div_on(c) && !(c->ram[REG_B] & B_SET);
}

/* Cycles since phase0; never negative, since phase0 <= every cycle the
 * chip is asked about (it is at most "now" when set). */
static uint64_t cmos_since(const struct cmos *c, uint64_t t)
{
    return (uint64_t)((int64_t)t - c->phase0);
}

/* Whole seconds since phase0 at cycle t. */
static int64_t cmos_secs(const struct cmos *c, uint64_t t)
{
    return (int64_t)(cmos_since(c, t) / c->cpu_hz);
}

/* 32.768 kHz ticks since phase0; split so nothing overflows 64 bits
 * (r < hz <= 2^40, r * 32768 < 2^55). */
static uint64_t cmos_ticks(const struct cmos *c, uint64_t t)
{
    uint64_t d = cmos_since(c, t), q = d / c->cpu_hz, r = d % c->cpu_hz;
    return q * DIV_HZ + r * DIV_HZ / c->cpu_hz;
}

/* The first cycle at which cmos_ticks reaches k. */
static uint64_t cmos_tick_cycle(const struct cmos *c, uint64_t k)
{
    uint64_t q = k / DIV_HZ, r = k % DIV_HZ;
    return (uint64_t)(c->phase0 + (int64_t)(q * c->cpu_hz + (r * c->cpu_hz + DIV_HZ - 1) / DIV_HZ));
}

/* Periodic interrupt period in 32.768 kHz ticks, 0 = off. Rates 1 and 2
 * repeat 8 and 9 with this time base (datasheet, periodic rate table). */
static uint64_t cmos_period(const struct cmos *c)
{
    unsigned rs = c->ram[REG_A] & 15;
    if (rs == 0)
        return 0;
    if (rs <= 2)
        rs += 7;
    return (uint64_t)1 << (rs - 1);
}

/* The time the bytes show for clock time s (DSE adds the daylight hour). */
static int64_t cmos_shown(const struct cmos *c, int64_t s)
{
    return (c->ram[REG_B] & B_DSE) && cmos_in_dst(s) ? s + 3600 : s;
}

/* Fills bytes 0-9 and 32h from clock time s in the current format. */
static void cmos_fill(struct cmos *c, int64_t s)
{
    s = cmos_shown(c, s);
    int64_t days = floor_div(s, 86400), sod = s - days * 86400;
    int y;
    unsigned m, d;

    cmos_civil_from_days(days, &y, &m, &d);
    c->ram[0] = cmos_enc(c, (unsigned)(sod % 60));
    c->ram[2] = cmos_enc(c, (unsigned)(sod / 60 % 60));
    c->ram[4] = cmos_enc_hours(c, (unsigned)(sod / 3600));
    c->ram[6] = (uint8_t)(((days % 7 + 7 + 4) % 7) + 1);   /* 1970-01-01 was a Thursday; 1 = Sunday */
    c->ram[7] = cmos_enc(c, d);
    c->ram[8] = cmos_enc(c, m);
    c->ram[9] = cmos_enc(c, (unsigned)(y % 100));
    c->ram[CMOS_CENTURY] = cmos_enc(c, (unsigned)(y / 100));
}

/* Clock time of bytes 0-9 and 32h as they stand (weekday ignored). */
static int64_t cmos_regs_time(const struct cmos *c)
{
    int64_t s;
    unsigned yy = cmos_dec(c, c->ram[9]) % 100, cent = cmos_dec(c, c->ram[CMOS_CENTURY]);
    unsigned m = cmos_dec(c, c->ram[8]), d = cmos_dec(c, c->ram[7]);
    int y;

    if (cent != 19 && cent != 20)
        cent = yy >= 70 ? 19 : 20;
    y = (int)(cent * 100 + yy);
    if (m < 1 || m > 12)
        m = 1;
    s = cmos_days_from_civil(y, m, 1) * 86400 + ((int64_t)d - 1) * 86400 +
        (int64_t)cmos_dec_hours(c, c->ram[4]) * 3600 + (int64_t)cmos_dec(c, c->ram[2]) * 60 +
        cmos_dec(c, c->ram[0]);
    return (c->ram[REG_B] & B_DSE) && cmos_in_dst(s - 3600) ? s - 3600 : s;
}

static uint64_t cmos_now(struct cmos *c)
{
    return c->now(c->now_opaque);
}

/* Byte comparison as the chip does it, with C0h-FFh matching anything. */
static int cmos_alarm_match(const struct cmos *c, int64_t s)
{
    int64_t sod;
    uint8_t as = c->ram[1], am = c->ram[3], ah = c->ram[5];

    s = cmos_shown(c, s);
    sod = s - floor_div(s, 86400) * 86400;
    return (as >= 0xC0 || as == cmos_enc(c, (unsigned)(sod % 60))) &&
           (am >= 0xC0 || am == cmos_enc(c, (unsigned)(sod / 60 % 60))) &&
           (ah >= 0xC0 || ah == cmos_enc_hours(c, (unsigned)(sod / 3600)));
}

/* Sets PF/UF/AF for every event in (last_eval, t]. The state did not change
 * within that interval: every change evaluates up to "now" first. */
static void cmos_eval(struct cmos *c, uint64_t t)
{
    uint64_t p = cmos_period(c);

    if (t <= c->last_eval)
        return;
    if (cmos_div_on(c) && p && cmos_ticks(c, t) / p > cmos_ticks(c, c->last_eval) / p)
        c->flags |= C_PF;
    if (cmos_running(c)) {
        int64_t n0 = cmos_secs(c, c->last_eval), n1 = cmos_secs(c, t), n;
        if (n1 > n0) {
            c->flags |= C_UF;
            /* a day of updates covers every hh:mm:ss the alarm can hold */
            if (n1 - n0 > 86400)
                n1 = n0 + 86400;
            for (n = n0 + 1; n <= n1 && !(c->flags & C_AF); n++)
                if (cmos_alarm_match(c, c->epoch + n))
                    c->flags |= C_AF;
        }
    }
    c->last_eval = t;
}

static unsigned cmos_irqf(const struct cmos *c)
{
    return c->flags & c->ram[REG_B] & (C_PF | C_AF | C_UF);
}

/* Drives IRQ8 from IRQF and arms the timer for the next event that could
 * raise it: a periodic edge while PIE is set and PF clear, the next update
 * while UIE or AIE wait for their flag (the alarm is checked at every
 * update, once a second, at most). */
static void cmos_sync(struct cmos *c, uint64_t t)
{
    uint64_t next = SCHED_NEVER, p = cmos_period(c);
    int level = cmos_irqf(c) != 0;

    if (level != c->irq8.level)
        irq_set(&c->irq8, level);
    if (!level) {
        if (cmos_div_on(c) && p && (c->ram[REG_B] & B_PIE))
            next = cmos_tick_cycle(c, (cmos_ticks(c, t) / p + 1) * p);
        if (cmos_running(c) && (c->ram[REG_B] & (B_UIE | B_AIE))) {
            uint64_t u = (uint64_t)(c->phase0 + (cmos_secs(c, t) + 1) * (int64_t)c->cpu_hz);
            if (u < next)
                next = u;
        }
    }
    if (next == SCHED_NEVER)
        sched_cancel(c->sched, c->timer);
    else
        sched_set(c->sched, c->timer, next);
}

static void cmos_timer(void *opaque, uint64_t now)
{
    struct cmos *c = opaque;

    cmos_eval(c, now);
    cmos_sync(c, now);
}

int64_t cmos_time(struct cmos *c)
{
    uint64_t t = cmos_now(c);

    if (!cmos_running(c))
        return cmos_regs_time(c);
    return c->epoch + cmos_secs(c, t);
}

/* Re-bases the clock on the bytes now in RAM, keeping the divider phase. */
static void cmos_rebase(struct cmos *c, uint64_t t)
{
    c->epoch = cmos_regs_time(c) - cmos_secs(c, t);
}

/* ---- registers --------------------------------------------------------------- */

static int cmos_is_time_byte(unsigned i)
{
    return i == 0 || i == 2 || i == 4 || i == 6 || i == 7 || i == 8 || i == 9 ||
           i == CMOS_CENTURY;
}

static uint8_t cmos_reg_read(struct cmos *c, unsigned i)
{
    uint64_t t = cmos_now(c);
    uint8_t v;

    switch (i) {
    case REG_A:
        v = c->ram[REG_A] & 0x7F;
        if (cmos_running(c) && cmos_ticks(c, t) % DIV_HZ >= DIV_HZ - UIP_TICKS)
            v |= A_UIP;
        return v;
    case REG_C:
        cmos_eval(c, t);
        v = (uint8_t)(c->flags | (cmos_irqf(c) ? C_IRQF : 0));
        c->flags = 0;
        cmos_sync(c, t);
        return v;
    case REG_D:
        return D_VRT;                /* the battery never runs down */
    default:
        if (cmos_is_time_byte(i) && cmos_running(c))
            cmos_fill(c, c->epoch + cmos_secs(c, t));
        return c->ram[i];
    }
}

static void cmos_reg_write(struct cmos *c, unsigned i, uint8_t v)
{
    uint64_t t = cmos_now(c);
    int was_running = cmos_running(c), was_div = cmos_div_on(c);

    cmos_eval(c, t);
    switch (i) {
    case REG_A:
        if (was_running)
            cmos_fill(c, c->epoch + cmos_secs(c, t));
        c->ram[REG_A] = v & 0x7F;    /* UIP is read-only */
        if (!was_div && cmos_div_on(c))
            c->phase0 = (int64_t)t - (int64_t)(c->cpu_hz / 2);  /* first update 500 ms on */
        if (cmos_running(c) && (!was_running || !was_div))
            cmos_rebase(c, t);
        break;
    case REG_B:
        if (was_running)
            cmos_fill(c, c->epoch + cmos_secs(c, t));
        if (v & B_SET)
            v &= (uint8_t)~B_UIE;    /* datasheet: SET clears UIE */
        c->ram[REG_B] = v;
        if (!was_running && cmos_running(c))
            cmos_rebase(c, t);
        break;
    case REG_C: case REG_D:
        break;                       /* read-only */
    default:
        if (cmos_is_time_byte(i) && was_running) {
            cmos_fill(c, c->epoch + cmos_secs(c, t));
            c->ram[i] = v;
            cmos_rebase(c, t);
        } else {
            c->ram[i] = v;
        }
        break;
    }
    cmos_sync(c, t);
}

static uint32_t cmos_io_read(void *opaque, uint16_t port, unsigned width)
{
    struct cmos *c = opaque;

    (void)width;
    if ((port & 1) == 0)
        return 0xFF;                 /* the AT's index latch is write-only */
    return cmos_reg_read(c, c->index);
}

static void cmos_io_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct cmos *c = opaque;

    (void)width;
    if ((port & 1) == 0) {
        c->index = val & 0x7F;
        c->nmi_masked = (uint8_t)(val >> 7 & 1);
    } else {
        cmos_reg_write(c, c->index, (uint8_t)val);
    }
}

/* ---- board interface ------------------------------------------------------------ */

void cmos_set_byte(struct cmos *c, unsigned idx, uint8_t v)
{
    if (idx >= 0x0E && idx < CMOS_SIZE && idx != CMOS_CENTURY)
        c->ram[idx] = v;
}

/* Like a read of port 71h, except that register C is not cleared, so the
 * debugger can look without changing what the guest sees. */
uint8_t cmos_get_byte(struct cmos *c, unsigned idx)
{
    if (idx >= CMOS_SIZE)
        return 0xFF;
    if (idx == REG_C) {
        cmos_eval(c, cmos_now(c));
        return (uint8_t)(c->flags | (cmos_irqf(c) ? C_IRQF : 0));
    }
    return cmos_reg_read(c, idx);
}

void cmos_update_checksum(struct cmos *c)
{
    unsigned i, sum = 0;

    for (i = 0x10; i <= 0x2D; i++)
        sum += c->ram[i];
    c->ram[0x2E] = (uint8_t)(sum >> 8);
    c->ram[0x2F] = (uint8_t)sum;
}

int cmos_nmi_masked(const struct cmos *c)
{
    return c->nmi_masked;
}

int cmos_init(struct cmos *c, int64_t rtc_base, uint64_t cpu_hz, uint64_t (*now)(void *),
              void *now_opaque, struct sched *s, char *err, size_t errlen)
{
    unsigned i;

    if (cpu_hz == 0 || cpu_hz > (UINT64_C(1) << 40) || !now) {
        snprintf(err, errlen, "cmos: cpu clock %llu Hz out of range 1..2^40 or no clock",
                 (unsigned long long)cpu_hz);
        return -1;
    }
    if (rtc_base < 0 || rtc_base > RTC_MAX_SECONDS) {
        snprintf(err, errlen, "cmos: rtc base %lld outside 1970-01-01..2099-12-31",
                 (long long)rtc_base);
        return -1;
    }
    for (i = 0; i < CMOS_SIZE; i++)
        c->ram[i] = 0;
    c->ram[REG_A] = 0x26;
    c->ram[REG_B] = B_24H;
    c->ram[REG_D] = D_VRT;
    c->index = 0;
    c->nmi_masked = 0;
    c->flags = 0;
    c->epoch = rtc_base;
    c->phase0 = 0;
    c->last_eval = 0;
    c->cpu_hz = cpu_hz;
    c->now = now;
    c->now_opaque = now_opaque;
    c->sched = s;
    cmos_fill(c, rtc_base);
    irq_connect(&c->irq8, NULL, NULL, 8);
    c->timer = sched_add(s, "cmos", cmos_timer, c);
    if (c->timer < 0) {
        snprintf(err, errlen, "cmos: scheduler has no free timer");
        return -1;
    }
    return 0;
}

int cmos_register(struct cmos *c, struct io_bus *bus, char *err, size_t errlen)
{
    return io_register(bus, "cmos", 0x70, 2, IO_W8, cmos_io_read, cmos_io_write, c, err, errlen);
}
