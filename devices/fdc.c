/* fdc.c - the Intel 82077AA floppy disk controller, PC/AT mode.
 *
 * Follows the Intel 82077AA CHMOS Single-Chip Floppy Disk Controller
 * datasheet (order no. 290166): "Register Description" (DOR, TDR, MSR,
 * DSR, FIFO, DIR and CCR in PC-AT mode; SRA/SRB exist only in PS/2 and
 * Model 30 modes), "Reset" (DOR and DSR software resets, the drive polling
 * that follows with its four SENSE INTERRUPT STATUS answers C0h-C3h, LOCK
 * keeping the CONFIGURE parameters), "Command Set Descriptions" and
 * "Status Register Encoding" (ST0-ST3), the table of C/H/R/N values in the
 * result phase (EOT, MT), "Data Transfer Commands" (termination by TC or
 * by end of cylinder), VERIFY's termination table, "Control Commands"
 * (READ ID, RECALIBRATE with at most 79 step pulses, SEEK, RELATIVE SEEK,
 * SENSE INTERRUPT STATUS, SENSE DRIVE STATUS, SPECIFY with the step rate
 * table per data rate, CONFIGURE, VERSION 90h, DUMPREG, LOCK,
 * PERPENDICULAR MODE) and "Non-DMA Mode Transfers". The wiring (IRQ6,
 * DMA channel 2, INT and DRQ gated by DOR bit 3, drive change on the
 * selected drive) is that of the IBM PC/AT Technical Reference, "Diskette
 * Drive Adapter".
 *
 * Media are sector images; each known size fixes cylinders, heads, sectors
 * per track (512-byte sectors, IDs C = physical cylinder, H = head, R =
 * 1..spt, N = 2) and the data rates the drive can read it at. A command
 * that looks for an address mark where the track has none - wrong data
 * rate, FM instead of MFM, no medium, the missing side of a single-sided
 * disk, a cylinder past the medium's last - ends with MA after two index
 * pulses, as the chip does. ID fields that do not match give ND (and WC
 * for another cylinder).
 *
 * Time (DESIGN.md "Time"), all from the cycle counter:
 * - a step takes (16 - SRT) units of 1 ms at 500 kbps, 1.67 ms at 300,
 *   2 ms at 250 and 0.5 ms at 1 Mbps (SPECIFY's table);
 * - a sector takes its data field at the data rate, 128 << N bytes of 8
 *   bits (8.192 ms for 512 bytes at 500 kbps); gaps, rotational latency,
 *   head load and settle times are not charged, so totals stay small;
 * - the disk turns at 300 rpm: ND/MA end after two revolutions (400 ms),
 *   and READ ID answers the next sector slot from the cycle counter;
 * - the drive polling after a reset ends 250 us after the reset does.
 *
 * Simplifications, each stated where it matters:
 * - READ/WRITE DELETED DATA, READ TRACK and the SCAN commands are not
 *   implemented and answer as invalid commands (ST0 80h).
 * - The FIFO (CONFIGURE EFIFO/FIFOTHR), PRETRK, precompensation, power
 *   down, HUT/HLT and the motor are stored but do not change timing; a
 *   transfer does not need the motor on. Drives 0 and 1 exist (with or
 *   without a medium); drives 2 and 3 do not, so RECALIBRATE on them ends
 *   with EC after 79 steps.
 * - Non-DMA transfers never overrun: the chip waits for the host.
 * - The data of a whole sector moves at the sector's deadline; a DMA
 *   channel that is masked, in the wrong direction or gated off by DOR
 *   bit 3 moves nothing and the command ends with OR (overrun).
 * - FORMAT TRACK writes the filler into the image for the IDs the image
 *   can hold (this cylinder and head, N = 2, R in 1..spt, at the medium's
 *   data rate); other IDs are accepted and dropped, so a later read finds
 *   the old layout.
 * - A real drive clears its disk-change line on a step pulse with a disk
 *   in; here any SEEK or RECALIBRATE of a drive with a medium clears it,
 *   even one that needs no step, because BIOSes recalibrate at track 0
 *   and expect the line to clear.
 * - Host read errors give DE/DD, host write errors EC. */
#include "fdc.h"

#include <stdio.h>
#include <string.h>

#include "dma.h"

#define FDC_DMA_CHANNEL 2

enum {
    DOR_SEL = 0x03, DOR_NRESET = 0x04, DOR_DMAGATE = 0x08,
    MSR_RQM = 0x80, MSR_DIO = 0x40, MSR_NDMA = 0x20, MSR_CB = 0x10,
    DSR_RESET = 0x80,
    ST0_ABNORMAL = 0x40, ST0_INVALID = 0x80, ST0_POLL = 0xC0, ST0_SE = 0x20, ST0_EC = 0x10,
    ST1_EN = 0x80, ST1_DE = 0x20, ST1_OR = 0x10, ST1_ND = 0x04, ST1_NW = 0x02, ST1_MA = 0x01,
    ST2_DD = 0x20, ST2_WC = 0x10,
    ST3_WP = 0x40, ST3_RDY = 0x20, ST3_T0 = 0x10, ST3_TS = 0x08,
    CMD_MT = 0x80, CMD_MFM = 0x40,
    CONF_EIS = 0x40, CONF_EFIFO = 0x20,
};

/* Command kinds, decoded from the first byte. */
enum {
    K_INVALID, K_READ, K_WRITE, K_VERIFY, K_READID, K_FORMAT, K_RECAL, K_SIS, K_SPECIFY,
    K_SDS, K_SEEK, K_RSEEK, K_VERSION, K_DUMPREG, K_PERP, K_CONFIG, K_LOCK,
};

/* Bytes of each command, the opcode included. */
static const uint8_t cmd_bytes[] = {
    [K_INVALID] = 1, [K_READ] = 9, [K_WRITE] = 9, [K_VERIFY] = 9, [K_READID] = 2,
    [K_FORMAT] = 6, [K_RECAL] = 2, [K_SIS] = 1, [K_SPECIFY] = 3, [K_SDS] = 2, [K_SEEK] = 3,
    [K_RSEEK] = 3, [K_VERSION] = 1, [K_DUMPREG] = 1, [K_PERP] = 2, [K_CONFIG] = 4,
    [K_LOCK] = 1,
};

/* Execution-phase states of a data command. */
enum {
    X_NONE,
    X_SECTOR,      /* at x_at the sector x_c/x_h/x_r is under the head */
    X_FORMAT,      /* at x_at the next ID is due */
    X_READID,      /* at x_at the ID x_c/x_h/x_r/x_n has passed */
    X_END,         /* at x_at the result phase starts with x_st0-2 */
    X_HOST,        /* non-DMA: waiting for the host to move buf */
};

/* DRATE SEL codes 0-3 in kbps. */
static const unsigned rate_kbps[4] = { 500, 300, 250, 1000 };

enum { R500 = 1 << 0, R300 = 1 << 1, R250 = 1 << 2, R1M = 1 << 3 };

/* The formats an image size can stand for. A 5.25" double-density disk
 * reads at 250 kbps in a 360K drive and at 300 kbps in a 1.2M drive. */
static const struct fdc_format {
    uint32_t bytes;
    uint8_t cyls, heads, spt, cmos, rates;
} fdc_formats[] = {
    {  163840, 40, 1,  8, 1, R250 | R300 },
    {  184320, 40, 1,  9, 1, R250 | R300 },
    {  327680, 40, 2,  8, 1, R250 | R300 },
    {  368640, 40, 2,  9, 1, R250 | R300 },
    {  737280, 80, 2,  9, 3, R250 },
    { 1228800, 80, 2, 15, 2, R500 },
    { 1474560, 80, 2, 18, 4, R500 },
    { 2949120, 80, 2, 36, 5, R1M },
};

#define F(m) DEV_FIELD(struct fdc, m)
static const struct dev_field fdc_fields[] = {
    F(dor), F(tdr), F(dsr), F(rate), F(pcn), F(spec1), F(spec2), F(eot), F(perp), F(config),
    F(pretrk), F(lock), F(phase), F(cmd), F(cmd_len), F(cmd_pos), F(res), F(res_len),
    F(res_pos), F(int_result), F(int_sense), F(sense_pending), F(sense_st0), F(seek_busy),
    F(seek_target), F(seek_cyl), F(seek_st0), F(seek_at), F(poll_at), F(x_state), F(x_drive),
    F(x_head), F(x_c), F(x_h), F(x_r), F(x_n), F(x_st0), F(x_st1), F(x_st2), F(x_count),
    F(x_pio), F(x_req), F(x_pos), F(x_len), F(x_at), F(buf),
    F(unit[0].cyl), F(unit[0].changed), F(unit[1].cyl), F(unit[1].changed),
};
#undef F

const struct dev_field *fdc_state_fields(size_t *count, unsigned *version)
{
    *count = DEV_NFIELDS(fdc_fields);
    *version = FDC_STATE_VERSION;
    return fdc_fields;
}

/* ---- time --------------------------------------------------------------- */

static uint64_t fdc_now(struct fdc *f)
{
    return f->now(f->now_opaque);
}

/* n step pulses at the SPECIFY step rate and the current data rate:
 * n * (16 - SRT) units of 500 / kbps ms. n <= 255 and cpu_hz <= 2^40 keep
 * the product below 2^52. */
static uint64_t fdc_step_cycles(const struct fdc *f, unsigned n)
{
    uint64_t units = (uint64_t)n * (16u - (f->spec1 >> 4));
    return units * f->cpu_hz / (2u * rate_kbps[f->rate]);
}

/* The data field of a sector of size code n at the current data rate. */
static uint64_t fdc_sector_cycles(const struct fdc *f, unsigned n)
{
    uint64_t bits = (uint64_t)(128u << (n > 7 ? 7 : n)) * 8u;
    return bits * f->cpu_hz / (1000u * rate_kbps[f->rate]);
}

/* One revolution at 300 rpm. */
static uint64_t fdc_rev_cycles(const struct fdc *f)
{
    return f->cpu_hz / 5u;
}

/* ---- interrupt ---------------------------------------------------------- */

/* INT is the OR of the result-phase, seek/reset and non-DMA byte requests;
 * in PC-AT mode DOR bit 3 gates it onto the bus (and a held reset clears
 * everything behind it). */
static void fdc_update_irq(struct fdc *f)
{
    int level = (f->int_result || f->int_sense || f->x_req) && (f->dor & DOR_DMAGATE) &&
                (f->dor & DOR_NRESET);

    if (level != f->irq.level)
        irq_set(&f->irq, level);
}

static void fdc_arm(struct fdc *f)
{
    uint64_t next = f->poll_at;

    for (unsigned d = 0; d < 4; d++)
        if ((f->seek_busy >> d & 1) && f->seek_at[d] < next)
            next = f->seek_at[d];
    if (f->x_at < next)
        next = f->x_at;
    sched_set(f->sched, f->timer, next);
}

/* ---- media -------------------------------------------------------------- */

static struct fdc_unit *fdc_unit_of(struct fdc *f, unsigned d)
{
    return d < FDC_DRIVES ? &f->unit[d] : NULL;
}

static const struct fdc_format *fdc_fmt(const struct fdc_unit *u)
{
    return u && u->ops ? &fdc_formats[u->format] : NULL;
}

/* Can the head of drive d at its cylinder, on head, see MFM address marks
 * at the current data rate? That needs a medium, a data rate the medium
 * was written at, MFM, an existing side and a formatted cylinder. */
static int fdc_track_readable(struct fdc *f, unsigned d, unsigned head, int mfm)
{
    struct fdc_unit *u = fdc_unit_of(f, d);
    const struct fdc_format *fm = fdc_fmt(u);

    return fm && mfm && (fm->rates >> f->rate & 1) && head < u->heads && u->cyl < u->cyls;
}

/* The highest cylinder the drive's head stops at: three past the last
 * track of its kind (40- or 80-track mechanism). */
static unsigned fdc_stop_cyl(const struct fdc_unit *u)
{
    return (u->ops ? u->cyls : 80u) + 2u;
}

static unsigned fdc_kind(uint8_t b)
{
    switch (b) {
    case 0x03: return K_SPECIFY;
    case 0x04: return K_SDS;
    case 0x07: return K_RECAL;
    case 0x08: return K_SIS;
    case 0x0E: return K_DUMPREG;
    case 0x0F: return K_SEEK;
    case 0x10: return K_VERSION;
    case 0x12: return K_PERP;
    case 0x13: return K_CONFIG;
    default: break;
    }
    if ((b & 0x1F) == 0x06) return K_READ;        /* MT MFM SK 0 0 1 1 0 */
    if ((b & 0x3F) == 0x05) return K_WRITE;       /* MT MFM 0 0 0 1 0 1 */
    if ((b & 0x1F) == 0x16) return K_VERIFY;      /* MT MFM SK 1 0 1 1 0 */
    if ((b & 0xBF) == 0x0A) return K_READID;      /* 0 MFM 0 0 1 0 1 0 */
    if ((b & 0xBF) == 0x0D) return K_FORMAT;      /* 0 MFM 0 0 1 1 0 1 */
    if ((b & 0xBF) == 0x8F) return K_RSEEK;       /* 1 DIR 0 0 1 1 1 1 */
    if ((b & 0x7F) == 0x14) return K_LOCK;        /* LOCK 0 0 1 0 1 0 0 */
    return K_INVALID;
}

/* ---- result phase -------------------------------------------------------- */

static void fdc_result(struct fdc *f, const uint8_t *bytes, unsigned n)
{
    memcpy(f->res, bytes, n);
    f->res_len = (uint8_t)n;
    f->res_pos = 0;
    f->phase = FDC_RESULT;
}

/* Ends a data command: ST0-ST2 and the ID registers become the result,
 * and INT rises. */
static void fdc_finish(struct fdc *f)
{
    uint8_t r[7] = { f->x_st0, f->x_st1, f->x_st2, f->x_c, f->x_h, f->x_r, f->x_n };

    f->x_state = X_NONE;
    f->x_at = SCHED_NEVER;
    f->x_req = 0;
    f->x_pio = 0;
    fdc_result(f, r, 7);
    f->int_result = 1;
    fdc_update_irq(f);
}

/* Ends a data command with an error found by searching the track: after
 * two index pulses (ND, MA) from t. */
static void fdc_fail_after_search(struct fdc *f, uint64_t t)
{
    f->x_st0 |= ST0_ABNORMAL;
    f->x_state = X_END;
    f->x_at = t + 2u * fdc_rev_cycles(f);
}

/* Looks for the ID x_c/x_h/x_r/x_n on the track under the head. Returns 1
 * if found; else sets ST1/ST2 as the chip would and returns 0. */
static int fdc_locate(struct fdc *f)
{
    struct fdc_unit *u = fdc_unit_of(f, f->x_drive);

    if (!fdc_track_readable(f, f->x_drive, f->x_head, f->cmd[0] & CMD_MFM)) {
        f->x_st1 |= ST1_MA;
        return 0;
    }
    if (f->x_c != u->cyl) {
        f->x_st1 |= ST1_ND;
        f->x_st2 |= ST2_WC;
        return 0;
    }
    if (f->x_h != f->x_head || f->x_r == 0 || f->x_r > u->spt || f->x_n != 2) {
        f->x_st1 |= ST1_ND;
        return 0;
    }
    return 1;
}

/* Schedules the transfer of sector x_r, whose search starts at t. */
static void fdc_next_sector(struct fdc *f, uint64_t t)
{
    if (!fdc_locate(f)) {
        fdc_fail_after_search(f, t);
        return;
    }
    f->x_state = X_SECTOR;
    f->x_at = t + fdc_sector_cycles(f, f->x_n);
}

static uint64_t fdc_lba(const struct fdc *f)
{
    const struct fdc_unit *u = &f->unit[f->x_drive];
    return ((uint64_t)u->cyl * u->heads + f->x_head) * u->spt + f->x_r - 1u;
}

/* A sector has been moved at t; tc says the transfer count ended on it.
 * Continues with the next sector or ends the command, leaving in the ID
 * registers what the result-phase table says: R + 1 within the track; at
 * EOT the next cylinder (MT: the other side first) with R = 1. */
static void fdc_sector_done(struct fdc *f, uint64_t t, int tc)
{
    unsigned kind = fdc_kind(f->cmd[0]);
    int mt = (f->cmd[0] & CMD_MT) != 0;
    int at_eot = f->x_r == f->cmd[6];
    int last_side = !mt || f->x_head == 1;

    if (kind == K_VERIFY) {
        /* VERIFY makes its own TC: at EOT of the last side (EC = 0) or
         * after SC sectors (EC = 1). */
        if (f->cmd[1] & 0x80)
            tc = --f->x_count == 0;
        else
            tc = at_eot && last_side;
    }
    if (at_eot) {
        if (!tc && !last_side) {
            /* Multi-track: on to side 1, sector 1. */
            f->x_head = 1;
            f->x_h ^= 1;
            f->x_r = 1;
            f->x_st0 |= 0x04;
            fdc_next_sector(f, t);
            return;
        }
        if (mt)
            f->x_h ^= 1;
        if (last_side)
            f->x_c++;
        f->x_r = 1;
        if (!tc) {
            /* Past EOT without TC: end of cylinder. */
            f->x_st0 |= ST0_ABNORMAL;
            f->x_st1 |= ST1_EN;
        }
        fdc_finish(f);
        return;
    }
    f->x_r++;
    if (tc) {
        fdc_finish(f);
        return;
    }
    fdc_next_sector(f, t);
}

/* Opens the FIFO to the host for a non-DMA data phase of len bytes. */
static void fdc_host_request(struct fdc *f, unsigned len)
{
    f->x_state = X_HOST;
    f->x_at = SCHED_NEVER;
    f->x_pos = 0;
    f->x_len = (uint16_t)len;
    f->x_req = 1;
    fdc_update_irq(f);
}

static int fdc_dma_ready_gate(const struct fdc *f)
{
    return f->dma && (f->dor & DOR_DMAGATE);
}

/* Writes buf as sector x_r; returns 0, or ends the command with EC. */
static int fdc_commit_write(struct fdc *f)
{
    struct fdc_unit *u = &f->unit[f->x_drive];

    if (u->ops->write(u->opaque, fdc_lba(f), f->buf, 1)) {
        f->x_st0 |= ST0_ABNORMAL | ST0_EC;
        fdc_finish(f);
        return -1;
    }
    return 0;
}

/* The sector x_r passes under the head at t. */
static void fdc_do_sector(struct fdc *f, uint64_t t)
{
    struct fdc_unit *u = &f->unit[f->x_drive];
    unsigned kind = fdc_kind(f->cmd[0]);
    unsigned n;
    int tc = 0;

    if (kind == K_READ || kind == K_VERIFY) {
        if (u->ops->read(u->opaque, fdc_lba(f), f->buf, 1)) {
            f->x_st0 |= ST0_ABNORMAL;
            f->x_st1 |= ST1_DE;
            f->x_st2 |= ST2_DD;
            fdc_finish(f);
            return;
        }
        if (kind == K_VERIFY) {
            fdc_sector_done(f, t, 0);
            return;
        }
        if (f->x_pio) {
            fdc_host_request(f, FDC_SECTOR);
            return;
        }
        n = fdc_dma_ready_gate(f) ? dma_transfer(f->dma, FDC_DMA_CHANNEL, f->buf, FDC_SECTOR,
                                                 1, &tc) : 0;
        if (n < FDC_SECTOR && !tc) {
            f->x_st0 |= ST0_ABNORMAL;
            f->x_st1 |= ST1_OR;
            fdc_finish(f);
            return;
        }
        fdc_sector_done(f, t, tc);
        return;
    }
    /* WRITE DATA */
    if (f->x_pio) {
        fdc_host_request(f, FDC_SECTOR);
        return;
    }
    n = fdc_dma_ready_gate(f) ? dma_transfer(f->dma, FDC_DMA_CHANNEL, f->buf, FDC_SECTOR, 0,
                                             &tc) : 0;
    if (n < FDC_SECTOR && !tc) {
        f->x_st0 |= ST0_ABNORMAL;
        f->x_st1 |= ST1_OR;
        fdc_finish(f);
        return;
    }
    /* TC inside the sector: the rest of the data field is written as 00h. */
    memset(f->buf + n, 0, FDC_SECTOR - n);
    if (fdc_commit_write(f))
        return;
    fdc_sector_done(f, t, tc);
}

/* FORMAT TRACK: the ID in buf[0..3] goes down at t with a data field of
 * filler bytes. */
static void fdc_format_id(struct fdc *f, uint64_t t)
{
    struct fdc_unit *u = fdc_unit_of(f, f->x_drive);
    uint8_t c = f->buf[0], h = f->buf[1], r = f->buf[2], n = f->buf[3];

    f->x_c = c;
    f->x_h = h;
    f->x_r = r;
    f->x_n = n;
    if (fdc_track_readable(f, f->x_drive, f->x_head, f->cmd[0] & CMD_MFM) && f->cmd[2] == 2 &&
        c == u->cyl && h == f->x_head && n == 2 && r >= 1 && r <= u->spt) {
        memset(f->buf, f->cmd[5], FDC_SECTOR);
        if (fdc_commit_write(f))
            return;
    }
    if (++f->x_count == f->cmd[3]) {
        fdc_finish(f);
        return;
    }
    f->x_state = X_FORMAT;
    f->x_at = t + fdc_sector_cycles(f, f->cmd[2]);
}

/* The next ID of a format is due at t: DMA brings its four bytes, or the
 * host does. */
static void fdc_format_step(struct fdc *f, uint64_t t)
{
    unsigned n;
    int tc = 0;

    if (f->x_pio) {
        fdc_host_request(f, 4);
        return;
    }
    n = fdc_dma_ready_gate(f) ? dma_transfer(f->dma, FDC_DMA_CHANNEL, f->buf, 4, 0, &tc) : 0;
    if (n < 4) {
        f->x_st0 |= ST0_ABNORMAL;
        f->x_st1 |= ST1_OR;
        fdc_finish(f);
        return;
    }
    fdc_format_id(f, t);
}

/* The host has moved all of buf in a non-DMA data phase. */
static void fdc_host_done(struct fdc *f)
{
    uint64_t t = fdc_now(f);
    unsigned kind = fdc_kind(f->cmd[0]);

    f->x_req = 0;
    f->x_state = X_NONE;
    fdc_update_irq(f);
    if (kind == K_FORMAT) {
        fdc_format_id(f, t);
    } else {
        if (kind == K_WRITE && fdc_commit_write(f))
            return;
        fdc_sector_done(f, t, 0);
    }
    fdc_arm(f);
}

/* ---- resets --------------------------------------------------------------- */

/* What DOR bit 2 and DSR bit 7 reset (datasheet "Reset"): the command in
 * progress, pending interrupts and seeks, the PCNs, and - unless LOCK is
 * set - CONFIGURE's EIS, EFIFO, POLL, FIFOTHR and PRETRK; PERPENDICULAR
 * MODE loses GAP and WGATE. SPECIFY's values are kept (the datasheet says
 * they are not defaulted by a reset), and so are the data rate and DOR. */
static void fdc_soft_reset(struct fdc *f)
{
    f->phase = FDC_IDLE;
    f->cmd_pos = f->cmd_len = 0;
    f->res_pos = f->res_len = 0;
    f->int_result = f->int_sense = 0;
    f->sense_pending = 0;
    f->seek_busy = 0;
    for (unsigned d = 0; d < 4; d++) {
        f->seek_at[d] = SCHED_NEVER;
        f->pcn[d] = 0;
    }
    f->poll_at = SCHED_NEVER;
    f->x_state = X_NONE;
    f->x_at = SCHED_NEVER;
    f->x_req = 0;
    f->x_pio = 0;
    if (!f->lock) {
        f->config = CONF_EFIFO;
        f->pretrk = 0;
    }
    f->perp &= 0x3C;
    fdc_update_irq(f);
}

/* The reset has just ended at t: the chip polls the drives and, 250 us
 * later, interrupts with a ready-change status for each of the four. */
static void fdc_reset_done(struct fdc *f, uint64_t t)
{
    f->poll_at = t + f->cpu_hz / 4000u;
}

void fdc_reset(struct fdc *f)
{
    f->lock = 0;
    f->dor = 0x0C;                   /* drive 0, DMA/INT enabled, not in reset, motors off */
    fdc_soft_reset(f);
    f->tdr = 0;
    f->dsr = 0;
    /* 500 kbps: the rate of the PC's 1.2M/1.44M media. The Bochs BIOS
     * reads a 1.44M boot sector without ever writing the CCR, so it relies
     * on this; every other medium needs the rate programmed first. */
    f->rate = 0;
    f->perp = 0;
    f->eot = 0;
    f->x_drive = f->x_head = 0;
    f->x_c = f->x_h = f->x_r = f->x_n = 0;
    f->x_st0 = f->x_st1 = f->x_st2 = 0;
    f->x_count = 0;
    f->x_pos = f->x_len = 0;
    memset(f->buf, 0, sizeof f->buf);
    fdc_update_irq(f);
    fdc_arm(f);
}

/* ---- commands ------------------------------------------------------------- */

/* Starts a seek of drive d to PCN target with steps pulses toward higher
 * (dir 1) or lower cylinders; st0 is what SENSE INTERRUPT STATUS will see. */
static void fdc_start_seek(struct fdc *f, unsigned d, unsigned target, unsigned steps, int dir,
                           uint8_t st0, uint64_t t)
{
    struct fdc_unit *u = fdc_unit_of(f, d);
    unsigned cyl = 0;

    if (u) {
        cyl = u->cyl;
        if (dir)
            cyl = cyl + steps > fdc_stop_cyl(u) ? fdc_stop_cyl(u) : cyl + steps;
        else
            cyl = steps > cyl ? 0 : cyl - steps;
    }
    f->seek_busy |= (uint8_t)(1u << d);
    f->seek_target[d] = (uint8_t)target;
    f->seek_cyl[d] = (uint8_t)cyl;
    f->seek_st0[d] = st0;
    f->seek_at[d] = t + fdc_step_cycles(f, steps);
}

static void fdc_seek_done(struct fdc *f, unsigned d)
{
    struct fdc_unit *u = fdc_unit_of(f, d);

    f->seek_busy &= (uint8_t)~(1u << d);
    f->seek_at[d] = SCHED_NEVER;
    f->pcn[d] = f->seek_target[d];
    if (u) {
        u->cyl = f->seek_cyl[d];
        if (u->ops)
            u->changed = 0;
    }
    f->sense_pending |= (uint8_t)(1u << d);
    f->sense_st0[d] = f->seek_st0[d];
    f->int_sense = 1;
    fdc_update_irq(f);
}

/* READ DATA, WRITE DATA, VERIFY. */
static void fdc_start_rw(struct fdc *f, unsigned kind, uint64_t t)
{
    struct fdc_unit *u;
    unsigned d = f->cmd[1] & 3;

    f->x_drive = (uint8_t)d;
    f->x_head = (uint8_t)(f->cmd[1] >> 2 & 1);
    f->x_c = f->cmd[2];
    f->x_h = f->cmd[3];
    f->x_r = f->cmd[4];
    f->x_n = f->cmd[5];
    f->eot = f->cmd[6];
    f->x_st0 = (uint8_t)(f->x_head << 2 | d);
    f->x_st1 = f->x_st2 = 0;
    f->x_pio = kind != K_VERIFY && (f->spec2 & 1);
    f->x_count = f->cmd[8];
    u = fdc_unit_of(f, d);
    if ((f->config & CONF_EIS) && f->x_c != f->pcn[d]) {
        /* Implied seek: step to C first; ST0 reports the seek end. */
        int in = f->x_c > f->pcn[d];
        unsigned steps = in ? f->x_c - f->pcn[d] : f->pcn[d] - f->x_c;
        uint64_t end;

        fdc_start_seek(f, d, f->x_c, steps, in, 0, t);
        end = f->seek_at[d];
        f->seek_busy &= (uint8_t)~(1u << d);
        f->seek_at[d] = SCHED_NEVER;
        f->pcn[d] = f->x_c;
        if (u) {
            u->cyl = f->seek_cyl[d];
            if (u->ops)
                u->changed = 0;
        }
        f->x_st0 |= ST0_SE;
        t = end;
    }
    if (kind == K_WRITE && u && u->ops && u->readonly) {
        f->x_st0 |= ST0_ABNORMAL;
        f->x_st1 = ST1_NW;
        f->x_state = X_END;
        f->x_at = t;
        return;
    }
    if (kind == K_VERIFY && (f->cmd[1] & 0x80) && f->x_count == 0) {
        f->x_state = X_END;          /* nothing to verify */
        f->x_at = t;
        return;
    }
    fdc_next_sector(f, t);
}

static void fdc_start_format(struct fdc *f, uint64_t t)
{
    struct fdc_unit *u;
    unsigned d = f->cmd[1] & 3;

    f->x_drive = (uint8_t)d;
    f->x_head = (uint8_t)(f->cmd[1] >> 2 & 1);
    f->x_st0 = (uint8_t)(f->x_head << 2 | d);
    f->x_st1 = f->x_st2 = 0;
    f->x_pio = f->spec2 & 1;
    f->x_count = 0;
    f->eot = f->cmd[3];
    u = fdc_unit_of(f, d);
    if (!u || !u->ops) {
        /* No index pulse ever comes; report it as the read commands do. */
        f->x_st1 = ST1_MA;
        fdc_fail_after_search(f, t);
        return;
    }
    if (u->readonly) {
        f->x_st0 |= ST0_ABNORMAL;
        f->x_st1 = ST1_NW;
        f->x_state = X_END;
        f->x_at = t;
        return;
    }
    if (f->cmd[3] == 0) {
        f->x_state = X_END;
        f->x_at = t;
        return;
    }
    f->x_state = X_FORMAT;
    f->x_at = t + fdc_sector_cycles(f, f->cmd[2]);
}

/* READ ID: the first ID field to pass the head after t. Sector slots are
 * laid out from cycle 0 around one revolution, so the answer is a pure
 * function of the cycle counter. */
static void fdc_start_readid(struct fdc *f, uint64_t t)
{
    unsigned d = f->cmd[1] & 3;
    struct fdc_unit *u = fdc_unit_of(f, d);
    uint64_t slot, k;

    f->x_drive = (uint8_t)d;
    f->x_head = (uint8_t)(f->cmd[1] >> 2 & 1);
    f->x_st0 = (uint8_t)(f->x_head << 2 | d);
    f->x_st1 = f->x_st2 = 0;
    if (!fdc_track_readable(f, d, f->x_head, f->cmd[0] & CMD_MFM)) {
        f->x_st1 = ST1_MA;
        fdc_fail_after_search(f, t);
        return;
    }
    slot = fdc_rev_cycles(f) / u->spt;
    if (slot == 0)
        slot = 1;
    k = t / slot + 1;
    f->x_c = u->cyl;
    f->x_h = f->x_head;
    f->x_r = (uint8_t)(k % u->spt + 1);
    f->x_n = 2;
    f->x_state = X_READID;
    f->x_at = k * slot;
}

/* The last command byte has arrived at t. */
static void fdc_execute(struct fdc *f, uint64_t t)
{
    unsigned kind = fdc_kind(f->cmd[0]);
    unsigned d = f->cmd[1] & 3, head = f->cmd[1] >> 2 & 1;
    struct fdc_unit *u;
    uint8_t r[10];

    f->phase = FDC_IDLE;
    switch (kind) {
    case K_READ:
    case K_WRITE:
    case K_VERIFY:
        f->phase = FDC_EXEC;
        fdc_start_rw(f, kind, t);
        break;
    case K_FORMAT:
        f->phase = FDC_EXEC;
        fdc_start_format(f, t);
        break;
    case K_READID:
        f->phase = FDC_EXEC;
        fdc_start_readid(f, t);
        break;
    case K_RECAL: {
        /* Steps out until TRK0, at most 79 pulses; PCN is cleared at the
         * start. The H bit of ST0 reads 0. */
        unsigned steps = 79;
        uint8_t st0 = (uint8_t)(ST0_SE | d);
        u = fdc_unit_of(f, d);
        if (u && u->cyl <= 79)
            steps = u->cyl;
        else
            st0 |= ST0_ABNORMAL | ST0_EC;
        f->pcn[d] = 0;
        fdc_start_seek(f, d, 0, steps, 0, st0, t);
        break;
    }
    case K_SEEK: {
        unsigned target = f->cmd[2];
        int in = target > f->pcn[d];
        fdc_start_seek(f, d, target, in ? target - f->pcn[d] : f->pcn[d] - target, in,
                       (uint8_t)(ST0_SE | head << 2 | d), t);
        break;
    }
    case K_RSEEK: {
        /* DIR (bit 6) 1 steps in, toward higher cylinders; PCN wraps
         * modulo 256 as the datasheet describes. */
        unsigned n = f->cmd[2];
        int in = (f->cmd[0] & 0x40) != 0;
        unsigned target = (in ? f->pcn[d] + n : f->pcn[d] - n) & 0xFF;
        fdc_start_seek(f, d, target, n, in, (uint8_t)(ST0_SE | head << 2 | d), t);
        break;
    }
    case K_SIS:
        if (f->sense_pending) {
            unsigned k = 0;
            while (!(f->sense_pending >> k & 1))
                k++;
            f->sense_pending &= (uint8_t)~(1u << k);
            r[0] = f->sense_st0[k];
            r[1] = f->pcn[k];
            f->int_sense = 0;
            fdc_update_irq(f);
            fdc_result(f, r, 2);
        } else {
            r[0] = ST0_INVALID;
            fdc_result(f, r, 1);
        }
        break;
    case K_SPECIFY:
        f->spec1 = f->cmd[1];
        f->spec2 = f->cmd[2];
        break;
    case K_SDS:
        u = fdc_unit_of(f, d);
        r[0] = (uint8_t)(ST3_RDY | ST3_TS | head << 2 | d);
        if (u && u->cyl == 0)
            r[0] |= ST3_T0;
        if (u && u->ops && u->readonly)
            r[0] |= ST3_WP;
        fdc_result(f, r, 1);
        break;
    case K_VERSION:
        r[0] = 0x90;
        fdc_result(f, r, 1);
        break;
    case K_DUMPREG:
        memcpy(r, f->pcn, 4);
        r[4] = f->spec1;
        r[5] = f->spec2;
        r[6] = f->eot;
        r[7] = (uint8_t)(f->lock << 7 | f->perp);
        r[8] = f->config;
        r[9] = f->pretrk;
        fdc_result(f, r, 10);
        break;
    case K_PERP:
        /* OW = 1 lets D3-D0 change; GAP and WGATE always do. */
        if (f->cmd[1] & 0x80)
            f->perp = f->cmd[1] & 0x3F;
        else
            f->perp = (uint8_t)((f->perp & 0x3C) | (f->cmd[1] & 0x03));
        break;
    case K_CONFIG:
        f->config = f->cmd[2] & 0x7F;
        f->pretrk = f->cmd[3];
        break;
    case K_LOCK:
        f->lock = f->cmd[0] >> 7;
        r[0] = (uint8_t)(f->lock << 4);
        fdc_result(f, r, 1);
        break;
    default:
        r[0] = ST0_INVALID;
        fdc_result(f, r, 1);
        break;
    }
    fdc_arm(f);
}

/* ---- the timer ------------------------------------------------------------ */

static void fdc_run_exec(struct fdc *f, uint64_t t)
{
    uint8_t state = f->x_state;

    f->x_at = SCHED_NEVER;
    switch (state) {
    case X_SECTOR:
        fdc_do_sector(f, t);
        break;
    case X_FORMAT:
        fdc_format_step(f, t);
        break;
    case X_READID:
    case X_END:
        fdc_finish(f);
        break;
    default:
        break;
    }
}

/* Runs every event due by now in deadline order (ties: polling, seeks by
 * drive, then the data command), each at its own deadline so chained
 * events keep exact spacing whenever the scheduler is run. */
static void fdc_timer(void *opaque, uint64_t now)
{
    struct fdc *f = opaque;

    for (;;) {
        uint64_t best = f->poll_at;
        int which = 0;

        for (unsigned d = 0; d < 4; d++)
            if ((f->seek_busy >> d & 1) && f->seek_at[d] < best) {
                best = f->seek_at[d];
                which = 1 + (int)d;
            }
        if (f->x_at < best) {
            best = f->x_at;
            which = 5;
        }
        if (best > now)
            break;
        if (which == 0) {
            f->poll_at = SCHED_NEVER;
            f->sense_pending = 0x0F;
            for (unsigned d = 0; d < 4; d++)
                f->sense_st0[d] = (uint8_t)(ST0_POLL | d);
            f->int_sense = 1;
            fdc_update_irq(f);
        } else if (which <= 4) {
            fdc_seek_done(f, (unsigned)which - 1);
        } else {
            fdc_run_exec(f, best);
        }
    }
    fdc_arm(f);
}

/* ---- ports ---------------------------------------------------------------- */

static uint8_t fdc_msr(const struct fdc *f)
{
    uint8_t v = f->seek_busy;

    if (!(f->dor & DOR_NRESET))
        return 0;
    switch (f->phase) {
    case FDC_IDLE:
        return v | MSR_RQM;
    case FDC_COMMAND:
        return v | MSR_RQM | MSR_CB;
    case FDC_RESULT:
        return v | MSR_RQM | MSR_DIO | MSR_CB;
    default:
        v |= MSR_CB;
        if (f->x_pio)
            v |= MSR_NDMA;
        if (f->x_req) {
            v |= MSR_RQM;
            if (fdc_kind(f->cmd[0]) == K_READ)
                v |= MSR_DIO;
        }
        return v;
    }
}

static uint8_t fdc_data_read(struct fdc *f)
{
    uint8_t v;

    if (!(f->dor & DOR_NRESET))
        return 0;
    if (f->phase == FDC_RESULT) {
        v = f->res[f->res_pos++];
        if (f->int_result) {
            /* Reading the result clears the interrupt. */
            f->int_result = 0;
            fdc_update_irq(f);
        }
        if (f->res_pos >= f->res_len)
            f->phase = FDC_IDLE;
        return v;
    }
    if (f->phase == FDC_EXEC && f->x_req && fdc_kind(f->cmd[0]) == K_READ) {
        v = f->buf[f->x_pos++];
        /* Non-DMA: INT falls with each byte taken and rises for the next. */
        irq_set(&f->irq, 0);
        if (f->x_pos >= f->x_len)
            fdc_host_done(f);
        else
            fdc_update_irq(f);
        return v;
    }
    return 0;
}

static void fdc_data_write(struct fdc *f, uint8_t v)
{
    if (!(f->dor & DOR_NRESET))
        return;
    switch (f->phase) {
    case FDC_IDLE:
        f->cmd[0] = v;
        f->cmd_pos = 1;
        f->cmd_len = cmd_bytes[fdc_kind(v)];
        f->phase = FDC_COMMAND;
        break;
    case FDC_COMMAND:
        f->cmd[f->cmd_pos++] = v;
        break;
    case FDC_EXEC:
        if (f->x_req && fdc_kind(f->cmd[0]) != K_READ) {
            f->buf[f->x_pos++] = v;
            irq_set(&f->irq, 0);
            if (f->x_pos >= f->x_len)
                fdc_host_done(f);
            else
                fdc_update_irq(f);
        }
        return;
    default:
        return;
    }
    if (f->cmd_pos >= f->cmd_len)
        fdc_execute(f, fdc_now(f));
}

static void fdc_write_dor(struct fdc *f, uint8_t v)
{
    uint8_t old = f->dor;

    f->dor = v;
    if ((old & DOR_NRESET) && !(v & DOR_NRESET))
        fdc_soft_reset(f);
    else if (!(old & DOR_NRESET) && (v & DOR_NRESET))
        fdc_reset_done(f, fdc_now(f));
    fdc_update_irq(f);
    fdc_arm(f);
}

static uint32_t fdc_io_read(void *opaque, uint16_t port, unsigned width)
{
    struct fdc *f = opaque;

    (void)width;
    switch (port & 7) {
    case 2: return f->dor;
    case 3: return 0xFCu | f->tdr;   /* bits 7-2 are not driven in PC-AT mode */
    case 4: return fdc_msr(f);
    case 5: return fdc_data_read(f);
    default: return 0xFF;            /* SRA/SRB: PS/2 modes only */
    }
}

static void fdc_io_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct fdc *f = opaque;
    uint8_t v = (uint8_t)val;

    (void)width;
    switch (port & 7) {
    case 2:
        fdc_write_dor(f, v);
        break;
    case 3:
        f->tdr = v & 3;
        break;
    case 4:
        f->rate = v & 3;
        f->dsr = v & 0x7C;
        if (v & DSR_RESET) {
            /* Self-clearing: the reset ends at once, unless DOR holds it. */
            fdc_soft_reset(f);
            if (f->dor & DOR_NRESET)
                fdc_reset_done(f, fdc_now(f));
            fdc_arm(f);
        }
        break;
    case 5:
        fdc_data_write(f, v);
        break;
    default:
        break;
    }
}

/* DIR: bit 7 is the disk-change line of the drive DOR selects, seen only
 * while its motor is on (the PC gates drive select with motor enable);
 * bits 6-0 are not driven in PC-AT mode and float high. */
static uint32_t fdc_dir_read(void *opaque, uint16_t port, unsigned width)
{
    struct fdc *f = opaque;
    unsigned d = f->dor & DOR_SEL;
    uint8_t v = 0x7F;

    (void)port;
    (void)width;
    if (d < FDC_DRIVES && (f->dor >> (4 + d) & 1) && f->unit[d].changed)
        v |= 0x80;
    return v;
}

static void fdc_ccr_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct fdc *f = opaque;

    (void)port;
    (void)width;
    f->rate = val & 3;
}

/* ---- setup ---------------------------------------------------------------- */

int fdc_init(struct fdc *f, struct dma *dma, uint64_t cpu_hz, uint64_t (*now)(void *),
             void *now_opaque, struct sched *s, char *err, size_t errlen)
{
    if (cpu_hz == 0 || cpu_hz > (UINT64_C(1) << 40) || !now || !s) {
        snprintf(err, errlen, "fdc: cpu clock %llu Hz out of range 1..2^40, or no clock",
                 (unsigned long long)cpu_hz);
        return -1;
    }
    memset(f, 0, sizeof *f);
    f->dma = dma;
    f->cpu_hz = cpu_hz;
    f->now = now;
    f->now_opaque = now_opaque;
    f->sched = s;
    irq_connect(&f->irq, NULL, NULL, 6);
    f->timer = sched_add(s, "fdc", fdc_timer, f);
    if (f->timer < 0) {
        snprintf(err, errlen, "fdc: scheduler has no free timer");
        return -1;
    }
    /* Drives report a disk change from power-on until stepped with a disk
     * in. SPECIFY's values are undefined at power-on; zero is as good as
     * anything deterministic. */
    for (unsigned d = 0; d < FDC_DRIVES; d++)
        f->unit[d].changed = 1;
    fdc_reset(f);
    return 0;
}

int fdc_register(struct fdc *f, struct io_bus *bus, char *err, size_t errlen)
{
    if (io_register(bus, "fdc", 0x3F0, 6, IO_W8, fdc_io_read, fdc_io_write, f, err, errlen))
        return -1;
    return io_register(bus, "fdc-dir", 0x3F7, 1, IO_W8, fdc_dir_read, fdc_ccr_write, f,
                       err, errlen);
}

int fdc_attach(struct fdc *f, unsigned drive, const struct fdc_disk_ops *ops, void *opaque,
               uint64_t bytes, int readonly, char *err, size_t errlen)
{
    struct fdc_unit *u;
    unsigned i;

    if (drive >= FDC_DRIVES || !ops || !ops->read || !ops->write) {
        snprintf(err, errlen, "fdc: bad drive %u or missing disk ops", drive);
        return -1;
    }
    for (i = 0; i < DEV_NFIELDS(fdc_formats); i++)
        if (fdc_formats[i].bytes == bytes)
            break;
    if (i == DEV_NFIELDS(fdc_formats)) {
        snprintf(err, errlen, "fdc: drive %c: image of %llu bytes is no floppy format "
                 "(160K 180K 320K 360K 720K 1.2M 1.44M 2.88M)", 'A' + drive,
                 (unsigned long long)bytes);
        return -1;
    }
    u = &f->unit[drive];
    u->ops = ops;
    u->opaque = opaque;
    u->readonly = readonly != 0;
    u->format = (uint8_t)i;
    u->cyls = fdc_formats[i].cyls;
    u->heads = fdc_formats[i].heads;
    u->spt = fdc_formats[i].spt;
    u->changed = 1;
    return 0;
}

unsigned fdc_cmos_type(const struct fdc *f, unsigned drive)
{
    const struct fdc_format *fm = drive < FDC_DRIVES ? fdc_fmt(&f->unit[drive]) : NULL;
    return fm ? fm->cmos : 0;
}

int fdc_geometry(const struct fdc *f, unsigned drive, unsigned *cyls, unsigned *heads,
                 unsigned *spt)
{
    const struct fdc_unit *u;

    if (drive >= FDC_DRIVES || !f->unit[drive].ops)
        return 0;
    u = &f->unit[drive];
    *cyls = u->cyls;
    *heads = u->heads;
    *spt = u->spt;
    return 1;
}
