/* test_fdc.c - Check unit tests for devices/fdc.c (82077AA, PC/AT mode).
 *
 * The rig is a real io_bus, a 1 MiB memory map, the 8237A pair programmed
 * as a BIOS would (DMA2 channel 4 as the cascade, channel 2 in mode
 * 46h/4Ah with page, address and count), a scheduler and a virtual clock
 * that at() moves, running events at their exact deadlines. Media are RAM
 * images. The CPU clock is 1 MHz, so cycles read as microseconds:
 *   step at 500 kbps with SRT = Dh: (16 - 13) * 1 ms = 3000 cycles
 *   step at 250 kbps: 6000; sector (512 bytes) at 500 kbps: 4096 bits /
 *   500 kbps = 8192 cycles, at 250 kbps 16384; a revolution (300 rpm)
 *   200000, so ND/MA come 400000 cycles after the search starts; the
 *   polling interrupt 250 cycles after a reset ends. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dma.h"
#include "fdc.h"
#include "memmap.h"

#define HZ 1000000u
#define STEP500 3000u
#define STEP250 6000u
#define SECT500 8192u
#define SECT250 16384u
#define SEARCH_FAIL 400000u
#define POLL 250u

#define SIZE_144 1474560u
#define SIZE_720 737280u

enum { DOR = 0x3F2, TDR = 0x3F3, MSR = 0x3F4, DSR = 0x3F4, FIFO = 0x3F5, DIR = 0x3F7,
       CCR = 0x3F7 };

struct disk {
    uint8_t *data;
    uint64_t bytes;
    int reads, writes, fail;
};

struct rig {
    uint64_t clock;
    struct sched s;
    struct io_bus bus;
    struct memmap mem;
    struct dma dma;
    struct fdc f;
    struct disk disk[2];
    int level;                        /* IRQ6 as last driven */
    unsigned rises;                   /* 0 -> 1 edges */
    uint64_t rise_at;                 /* cycle of the last one */
};

static uint8_t pattern(uint64_t lba, unsigned i)
{
    return (uint8_t)(lba * 13 + i * 3 + (lba >> 4));
}

static int dk_read(void *o, uint64_t lba, uint8_t *buf, unsigned n)
{
    struct disk *d = o;
    ck_assert_uint_le((lba + n) * FDC_SECTOR, d->bytes);
    if (d->fail)
        return -1;
    memcpy(buf, d->data + lba * FDC_SECTOR, (size_t)n * FDC_SECTOR);
    d->reads++;
    return 0;
}

static int dk_write(void *o, uint64_t lba, const uint8_t *buf, unsigned n)
{
    struct disk *d = o;
    ck_assert_uint_le((lba + n) * FDC_SECTOR, d->bytes);
    if (d->fail)
        return -1;
    memcpy(d->data + lba * FDC_SECTOR, buf, (size_t)n * FDC_SECTOR);
    d->writes++;
    return 0;
}

static const struct fdc_disk_ops dk_ops = { dk_read, dk_write };

static uint64_t rig_now(void *o)
{
    return ((struct rig *)o)->clock;
}

static void rig_irq(void *o, int n, int level)
{
    struct rig *r = o;

    ck_assert_int_eq(n, 6);
    if (level && !r->level) {
        r->rises++;
        r->rise_at = r->clock;
    }
    r->level = level;
}

static void disk_new(struct disk *d, uint64_t bytes)
{
    d->bytes = bytes;
    d->data = malloc(bytes);
    ck_assert_ptr_nonnull(d->data);
    for (uint64_t s = 0; s < bytes / FDC_SECTOR; s++)
        for (unsigned i = 0; i < FDC_SECTOR; i++)
            d->data[s * FDC_SECTOR + i] = pattern(s, i);
    d->reads = d->writes = d->fail = 0;
}

static void attach(struct rig *r, unsigned drive, uint64_t bytes, int ro)
{
    char err[160];

    free(r->disk[drive].data);
    disk_new(&r->disk[drive], bytes);
    ck_assert_int_eq(fdc_attach(&r->f, drive, &dk_ops, &r->disk[drive], bytes, ro, err,
                                sizeof err), 0);
}

static struct rig *rig_bare_hz(uint64_t hz)
{
    char err[160];
    struct rig *r = malloc(sizeof *r);

    ck_assert_ptr_nonnull(r);
    memset(r, 0xA5, sizeof *r);       /* init must not rely on zeroed memory */
    r->clock = 0;
    r->level = 0;
    r->rises = 0;
    r->rise_at = 0;
    r->disk[0].data = r->disk[1].data = NULL;
    sched_init(&r->s);
    io_init(&r->bus);
    ck_assert_int_eq(mem_init(&r->mem, 1u << 20, err, sizeof err), 0);
    dma_init(&r->dma, &r->mem);
    ck_assert_int_eq(dma_register(&r->dma, &r->bus, err, sizeof err), 0);
    ck_assert_int_eq(fdc_init(&r->f, &r->dma, hz, rig_now, r, &r->s, err, sizeof err), 0);
    irq_connect(&r->f.irq, rig_irq, r, 6);
    ck_assert_int_eq(fdc_register(&r->f, &r->bus, err, sizeof err), 0);
    return r;
}

static struct rig *rig_bare(void)
{
    return rig_bare_hz(HZ);
}

static void rig_free(struct rig *r)
{
    free(r->disk[0].data);
    free(r->disk[1].data);
    mem_free(&r->mem);
    free(r);
}

static void at(struct rig *r, uint64_t c)
{
    while (r->s.next_deadline <= c) {
        r->clock = r->s.next_deadline;
        sched_run_due(&r->s, r->clock);
    }
    r->clock = c;
}

static void out(struct rig *r, uint16_t p, uint8_t v) { io_write(&r->bus, p, v, 1); }
static uint8_t in(struct rig *r, uint16_t p) { return (uint8_t)io_read(&r->bus, p, 1); }

/* Writes a command, checking that the FDC asks for each byte. */
static void cmd(struct rig *r, unsigned n, const uint8_t *b)
{
    for (unsigned i = 0; i < n; i++) {
        ck_assert_uint_eq(in(r, MSR) & 0xC0, 0x80);
        out(r, FIFO, b[i]);
    }
}

#define CMD(r, ...) do { const uint8_t c_[] = { __VA_ARGS__ }; cmd(r, sizeof c_, c_); } while (0)

/* Reads n result bytes into out, checking RQM and DIO, and that the FDC
 * is idle afterwards. */
static void result(struct rig *r, unsigned n, uint8_t *res)
{
    for (unsigned i = 0; i < n; i++) {
        ck_assert_uint_eq(in(r, MSR) & 0xD0, 0xD0);
        res[i] = in(r, FIFO);
    }
    ck_assert_uint_eq(in(r, MSR) & 0xF0, 0x80);
}

static void expect(struct rig *r, unsigned n, const uint8_t *want)
{
    uint8_t got[10];

    result(r, n, got);
    for (unsigned i = 0; i < n; i++)
        ck_assert_msg(got[i] == want[i], "result byte %u: got %02X want %02X", i, got[i],
                      want[i]);
}

#define EXPECT(r, ...) do { const uint8_t e_[] = { __VA_ARGS__ }; expect(r, sizeof e_, e_); } while (0)

static void sis(struct rig *r, uint8_t st0, uint8_t pcn)
{
    CMD(r, 0x08);
    EXPECT(r, st0, pcn);
}

/* The BIOS's DMA set-up for channel 2: cascade on, then mode, address,
 * page, count (bytes - 1). */
static void dma_prog(struct rig *r, uint8_t mode, uint32_t addr, uint16_t count)
{
    out(r, 0xD6, 0xC0);
    out(r, 0xD4, 0x00);
    out(r, 0x0A, 0x06);
    out(r, 0x0C, 0);
    out(r, 0x0B, mode);
    out(r, 0x04, (uint8_t)addr);
    out(r, 0x04, (uint8_t)(addr >> 8));
    out(r, 0x81, (uint8_t)(addr >> 16));
    out(r, 0x05, (uint8_t)count);
    out(r, 0x05, (uint8_t)(count >> 8));
    out(r, 0x0A, 0x02);
}

/* Reset through DOR with motor 0 on, answer the four polling statuses,
 * 500 kbps, SPECIFY SRT = Dh, DMA mode. */
static void ready(struct rig *r)
{
    out(r, DOR, 0x08);
    out(r, DOR, 0x1C);
    at(r, r->clock + r->f.cpu_hz / 4000);              /* 250 us */
    for (unsigned d = 0; d < 4; d++)
        sis(r, (uint8_t)(0xC0 | d), 0);
    out(r, CCR, 0x00);
    CMD(r, 0x03, 0xDF, 0x02);
}

static struct rig *rig_new(void)
{
    struct rig *r = rig_bare();

    attach(r, 0, SIZE_144, 0);
    ready(r);
    return r;
}

/* Seek drive/head ds to cylinder c and take the interrupt. */
static void seek(struct rig *r, uint8_t ds, uint8_t c)
{
    uint64_t steps = c > r->f.pcn[ds & 3] ? c - r->f.pcn[ds & 3] : r->f.pcn[ds & 3] - c;
    uint64_t t0 = r->clock;
    unsigned rises = r->rises;

    CMD(r, 0x0F, ds, c);
    at(r, t0 + steps * STEP500 + 1);
    ck_assert_uint_eq(r->rises, rises + 1);
    ck_assert_uint_eq(r->rise_at, t0 + steps * STEP500);
    sis(r, (uint8_t)(0x20 | (ds & 7)), c);
}

static void check_mem(struct rig *r, uint32_t addr, uint64_t lba)
{
    for (unsigned i = 0; i < FDC_SECTOR; i++)
        ck_assert_msg(mem_read8(&r->mem, addr + i) == pattern(lba, i),
                      "memory %05X: lba %u byte %u", addr + i, (unsigned)lba, i);
}

static uint64_t lba144(unsigned c, unsigned h, unsigned s)
{
    return ((uint64_t)c * 2 + h) * 18 + s - 1;
}

/* ------------------------------------------------------------------------ */

START_TEST(test_ports)
{
    struct rig *r = rig_bare();

    ck_assert_str_eq(io_name(&r->bus, 0x3F0), "fdc");
    ck_assert_str_eq(io_name(&r->bus, 0x3F5), "fdc");
    ck_assert_ptr_null(io_name(&r->bus, 0x3F6));      /* the ATA channel's */
    ck_assert_str_eq(io_name(&r->bus, 0x3F7), "fdc-dir");
    ck_assert_uint_eq(in(r, 0x3F6), 0xFF);
    ck_assert_uint_eq(in(r, 0x3F0), 0xFF);              /* SRA/SRB: PS/2 modes only */
    ck_assert_uint_eq(in(r, 0x3F1), 0xFF);
    ck_assert_uint_eq(in(r, DOR), 0x0C);                /* after a hardware reset */
    ck_assert_uint_eq(in(r, MSR), 0x80);
    ck_assert_uint_eq(in(r, DIR), 0x7F);                /* motors off: no change line */
    out(r, TDR, 0xFF);
    ck_assert_uint_eq(in(r, TDR), 0xFF);
    out(r, TDR, 0x01);
    ck_assert_uint_eq(in(r, TDR), 0xFD);
    out(r, DOR, 0x2D);
    ck_assert_uint_eq(in(r, DOR), 0x2D);
    ck_assert_uint_eq(r->f.rate, 0);                    /* 500 kbps after reset */
    out(r, DSR, 0x03);
    ck_assert_uint_eq(r->f.rate, 3);
    out(r, CCR, 0x01);
    ck_assert_uint_eq(r->f.rate, 1);
    ck_assert_uint_eq(r->rises, 0);
    rig_free(r);
}
END_TEST

START_TEST(test_reset_polling)
{
    struct rig *r = rig_bare();

    at(r, 1000);
    out(r, DOR, 0x08);                                  /* nRESET low */
    ck_assert_uint_eq(in(r, MSR), 0x00);
    out(r, FIFO, 0x10);                                 /* ignored while in reset */
    at(r, 2000);
    ck_assert_uint_eq(r->rises, 0);
    out(r, DOR, 0x0C);
    ck_assert_uint_eq(in(r, MSR), 0x80);
    at(r, 2000 + POLL - 1);
    ck_assert_uint_eq(r->rises, 0);
    at(r, 2000 + POLL);
    ck_assert_uint_eq(r->rises, 1);
    ck_assert_uint_eq(r->rise_at, 2000 + POLL);
    ck_assert_int_eq(r->level, 1);
    sis(r, 0xC0, 0);
    ck_assert_int_eq(r->level, 0);                      /* SIS clears INT */
    sis(r, 0xC1, 0);
    sis(r, 0xC2, 0);
    sis(r, 0xC3, 0);
    CMD(r, 0x08);                                       /* nothing left: invalid */
    EXPECT(r, 0x80);

    /* DSR bit 7: a self-clearing reset, same polling. */
    at(r, 5000);
    out(r, DSR, 0x80);
    ck_assert_uint_eq(in(r, MSR), 0x80);
    at(r, 5000 + POLL);
    ck_assert_uint_eq(r->rises, 2);
    ck_assert_uint_eq(r->rise_at, 5000 + POLL);
    for (unsigned d = 0; d < 4; d++)
        sis(r, (uint8_t)(0xC0 | d), 0);

    /* DOR bit 3 off: INT does not reach the bus until it is set. */
    at(r, 9000);
    out(r, DOR, 0x00);
    out(r, DOR, 0x04);
    at(r, 20000);
    ck_assert_uint_eq(r->rises, 2);
    ck_assert_uint_eq(r->f.int_sense, 1);
    out(r, DOR, 0x0C);
    ck_assert_uint_eq(r->rises, 3);
    ck_assert_uint_eq(r->rise_at, 20000);
    sis(r, 0xC0, 0);

    /* A reset aborts a command half written. */
    CMD(r, 0x03, 0xAF);
    ck_assert_uint_eq(in(r, MSR), 0x90);
    out(r, DSR, 0x80);
    ck_assert_uint_eq(in(r, MSR), 0x80);
    rig_free(r);
}
END_TEST

START_TEST(test_control_commands)
{
    struct rig *r = rig_bare();

    CMD(r, 0x10);                                       /* VERSION */
    EXPECT(r, 0x90);
    out(r, FIFO, 0x03);                                 /* SPECIFY: MSR through the phases */
    ck_assert_uint_eq(in(r, MSR), 0x90);
    out(r, FIFO, 0xAF);
    out(r, FIFO, 0x02);
    ck_assert_uint_eq(in(r, MSR), 0x80);
    CMD(r, 0x0E);                                       /* DUMPREG */
    EXPECT(r, 0, 0, 0, 0, 0xAF, 0x02, 0x00, 0x00, 0x20, 0x00);
    CMD(r, 0x13, 0x00, 0x57, 0x08);                     /* CONFIGURE EIS, POLL off, FIFOTHR 7 */
    CMD(r, 0x12, 0x83);                                 /* PERPENDICULAR: OW, GAP, WGATE */
    CMD(r, 0x0E);
    EXPECT(r, 0, 0, 0, 0, 0xAF, 0x02, 0x00, 0x03, 0x57, 0x08);
    CMD(r, 0x12, 0xBD);                                 /* OW: D3-D0 = 1111, WGATE */
    CMD(r, 0x12, 0x02);                                 /* no OW: only GAP/WGATE change */
    CMD(r, 0x0E);
    EXPECT(r, 0, 0, 0, 0, 0xAF, 0x02, 0x00, 0x3E, 0x57, 0x08);
    CMD(r, 0x94);                                       /* LOCK */
    EXPECT(r, 0x10);
    /* Locked: a reset keeps CONFIGURE; PERPENDICULAR loses GAP/WGATE;
     * SPECIFY is never reset. */
    out(r, DSR, 0x80);
    at(r, POLL);
    for (unsigned d = 0; d < 4; d++)
        sis(r, (uint8_t)(0xC0 | d), 0);
    CMD(r, 0x0E);
    EXPECT(r, 0, 0, 0, 0, 0xAF, 0x02, 0x00, 0xBC, 0x57, 0x08);
    CMD(r, 0x14);                                       /* unlock */
    EXPECT(r, 0x00);
    out(r, DOR, 0x08);
    out(r, DOR, 0x0C);
    at(r, 2 * POLL);
    for (unsigned d = 0; d < 4; d++)
        sis(r, (uint8_t)(0xC0 | d), 0);
    CMD(r, 0x0E);
    EXPECT(r, 0, 0, 0, 0, 0xAF, 0x02, 0x00, 0x3C, 0x20, 0x00);
    /* Invalid opcodes, including the unimplemented READ DELETED DATA. */
    CMD(r, 0x1F);
    EXPECT(r, 0x80);
    CMD(r, 0x4C);
    EXPECT(r, 0x80);
    CMD(r, 0x18);                                       /* 82078 PART ID: not on the 82077AA */
    EXPECT(r, 0x80);
    /* SENSE DRIVE STATUS of a drive that is not there: RDY and TS only. */
    CMD(r, 0x04, 0x06);
    EXPECT(r, 0x2E);
    ck_assert_uint_eq(r->rises, 2);                     /* only the two resets interrupted */
    rig_free(r);
}
END_TEST

START_TEST(test_seek_timing)
{
    struct rig *r = rig_new();
    uint64_t t0;

    at(r, 10000);
    CMD(r, 0x0F, 0x00, 10);
    ck_assert_uint_eq(in(r, MSR), 0x81);                /* D0B, no command busy */
    at(r, 10000 + 10 * STEP500 - 1);
    ck_assert_int_eq(r->level, 0);
    at(r, 10000 + 10 * STEP500);
    ck_assert_int_eq(r->level, 1);
    ck_assert_uint_eq(r->rise_at, 40000);
    ck_assert_uint_eq(in(r, MSR), 0x80);
    sis(r, 0x20, 10);
    ck_assert_uint_eq(r->f.unit[0].cyl, 10);
    CMD(r, 0x04, 0x04);                                 /* ST3: head 1, not T0 */
    EXPECT(r, 0x2C);
    /* Recalibrate: 10 steps, H reads 0. */
    t0 = r->clock;
    CMD(r, 0x07, 0x04);
    at(r, t0 + 10 * STEP500);
    ck_assert_uint_eq(r->rise_at, t0 + 10 * STEP500);
    sis(r, 0x20, 0);
    CMD(r, 0x04, 0x00);
    EXPECT(r, 0x38);                                    /* T0 */
    /* Relative seeks: in by 5 on head 1, out by 2. */
    t0 = r->clock;
    CMD(r, 0xCF, 0x04, 5);
    at(r, t0 + 5 * STEP500);
    ck_assert_uint_eq(r->rise_at, t0 + 5 * STEP500);
    sis(r, 0x24, 5);
    CMD(r, 0x8F, 0x04, 2);
    at(r, r->clock + 2 * STEP500);
    sis(r, 0x24, 3);
    ck_assert_uint_eq(r->f.unit[0].cyl, 3);
    /* 250 kbps doubles the step time. */
    out(r, CCR, 0x02);
    t0 = r->clock;
    CMD(r, 0x0F, 0x00, 6);
    at(r, t0 + 3 * STEP250 - 1);
    ck_assert_int_eq(r->level, 0);
    at(r, t0 + 3 * STEP250);
    ck_assert_int_eq(r->level, 1);
    sis(r, 0x20, 6);
    /* No drive 2: 79 steps and no TRK0, so SE + EC, abnormal. */
    t0 = r->clock;
    CMD(r, 0x07, 0x02);
    at(r, t0 + 79 * STEP250 - 1);
    ck_assert_int_eq(r->level, 0);
    at(r, t0 + 79 * STEP250);
    sis(r, 0x72, 0);
    /* Overlapped seeks on drives 0 and 1; both statuses wait for SIS. */
    out(r, CCR, 0x00);
    t0 = r->clock;
    CMD(r, 0x0F, 0x00, 8);                              /* 2 steps */
    CMD(r, 0x0F, 0x01, 4);                              /* 4 steps */
    ck_assert_uint_eq(in(r, MSR), 0x83);
    at(r, t0 + 2 * STEP500);
    ck_assert_uint_eq(in(r, MSR), 0x82);
    at(r, t0 + 4 * STEP500);
    ck_assert_uint_eq(in(r, MSR), 0x80);
    sis(r, 0x20, 8);
    sis(r, 0x21, 4);
    CMD(r, 0x08);
    EXPECT(r, 0x80);
    rig_free(r);
}
END_TEST

START_TEST(test_read_single)
{
    struct rig *r = rig_new();
    uint64_t t0;

    dma_prog(r, 0x46, 0x01000, 511);
    t0 = r->clock;
    CMD(r, 0x46, 0x00, 0, 0, 1, 2, 18, 0x1B, 0xFF);
    ck_assert_uint_eq(in(r, MSR), 0x10);                /* execution, DMA */
    at(r, t0 + SECT500 - 1);
    ck_assert_int_eq(r->level, 0);
    ck_assert_uint_eq(mem_read8(&r->mem, 0x1000), 0);
    at(r, t0 + SECT500);
    ck_assert_int_eq(r->level, 1);
    ck_assert_uint_eq(r->rise_at, t0 + SECT500);
    check_mem(r, 0x1000, 0);
    ck_assert_uint_eq(mem_read8(&r->mem, 0x1200), 0);   /* nothing past the count */
    ck_assert_uint_eq(in(r, 0x08) & 0x04, 0x04);        /* DMA channel 2 reached TC */
    ck_assert_uint_eq(in(r, MSR), 0xD0);
    ck_assert_uint_eq(in(r, FIFO), 0x00);               /* ST0; reading clears INT */
    ck_assert_int_eq(r->level, 0);
    EXPECT(r, 0x00, 0x00, 0, 0, 2, 2);                  /* ST1 ST2 C H R N */
    rig_free(r);
}
END_TEST

START_TEST(test_read_multi_sector_and_track)
{
    struct rig *r = rig_new();
    uint64_t t0;

    seek(r, 0, 2);
    /* MT read from side 0 sector 17: 17, 18, then side 1 sectors 1, 2. */
    dma_prog(r, 0x46, 0x02000, 4 * 512 - 1);
    t0 = r->clock;
    CMD(r, 0xC6, 0x00, 2, 0, 17, 2, 18, 0x1B, 0xFF);
    at(r, t0 + 4 * SECT500 - 1);
    ck_assert_int_eq(r->level, 0);
    at(r, t0 + 4 * SECT500);
    ck_assert_int_eq(r->level, 1);
    EXPECT(r, 0x04, 0x00, 0x00, 2, 1, 3, 2);
    check_mem(r, 0x2000, lba144(2, 0, 17));
    check_mem(r, 0x2200, lba144(2, 0, 18));
    check_mem(r, 0x2400, lba144(2, 1, 1));
    check_mem(r, 0x2600, lba144(2, 1, 2));
    /* Implied seek (CONFIGURE EIS): 3 steps then 2 sectors; ST0 has SE. */
    CMD(r, 0x13, 0x00, 0x60, 0x00);
    dma_prog(r, 0x46, 0x03000, 2 * 512 - 1);
    t0 = r->clock;
    CMD(r, 0x46, 0x04, 5, 1, 9, 2, 18, 0x1B, 0xFF);
    at(r, t0 + 3 * STEP500 + 2 * SECT500 - 1);
    ck_assert_int_eq(r->level, 0);
    at(r, t0 + 3 * STEP500 + 2 * SECT500);
    ck_assert_int_eq(r->level, 1);
    EXPECT(r, 0x24, 0x00, 0x00, 5, 1, 11, 2);
    check_mem(r, 0x3000, lba144(5, 1, 9));
    check_mem(r, 0x3200, lba144(5, 1, 10));
    ck_assert_uint_eq(r->f.pcn[0], 5);
    CMD(r, 0x08);                                       /* an implied seek leaves no SIS status */
    EXPECT(r, 0x80);
    rig_free(r);
}
END_TEST

START_TEST(test_read_end_of_track)
{
    struct rig *r = rig_new();

    /* No TC before EOT: end of cylinder, abnormal; C+1, R = 1. */
    dma_prog(r, 0x46, 0x01000, 0x7FFF);
    CMD(r, 0x46, 0x00, 0, 0, 17, 2, 18, 0x1B, 0xFF);
    at(r, r->clock + 2 * SECT500);
    EXPECT(r, 0x40, 0x80, 0x00, 1, 0, 1, 2);
    check_mem(r, 0x1200, lba144(0, 0, 18));
    /* TC exactly on EOT: normal termination, the same C/H/R/N. */
    dma_prog(r, 0x46, 0x01000, 1023);
    CMD(r, 0x46, 0x00, 0, 0, 17, 2, 18, 0x1B, 0xFF);
    at(r, r->clock + 2 * SECT500);
    EXPECT(r, 0x00, 0x00, 0x00, 1, 0, 1, 2);
    /* MT on side 1 at EOT with TC: C+1, H complemented. */
    dma_prog(r, 0x46, 0x01000, 511);
    CMD(r, 0xC6, 0x04, 0, 1, 18, 2, 18, 0x1B, 0xFF);
    at(r, r->clock + SECT500);
    EXPECT(r, 0x04, 0x00, 0x00, 1, 0, 1, 2);
    check_mem(r, 0x1000, lba144(0, 1, 18));
    /* MT, TC on EOT of side 0: same C, H complemented. */
    dma_prog(r, 0x46, 0x01000, 511);
    CMD(r, 0xC6, 0x00, 0, 0, 18, 2, 18, 0x1B, 0xFF);
    at(r, r->clock + SECT500);
    EXPECT(r, 0x00, 0x00, 0x00, 0, 1, 1, 2);
    /* MT without TC: both sides to the end, then end of cylinder. */
    dma_prog(r, 0x46, 0x01000, 0x7FFF);
    CMD(r, 0xC6, 0x00, 0, 0, 18, 2, 18, 0x1B, 0xFF);
    at(r, r->clock + 19 * SECT500);
    EXPECT(r, 0x44, 0x80, 0x00, 1, 0, 1, 2);
    check_mem(r, 0x1000 + 18 * 512, lba144(0, 1, 18));
    /* EOT past the track's last sector: sector 19 is not found. */
    dma_prog(r, 0x46, 0x01000, 0x7FFF);
    CMD(r, 0x46, 0x00, 0, 0, 18, 2, 19, 0x1B, 0xFF);
    at(r, r->clock + SECT500 + SEARCH_FAIL - 1);
    ck_assert_int_eq(r->level, 0);
    at(r, r->clock + 1);
    EXPECT(r, 0x40, 0x04, 0x00, 0, 0, 19, 2);
    rig_free(r);
}
END_TEST

START_TEST(test_write_read_back)
{
    struct rig *r = rig_new();
    uint64_t t0, l = lba144(4, 1, 3);

    for (unsigned i = 0; i < 1024; i++)
        mem_write8(&r->mem, 0x4000 + i, (uint8_t)(i * 7 + 1));
    seek(r, 0, 4);
    dma_prog(r, 0x4A, 0x04000, 1023);
    t0 = r->clock;
    CMD(r, 0x45, 0x04, 4, 1, 3, 2, 18, 0x1B, 0xFF);
    at(r, t0 + 2 * SECT500);
    ck_assert_uint_eq(r->rise_at, t0 + 2 * SECT500);
    EXPECT(r, 0x04, 0x00, 0x00, 4, 1, 5, 2);
    ck_assert_int_eq(r->disk[0].writes, 2);
    for (unsigned i = 0; i < 1024; i++)
        ck_assert_uint_eq(r->disk[0].data[l * 512 + i], (uint8_t)(i * 7 + 1));
    /* Read both back elsewhere. */
    dma_prog(r, 0x46, 0x05000, 1023);
    CMD(r, 0x46, 0x04, 4, 1, 3, 2, 18, 0x1B, 0xFF);
    at(r, r->clock + 2 * SECT500);
    EXPECT(r, 0x04, 0x00, 0x00, 4, 1, 5, 2);
    for (unsigned i = 0; i < 1024; i++)
        ck_assert_uint_eq(mem_read8(&r->mem, 0x5000 + i), (uint8_t)(i * 7 + 1));
    /* TC inside a sector: the rest of its data field is written as zeros. */
    dma_prog(r, 0x4A, 0x04000, 99);
    CMD(r, 0x45, 0x04, 4, 1, 5, 2, 18, 0x1B, 0xFF);
    at(r, r->clock + SECT500);
    EXPECT(r, 0x04, 0x00, 0x00, 4, 1, 6, 2);
    l = lba144(4, 1, 5);
    for (unsigned i = 0; i < 512; i++)
        ck_assert_uint_eq(r->disk[0].data[l * 512 + i], i < 100 ? (uint8_t)(i * 7 + 1) : 0);
    ck_assert_uint_eq(r->disk[0].data[(l + 1) * 512], pattern(l + 1, 0));
    rig_free(r);
}
END_TEST

START_TEST(test_write_protect)
{
    struct rig *r = rig_bare();
    uint64_t t0;

    attach(r, 0, SIZE_144, 1);
    ready(r);
    CMD(r, 0x04, 0x00);                                 /* ST3: WP, RDY, T0, TS */
    EXPECT(r, 0x78);
    dma_prog(r, 0x4A, 0x04000, 511);
    t0 = r->clock;
    CMD(r, 0x45, 0x00, 0, 0, 1, 2, 18, 0x1B, 0xFF);
    at(r, t0);
    ck_assert_uint_eq(r->rise_at, t0);
    EXPECT(r, 0x40, 0x02, 0x00, 0, 0, 1, 2);
    CMD(r, 0x4D, 0x00, 2, 18, 0x54, 0xF6);              /* FORMAT */
    at(r, r->clock);
    EXPECT(r, 0x40, 0x02, 0x00, 0, 0, 1, 2);
    ck_assert_int_eq(r->disk[0].writes, 0);
    ck_assert_uint_eq(r->dma.ctl[0].chan[2].cur_count, 511);   /* DMA untouched */
    /* Reads still work. */
    dma_prog(r, 0x46, 0x05000, 511);
    CMD(r, 0x46, 0x00, 0, 0, 3, 2, 18, 0x1B, 0xFF);
    at(r, r->clock + SECT500);
    EXPECT(r, 0x00, 0x00, 0x00, 0, 0, 4, 2);
    check_mem(r, 0x5000, 2);
    rig_free(r);
}
END_TEST

START_TEST(test_wrong_rate_and_no_medium)
{
    struct rig *r = rig_bare();
    uint64_t t0;

    attach(r, 0, SIZE_144, 0);
    ready(r);
    /* 1.44M at 250 kbps: no address mark, after two revolutions. */
    out(r, CCR, 0x02);
    dma_prog(r, 0x46, 0x01000, 511);
    t0 = r->clock;
    CMD(r, 0x46, 0x00, 0, 0, 1, 2, 18, 0x1B, 0xFF);
    at(r, t0 + SEARCH_FAIL - 1);
    ck_assert_int_eq(r->level, 0);
    at(r, t0 + SEARCH_FAIL);
    ck_assert_int_eq(r->level, 1);
    EXPECT(r, 0x40, 0x01, 0x00, 0, 0, 1, 2);
    ck_assert_uint_eq(mem_read8(&r->mem, 0x1000), 0);
    /* FM instead of MFM at the right rate: no address mark either. */
    out(r, CCR, 0x00);
    CMD(r, 0x06, 0x00, 0, 0, 1, 2, 18, 0x1B, 0xFF);
    at(r, r->clock + SEARCH_FAIL);
    EXPECT(r, 0x40, 0x01, 0x00, 0, 0, 1, 2);
    /* READ ID at 1 Mbps. */
    out(r, CCR, 0x03);
    CMD(r, 0x4A, 0x00);
    at(r, r->clock + SEARCH_FAIL);
    EXPECT(r, 0x40, 0x01, 0x00, 0, 0, 1, 2);            /* C/H/R/N: as the registers were */
    /* Drive 1 has no medium. */
    out(r, CCR, 0x00);
    CMD(r, 0x46, 0x01, 0, 0, 1, 2, 18, 0x1B, 0xFF);
    at(r, r->clock + SEARCH_FAIL);
    EXPECT(r, 0x41, 0x01, 0x00, 0, 0, 1, 2);
    /* A 720K medium reads at 250 kbps only. */
    attach(r, 1, SIZE_720, 0);
    dma_prog(r, 0x46, 0x01000, 511);
    CMD(r, 0x46, 0x01, 0, 0, 9, 2, 9, 0x1B, 0xFF);
    at(r, r->clock + SEARCH_FAIL);
    EXPECT(r, 0x41, 0x01, 0x00, 0, 0, 9, 2);
    out(r, CCR, 0x02);
    t0 = r->clock;
    CMD(r, 0x46, 0x01, 0, 0, 9, 2, 9, 0x1B, 0xFF);
    at(r, t0 + SECT250);
    ck_assert_uint_eq(r->rise_at, t0 + SECT250);
    EXPECT(r, 0x01, 0x00, 0x00, 1, 0, 1, 2);
    check_mem(r, 0x1000, 8);
    /* A single-sided 180K medium has no side 1; 300 kbps is fine for it. */
    attach(r, 1, 184320, 0);
    out(r, CCR, 0x01);
    dma_prog(r, 0x46, 0x01000, 511);
    CMD(r, 0x46, 0x05, 0, 1, 1, 2, 9, 0x1B, 0xFF);
    at(r, r->clock + SEARCH_FAIL);
    EXPECT(r, 0x45, 0x01, 0x00, 0, 1, 1, 2);
    CMD(r, 0x46, 0x01, 0, 0, 2, 2, 9, 0x1B, 0xFF);
    at(r, r->clock + 4096u * HZ / 300000u);
    EXPECT(r, 0x01, 0x00, 0x00, 0, 0, 3, 2);
    check_mem(r, 0x1000, 1);
    rig_free(r);
}
END_TEST

START_TEST(test_format_then_read)
{
    struct rig *r = rig_new();
    uint64_t t0;

    seek(r, 0, 3);
    for (unsigned s = 0; s < 18; s++) {
        uint8_t id[4] = { 3, 1, (uint8_t)(s + 1), 2 };
        for (unsigned k = 0; k < 4; k++)
            mem_write8(&r->mem, 0x6000 + s * 4 + k, id[k]);
    }
    dma_prog(r, 0x4A, 0x06000, 18 * 4 - 1);
    t0 = r->clock;
    CMD(r, 0x4D, 0x04, 2, 18, 0x54, 0xF6);
    ck_assert_uint_eq(in(r, MSR), 0x10);
    at(r, t0 + 18 * SECT500 - 1);
    ck_assert_int_eq(r->level, 0);
    at(r, t0 + 18 * SECT500);
    ck_assert_int_eq(r->level, 1);
    EXPECT(r, 0x04, 0x00, 0x00, 3, 1, 18, 2);
    ck_assert_int_eq(r->disk[0].writes, 18);
    for (unsigned s = 1; s <= 18; s++)
        for (unsigned i = 0; i < 512; i++)
            ck_assert_uint_eq(r->disk[0].data[lba144(3, 1, s) * 512 + i], 0xF6);
    /* The neighbours are untouched. */
    ck_assert_uint_eq(r->disk[0].data[lba144(3, 0, 18) * 512 + 511], pattern(lba144(3, 0, 18), 511));
    ck_assert_uint_eq(r->disk[0].data[lba144(4, 0, 1) * 512], pattern(lba144(4, 0, 1), 0));
    dma_prog(r, 0x46, 0x07000, 511);
    CMD(r, 0x46, 0x04, 3, 1, 7, 2, 18, 0x1B, 0xFF);
    at(r, r->clock + SECT500);
    EXPECT(r, 0x04, 0x00, 0x00, 3, 1, 8, 2);
    for (unsigned i = 0; i < 512; i++)
        ck_assert_uint_eq(mem_read8(&r->mem, 0x7000 + i), 0xF6);
    /* DMA runs dry before the last ID: underrun. */
    dma_prog(r, 0x4A, 0x06000, 4 * 4 - 1);
    t0 = r->clock;
    CMD(r, 0x4D, 0x04, 2, 18, 0x54, 0xE5);
    at(r, t0 + 5 * SECT500);
    ck_assert_uint_eq(r->rise_at, t0 + 5 * SECT500);
    EXPECT(r, 0x44, 0x10, 0x00, 3, 1, 4, 2);
    ck_assert_uint_eq(r->disk[0].data[lba144(3, 1, 4) * 512], 0xE5);
    ck_assert_uint_eq(r->disk[0].data[lba144(3, 1, 5) * 512], 0xF6);
    rig_free(r);
}
END_TEST

START_TEST(test_disk_change)
{
    struct rig *r = rig_new();                          /* DOR 1Ch: drive 0, motor 0 */

    ck_assert_uint_eq(in(r, DIR), 0xFF);                /* set at attach */
    out(r, DOR, 0x0C);                                  /* motor off: not selected */
    ck_assert_uint_eq(in(r, DIR), 0x7F);
    out(r, DOR, 0x1C);
    seek(r, 0, 1);
    ck_assert_uint_eq(in(r, DIR), 0x7F);                /* cleared by the seek */
    out(r, DOR, 0x2D);                                  /* drive 1, empty: line stays active */
    ck_assert_uint_eq(in(r, DIR), 0xFF);
    seek(r, 1, 1);
    ck_assert_uint_eq(in(r, DIR), 0xFF);
    attach(r, 1, SIZE_720, 0);
    ck_assert_uint_eq(in(r, DIR), 0xFF);
    CMD(r, 0x07, 0x01);                                 /* recalibrate with a disk in */
    at(r, r->clock + STEP500);
    sis(r, 0x21, 0);
    ck_assert_uint_eq(in(r, DIR), 0x7F);
    /* A new medium in drive 0 sets its line again. */
    attach(r, 0, SIZE_720, 0);
    out(r, DOR, 0x1C);
    ck_assert_uint_eq(in(r, DIR), 0xFF);
    rig_free(r);
}
END_TEST

START_TEST(test_pio_read_write)
{
    struct rig *r = rig_new();
    uint64_t t0;
    unsigned rises;

    CMD(r, 0x03, 0xDF, 0x03);                           /* non-DMA mode */
    t0 = r->clock;
    rises = r->rises;
    CMD(r, 0x46, 0x00, 0, 0, 18, 2, 18, 0x1B, 0xFF);
    ck_assert_uint_eq(in(r, MSR), 0x30);                /* CB, NDMA, no RQM yet */
    at(r, t0 + SECT500 - 1);
    ck_assert_int_eq(r->level, 0);
    at(r, t0 + SECT500);
    ck_assert_int_eq(r->level, 1);
    ck_assert_uint_eq(r->rise_at, t0 + SECT500);
    for (unsigned i = 0; i < 512; i++) {
        ck_assert_uint_eq(in(r, MSR), 0xF0);
        ck_assert_uint_eq(in(r, FIFO), pattern(lba144(0, 0, 18), i));
    }
    ck_assert_uint_eq(r->rises, rises + 512 + 1);       /* one per byte, one for the result */
    EXPECT(r, 0x40, 0x80, 0x00, 1, 0, 1, 2);            /* no TC without DMA: end of cylinder */
    /* Write one sector through the FIFO. */
    t0 = r->clock;
    CMD(r, 0x45, 0x00, 0, 0, 18, 2, 18, 0x1B, 0xFF);
    at(r, t0 + SECT500);
    for (unsigned i = 0; i < 512; i++) {
        ck_assert_uint_eq(in(r, MSR), 0xB0);
        out(r, FIFO, (uint8_t)(0xFF - i));
    }
    EXPECT(r, 0x40, 0x80, 0x00, 1, 0, 1, 2);
    for (unsigned i = 0; i < 512; i++)
        ck_assert_uint_eq(r->disk[0].data[17 * 512 + i], (uint8_t)(0xFF - i));
    rig_free(r);
}
END_TEST

START_TEST(test_read_id_and_verify)
{
    struct rig *r = rig_new();
    uint64_t slot = HZ / 5 / 18, k, t0;

    seek(r, 0, 7);
    at(r, 1000003);
    k = r->clock / slot + 1;
    CMD(r, 0x4A, 0x04);
    at(r, k * slot - 1);
    ck_assert_int_eq(r->level, 0);
    at(r, k * slot);
    ck_assert_int_eq(r->level, 1);
    EXPECT(r, 0x04, 0x00, 0x00, 7, 1, (uint8_t)(k % 18 + 1), 2);
    /* VERIFY EC = 1, SC = 3: three sectors, its own TC, no DMA. */
    dma_prog(r, 0x46, 0x01000, 511);
    t0 = r->clock;
    CMD(r, 0x56, 0x80, 7, 0, 1, 2, 18, 0x1B, 3);
    at(r, t0 + 3 * SECT500);
    ck_assert_uint_eq(r->rise_at, t0 + 3 * SECT500);
    EXPECT(r, 0x00, 0x00, 0x00, 7, 0, 4, 2);
    ck_assert_uint_eq(r->dma.ctl[0].chan[2].cur_count, 511);
    ck_assert_uint_eq(mem_read8(&r->mem, 0x1000), 0);
    /* EC = 0: to EOT, which is a normal end. */
    CMD(r, 0x56, 0x00, 7, 0, 17, 2, 18, 0x1B, 0xFF);
    at(r, r->clock + 2 * SECT500);
    EXPECT(r, 0x00, 0x00, 0x00, 8, 0, 1, 2);
    /* EC = 1 with more sectors than the track holds: end of cylinder. */
    CMD(r, 0x56, 0x80, 7, 0, 17, 2, 18, 0x1B, 5);
    at(r, r->clock + 2 * SECT500);
    EXPECT(r, 0x40, 0x80, 0x00, 8, 0, 1, 2);
    rig_free(r);
}
END_TEST

START_TEST(test_errors)
{
    struct rig *r = rig_new();
    uint64_t t0;

    /* DMA channel masked: overrun on the first sector. */
    t0 = r->clock;
    CMD(r, 0x46, 0x00, 0, 0, 1, 2, 18, 0x1B, 0xFF);
    at(r, t0 + SECT500);
    ck_assert_uint_eq(r->rise_at, t0 + SECT500);
    EXPECT(r, 0x40, 0x10, 0x00, 0, 0, 1, 2);
    /* Wrong cylinder without implied seek: ND + WC. */
    dma_prog(r, 0x46, 0x01000, 511);
    t0 = r->clock;
    CMD(r, 0x46, 0x00, 3, 0, 1, 2, 18, 0x1B, 0xFF);
    at(r, t0 + SEARCH_FAIL);
    ck_assert_uint_eq(r->rise_at, t0 + SEARCH_FAIL);
    EXPECT(r, 0x40, 0x04, 0x10, 3, 0, 1, 2);
    /* Head byte that does not match the side, sector 0, N = 3: ND. */
    CMD(r, 0x46, 0x00, 0, 1, 1, 2, 18, 0x1B, 0xFF);
    at(r, r->clock + SEARCH_FAIL);
    EXPECT(r, 0x40, 0x04, 0x00, 0, 1, 1, 2);
    CMD(r, 0x46, 0x00, 0, 0, 0, 2, 18, 0x1B, 0xFF);
    at(r, r->clock + SEARCH_FAIL);
    EXPECT(r, 0x40, 0x04, 0x00, 0, 0, 0, 2);
    CMD(r, 0x46, 0x00, 0, 0, 1, 3, 18, 0x1B, 0xFF);
    at(r, r->clock + SEARCH_FAIL);
    EXPECT(r, 0x40, 0x04, 0x00, 0, 0, 1, 3);
    /* Host read error: data error in the data field. */
    r->disk[0].fail = 1;
    CMD(r, 0x46, 0x00, 0, 0, 1, 2, 18, 0x1B, 0xFF);
    at(r, r->clock + SECT500);
    EXPECT(r, 0x40, 0x20, 0x20, 0, 0, 1, 2);
    CMD(r, 0x45, 0x00, 0, 0, 1, 2, 18, 0x1B, 0xFF);    /* channel is in read mode: DMA */
    dma_prog(r, 0x4A, 0x01000, 511);
    at(r, r->clock + SECT500);
    EXPECT(r, 0x50, 0x00, 0x00, 0, 0, 1, 2);            /* write error: equipment check */
    r->disk[0].fail = 0;
    /* DMA gate off in DOR: no DRQ, so overrun, and INT is held back. */
    dma_prog(r, 0x46, 0x01000, 511);
    out(r, DOR, 0x14);
    t0 = r->clock;
    CMD(r, 0x46, 0x00, 0, 0, 1, 2, 18, 0x1B, 0xFF);
    at(r, t0 + SECT500);
    ck_assert_int_eq(r->level, 0);
    EXPECT(r, 0x40, 0x10, 0x00, 0, 0, 1, 2);
    ck_assert_uint_eq(r->dma.ctl[0].chan[2].cur_count, 511);
    rig_free(r);
}
END_TEST

START_TEST(test_attach_and_geometry)
{
    static const struct { uint32_t bytes; unsigned c, h, s, cmos; } fmt[] = {
        { 163840, 40, 1, 8, 1 }, { 184320, 40, 1, 9, 1 }, { 327680, 40, 2, 8, 1 },
        { 368640, 40, 2, 9, 1 }, { 737280, 80, 2, 9, 3 }, { 1228800, 80, 2, 15, 2 },
        { 1474560, 80, 2, 18, 4 }, { 2949120, 80, 2, 36, 5 },
    };
    struct rig *r = rig_bare();
    char err[160];
    unsigned c = 99, h = 99, s = 99;

    ck_assert_uint_eq(fdc_cmos_type(&r->f, 0), 0);
    ck_assert_uint_eq(fdc_cmos_type(&r->f, 5), 0);
    ck_assert_int_eq(fdc_geometry(&r->f, 1, &c, &h, &s), 0);
    ck_assert_uint_eq(c, 99);
    for (unsigned i = 0; i < sizeof fmt / sizeof fmt[0]; i++) {
        ck_assert_int_eq(fdc_attach(&r->f, i & 1, &dk_ops, NULL, fmt[i].bytes, 0, err,
                                    sizeof err), 0);
        ck_assert_int_eq(fdc_geometry(&r->f, i & 1, &c, &h, &s), 1);
        ck_assert_uint_eq(c, fmt[i].c);
        ck_assert_uint_eq(h, fmt[i].h);
        ck_assert_uint_eq(s, fmt[i].s);
        ck_assert_uint_eq(fdc_cmos_type(&r->f, i & 1), fmt[i].cmos);
    }
    err[0] = 0;
    ck_assert_int_eq(fdc_attach(&r->f, 0, &dk_ops, NULL, 1474561, 0, err, sizeof err), -1);
    ck_assert_str_eq(err, "fdc: drive A: image of 1474561 bytes is no floppy format "
                          "(160K 180K 320K 360K 720K 1.2M 1.44M 2.88M)");
    ck_assert_ptr_null(strchr(err, '\n'));
    ck_assert_uint_eq(fdc_cmos_type(&r->f, 0), 4);      /* the refused call changed nothing */
    ck_assert_int_eq(fdc_attach(&r->f, 2, &dk_ops, NULL, 1474560, 0, err, sizeof err), -1);
    ck_assert_int_eq(fdc_attach(&r->f, 0, NULL, NULL, 1474560, 0, err, sizeof err), -1);
    ck_assert_int_eq(fdc_init(&r->f, NULL, 0, rig_now, r, &r->s, err, sizeof err), -1);
    rig_free(r);
}
END_TEST

START_TEST(test_hardware_reset)
{
    struct rig *r = rig_new();

    CMD(r, 0x03, 0xAF, 0x02);
    CMD(r, 0x13, 0x00, 0x40, 0x00);
    CMD(r, 0x94);
    EXPECT(r, 0x10);
    CMD(r, 0x0F, 0x00, 20);                             /* a seek in flight */
    at(r, r->clock + 100);
    fdc_reset(&r->f);
    ck_assert_uint_eq(in(r, DOR), 0x0C);
    ck_assert_uint_eq(in(r, MSR), 0x80);
    ck_assert_uint_eq(r->f.rate, 0);
    at(r, r->clock + 100000);
    ck_assert_int_eq(r->level, 0);                      /* the seek never ends, no polling */
    CMD(r, 0x0E);                                       /* hardware reset clears LOCK too */
    EXPECT(r, 0, 0, 0, 0, 0xAF, 0x02, 0x00, 0x00, 0x20, 0x00);
    rig_free(r);
}
END_TEST

/* At 4.77 MHz a deadline is the floor of one exact product, never a sum
 * of rounded parts: 4 steps at 300 kbps with SRT = Dh take
 * 4 * 3 * 4772727 / 600 = 95454.5 -> 95454 cycles (not 4 * 23863), a
 * sector 4096 * 4772727 / 300000 = 65163.97 -> 65163. Two machines run
 * side by side without sharing anything. */
START_TEST(test_odd_clock_two_machines)
{
    struct rig *a = rig_bare_hz(4772727), *b = rig_bare();
    uint64_t t0;

    attach(a, 0, 368640, 0);
    attach(b, 0, 368640, 0);
    ready(a);
    ready(b);
    ck_assert_uint_eq(a->rise_at, 1193);                /* 250 us: 4772727 / 4000 */
    ck_assert_uint_eq(b->rise_at, 250);
    out(a, CCR, 0x01);                                  /* 300 kbps */
    t0 = a->clock;
    CMD(a, 0x0F, 0x00, 4);
    at(a, t0 + 95453);
    ck_assert_int_eq(a->level, 0);
    at(a, t0 + 95454);
    ck_assert_int_eq(a->level, 1);
    sis(a, 0x20, 4);
    dma_prog(a, 0x46, 0x08000, 511);
    t0 = a->clock;
    CMD(a, 0x46, 0x00, 4, 0, 9, 2, 9, 0x1B, 0xFF);
    at(a, t0 + 65162);
    ck_assert_int_eq(a->level, 0);
    at(a, t0 + 65163);
    ck_assert_int_eq(a->level, 1);
    EXPECT(a, 0x00, 0x00, 0x00, 5, 0, 1, 2);
    check_mem(a, 0x8000, (4 * 2 + 0) * 9 + 8);
    ck_assert_uint_eq(mem_read8(&b->mem, 0x8000), 0);   /* b saw none of it */
    ck_assert_uint_eq(b->f.pcn[0], 0);
    rig_free(a);
    rig_free(b);
}
END_TEST

START_TEST(test_state_table)
{
    size_t n, total = 0;
    unsigned version;
    const struct dev_field *t = fdc_state_fields(&n, &version);

    ck_assert_uint_eq(version, FDC_STATE_VERSION);
    ck_assert_uint_gt(n, 40);
    for (size_t i = 0; i < n; i++) {
        ck_assert_uint_le(t[i].offset + t[i].size, offsetof(struct fdc, dma));
        total += t[i].size;
    }
    ck_assert_uint_gt(total, sizeof ((struct fdc *)0)->buf + 40);
}
END_TEST

static Suite *fdc_suite(void)
{
    Suite *s = suite_create("fdc");
    TCase *tc = tcase_create("fdc");

    tcase_add_test(tc, test_ports);
    tcase_add_test(tc, test_reset_polling);
    tcase_add_test(tc, test_control_commands);
    tcase_add_test(tc, test_seek_timing);
    tcase_add_test(tc, test_read_single);
    tcase_add_test(tc, test_read_multi_sector_and_track);
    tcase_add_test(tc, test_read_end_of_track);
    tcase_add_test(tc, test_write_read_back);
    tcase_add_test(tc, test_write_protect);
    tcase_add_test(tc, test_wrong_rate_and_no_medium);
    tcase_add_test(tc, test_format_then_read);
    tcase_add_test(tc, test_disk_change);
    tcase_add_test(tc, test_pio_read_write);
    tcase_add_test(tc, test_read_id_and_verify);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_attach_and_geometry);
    tcase_add_test(tc, test_hardware_reset);
    tcase_add_test(tc, test_odd_clock_two_machines);
    tcase_add_test(tc, test_state_table);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(fdc_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
