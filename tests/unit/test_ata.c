/* test_ata.c - Check unit tests for devices/ata.c (ATA channel, PIO).
 * Disks are RAM buffers behind struct ata_disk_ops; the channel is poked
 * through a real io_bus at 1F0h/3F6h (and 170h/376h for the second one). */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ata.h"

#define CYLS 20u
#define HEADS 4u
#define SPT 17u
#define TOTAL (CYLS * HEADS * SPT)

struct ramdisk {
    uint8_t *data;
    uint64_t total;
    int reads, writes;
};

static int rd_read(void *o, uint64_t lba, uint8_t *buf, unsigned n)
{
    struct ramdisk *d = o;
    ck_assert_uint_le(lba + n, d->total);
    memcpy(buf, d->data + lba * ATA_SECTOR, (size_t)n * ATA_SECTOR);
    d->reads++;
    return 0;
}

static int rd_write(void *o, uint64_t lba, const uint8_t *buf, unsigned n)
{
    struct ramdisk *d = o;
    ck_assert_uint_le(lba + n, d->total);
    memcpy(d->data + lba * ATA_SECTOR, buf, (size_t)n * ATA_SECTOR);
    d->writes++;
    return 0;
}

static const struct ata_disk_ops rd_ops = { rd_read, rd_write };

static uint8_t pattern(uint64_t lba, unsigned i) { return (uint8_t)(lba * 7 + i + (lba >> 8)); }

struct rig {
    struct io_bus bus;
    struct ata ch[2];
    struct ramdisk disk[3];          /* ch0 master, ch0 slave (unused by default), ch1 master */
    int edges[16], level[16];
};

static void rig_irq(void *o, int n, int level)
{
    struct rig *r = o;
    if (level && !r->level[n])
        r->edges[n]++;
    r->level[n] = level;
}

static void disk_new(struct ramdisk *d)
{
    d->total = TOTAL;
    d->data = malloc(TOTAL * ATA_SECTOR);
    ck_assert_ptr_nonnull(d->data);
    for (uint64_t s = 0; s < TOTAL; s++)
        for (unsigned i = 0; i < ATA_SECTOR; i++)
            d->data[s * ATA_SECTOR + i] = pattern(s, i);
    d->reads = d->writes = 0;
}

static struct rig *rig_new(void)
{
    char err[160];
    struct rig *r = malloc(sizeof *r);

    ck_assert_ptr_nonnull(r);
    memset(r, 0xA5, sizeof *r);      /* init must not rely on zeroed memory */
    memset(r->edges, 0, sizeof r->edges);
    memset(r->level, 0, sizeof r->level);
    io_init(&r->bus);
    for (int i = 0; i < 3; i++)
        disk_new(&r->disk[i]);
    ata_init(&r->ch[0]);
    ata_init(&r->ch[1]);
    irq_connect(&r->ch[0].irq, rig_irq, r, 14);
    irq_connect(&r->ch[1].irq, rig_irq, r, 15);
    ck_assert_int_eq(ata_attach(&r->ch[0], 0, &rd_ops, &r->disk[0], TOTAL, CYLS, HEADS, SPT,
                                err, sizeof err), 0);
    ck_assert_int_eq(ata_attach(&r->ch[1], 0, &rd_ops, &r->disk[2], TOTAL, CYLS, HEADS, SPT,
                                err, sizeof err), 0);
    ck_assert_int_eq(ata_register(&r->ch[0], &r->bus, "ata0", 0x1F0, 0x3F6, err, sizeof err), 0);
    ck_assert_int_eq(ata_register(&r->ch[1], &r->bus, "ata1", 0x170, 0x376, err, sizeof err), 0);
    return r;
}

static void rig_free(struct rig *r)
{
    for (int i = 0; i < 3; i++)
        free(r->disk[i].data);
    free(r);
}

static void outb(struct rig *r, uint16_t p, uint8_t v) { io_write(&r->bus, p, v, 1); }
static uint8_t inb(struct rig *r, uint16_t p) { return (uint8_t)io_read(&r->bus, p, 1); }
static uint16_t inw(struct rig *r, uint16_t p) { return (uint16_t)io_read(&r->bus, p, 2); }

static void chs(struct rig *r, uint16_t b, unsigned cnt, unsigned c, unsigned h, unsigned s)
{
    outb(r, b + 2, (uint8_t)cnt);
    outb(r, b + 3, (uint8_t)s);
    outb(r, b + 4, (uint8_t)c);
    outb(r, b + 5, (uint8_t)(c >> 8));
    outb(r, b + 6, (uint8_t)(0xA0 | h));
}

static void lba(struct rig *r, uint16_t b, unsigned cnt, uint32_t l)
{
    outb(r, b + 2, (uint8_t)cnt);
    outb(r, b + 3, (uint8_t)l);
    outb(r, b + 4, (uint8_t)(l >> 8));
    outb(r, b + 5, (uint8_t)(l >> 16));
    outb(r, b + 6, (uint8_t)(0xE0 | (l >> 24)));
}

/* Reads one sector from the data port and checks it against the pattern. */
static void read_check(struct rig *r, uint16_t b, uint64_t l)
{
    for (unsigned i = 0; i < ATA_SECTOR; i += 2) {
        uint16_t w = inw(r, b);
        ck_assert_uint_eq(w & 0xFF, pattern(l, i));
        ck_assert_uint_eq(w >> 8, pattern(l, i + 1));
    }
}

START_TEST(test_identify)
{
    struct rig *r = rig_new();
    uint16_t w[256];
    char model[41];

    outb(r, 0x1F6, 0xA0);
    outb(r, 0x1F7, 0xEC);
    ck_assert_uint_eq(inb(r, 0x3F6), 0x58);
    for (int i = 0; i < 256; i++)
        w[i] = inw(r, 0x1F0);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    ck_assert_uint_eq(w[0], 0x0040);
    ck_assert_uint_eq(w[1], CYLS);
    ck_assert_uint_eq(w[3], HEADS);
    ck_assert_uint_eq(w[6], SPT);
    ck_assert_uint_eq(w[47] & 0xFF, ATA_MAX_MULT);
    ck_assert_uint_eq(w[49] & 0x0200, 0x0200);
    ck_assert_uint_eq(w[53] & 1, 1);
    ck_assert_uint_eq(w[54], CYLS);
    ck_assert_uint_eq(w[55], HEADS);
    ck_assert_uint_eq(w[56], SPT);
    ck_assert_uint_eq(w[57] | (uint32_t)w[58] << 16, TOTAL);
    ck_assert_uint_eq(w[60] | (uint32_t)w[61] << 16, TOTAL);
    ck_assert_uint_eq(w[64] & 3, 3);
    for (int i = 0; i < 20; i++) {
        model[2 * i] = (char)(w[27 + i] >> 8);
        model[2 * i + 1] = (char)w[27 + i];
    }
    model[40] = 0;
    ck_assert_str_eq(model, "TICK86 HARDDISK                         ");
    ck_assert_uint_eq(w[10] >> 8, 'T');       /* serial, byte-swapped too */
    ck_assert_uint_eq(w[23] >> 8, '1');       /* firmware "1.0" */
    ck_assert_uint_eq(w[23] & 0xFF, '.');
    /* The task file is not disturbed by the data phase. */
    ck_assert_uint_eq(inb(r, 0x1F2), 0x01);
    rig_free(r);
}
END_TEST

START_TEST(test_chs_read)
{
    struct rig *r = rig_new();
    /* C=2 H=3 S=5 -> (2*4+3)*17+4 = 191 */
    chs(r, 0x1F0, 1, 2, 3, 5);
    outb(r, 0x1F7, 0x20);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x58);
    read_check(r, 0x1F0, 191);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    ck_assert_uint_eq(inb(r, 0x1F3), 5);
    ck_assert_uint_eq(inb(r, 0x1F4), 2);
    ck_assert_uint_eq(inb(r, 0x1F6) & 0x0F, 3);
    ck_assert_uint_eq(inb(r, 0x1F2), 0);
    rig_free(r);
}
END_TEST

START_TEST(test_lba_read_multi)
{
    struct rig *r = rig_new();
    lba(r, 0x1F0, 3, 1000);
    outb(r, 0x1F7, 0x21);
    for (unsigned s = 0; s < 3; s++) {
        ck_assert_uint_eq(inb(r, 0x1F7), 0x58);
        read_check(r, 0x1F0, 1000 + s);
    }
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    ck_assert_uint_eq(inb(r, 0x1F3), (1002 & 0xFF));
    ck_assert_uint_eq(inb(r, 0x1F4), 1002 >> 8);
    ck_assert_uint_eq(r->edges[14], 3);
    rig_free(r);
}
END_TEST

START_TEST(test_count_zero_is_256)
{
    struct rig *r = rig_new();
    lba(r, 0x1F0, 0, 10);
    outb(r, 0x1F7, 0x20);
    for (unsigned s = 0; s < 256; s++) {
        ck_assert_uint_eq(inb(r, 0x1F7) & 0x08, 0x08);
        read_check(r, 0x1F0, 10 + s);
    }
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    ck_assert_uint_eq(r->edges[14], 256);
    ck_assert_uint_eq(inb(r, 0x1F3), (10 + 255) & 0xFF);
    ck_assert_uint_eq(inb(r, 0x1F4), (10 + 255) >> 8);
    rig_free(r);
}
END_TEST

START_TEST(test_write_read_back)
{
    struct rig *r = rig_new();
    lba(r, 0x1F0, 2, 500);
    outb(r, 0x1F7, 0x30);
    ck_assert_uint_eq(inb(r, 0x3F6), 0x58);
    ck_assert_int_eq(r->edges[14], 0);         /* no INTRQ before the first block */
    for (unsigned i = 0; i < 2 * ATA_SECTOR; i += 4) {  /* 32-bit writes: two words */
        if (i == ATA_SECTOR) {             /* the driver acks the first block's INTRQ */
            ck_assert_int_eq(r->level[14], 1);
            ck_assert_uint_eq(inb(r, 0x1F7), 0x58);
        }
        io_write(&r->bus, 0x1F0, 0xC0DE0000u | i, 4);
    }
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    ck_assert_int_eq(r->edges[14], 2);
    ck_assert_int_eq(r->disk[0].writes, 2);
    lba(r, 0x1F0, 2, 500);
    outb(r, 0x1F7, 0x20);
    for (unsigned i = 0; i < 2 * ATA_SECTOR; i += 4)
        ck_assert_uint_eq(io_read(&r->bus, 0x1F0, 4), 0xC0DE0000u | i);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    ck_assert_uint_eq(r->disk[0].data[500 * ATA_SECTOR + 2], 0xDE);
    ck_assert_uint_eq(r->disk[0].data[499 * ATA_SECTOR], pattern(499, 0));
    ck_assert_uint_eq(r->disk[0].data[502 * ATA_SECTOR], pattern(502, 0));
    rig_free(r);
}
END_TEST

START_TEST(test_multiple)
{
    struct rig *r = rig_new();

    /* Multiple mode off: READ MULTIPLE aborts. */
    lba(r, 0x1F0, 5, 100);
    outb(r, 0x1F7, 0xC4);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x51);
    ck_assert_uint_eq(inb(r, 0x1F1), 0x04);
    /* Block size 3 is not a power of two. */
    outb(r, 0x1F2, 3);
    outb(r, 0x1F7, 0xC6);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x51);
    outb(r, 0x1F2, 4);
    outb(r, 0x1F7, 0xC6);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    r->edges[14] = 0;
    r->disk[0].reads = 0;
    /* 5 sectors in blocks of 4: two DRQ blocks, two interrupts. */
    lba(r, 0x1F0, 5, 100);
    outb(r, 0x1F7, 0xC4);
    for (unsigned s = 0; s < 5; s++) {
        /* Status (which acks INTRQ) at each block start, as a driver does. */
        ck_assert_uint_eq(inb(r, s % 4 ? 0x3F6 : 0x1F7), 0x58);
        read_check(r, 0x1F0, 100 + s);
    }
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    ck_assert_int_eq(r->edges[14], 2);
    ck_assert_int_eq(r->disk[0].reads, 2);
    /* WRITE MULTIPLE: one INTRQ per block (after it is written). */
    r->edges[14] = 0;
    lba(r, 0x1F0, 6, 200);
    outb(r, 0x1F7, 0xC5);
    for (unsigned i = 0; i < 6 * ATA_SECTOR / 2; i++) {
        if (i == 4 * ATA_SECTOR / 2) {
            ck_assert_int_eq(r->disk[0].writes, 1);
            ck_assert_uint_eq(inb(r, 0x1F7), 0x58);
        }
        io_write(&r->bus, 0x1F0, 0x1234, 2);
    }
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    ck_assert_int_eq(r->edges[14], 2);
    ck_assert_int_eq(r->disk[0].writes, 2);
    ck_assert_uint_eq(r->disk[0].data[205 * ATA_SECTOR + 511], 0x12);
    ck_assert_uint_eq(r->disk[0].data[206 * ATA_SECTOR], pattern(206, 0));
    rig_free(r);
}
END_TEST

START_TEST(test_irq_status_ack)
{
    struct rig *r = rig_new();
    lba(r, 0x1F0, 2, 0);
    outb(r, 0x1F7, 0x20);
    ck_assert_int_eq(r->level[14], 1);
    ck_assert_uint_eq(inb(r, 0x3F6), 0x58);    /* alternate status keeps INTRQ */
    ck_assert_int_eq(r->level[14], 1);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x58);    /* status acknowledges it */
    ck_assert_int_eq(r->level[14], 0);
    read_check(r, 0x1F0, 0);
    ck_assert_int_eq(r->level[14], 1);         /* second sector's INTRQ */
    ck_assert_int_eq(r->edges[14], 2);
    inb(r, 0x1F7);
    read_check(r, 0x1F0, 1);
    ck_assert_int_eq(r->level[14], 0);         /* data-in ends without INTRQ */
    rig_free(r);
}
END_TEST

START_TEST(test_nien)
{
    struct rig *r = rig_new();
    outb(r, 0x3F6, 0x02);                      /* nIEN */
    lba(r, 0x1F0, 1, 0);
    outb(r, 0x1F7, 0x20);
    ck_assert_int_eq(r->level[14], 0);
    ck_assert_int_eq(r->edges[14], 0);
    /* Unmasking shows the still-pending interrupt. */
    outb(r, 0x3F6, 0x00);
    ck_assert_int_eq(r->level[14], 1);
    inb(r, 0x1F7);
    ck_assert_int_eq(r->level[14], 0);
    read_check(r, 0x1F0, 0);
    rig_free(r);
}
END_TEST

START_TEST(test_soft_reset)
{
    struct rig *r = rig_new();
    outb(r, 0x1F2, 4);
    outb(r, 0x1F7, 0xC6);
    lba(r, 0x1F0, 9, 0x123456);
    outb(r, 0x1F7, 0x20);                      /* aborts: past the end */
    outb(r, 0x3F6, 0x04);
    ck_assert_uint_eq(inb(r, 0x3F6), 0x80);
    outb(r, 0x1F2, 0x77);                      /* ignored while busy */
    outb(r, 0x3F6, 0x00);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    ck_assert_uint_eq(inb(r, 0x1F1), 0x01);
    ck_assert_uint_eq(inb(r, 0x1F2), 0x01);
    ck_assert_uint_eq(inb(r, 0x1F3), 0x01);
    ck_assert_uint_eq(inb(r, 0x1F4), 0x00);
    ck_assert_uint_eq(inb(r, 0x1F5), 0x00);
    ck_assert_uint_eq(inb(r, 0x1F6) & 0x1F, 0x00);
    ck_assert_int_eq(r->edges[14], 2);         /* SET MULTIPLE, abort; none for reset */
    /* The multiple block size reverted to off. */
    lba(r, 0x1F0, 1, 0);
    outb(r, 0x1F7, 0xC4);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x51);
    rig_free(r);
}
END_TEST

START_TEST(test_abort)
{
    struct rig *r = rig_new();
    lba(r, 0x1F0, 2, TOTAL - 1);               /* runs one sector past the end */
    outb(r, 0x1F7, 0x20);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x51);
    ck_assert_uint_eq(inb(r, 0x1F1), 0x04);
    ck_assert_int_eq(r->disk[0].reads, 0);
    chs(r, 0x1F0, 1, 0, 0, 0);                 /* sector 0 does not exist */
    outb(r, 0x1F7, 0x20);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x51);
    chs(r, 0x1F0, 1, 0, 0, SPT + 1);
    outb(r, 0x1F7, 0x40);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x51);
    chs(r, 0x1F0, 1, CYLS, 0, 1);              /* past the last cylinder */
    outb(r, 0x1F7, 0x70);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x51);
    outb(r, 0x1F7, 0xFF);                      /* unknown command */
    ck_assert_uint_eq(inb(r, 0x1F7), 0x51);
    ck_assert_uint_eq(inb(r, 0x1F1), 0x04);
    outb(r, 0x1F1, 0x02);                      /* SET FEATURES 02h: not supported */
    outb(r, 0x1F7, 0xEF);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x51);
    outb(r, 0x1F1, 0x03);                      /* transfer mode PIO 4 */
    outb(r, 0x1F2, 0x0C);
    outb(r, 0x1F7, 0xEF);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    ck_assert_uint_eq(inb(r, 0x1F1), 0x00);
    ck_assert_int_eq(r->edges[14], 7);
    rig_free(r);
}
END_TEST

START_TEST(test_misc_commands)
{
    struct rig *r = rig_new();
    /* INITIALIZE DEVICE PARAMETERS to 8 heads x 32 sectors: CHS now maps
     * through the new translation. */
    outb(r, 0x1F2, 32);
    outb(r, 0x1F6, 0xA7);
    outb(r, 0x1F7, 0x91);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    chs(r, 0x1F0, 1, 1, 2, 3);                 /* (1*8+2)*32+2 = 322 */
    outb(r, 0x1F7, 0x20);
    read_check(r, 0x1F0, 322);
    /* READ VERIFY moves no data but reads the disk. */
    r->disk[0].reads = 0;
    lba(r, 0x1F0, 3, 50);
    outb(r, 0x1F7, 0x40);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    ck_assert_int_eq(r->disk[0].reads, 3);
    ck_assert_uint_eq(inb(r, 0x1F3), 52);
    /* RECALIBRATE and a valid SEEK. */
    outb(r, 0x1F7, 0x10);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    ck_assert_uint_eq(inb(r, 0x1F4), 0);
    lba(r, 0x1F0, 1, 77);
    outb(r, 0x1F7, 0x70);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    /* EXECUTE DEVICE DIAGNOSTIC: code 01h and the signature. */
    outb(r, 0x1F7, 0x90);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    ck_assert_uint_eq(inb(r, 0x1F1), 0x01);
    ck_assert_uint_eq(inb(r, 0x1F2), 0x01);
    ck_assert_uint_eq(inb(r, 0x1F3), 0x01);
    rig_free(r);
}
END_TEST

START_TEST(test_absent_slave)
{
    struct rig *r = rig_new();
    outb(r, 0x1F6, 0xB0);                      /* DEV=1 */
    ck_assert_uint_eq(inb(r, 0x1F7), 0x00);
    ck_assert_uint_eq(inb(r, 0x3F6), 0x00);
    outb(r, 0x1F7, 0xEC);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x00);
    ck_assert_int_eq(r->edges[14], 0);
    /* Attach a slave and it answers. */
    {
        char err[160];
        ck_assert_int_eq(ata_attach(&r->ch[0], 1, &rd_ops, &r->disk[1], 100, 5, 2, 10,
                                    err, sizeof err), 0);
    }
    outb(r, 0x1F7, 0xEC);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x58);
    ck_assert_uint_eq(inw(r, 0x1F0), 0x0040);
    ck_assert_uint_eq(inw(r, 0x1F0), 5);
    outb(r, 0x1F6, 0xA0);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x58);
    rig_free(r);
}
END_TEST

START_TEST(test_two_channels)
{
    struct rig *r = rig_new();
    char err[160];

    /* Distinct data on the second channel's disk. */
    memset(r->disk[2].data + 7 * ATA_SECTOR, 0x5A, ATA_SECTOR);
    lba(r, 0x1F0, 1, 7);
    outb(r, 0x1F7, 0x20);
    lba(r, 0x170, 1, 7);
    outb(r, 0x177, 0x20);
    ck_assert_int_eq(r->edges[14], 1);
    ck_assert_int_eq(r->edges[15], 1);
    ck_assert_uint_eq(inb(r, 0x177), 0x58);
    ck_assert_int_eq(r->level[14], 1);         /* acking one leaves the other */
    ck_assert_int_eq(r->level[15], 0);
    for (unsigned i = 0; i < ATA_SECTOR; i += 2)
        ck_assert_uint_eq(inw(r, 0x170), 0x5A5A);
    read_check(r, 0x1F0, 7);
    ck_assert_uint_eq(inb(r, 0x177), 0x50);
    ck_assert_uint_eq(inb(r, 0x1F7), 0x50);
    /* Overlap is refused. */
    ck_assert_int_ne(ata_register(&r->ch[1], &r->bus, "dup", 0x1F0, 0x3F6, err, sizeof err), 0);
    rig_free(r);
}
END_TEST

/* A channel with no device at all floats: every register reads all ones,
 * so a BIOS that writes 55h/AAh to the task file and reads it back sees
 * no drive (regression: the Bochs BIOS reported "Unknown device"). */
START_TEST(test_empty_channel_floats)
{
    struct io_bus bus;
    struct ata ch;
    char err[160];
    io_init(&bus);
    ata_init(&ch);
    ck_assert_int_eq(ata_register(&ch, &bus, "ata1", 0x170, 0x376, err, sizeof err), 0);
    io_write(&bus, 0x172, 0x55, 1);
    io_write(&bus, 0x173, 0xAA, 1);
    ck_assert_uint_eq(io_read(&bus, 0x172, 1), 0xFF);
    ck_assert_uint_eq(io_read(&bus, 0x173, 1), 0xFF);
    ck_assert_uint_eq(io_read(&bus, 0x177, 1), 0xFF);
    ck_assert_uint_eq(io_read(&bus, 0x376, 1), 0xFF);
    ck_assert_uint_eq(io_read(&bus, 0x170, 2), 0xFFFF);
}
END_TEST

START_TEST(test_state_table)
{
    size_t total = 0;
    for (size_t i = 0; i < ata_nfields; i++) {
        ck_assert_uint_le(ata_fields[i].offset + ata_fields[i].size, offsetof(struct ata, irq));
        total += ata_fields[i].size;
    }
    ck_assert_uint_gt(total, sizeof ((struct ata *)0)->buf);
    ck_assert_int_eq(ATA_STATE_VERSION, 1);
}
END_TEST

static Suite *ata_suite(void)
{
    Suite *s = suite_create("ata");
    TCase *tc = tcase_create("ata");

    tcase_add_test(tc, test_identify);
    tcase_add_test(tc, test_chs_read);
    tcase_add_test(tc, test_lba_read_multi);
    tcase_add_test(tc, test_count_zero_is_256);
    tcase_add_test(tc, test_write_read_back);
    tcase_add_test(tc, test_multiple);
    tcase_add_test(tc, test_irq_status_ack);
    tcase_add_test(tc, test_nien);
    tcase_add_test(tc, test_soft_reset);
    tcase_add_test(tc, test_abort);
    tcase_add_test(tc, test_misc_commands);
    tcase_add_test(tc, test_absent_slave);
    tcase_add_test(tc, test_two_channels);
    tcase_add_test(tc, test_empty_channel_floats);
    tcase_add_test(tc, test_state_table);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(ata_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
