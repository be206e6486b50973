/* test_frontend.c - Check tests for the front end's window-free parts:
 * gui/keymap.c (exact set 2 sequences), gui/disk_image.c (sizes, reads,
 * writes, the -snapshot overlay, read-only files), gui/png.c (round
 * trip, deterministic bytes, bad files) and gui/replay.c (input logs:
 * every event kind through writer and reader, each kind of malformed
 * line refused with its exact message, machine-line comparison, the
 * atomic -record file).
 *
 * tests/unit/ links against cpu/ and devices/ only, so this one lives
 * here and is built with gui/keymap.c gui/disk_image.c gui/png.c
 * gui/replay.c and libpng. Files go to a fresh directory under $TMPDIR
 * (or /tmp). */
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
#include "../../gui/replay.h"

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

/* ---- input logs ---------------------------------------------------------------- */

static struct pc_input_rec rec_key(uint64_t c, uint16_t code, int down)
{
    struct pc_input_rec r;
    memset(&r, 0, sizeof r);
    r.cycle = c;
    r.ev.kind = PC_IN_KEY;
    r.ev.key = code;
    r.ev.down = down;
    return r;
}

static struct pc_input_rec rec_mouse(uint64_t c, int dx, int dy, int buttons)
{
    struct pc_input_rec r;
    memset(&r, 0, sizeof r);
    r.cycle = c;
    r.ev.kind = PC_IN_MOUSE;
    r.ev.dx = dx;
    r.ev.dy = dy;
    r.ev.buttons = buttons;
    return r;
}

static struct pc_input_rec rec_serial(uint64_t c, int com, uint8_t byte)
{
    struct pc_input_rec r;
    memset(&r, 0, sizeof r);
    r.cycle = c;
    r.ev.kind = PC_IN_SERIAL;
    r.ev.com = com;
    r.ev.byte = byte;
    return r;
}

/* The fields of one kind of event are equal (the others are unused). */
static void expect_rec(const struct pc_input_rec *a, const struct pc_input_rec *b)
{
    ck_assert_uint_eq(a->cycle, b->cycle);
    ck_assert_int_eq(a->ev.kind, b->ev.kind);
    switch (a->ev.kind) {
    case PC_IN_KEY:
        ck_assert_uint_eq(a->ev.key, b->ev.key);
        ck_assert_int_eq(a->ev.down, b->ev.down);
        break;
    case PC_IN_MOUSE:
        ck_assert_int_eq(a->ev.dx, b->ev.dx);
        ck_assert_int_eq(a->ev.dy, b->ev.dy);
        ck_assert_int_eq(a->ev.buttons, b->ev.buttons);
        break;
    case PC_IN_SERIAL:
        ck_assert_int_eq(a->ev.com, b->ev.com);
        ck_assert_uint_eq(a->ev.byte, b->ev.byte);
        break;
    }
}

/* replay_write into memory; the caller frees. */
static char *write_log(const struct replay_machine *m, const struct pc_input_rec *ev, size_t n, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(replay_write(f, m, ev, n), 0);
    ck_assert_int_eq(fclose(f), 0);
    return buf;
}

START_TEST(test_replay_round_trip)
{
    /* Every kind, the extremes of every field, several events at one
     * cycle (their order must survive) and the largest cycle. */
    const struct pc_input_rec ev[] = {
        rec_key(0, 0x1C, 1), rec_key(0, 0x1C, 0), rec_key(5, 0xE075, 1), rec_key(5, 0xE114, 1),
        rec_key(6, 0x00, 0), rec_key(7, 0xFFFF, 1),
        rec_mouse(100, -256, 255, 0), rec_mouse(100, 0, 0, 7), rec_mouse(101, -65535, 65535, 5),
        rec_serial(200, 0, 0x00), rec_serial(200, 1, 0xFF), rec_serial(201, 0, 0x0A),
        rec_key(UINT64_MAX, 0x76, 0),
    };
    const size_t n = sizeof ev / sizeof ev[0];
    struct replay_machine m;
    struct replay_log log;
    char err[300];
    size_t len;

    memset(&m, 0, sizeof m);
    memset(&log, 0, sizeof log);
    strcpy(m.value[RK_CPU], "p6");
    strcpy(m.value[RK_RTC_BASE], "-86400");
    replay_file_value(m.value[RK_FDA], "dir/a b%.img", 1474560, "none");
    replay_file_value(m.value[RK_HDA], NULL, 0, "none");
    char *text = write_log(&m, ev, n, &len);
    ck_assert_int_eq(replay_parse(&log, "t.log", text, len, err, sizeof err), 0);
    ck_assert_uint_eq(log.n, n);
    for (size_t i = 0; i < n; i++)
        expect_rec(&log.ev[i], &ev[i]);
    for (int k = 0; k < RK_COUNT; k++)
        ck_assert_str_eq(log.machine.value[k], m.value[k]);
    ck_assert_str_eq(log.machine.value[RK_FDA], "a%20b%25.img:1474560");
    ck_assert_int_eq(replay_next_diff(&log.machine, &m, 0), -1);

    /* The exact text, so the format cannot drift unnoticed. */
    ck_assert_str_eq(text,
        "tick86-input 1\n"
        "machine cpu=p6 rtc-base=-86400 fda=a%20b%25.img:1474560 hda=none\n"
        "# CYCLE key CODE down|up | CYCLE mouse DX DY BUTTONS | CYCLE serial COM BYTE\n"
        "0 key 1C down\n0 key 1C up\n5 key E075 down\n5 key E114 down\n6 key 00 up\n7 key FFFF down\n"
        "100 mouse -256 255 0\n100 mouse 0 0 7\n101 mouse -65535 65535 5\n"
        "200 serial 0 00\n200 serial 1 FF\n201 serial 0 0A\n"
        "18446744073709551615 key 76 up\n");

    /* Writing what was read gives the same bytes. */
    size_t len2;
    char *text2 = write_log(&log.machine, log.ev, log.n, &len2);
    ck_assert_uint_eq(len2, len);
    ck_assert_int_eq(memcmp(text, text2, len), 0);
    free(text);
    free(text2);
    replay_free(&log);
    ck_assert_ptr_null(log.ev);
    ck_assert_uint_eq(log.n, 0);
}
END_TEST

START_TEST(test_replay_lenient_forms)
{
    /* What the reader takes besides the writer's own form: CR LF, no
     * final newline, comments and blank lines, tabs, lower-case and short
     * hex, keys of the machine line left out. */
    static const char text[] =
        "tick86-input 1\r\n# recorded by hand\r\n\r\nmachine\tm=4\r\n"
        "  # indented comment\n10\tkey  e075 down\n10 serial 1 a\n12 mouse -0 7 3";
    struct replay_log log;
    char err[300];

    memset(&log, 0, sizeof log);
    ck_assert_int_eq(replay_parse(&log, "t", text, sizeof text - 1, err, sizeof err), 0);
    ck_assert_str_eq(log.machine.value[RK_M], "4");
    ck_assert_str_eq(log.machine.value[RK_CPU], "");
    ck_assert_uint_eq(log.n, 3);
    struct pc_input_rec k = rec_key(10, 0xE075, 1), s = rec_serial(10, 1, 0x0A), mo = rec_mouse(12, 0, 7, 3);
    expect_rec(&log.ev[0], &k);
    expect_rec(&log.ev[1], &s);
    expect_rec(&log.ev[2], &mo);
    replay_free(&log);

    /* A log with no events. */
    ck_assert_int_eq(replay_parse(&log, "t", "tick86-input 1\nmachine\n", 23, err, sizeof err), 0);
    ck_assert_uint_eq(log.n, 0);
    replay_free(&log);
}
END_TEST

/* text must be refused with exactly "t.log:" want. */
static void expect_refused(const char *text, size_t len, const char *want)
{
    struct replay_log log;
    char err[300], full[300];

    memset(&log, 0, sizeof log);
    snprintf(full, sizeof full, "t.log:%s", want);
    ck_assert_int_eq(replay_parse(&log, "t.log", text, len, err, sizeof err), -1);
    ck_assert_str_eq(err, full);
    ck_assert_ptr_null(log.ev);      /* nothing half-read is left */
    ck_assert_uint_eq(log.n, 0);
}
#define REFUSED(text, want) expect_refused(text, sizeof text - 1, want)
#define HEAD "tick86-input 1\nmachine cpu=80386\n1 key 1C down\n"

START_TEST(test_replay_malformed)
{
    REFUSED("", "1: expected \"tick86-input 1\" (not a tick86 input log)");
    REFUSED("tick86-input\n", "1: expected \"tick86-input 1\" (not a tick86 input log)");
    REFUSED("tick86-input 1 x\n", "1: expected \"tick86-input 1\" (not a tick86 input log)");
    REFUSED("machine\n", "1: expected \"tick86-input 1\" (not a tick86 input log)");
    REFUSED("tick86-input 2\n", "1: format version 2 is not supported (this tick86 reads 1)");
    REFUSED("tick86-input 1\n# only a comment\n", "2: the file ends before the machine line");
    REFUSED("tick86-input 1\n5 key 1C down\n", "2: expected the machine line (\"machine KEY=VALUE ...\")");
    REFUSED("tick86-input 1\nmachine cpu=80386 cpu=p6\n", "2: machine: cpu given twice");
    REFUSED("tick86-input 1\nmachine speed=3\n", "2: machine: unknown key \"speed\"");
    REFUSED("tick86-input 1\nmachine m=\n", "2: machine: expected KEY=VALUE, got \"m=\"");
    REFUSED(HEAD "x key 1C up\n", "4: bad cycle number \"x\"");
    REFUSED(HEAD "-1 key 1C up\n", "4: bad cycle number \"-1\"");
    REFUSED(HEAD "+2 key 1C up\n", "4: bad cycle number \"+2\"");
    REFUSED(HEAD "18446744073709551616 key 1C up\n", "4: bad cycle number \"18446744073709551616\"");
    REFUSED(HEAD "0 key 1C up\n", "4: cycle 0 is before the previous event's cycle 1");
    REFUSED(HEAD "7\n", "4: expected \"CYCLE key|mouse|serial ...\" after the cycle");
    REFUSED(HEAD "7 joystick 1\n", "4: unknown event \"joystick\" (key, mouse or serial)");
    REFUSED(HEAD "7 key 1C\n", "4: key: expected \"CYCLE key CODE down|up\"");
    REFUSED(HEAD "7 key 1C down now\n", "4: key: expected \"CYCLE key CODE down|up\"");
    REFUSED(HEAD "7 key 1G down\n", "4: key: bad CODE \"1G\" (hex 0..FFFF)");
    REFUSED(HEAD "7 key 10000 down\n", "4: key: bad CODE \"10000\" (hex 0..FFFF)");
    REFUSED(HEAD "7 key 1C pressed\n", "4: key: expected down or up, got \"pressed\"");
    REFUSED(HEAD "7 mouse 1 2\n", "4: mouse: expected \"CYCLE mouse DX DY BUTTONS\"");
    REFUSED(HEAD "7 mouse 65536 0 0\n", "4: mouse: bad DX \"65536\" (-65535..65535)");
    REFUSED(HEAD "7 mouse 0 1.5 0\n", "4: mouse: bad DY \"1.5\" (-65535..65535)");
    REFUSED(HEAD "7 mouse 0 0 8\n", "4: mouse: bad BUTTONS \"8\" (0..7)");
    REFUSED(HEAD "7 mouse 0 0 -1\n", "4: mouse: bad BUTTONS \"-1\" (0..7)");
    REFUSED(HEAD "7 serial 0\n", "4: serial: expected \"CYCLE serial COM BYTE\"");
    REFUSED(HEAD "7 serial 2 41\n", "4: serial: bad COM \"2\" (0 or 1)");
    REFUSED(HEAD "7 serial 0 100\n", "4: serial: bad BYTE \"100\" (hex 00..FF)");
    REFUSED(HEAD "7 key 1C\0 down\n", "4: a NUL byte: this is not a text file");
    /* A long field is quoted cut short. */
    REFUSED(HEAD "7 key 1C xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
            "4: key: expected down or up, got \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\"");
}
END_TEST

START_TEST(test_replay_machine_diff)
{
    struct replay_machine a, b;

    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    strcpy(a.value[RK_CPU], "80386");
    strcpy(b.value[RK_CPU], "80386");
    strcpy(a.value[RK_M], "16");
    strcpy(b.value[RK_M], "32");
    strcpy(a.value[RK_MHZ], "33");           /* recorded only on one side: not compared */
    strcpy(a.value[RK_FDA], "x.img:1474560");
    strcpy(b.value[RK_FDA], "x.img:737280");
    strcpy(b.value[RK_HDD], "d.img:512");
    ck_assert_int_eq(replay_next_diff(&a, &b, 0), RK_M);
    ck_assert_int_eq(replay_next_diff(&a, &b, RK_M + 1), RK_FDA);
    ck_assert_int_eq(replay_next_diff(&a, &b, RK_FDA + 1), -1);
    ck_assert_str_eq(replay_key_name(RK_RTC_BASE), "rtc-base");
    ck_assert_str_eq(replay_key_name(RK_HDD), "hdd");

    char v[REPLAY_VALUE_MAX];
    replay_file_value(v, "/a/b/c.img", 512, "none");
    ck_assert_str_eq(v, "c.img:512");
    replay_file_value(v, "tab\tthere%\x7f", 0, "none");
    ck_assert_str_eq(v, "tab%09there%25%7F:0");
    replay_file_value(v, NULL, 0, "built-in");
    ck_assert_str_eq(v, "built-in");
}
END_TEST

/* The whole file's contents, NUL-terminated; NULL when it does not exist. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (!f)
        return NULL;
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static size_t files_in_dir(void)
{
    char cmd[300];
    int n = -1;

    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(fscanf(p, "%d", &n), 1);
    pclose(p);
    return (size_t)n;
}

START_TEST(test_replay_out_atomic)
{
    char p[300], err[400];
    struct replay_out o;
    struct replay_machine m;
    const struct pc_input_rec ev[] = { rec_key(3, 0x5A, 1) };

    memset(&m, 0, sizeof m);
    strcpy(m.value[RK_CPU], "8086");
    make_dir();
    path_in_dir(p, sizeof p, "run.log");

    /* An old log stays whole until the new one is complete. */
    FILE *f = fopen(p, "wb");
    fputs("old\n", f);
    fclose(f);
    ck_assert_int_eq(replay_out_open(&o, p, err, sizeof err), 0);
    ck_assert_uint_eq(files_in_dir(), 2);    /* run.log and its temporary file */
    char *old = slurp(p);
    ck_assert_str_eq(old, "old\n");
    free(old);
    ck_assert_int_eq(replay_out_commit(&o, &m, ev, 1, err, sizeof err), 0);
    ck_assert_uint_eq(files_in_dir(), 1);
    char *now = slurp(p);
    ck_assert_str_eq(now, "tick86-input 1\nmachine cpu=8086\n"
                     "# CYCLE key CODE down|up | CYCLE mouse DX DY BUTTONS | CYCLE serial COM BYTE\n"
                     "3 key 5A down\n");
    free(now);
    struct replay_log log;
    memset(&log, 0, sizeof log);
    ck_assert_int_eq(replay_load(&log, p, err, sizeof err), 0);
    ck_assert_uint_eq(log.n, 1);
    expect_rec(&log.ev[0], &ev[0]);
    replay_free(&log);

    /* Abort: no trace of the new file, the old one untouched. */
    ck_assert_int_eq(replay_out_open(&o, p, err, sizeof err), 0);
    replay_out_abort(&o);
    ck_assert_uint_eq(files_in_dir(), 1);
    replay_out_abort(&o);                    /* twice is harmless */

    /* A directory that does not exist is refused at open. */
    char q[300], want[400];
    path_in_dir(q, sizeof q, "no/such.log");
    ck_assert_int_eq(replay_out_open(&o, q, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s: No such file or directory", q);
    ck_assert_str_eq(err, want);
    ck_assert_uint_eq(files_in_dir(), 1);

    /* replay_load names the file and the problem. */
    ck_assert_int_eq(replay_load(&log, q, err, sizeof err), -1);
    ck_assert_str_eq(err, want);
    remove_dir();
}
END_TEST

static Suite *frontend_suite(void)
{
    Suite *s = suite_create("frontend");
    TCase *k = tcase_create("keymap"), *d = tcase_create("disk"), *p = tcase_create("png");
    TCase *r = tcase_create("replay");

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
    tcase_add_test(r, test_replay_round_trip);
    tcase_add_test(r, test_replay_lenient_forms);
    tcase_add_test(r, test_replay_malformed);
    tcase_add_test(r, test_replay_machine_diff);
    tcase_add_test(r, test_replay_out_atomic);
    suite_add_tcase(s, k);
    suite_add_tcase(s, d);
    suite_add_tcase(s, p);
    suite_add_tcase(s, r);
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
