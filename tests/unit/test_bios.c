/* test_bios.c - our system BIOS (bios/bios.asm) on the whole board, for
 * what the guest tests in tests/guest/pc cannot set up: disks of sizes no
 * image file in the build has. Each disk here is virtual (its sector 0 a
 * small boot program, every other sector zeros), so an 8 GB disk costs
 * nothing.
 *
 * The boot program (below, assembled by hand) asks INT 13h AH=48h for the
 * EDD drive parameters (T13 "BIOS Enhanced Disk Drive Services" 3.0, the
 * result buffer: information flags at 02h, bit 1 "the CHS information is
 * valid") and AH=08h for the INT 13h geometry (Ralf Brown INT 13h AH=08h),
 * then halts with interrupts off. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "../../devices/pc.h"

/* org 7C00h */
static const uint8_t boot_code[] = {
    0x31, 0xC0,                   /* xor ax, ax */
    0x8E, 0xD8,                   /* mov ds, ax */
    0xBE, 0x00, 0x10,             /* mov si, 1000h */
    0xC7, 0x04, 0x4A, 0x00,       /* mov word [si], 4Ah      ; EDD 3.0 buffer */
    0xB2, 0x80,                   /* mov dl, 80h */
    0xB4, 0x48,                   /* mov ah, 48h */
    0xCD, 0x13,                   /* int 13h */
    0x9C,                         /* pushf */
    0x8F, 0x06, 0xFE, 0x0F,       /* pop word [0FFEh]        ; flags of 48h */
    0xB2, 0x80,                   /* mov dl, 80h */
    0xB4, 0x08,                   /* mov ah, 08h */
    0xCD, 0x13,                   /* int 13h */
    0x89, 0x0E, 0xF0, 0x0F,       /* mov [0FF0h], cx */
    0x89, 0x16, 0xF2, 0x0F,       /* mov [0FF2h], dx */
    0xFA,                         /* cli */
    0xF4,                         /* hlt */
};

static int vdisk_read(void *opaque, uint64_t lba, uint8_t *buf, unsigned nsect)
{
    (void)opaque;
    memset(buf, 0, nsect * 512u);
    if (lba == 0) {
        memcpy(buf, boot_code, sizeof boot_code);
        buf[510] = 0x55;
        buf[511] = 0xAA;
    }
    return 0;
}

static int vdisk_write(void *opaque, uint64_t lba, const uint8_t *buf, unsigned nsect)
{
    (void)opaque;
    (void)lba;
    (void)buf;
    (void)nsect;
    return 0;
}

static const struct pc_disk_ops vdisk_ops = { vdisk_read, vdisk_write };

struct edd_result {
    uint16_t flags48;             /* FLAGS after AH=48h */
    uint8_t buf[0x4A];            /* its result buffer */
    uint16_t cx08, dx08;          /* AH=08h */
};

static uint16_t le16_at(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32_at(const uint8_t *p) { return le16_at(p) | (uint32_t)le16_at(p + 2) << 16; }

/* Boots a P6 with one virtual disk of `sectors` as primary master and
 * collects what the boot program left in memory. */
static void boot_disk(uint64_t sectors, struct edd_result *r)
{
    struct pc_config cfg;
    char err[200];
    uint8_t w[4];

    pc_config_default(&cfg);
    cfg.model = CPU_P6;
    cfg.hd[0].ops = &vdisk_ops;
    cfg.hd[0].bytes = sectors * 512;
    strcpy(cfg.boot, "c");
    struct pc *pc = pc_create(&cfg, err, sizeof err);
    ck_assert_msg(pc != NULL, "%s", err);
    enum pc_stop st = pc_run(pc, 400000000);
    ck_assert_msg(st == PC_STOP_HALT, "stop %d (%s) instead of the boot program's halt", (int)st,
                  pc_stop_message(pc));
    pc_mem_read(pc, 0xFFE, w, 2);
    r->flags48 = le16_at(w);
    pc_mem_read(pc, 0x1000, r->buf, sizeof r->buf);
    pc_mem_read(pc, 0xFF0, w, 4);
    r->cx08 = le16_at(w);
    r->dx08 = le16_at(w + 2);
    pc_destroy(pc);
}

/* 16383 x 16 x 63 = 16514064 sectors: the largest disk whose IDENTIFY
 * geometry still covers it, so the CHS fields are valid (flags bit 1). */
START_TEST(edd_chs_valid_at_limit)
{
    struct edd_result r;
    boot_disk(16514064, &r);
    ck_assert_uint_eq(r.flags48 & 1, 0);                   /* CF clear */
    ck_assert_uint_eq(le16_at(r.buf + 0x00), 0x4A);
    ck_assert_uint_eq(le16_at(r.buf + 0x02), 0x0003);      /* DMA transparent, CHS valid */
    ck_assert_uint_eq(le32_at(r.buf + 0x04), 16383);
    ck_assert_uint_eq(le32_at(r.buf + 0x08), 16);
    ck_assert_uint_eq(le32_at(r.buf + 0x0C), 63);
    ck_assert_uint_eq(le32_at(r.buf + 0x10), 16514064);
    ck_assert_uint_eq(le32_at(r.buf + 0x14), 0);
    /* LBA-assisted translation of more than 8257536 sectors: 255 heads,
     * 63 sectors, cylinders capped at 1024 */
    ck_assert_uint_eq(r.cx08, 0xFFFF);                     /* cylinder 1023, sector 63 */
    ck_assert_uint_eq(r.dx08, 0xFE01);                     /* head 254, one disk */
}
END_TEST

/* One track more than that: IDENTIFY still says 16383 x 16 x 63, which
 * no longer covers the disk, so the CHS fields are not valid. The BIOS
 * compared against 00FCFC10h instead of 00FBFC10h and called every disk
 * up to 65536 sectors beyond the limit valid. */
START_TEST(edd_chs_invalid_beyond_limit)
{
    struct edd_result r;
    boot_disk(16514064 + 63, &r);
    ck_assert_uint_eq(r.flags48 & 1, 0);
    ck_assert_uint_eq(le16_at(r.buf + 0x02), 0x0001);      /* DMA transparent only */
    ck_assert_uint_eq(le32_at(r.buf + 0x10), 16514064 + 63);
    boot_disk(16514064 + 65535, &r);
    ck_assert_uint_eq(le16_at(r.buf + 0x02), 0x0001);
}
END_TEST

static Suite *bios_suite(void)
{
    Suite *s = suite_create("bios");
    TCase *tc = tcase_create("edd");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, edd_chs_valid_at_limit);
    tcase_add_test(tc, edd_chs_invalid_beyond_limit);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(bios_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
