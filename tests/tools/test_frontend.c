/* test_frontend.c - Check tests for the front end's window-free parts:
 * gui/keymap.c (exact set 2 sequences), gui/disk_image.c (sizes, reads,
 * writes, the -snapshot overlay, read-only files) and gui/png.c (round
 * trip, deterministic bytes, bad files).
 *
 * tests/unit/ links against cpu/ and devices/ only, so this one lives
 * here and is built with gui/keymap.c gui/disk_image.c gui/png.c and
 * libpng. Files go to a fresh directory under $TMPDIR (or /tmp). */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../gui/disk_image.h"
#include "../../gui/keymap.h"
#include "../../gui/png.h"

static char dir[256];

static void make_dir(void)
{
    const char *t = getenv("TMPDIR");

    snprintf(dir, sizeof dir, "%s/tick86-fe-XXXXXX", t && *t ? t : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void remove_dir(void)
{
    char cmd[300];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static void path_in_dir(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
}

/* A file of `bytes` bytes where byte i of sector s is (s * 7 + i) & 0xFF. */
static void make_image(const char *path, uint64_t bytes)
{
    FILE *f = fopen(path, "wb");

    ck_assert_ptr_nonnull(f);
    for (uint64_t i = 0; i < bytes; i++)
        fputc((int)(((i / 512) * 7 + i % 512) & 0xFF), f);
    ck_assert_int_eq(fclose(f), 0);
}

static void expect_sector(const uint8_t *buf, uint64_t s)
{
    for (unsigned i = 0; i < 512; i++)
        ck_assert_uint_eq(buf[i], (s * 7 + i) & 0xFF);
}

/* ---- keymap --------------------------------------------------------------- */

static void expect_events(const struct key_event *ev, unsigned n, const uint16_t *codes,
                          const uint8_t *downs, unsigned want)
{
    ck_assert_uint_eq(n, want);
    for (unsigned i = 0; i < n; i++) {
        ck_assert_uint_eq(ev[i].code, codes[i]);
        ck_assert_uint_eq(ev[i].down, downs[i]);
    }
}

START_TEST(test_ascii_plain_and_shifted)
{
    struct key_event ev[KEYMAP_MAX_EVENTS];
    static const uint8_t tap[] = { 1, 0 }, shtap[] = { 1, 1, 0, 0 };

    expect_events(ev, keymap_ascii('a', ev), (const uint16_t[]){ 0x1C, 0x1C }, tap, 2);
    expect_events(ev, keymap_ascii('z', ev), (const uint16_t[]){ 0x1A, 0x1A }, tap, 2);
    expect_events(ev, keymap_ascii('0', ev), (const uint16_t[]){ 0x45, 0x45 }, tap, 2);
    expect_events(ev, keymap_ascii(' ', ev), (const uint16_t[]){ 0x29, 0x29 }, tap, 2);
    expect_events(ev, keymap_ascii('/', ev), (const uint16_t[]){ 0x4A, 0x4A }, tap, 2);
    expect_events(ev, keymap_ascii('`', ev), (const uint16_t[]){ 0x0E, 0x0E }, tap, 2);
    expect_events(ev, keymap_ascii('A', ev), (const uint16_t[]){ 0x12, 0x1C, 0x1C, 0x12 }, shtap, 4);
    expect_events(ev, keymap_ascii('!', ev), (const uint16_t[]){ 0x12, 0x16, 0x16, 0x12 }, shtap, 4);
    expect_events(ev, keymap_ascii('"', ev), (const uint16_t[]){ 0x12, 0x52, 0x52, 0x12 }, shtap, 4);
    expect_events(ev, keymap_ascii('~', ev), (const uint16_t[]){ 0x12, 0x0E, 0x0E, 0x12 }, shtap, 4);
    expect_events(ev, keymap_ascii('_', ev), (const uint16_t[]){ 0x12, 0x4E, 0x4E, 0x12 }, shtap, 4);
    expect_events(ev, keymap_ascii('|', ev), (const uint16_t[]){ 0x12, 0x5D, 0x5D, 0x12 }, shtap, 4);
}
END_TEST

START_TEST(test_ascii_controls)
{
    struct key_event ev[KEYMAP_MAX_EVENTS];
    static const uint8_t tap[] = { 1, 0 }, ctap[] = { 1, 1, 0, 0 };

    expect_events(ev, keymap_ascii('\n', ev), (const uint16_t[]){ 0x5A, 0x5A }, tap, 2);
    expect_events(ev, keymap_ascii('\r', ev), (const uint16_t[]){ 0x5A, 0x5A }, tap, 2);
    expect_events(ev, keymap_ascii('\t', ev), (const uint16_t[]){ 0x0D, 0x0D }, tap, 2);
    expect_events(ev, keymap_ascii(0x1B, ev), (const uint16_t[]){ 0x76, 0x76 }, tap, 2);
    expect_events(ev, keymap_ascii(0x7F, ev), (const uint16_t[]){ 0x66, 0x66 }, tap, 2);
    expect_events(ev, keymap_ascii(0x03, ev), (const uint16_t[]){ 0x14, 0x21, 0x21, 0x14 }, ctap, 4);
    expect_events(ev, keymap_ascii(0x1A, ev), (const uint16_t[]){ 0x14, 0x1A, 0x1A, 0x14 }, ctap, 4);
    ck_assert_uint_eq(keymap_ascii(0, ev), 0);
    ck_assert_uint_eq(keymap_ascii(0x80, ev), 0);
    ck_assert_uint_eq(keymap_ascii(0xE9, ev), 0);
}
END_TEST

/* Every printable character types, and the unshifted codes of the US
 * layout's 47 character keys are 47 different codes. */
START_TEST(test_ascii_complete)
{
    struct key_event ev[KEYMAP_MAX_EVENTS];
    int seen[256] = { 0 };
    unsigned distinct = 0;

    for (int c = 0x20; c < 0x7F; c++) {
        unsigned n = keymap_ascii(c, ev);
        ck_assert_msg(n == 2 || n == 4, "char %02X gives %u events", c, n);
        uint16_t code = ev[n == 4 ? 1 : 0].code;
        ck_assert_uint_lt(code, 0x100);
        if (n == 2 && !seen[code]++)
            distinct++;
    }
    ck_assert_uint_eq(distinct, 26 + 10 + 11 + 1);   /* letters, digits, 11 symbol keys, space */
}
END_TEST

START_TEST(test_hid_keys)
{
    struct key_event ev[KEYMAP_MAX_EVENTS];

    ck_assert_uint_eq(keymap_hid(0x04, 1, 0, ev), 1);            /* A */
    ck_assert_uint_eq(ev[0].code, 0x1C);
    ck_assert_uint_eq(ev[0].down, 1);
    ck_assert_uint_eq(keymap_hid(0x04, 0, 0, ev), 1);
    ck_assert_uint_eq(ev[0].down, 0);
    static const struct { unsigned hid; uint16_t set2; } t[] = {
        { 0x29, 0x76 }, { 0x3A, 0x05 }, { 0x40, 0x83 }, { 0x45, 0x07 }, { 0x44, 0x78 },
        { 0x52, 0xE075 }, { 0x51, 0xE072 }, { 0x50, 0xE06B }, { 0x4F, 0xE074 },
        { 0x49, 0xE070 }, { 0x4C, 0xE071 }, { 0x4A, 0xE06C }, { 0x4D, 0xE069 },
        { 0x4B, 0xE07D }, { 0x4E, 0xE07A }, { 0x54, 0xE04A }, { 0x58, 0xE05A },
        { 0x53, 0x77 }, { 0x47, 0x7E }, { 0x39, 0x58 }, { 0x62, 0x70 }, { 0x63, 0x71 },
        { 0xE0, 0x14 }, { 0xE4, 0xE014 }, { 0xE2, 0x11 }, { 0xE6, 0xE011 },
        { 0xE1, 0x12 }, { 0xE5, 0x59 }, { 0xE3, 0xE01F }, { 0xE7, 0xE027 }, { 0x65, 0xE02F },
        { 0x64, 0x61 },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        ck_assert_uint_eq(keymap_hid(t[i].hid, 1, 0, ev), 1);
        ck_assert_msg(ev[0].code == t[i].set2, "HID %02X gives %04X, want %04X", t[i].hid,
                      ev[0].code, t[i].set2);
    }
    ck_assert_uint_eq(keymap_hid(0x00, 1, 0, ev), 0);
    ck_assert_uint_eq(keymap_hid(0xE8, 1, 0, ev), 0);
    ck_assert_uint_eq(keymap_hid(300, 1, 0, ev), 0);
}
END_TEST

/* All 104 keys of a US keyboard have codes: usages 04h-65h without the
 * two ISO-only keys (32h, 64h) are 96 keys, and the modifiers E0h-E7h
 * are the other eight. */
START_TEST(test_hid_104_complete)
{
    struct key_event ev[KEYMAP_MAX_EVENTS];
    unsigned keys = 0;

    for (unsigned u = 0x04; u <= 0x65; u++) {
        if (u == 0x32 || u == 0x64)      /* the ISO keys are not on a 104-key board */
            continue;
        ck_assert_msg(keymap_hid(u, 1, 0, ev) > 0, "HID %02X has no key", u);
        keys++;
    }
    for (unsigned u = 0xE0; u <= 0xE7; u++) {
        ck_assert_uint_gt(keymap_hid(u, 1, 0, ev), 0);
        keys++;
    }
    ck_assert_uint_eq(keys, 104);
}
END_TEST

START_TEST(test_printscreen_and_pause)
{
    struct key_event ev[KEYMAP_MAX_EVENTS];

    /* Print Screen alone: E0 12 E0 7C, released E0 F0 7C E0 F0 12. */
    expect_events(ev, keymap_hid(0x46, 1, 0, ev), (const uint16_t[]){ 0xE012, 0xE07C },
                  (const uint8_t[]){ 1, 1 }, 2);
    expect_events(ev, keymap_hid(0x46, 0, 0, ev), (const uint16_t[]){ 0xE07C, 0xE012 },
                  (const uint8_t[]){ 0, 0 }, 2);
    expect_events(ev, keymap_hid(0x46, 1, KEYMAP_SHIFT, ev), (const uint16_t[]){ 0xE07C },
                  (const uint8_t[]){ 1 }, 1);
    expect_events(ev, keymap_hid(0x46, 1, KEYMAP_ALT, ev), (const uint16_t[]){ 0x84 },
                  (const uint8_t[]){ 1 }, 1);
    /* Pause: E1 14 77 E1 F0 14 F0 77 on the press, nothing on release. */
    expect_events(ev, keymap_hid(0x48, 1, 0, ev), (const uint16_t[]){ 0xE114, 0x77, 0xE114, 0x77 },
                  (const uint8_t[]){ 1, 1, 0, 0 }, 4);
    ck_assert_uint_eq(keymap_hid(0x48, 0, 0, ev), 0);
    /* Ctrl+Pause is Break: E0 7E E0 F0 7E. */
    expect_events(ev, keymap_hid(0x48, 1, KEYMAP_CTRL, ev), (const uint16_t[]){ 0xE07E, 0xE07E },
                  (const uint8_t[]){ 1, 0 }, 2);
}
END_TEST

START_TEST(test_fkeys)
{
    static const uint16_t want[12] = { 0x05, 0x06, 0x04, 0x0C, 0x03, 0x0B, 0x83, 0x0A, 0x01, 0x09,
                                       0x78, 0x07 };

    for (unsigned n = 1; n <= 12; n++)
        ck_assert_uint_eq(keymap_fkey(n), want[n - 1]);
    ck_assert_uint_eq(keymap_fkey(0), 0);
    ck_assert_uint_eq(keymap_fkey(13), 0);
}
END_TEST

/* ---- disk images ----------------------------------------------------------- */

START_TEST(test_floppy_sizes)
{
    static const uint64_t ok[] = { 163840, 184320, 327680, 368640, 737280, 1228800, 1474560, 2949120 };

    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        ck_assert(disk_floppy_size(ok[i]));
    ck_assert(!disk_floppy_size(0));
    ck_assert(!disk_floppy_size(1474560 + 512));
    ck_assert(!disk_floppy_size(1440000));
    ck_assert(!disk_floppy_size(512));
}
END_TEST

START_TEST(test_open_errors)
{
    char p[300], err[400];
    int ro = 7;

    make_dir();
    path_in_dir(p, sizeof p, "missing.img");
    ck_assert_ptr_null(disk_image_open(p, 0, 0, &ro, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "missing.img: No such file or directory"));
    ck_assert_int_eq(ro, 0);

    path_in_dir(p, sizeof p, "odd.img");
    make_image(p, 1000);
    ck_assert_ptr_null(disk_image_open(p, 0, 0, &ro, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "odd.img: 1000 bytes is not a hard disk size"));
    ck_assert_ptr_null(disk_image_open(p, 1, 0, &ro, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "odd.img: 1000 bytes is not a floppy size"));

    path_in_dir(p, sizeof p, "empty.img");
    make_image(p, 0);
    ck_assert_ptr_null(disk_image_open(p, 0, 0, &ro, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "0 bytes is not a hard disk size"));

    /* A hard disk of 1.44 MB is fine as a hard disk. */
    path_in_dir(p, sizeof p, "hd.img");
    make_image(p, 1474560);
    struct disk_image *d = disk_image_open(p, 0, 0, &ro, err, sizeof err);
    ck_assert_ptr_nonnull(d);
    ck_assert_uint_eq(disk_image_bytes(d), 1474560);
    ck_assert_int_eq(disk_image_close(d, err, sizeof err), 0);

    /* A directory is not an image. */
    ck_assert_ptr_null(disk_image_open(dir, 0, 0, &ro, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, ": Is a directory"));
    ck_assert_ptr_null(disk_image_open(dir, 0, 1, &ro, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, ": not a regular file"));
    remove_dir();
}
END_TEST

START_TEST(test_read_write)
{
    char p[300], err[400];
    uint8_t buf[3 * 512], back[512];
    int ro;

    make_dir();
    path_in_dir(p, sizeof p, "rw.img");
    make_image(p, 64 * 512);
    struct disk_image *d = disk_image_open(p, 0, 0, &ro, err, sizeof err);
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(ro, 0);
    ck_assert_int_eq(disk_image_ops.read(d, 10, buf, 3), 0);
    expect_sector(buf, 10);
    expect_sector(buf + 512, 11);
    expect_sector(buf + 1024, 12);
    /* Past the end: refused, nothing read. */
    ck_assert_int_ne(disk_image_ops.read(d, 63, buf, 2), 0);
    ck_assert_int_ne(disk_image_ops.read(d, 64, buf, 1), 0);
    ck_assert_int_eq(disk_image_ops.read(d, 63, buf, 1), 0);
    expect_sector(buf, 63);

    memset(buf, 0xA5, 512);
    ck_assert_int_eq(disk_image_ops.write(d, 5, buf, 1), 0);
    ck_assert_int_ne(disk_image_ops.write(d, 64, buf, 1), 0);
    ck_assert_int_eq(disk_image_close(d, err, sizeof err), 0);

    /* The write reached the file, and only sector 5. */
    FILE *f = fopen(p, "rb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, 4 * 512, SEEK_SET), 0);
    ck_assert_uint_eq(fread(back, 1, 512, f), 512);
    expect_sector(back, 4);
    ck_assert_uint_eq(fread(back, 1, 512, f), 512);
    for (unsigned i = 0; i < 512; i++)
        ck_assert_uint_eq(back[i], 0xA5);
    ck_assert_uint_eq(fread(back, 1, 512, f), 512);
    expect_sector(back, 6);
    fclose(f);
    remove_dir();
}
END_TEST

START_TEST(test_snapshot_overlay)
{
    char p[300], err[400];
    uint8_t buf[4 * 512], w[512];
    struct stat st0, st1;
    int ro;

    make_dir();
    path_in_dir(p, sizeof p, "snap.img");
    make_image(p, 1474560);
    ck_assert_int_eq(stat(p, &st0), 0);
    struct disk_image *d = disk_image_open(p, 1, 1, &ro, err, sizeof err);
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(ro, 0);
    /* Many scattered sectors, to make the table grow several times. */
    for (uint64_t s = 0; s < 2880; s += 7) {
        memset(w, (int)(s & 0xFF), 512);
        w[0] = (uint8_t)(s >> 8);
        ck_assert_int_eq(disk_image_ops.write(d, s, w, 1), 0);
    }
    /* Rewrite one: the newest copy wins. */
    memset(w, 0x5A, 512);
    ck_assert_int_eq(disk_image_ops.write(d, 14, w, 1), 0);
    /* A read across written and unwritten sectors: 13 14 15 ... 16 */
    ck_assert_int_eq(disk_image_ops.read(d, 13, buf, 4), 0);
    expect_sector(buf, 13);
    for (unsigned i = 0; i < 512; i++)
        ck_assert_uint_eq(buf[512 + i], 0x5A);
    expect_sector(buf + 1024, 15);
    expect_sector(buf + 1536, 16);
    for (uint64_t s = 0; s < 2880; s += 7) {
        if (s == 14)
            continue;
        ck_assert_int_eq(disk_image_ops.read(d, s, buf, 1), 0);
        ck_assert_uint_eq(buf[0], (uint8_t)(s >> 8));
        ck_assert_uint_eq(buf[1], (uint8_t)s);
        ck_assert_uint_eq(buf[511], (uint8_t)s);
    }
    ck_assert_int_eq(disk_image_close(d, err, sizeof err), 0);
    /* The file is untouched. */
    ck_assert_int_eq(stat(p, &st1), 0);
    ck_assert_int_eq(st1.st_mtime, st0.st_mtime);
    d = disk_image_open(p, 1, 0, &ro, err, sizeof err);
    ck_assert_ptr_nonnull(d);
    for (uint64_t s = 0; s < 2880; s += 7) {
        ck_assert_int_eq(disk_image_ops.read(d, s, buf, 1), 0);
        expect_sector(buf, s);
    }
    ck_assert_int_eq(disk_image_close(d, err, sizeof err), 0);
    remove_dir();
}
END_TEST

START_TEST(test_read_only_file)
{
    char p[300], err[400];
    uint8_t buf[512];
    int ro;

    if (geteuid() == 0)
        return;                      /* root writes through any mode bits */
    make_dir();
    path_in_dir(p, sizeof p, "ro.img");
    make_image(p, 8 * 512);
    ck_assert_int_eq(chmod(p, 0444), 0);
    struct disk_image *d = disk_image_open(p, 0, 0, &ro, err, sizeof err);
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(ro, 1);
    ck_assert_int_eq(disk_image_ops.read(d, 2, buf, 1), 0);
    expect_sector(buf, 2);
    ck_assert_int_ne(disk_image_ops.write(d, 2, buf, 1), 0);
    ck_assert_int_eq(disk_image_close(d, err, sizeof err), 0);
    remove_dir();
}
END_TEST

/* ---- PNG ------------------------------------------------------------------------- */

START_TEST(test_png_round_trip)
{
    char p[300], q[300], err[400];
    enum { W = 37, H = 11 };
    uint32_t px[W * H];
    unsigned w = 0, h = 0;

    make_dir();
    for (unsigned i = 0; i < W * H; i++)
        px[i] = (i * 2654435761u) & 0xFFFFFF;
    px[0] = 0xFF123456;              /* the top byte is ignored */
    path_in_dir(p, sizeof p, "a.png");
    ck_assert_int_eq(png_write_rgb(p, px, W, H, err, sizeof err), 0);
    uint32_t *back = png_read_rgb(p, &w, &h, err, sizeof err);
    ck_assert_ptr_nonnull(back);
    ck_assert_uint_eq(w, W);
    ck_assert_uint_eq(h, H);
    ck_assert_uint_eq(back[0], 0x123456);
    for (unsigned i = 1; i < W * H; i++)
        ck_assert_uint_eq(back[i], px[i]);
    free(back);

    /* The same pixels give the same bytes. */
    path_in_dir(q, sizeof q, "b.png");
    ck_assert_int_eq(png_write_rgb(q, px, W, H, err, sizeof err), 0);
    FILE *fa = fopen(p, "rb"), *fb = fopen(q, "rb");
    ck_assert_ptr_nonnull(fa);
    ck_assert_ptr_nonnull(fb);
    int ca, cb;
    do {
        ca = fgetc(fa);
        cb = fgetc(fb);
        ck_assert_int_eq(ca, cb);
    } while (ca != EOF);
    fclose(fa);
    fclose(fb);
    remove_dir();
}
END_TEST

START_TEST(test_png_errors)
{
    char p[300], err[400];
    uint32_t px[4] = { 0 };
    unsigned w, h;

    make_dir();
    path_in_dir(p, sizeof p, "no/such/dir.png");
    ck_assert_int_ne(png_write_rgb(p, px, 2, 2, err, sizeof err), 0);
    ck_assert_ptr_nonnull(strstr(err, "dir.png: No such file or directory"));
    path_in_dir(p, sizeof p, "zero.png");
    ck_assert_int_ne(png_write_rgb(p, px, 0, 2, err, sizeof err), 0);
    ck_assert_int_ne(access(p, F_OK), 0);        /* nothing written */

    path_in_dir(p, sizeof p, "text.png");
    FILE *f = fopen(p, "wb");
    fputs("not a png at all", f);
    fclose(f);
    ck_assert_ptr_null(png_read_rgb(p, &w, &h, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "text.png: not a PNG file"));

    /* A PNG cut short. */
    path_in_dir(p, sizeof p, "cut.png");
    uint32_t big[64 * 64];
    for (unsigned i = 0; i < 64 * 64; i++)
        big[i] = i * 977u;
    ck_assert_int_eq(png_write_rgb(p, big, 64, 64, err, sizeof err), 0);
    ck_assert_int_eq(truncate(p, 100), 0);
    ck_assert_ptr_null(png_read_rgb(p, &w, &h, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "cut.png: cannot read PNG"));
    remove_dir();
}
END_TEST

static Suite *frontend_suite(void)
{
    Suite *s = suite_create("frontend");
    TCase *k = tcase_create("keymap"), *d = tcase_create("disk"), *p = tcase_create("png");

    tcase_add_test(k, test_ascii_plain_and_shifted);
    tcase_add_test(k, test_ascii_controls);
    tcase_add_test(k, test_ascii_complete);
    tcase_add_test(k, test_hid_keys);
    tcase_add_test(k, test_hid_104_complete);
    tcase_add_test(k, test_printscreen_and_pause);
    tcase_add_test(k, test_fkeys);
    tcase_add_test(d, test_floppy_sizes);
    tcase_add_test(d, test_open_errors);
    tcase_add_test(d, test_read_write);
    tcase_add_test(d, test_snapshot_overlay);
    tcase_add_test(d, test_read_only_file);
    tcase_add_test(p, test_png_round_trip);
    tcase_add_test(p, test_png_errors);
    suite_add_tcase(s, k);
    suite_add_tcase(s, d);
    suite_add_tcase(s, p);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(frontend_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
