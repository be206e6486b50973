/* test_vga.c - Check unit tests for devices/vga.c (IBM VGA).
 *
 * The chip is driven as a BIOS drives it: ports through a real io_bus,
 * video memory through a real memmap (64 KiB of RAM, the VGA window at
 * A0000h). Modes 03h, 12h and 13h are set from their standard register
 * tables (IBM VGA mode tables as FreeVGA and the PS/2 technical reference
 * list them). The clock (rig.clock) is what the chip's now-callback
 * returns; at 25,175,000 Hz one cycle is one 25.175 MHz dot, so a line is
 * exactly 800 cycles and a 449-line frame 359,200 cycles. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ioport.h"
#include "memmap.h"
#include "vga.h"

#define HZ_DOT 25175000u
#define HZ_33 33000000u
#define LINE 800u
#define FRAME400 (449u * LINE)

struct rig {
    uint64_t clock;
    struct io_bus bus;
    struct memmap mem;
    struct vga v;
    uint32_t px[VGA_MAX_W * VGA_MAX_H];
    struct vga_text tv;
};

static uint64_t rig_now(void *opaque)
{
    return ((struct rig *)opaque)->clock;
}

static struct rig *rig_new(uint64_t hz)
{
    char err[160];
    struct rig *r = malloc(sizeof *r);

    ck_assert_ptr_nonnull(r);
    memset(r, 0xA5, sizeof *r);       /* init must not rely on zeroed memory */
    r->clock = 0;
    io_init(&r->bus);
    ck_assert_int_eq(mem_init(&r->mem, 64 * 1024, err, sizeof err), 0);
    ck_assert_int_eq(vga_init(&r->v, hz, rig_now, r, err, sizeof err), 0);
    ck_assert_int_eq(vga_register(&r->v, &r->bus, &r->mem, err, sizeof err), 0);
    return r;
}

static void rig_free(struct rig *r)
{
    mem_free(&r->mem);
    free(r);
}

static void out8(struct rig *r, uint16_t port, uint8_t val)
{
    io_write(&r->bus, port, val, 1);
}

static unsigned in8(struct rig *r, uint16_t port)
{
    return io_read(&r->bus, port, 1);
}

static void mw(struct rig *r, uint32_t addr, uint8_t val)
{
    mem_write(&r->mem, addr, val, 1);
}

static unsigned mr(struct rig *r, uint32_t addr)
{
    return mem_read(&r->mem, addr, 1);
}

static void seq(struct rig *r, uint8_t i, uint8_t val)
{
    out8(r, 0x3C4, i);
    out8(r, 0x3C5, val);
}

static void gc(struct rig *r, uint8_t i, uint8_t val)
{
    out8(r, 0x3CE, i);
    out8(r, 0x3CF, val);
}

static void crtc(struct rig *r, uint8_t i, uint8_t val)
{
    out8(r, 0x3D4, i);
    out8(r, 0x3D5, val);
}

static unsigned crtc_rd(struct rig *r, uint8_t i)
{
    out8(r, 0x3D4, i);
    return in8(r, 0x3D5);
}

/* Attribute register i (leaves the palette address source bit set). */
static void ac(struct rig *r, uint8_t i, uint8_t val)
{
    in8(r, 0x3DA);
    out8(r, 0x3C0, i);
    out8(r, 0x3C0, val);
    out8(r, 0x3C0, 0x20);
}

/* ---- standard mode tables ------------------------------------------------ */

struct mode {
    uint8_t misc, seq[5], crtc[25], gc[9], ac[21];
};

static const struct mode mode03 = {
    0x67,
    { 0x03, 0x00, 0x03, 0x00, 0x02 },
    { 0x5F, 0x4F, 0x50, 0x82, 0x55, 0x81, 0xBF, 0x1F, 0x00, 0x4F, 0x0D, 0x0E, 0x00,
      0x00, 0x00, 0x00, 0x9C, 0x8E, 0x8F, 0x28, 0x1F, 0x96, 0xB9, 0xA3, 0xFF },
    { 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x0E, 0x00, 0xFF },
    { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07, 0x38, 0x39, 0x3A, 0x3B, 0x3C,
      0x3D, 0x3E, 0x3F, 0x0C, 0x00, 0x0F, 0x08, 0x00 },
};

static const struct mode mode12 = {
    0xE3,
    { 0x03, 0x01, 0x0F, 0x00, 0x06 },
    { 0x5F, 0x4F, 0x50, 0x82, 0x54, 0x80, 0x0B, 0x3E, 0x00, 0x40, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0xEA, 0x8C, 0xDF, 0x28, 0x00, 0xE7, 0x04, 0xE3, 0xFF },
    { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x0F, 0xFF },
    { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07, 0x38, 0x39, 0x3A, 0x3B, 0x3C,
      0x3D, 0x3E, 0x3F, 0x01, 0x00, 0x0F, 0x00, 0x00 },
};

static const struct mode mode13 = {
    0x63,
    { 0x03, 0x01, 0x0F, 0x00, 0x0E },
    { 0x5F, 0x4F, 0x50, 0x82, 0x54, 0x80, 0xBF, 0x1F, 0x00, 0x41, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x9C, 0x8E, 0x8F, 0x28, 0x40, 0x96, 0xB9, 0xA3, 0xFF },
    { 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x05, 0x0F, 0xFF },
    { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C,
      0x0D, 0x0E, 0x0F, 0x41, 0x00, 0x0F, 0x00, 0x00 },
};

/* The order a BIOS uses: MISC, sequencer (held in reset meanwhile), CRTC
 * with the protect bit cleared first, graphics controller, attribute
 * controller, then the palette address source bit to turn the screen on. */
static void set_mode(struct rig *r, const struct mode *m)
{
    unsigned i;

    out8(r, 0x3C2, m->misc);
    seq(r, 0, 0x01);
    for (i = 1; i < 5; i++)
        seq(r, (uint8_t)i, m->seq[i]);
    seq(r, 0, m->seq[0]);
    crtc(r, 0x11, (uint8_t)(m->crtc[0x11] & 0x7F));
    for (i = 0; i < 25; i++)
        crtc(r, (uint8_t)i, m->crtc[i]);
    for (i = 0; i < 9; i++)
        gc(r, (uint8_t)i, m->gc[i]);
    in8(r, 0x3DA);
    for (i = 0; i < 21; i++) {
        out8(r, 0x3C0, (uint8_t)i);
        out8(r, 0x3C0, m->ac[i]);
    }
    out8(r, 0x3C0, 0x20);
    out8(r, 0x3C6, 0xFF);
}

/* DAC entry i = (i & 63, 63 - (i & 63), i >> 2); colour as rendered. */
static void load_dac(struct rig *r)
{
    unsigned i;

    out8(r, 0x3C8, 0);
    for (i = 0; i < 256; i++) {
        out8(r, 0x3C9, (uint8_t)(i & 63));
        out8(r, 0x3C9, (uint8_t)(63 - (i & 63)));
        out8(r, 0x3C9, (uint8_t)(i >> 2));
    }
}

static uint32_t x6(unsigned v)
{
    return (v << 2 | v >> 4) & 0xFF;
}

static uint32_t dac_rgb(unsigned i)
{
    return x6(i & 63) << 16 | x6(63 - (i & 63)) << 8 | x6(i >> 2);
}

/* Writes a glyph into plane 2 the way a VGA BIOS loads fonts. */
static void load_glyph(struct rig *r, unsigned map_off, uint8_t ch, const uint8_t *rows, unsigned n)
{
    unsigned i;

    seq(r, 2, 0x04);
    seq(r, 4, 0x06);
    gc(r, 4, 0x02);
    gc(r, 5, 0x00);
    gc(r, 6, 0x04);
    for (i = 0; i < n; i++)
        mw(r, 0xA0000 + map_off + ch * 32u + i, rows[i]);
    seq(r, 2, 0x03);
    seq(r, 4, 0x02);
    gc(r, 4, 0x00);
    gc(r, 5, 0x10);
    gc(r, 6, 0x0E);
}

static void render(struct rig *r, unsigned *w, unsigned *h)
{
    vga_render(&r->v, r->px, w, h);
}

/* ---- registers ------------------------------------------------------------ */

START_TEST(test_power_on)
{
    struct rig *r = rig_new(HZ_DOT);
    unsigned w, h;

    ck_assert_uint_eq(in8(r, 0x3CC), 0x00);
    ck_assert_uint_eq(in8(r, 0x3D4), 0xFF);   /* MISC bit 0 = 0: colour ports off */
    ck_assert_uint_eq(in8(r, 0x3B4), 0x00);
    out8(r, 0x3B4, 0x0C);
    out8(r, 0x3B5, 0x12);
    ck_assert_uint_eq(in8(r, 0x3B5), 0x12);
    out8(r, 0x3D4, 0x0C);                     /* ignored */
    ck_assert_uint_eq(r->v.crtc[0x0C], 0x12);
    ck_assert_uint_eq(mr(r, 0xA0000), 0xFF);  /* MISC bit 1 = 0: memory disabled */
    mw(r, 0xA0000, 0x00);
    ck_assert_uint_eq(r->v.vram[0][0], 0);
    ck_assert_uint_eq(r->v.vram[2][0], 0);
    render(r, &w, &h);                        /* 1 clock of 9 dots, 1 line, blank */
    ck_assert_uint_eq(w, 9);
    ck_assert_uint_eq(h, 1);
    ck_assert_uint_eq(r->px[0], 0);
    ck_assert_str_eq(io_name(&r->bus, 0x3C5), "vga");
    ck_assert_str_eq(io_name(&r->bus, 0x3DA), "vga-status");
    rig_free(r);
}
END_TEST

START_TEST(test_io_decode_and_indices)
{
    struct rig *r = rig_new(HZ_DOT);

    out8(r, 0x3C2, 0x67);
    ck_assert_uint_eq(in8(r, 0x3CC), 0x67);
    ck_assert_uint_eq(in8(r, 0x3B4), 0xFF);
    ck_assert_uint_eq(in8(r, 0x3BA), 0xFF);
    out8(r, 0x3D4, 0xEE);
    ck_assert_uint_eq(in8(r, 0x3D4), 0x0E);   /* 5 index bits */
    out8(r, 0x3D5, 0x07);
    ck_assert_uint_eq(crtc_rd(r, 0x0E), 0x07);
    out8(r, 0x3C4, 0xFC);
    ck_assert_uint_eq(in8(r, 0x3C4), 0x04);
    out8(r, 0x3C4, 0x07);                     /* no register 7 */
    out8(r, 0x3C5, 0x55);
    ck_assert_uint_eq(in8(r, 0x3C5), 0xFF);
    out8(r, 0x3CE, 0xF8);
    ck_assert_uint_eq(in8(r, 0x3CE), 0x08);
    out8(r, 0x3CF, 0x5A);
    ck_assert_uint_eq(in8(r, 0x3CF), 0x5A);
    /* A 16-bit OUT is index then data. */
    io_write(&r->bus, 0x3C4, 0x0F02, 2);
    ck_assert_uint_eq(r->v.seq[2], 0x0F);
    io_write(&r->bus, 0x3D4, 0x3413, 2);
    ck_assert_uint_eq(crtc_rd(r, 0x13), 0x34);
    /* Feature control: written at 3DAh, read at 3CAh. */
    out8(r, 0x3DA, 0xFF);
    ck_assert_uint_eq(in8(r, 0x3CA), 0x0B);
    rig_free(r);
}
END_TEST

START_TEST(test_crtc_protect)
{
    struct rig *r = rig_new(HZ_DOT);

    out8(r, 0x3C2, 0x67);
    crtc(r, 0x00, 0x5F);
    crtc(r, 0x07, 0x00);
    crtc(r, 0x11, 0x80);                      /* protect 00h-07h */
    crtc(r, 0x00, 0x11);
    crtc(r, 0x06, 0x22);
    crtc(r, 0x07, 0xFF);
    crtc(r, 0x08, 0x05);                      /* not protected */
    ck_assert_uint_eq(crtc_rd(r, 0x00), 0x5F);
    ck_assert_uint_eq(crtc_rd(r, 0x06), 0x00);
    ck_assert_uint_eq(crtc_rd(r, 0x07), 0x10); /* only line compare bit 8 */
    ck_assert_uint_eq(crtc_rd(r, 0x08), 0x05);
    crtc(r, 0x11, 0x00);
    crtc(r, 0x00, 0x11);
    ck_assert_uint_eq(crtc_rd(r, 0x00), 0x11);
    rig_free(r);
}
END_TEST

START_TEST(test_attribute_flipflop)
{
    struct rig *r = rig_new(HZ_DOT);

    out8(r, 0x3C2, 0x67);
    in8(r, 0x3DA);                            /* flip-flop to index */
    out8(r, 0x3C0, 0x05);                     /* PAS = 0: palette writable */
    out8(r, 0x3C0, 0x2A);
    ck_assert_uint_eq(in8(r, 0x3C0), 0x05);
    ck_assert_uint_eq(in8(r, 0x3C1), 0x2A);
    out8(r, 0x3C0, 0x10);                     /* index again: the flip-flop toggled */
    out8(r, 0x3C0, 0x0C);
    ck_assert_uint_eq(r->v.ac[0x10], 0x0C);
    out8(r, 0x3C0, 0x05);                     /* index */
    in8(r, 0x3DA);                            /* reset: the next write is an index */
    out8(r, 0x3C0, 0x13);
    out8(r, 0x3C0, 0x08);
    ck_assert_uint_eq(r->v.ac[0x13], 0x08);
    ck_assert_uint_eq(r->v.ac[0x05], 0x2A);
    in8(r, 0x3BA);                            /* not decoded in colour mode: no reset */
    out8(r, 0x3C0, 0x25);                     /* index 05h with PAS set */
    out8(r, 0x3C0, 0x11);                     /* palette locked while PAS = 1 */
    ck_assert_uint_eq(r->v.ac[0x05], 0x2A);
    ck_assert_uint_eq(in8(r, 0x3C0), 0x25);
    out8(r, 0x3C0, 0x31);                     /* overscan is not locked */
    out8(r, 0x3C0, 0x09);
    ck_assert_uint_eq(r->v.ac[0x11], 0x09);
    /* Mono decoding: 3BAh resets, 3DAh does not. */
    out8(r, 0x3C2, 0x66);
    out8(r, 0x3C0, 0x12);                     /* index */
    in8(r, 0x3DA);
    out8(r, 0x3C0, 0x0F);                     /* data */
    ck_assert_uint_eq(r->v.ac[0x12], 0x0F);
    out8(r, 0x3C0, 0x12);
    in8(r, 0x3BA);
    out8(r, 0x3C0, 0x14);                     /* index, after the reset */
    out8(r, 0x3C0, 0x03);
    ck_assert_uint_eq(r->v.ac[0x14], 0x03);
    ck_assert_uint_eq(r->v.ac[0x12], 0x0F);
    rig_free(r);
}
END_TEST

START_TEST(test_dac)
{
    struct rig *r = rig_new(HZ_DOT);

    out8(r, 0x3C8, 0x05);
    ck_assert_uint_eq(in8(r, 0x3C7), 0x00);   /* write mode */
    out8(r, 0x3C9, 0x3F);
    out8(r, 0x3C9, 0x20);
    ck_assert_uint_eq(r->v.dac[5][0], 0x00);  /* nothing stored before the third */
    out8(r, 0x3C9, 0xC1);                     /* 6 bits kept */
    ck_assert_uint_eq(r->v.dac[5][0], 0x3F);
    ck_assert_uint_eq(r->v.dac[5][1], 0x20);
    ck_assert_uint_eq(r->v.dac[5][2], 0x01);
    ck_assert_uint_eq(in8(r, 0x3C8), 0x06);   /* auto-increment */
    out8(r, 0x3C9, 0x01);
    out8(r, 0x3C9, 0x02);
    out8(r, 0x3C9, 0x03);
    out8(r, 0x3C8, 0xFF);                     /* wraps to 0 after FFh */
    out8(r, 0x3C9, 0x0A);
    out8(r, 0x3C9, 0x0B);
    out8(r, 0x3C9, 0x0C);
    ck_assert_uint_eq(in8(r, 0x3C8), 0x00);
    out8(r, 0x3C9, 0x0D);                     /* a new triplet for entry 0 begins */
    out8(r, 0x3C7, 0x05);                     /* read mode: sub-index restarts */
    ck_assert_uint_eq(in8(r, 0x3C7), 0x03);
    ck_assert_uint_eq(in8(r, 0x3C8), 0x06);   /* one address register, past entry 5 */
    ck_assert_uint_eq(in8(r, 0x3C9), 0x3F);
    ck_assert_uint_eq(in8(r, 0x3C9), 0x20);
    ck_assert_uint_eq(in8(r, 0x3C9), 0x01);
    ck_assert_uint_eq(in8(r, 0x3C9), 0x01);   /* entry 6 follows */
    ck_assert_uint_eq(in8(r, 0x3C9), 0x02);
    ck_assert_uint_eq(in8(r, 0x3C9), 0x03);
    out8(r, 0x3C7, 0xFF);
    ck_assert_uint_eq(in8(r, 0x3C9), 0x0A);
    ck_assert_uint_eq(in8(r, 0x3C9), 0x0B);
    ck_assert_uint_eq(in8(r, 0x3C9), 0x0C);
    ck_assert_uint_eq(in8(r, 0x3C9), 0x00);   /* entry 0 untouched by the lone 0Dh */
    ck_assert_uint_eq(r->v.dac[0][0], 0x00);
    out8(r, 0x3C6, 0x0F);
    ck_assert_uint_eq(in8(r, 0x3C6), 0x0F);
    rig_free(r);
}
END_TEST

/* ---- memory ------------------------------------------------------------------ */

START_TEST(test_write_mode0)
{
    struct rig *r = rig_new(HZ_DOT);
    unsigned p;

    set_mode(r, &mode12);
    /* Plain write: all four planes through map mask 0Fh. */
    mw(r, 0xA0010, 0xA5);
    for (p = 0; p < 4; p++)
        ck_assert_uint_eq(r->v.vram[p][0x10], 0xA5);
    /* Map mask. */
    seq(r, 2, 0x05);
    mw(r, 0xA0011, 0x3C);
    ck_assert_uint_eq(r->v.vram[0][0x11], 0x3C);
    ck_assert_uint_eq(r->v.vram[1][0x11], 0x00);
    ck_assert_uint_eq(r->v.vram[2][0x11], 0x3C);
    ck_assert_uint_eq(r->v.vram[3][0x11], 0x00);
    seq(r, 2, 0x0F);
    /* Set/reset on planes 0 and 3 (enable 09h), colour 01h; rotate 3;
     * bit mask F0h keeps the latches' low nibble. */
    r->v.vram[0][0x20] = 0x0F;
    r->v.vram[1][0x20] = 0x3C;
    r->v.vram[2][0x20] = 0x81;
    r->v.vram[3][0x20] = 0xFF;
    ck_assert_uint_eq(mr(r, 0xA0020), 0x0F);  /* latches loaded; read map 0 */
    ck_assert_uint_eq(r->v.latch[3], 0xFF);
    gc(r, 0, 0x01);
    gc(r, 1, 0x09);
    gc(r, 3, 0x03);                           /* rotate right 3, replace */
    gc(r, 8, 0xF0);
    mw(r, 0xA0020, 0x96);                     /* ror 3 -> D2h */
    ck_assert_uint_eq(r->v.vram[0][0x20], 0xFF);    /* F0 | 0F */
    ck_assert_uint_eq(r->v.vram[1][0x20], 0xDC);    /* D0 | 0C */
    ck_assert_uint_eq(r->v.vram[2][0x20], 0xD1);    /* D0 | 01 */
    ck_assert_uint_eq(r->v.vram[3][0x20], 0x0F);    /* 00 | 0F */
    /* Logical functions with the latches: AND, OR, XOR. */
    gc(r, 1, 0x00);
    gc(r, 8, 0xFF);
    r->v.vram[0][0x30] = 0xCC;
    mr(r, 0xA0030);
    gc(r, 3, 0x08);
    mw(r, 0xA0030, 0xAA);
    ck_assert_uint_eq(r->v.vram[0][0x30], 0x88);
    gc(r, 3, 0x10);
    mw(r, 0xA0030, 0xAA);
    ck_assert_uint_eq(r->v.vram[0][0x30], 0xEE);
    gc(r, 3, 0x18);
    mw(r, 0xA0030, 0xAA);
    ck_assert_uint_eq(r->v.vram[0][0x30], 0x66);
    ck_assert_uint_eq(r->v.vram[1][0x30], 0xAA);    /* latch was 00 */
    rig_free(r);
}
END_TEST

START_TEST(test_write_modes_123)
{
    struct rig *r = rig_new(HZ_DOT);
    unsigned p;
    static const uint8_t src[4] = { 0x12, 0x34, 0x56, 0x78 };

    set_mode(r, &mode12);
    for (p = 0; p < 4; p++)
        r->v.vram[p][0x100] = src[p];
    /* Write mode 1: a latch copy, whatever the CPU data and bit mask. */
    mr(r, 0xA0100);
    gc(r, 5, 0x01);
    gc(r, 8, 0x0F);
    mw(r, 0xA0200, 0xEE);
    for (p = 0; p < 4; p++)
        ck_assert_uint_eq(r->v.vram[p][0x200], src[p]);
    /* Write mode 2: data bits 0-3 are the colour, bit mask applies. */
    gc(r, 5, 0x02);
    gc(r, 8, 0x3C);
    mr(r, 0xA0100);
    mw(r, 0xA0100, 0x0A);                     /* colour 1010b */
    ck_assert_uint_eq(r->v.vram[0][0x100], 0x12 & 0xC3);
    ck_assert_uint_eq(r->v.vram[1][0x100], (0x34 & 0xC3) | 0x3C);
    ck_assert_uint_eq(r->v.vram[2][0x100], 0x56 & 0xC3);
    ck_assert_uint_eq(r->v.vram[3][0x100], (0x78 & 0xC3) | 0x3C);
    /* Write mode 3: set/reset is the colour, rotated data AND bit mask the mask. */
    gc(r, 5, 0x03);
    gc(r, 0, 0x05);                           /* colour 0101b */
    gc(r, 8, 0xF0);
    gc(r, 3, 0x04);                           /* rotate right 4 */
    for (p = 0; p < 4; p++)
        r->v.vram[p][0x140] = 0x99;
    mr(r, 0xA0140);
    mw(r, 0xA0140, 0x3F);                     /* ror 4 -> F3h, AND F0h -> F0h */
    ck_assert_uint_eq(r->v.vram[0][0x140], 0xF9);
    ck_assert_uint_eq(r->v.vram[1][0x140], 0x09);
    ck_assert_uint_eq(r->v.vram[2][0x140], 0xF9);
    ck_assert_uint_eq(r->v.vram[3][0x140], 0x09);
    rig_free(r);
}
END_TEST

START_TEST(test_read_modes)
{
    struct rig *r = rig_new(HZ_DOT);

    set_mode(r, &mode12);
    r->v.vram[0][0x40] = 0xF0;
    r->v.vram[1][0x40] = 0xCC;
    r->v.vram[2][0x40] = 0xAA;
    r->v.vram[3][0x40] = 0x0F;
    gc(r, 4, 0x02);                           /* read map select */
    ck_assert_uint_eq(mr(r, 0xA0040), 0xAA);
    ck_assert_uint_eq(r->v.latch[0], 0xF0);
    ck_assert_uint_eq(r->v.latch[1], 0xCC);
    ck_assert_uint_eq(r->v.latch[3], 0x0F);
    gc(r, 4, 0x03);
    ck_assert_uint_eq(mr(r, 0xA0040), 0x0F);
    /* Read mode 1: which pixels have colour 0111b? Pixels (bits 7..0),
     * plane 3 down to plane 0: 0111 0011 0101 0001 1110 1010 1100 1000. */
    gc(r, 5, 0x08);
    gc(r, 2, 0x07);
    gc(r, 7, 0x0F);
    ck_assert_uint_eq(mr(r, 0xA0040), 0x80);
    gc(r, 2, 0x0E);
    ck_assert_uint_eq(mr(r, 0xA0040), 0x08);
    gc(r, 2, 0x07);
    gc(r, 7, 0x03);                           /* planes 2-3 don't care: xx11 */
    ck_assert_uint_eq(mr(r, 0xA0040), 0xC0);
    gc(r, 7, 0x0C);                           /* 01xx */
    ck_assert_uint_eq(mr(r, 0xA0040), 0xA0);
    gc(r, 7, 0x00);                           /* everything matches */
    ck_assert_uint_eq(mr(r, 0xA0040), 0xFF);
    /* A 16-bit read is two byte reads, low address first. */
    gc(r, 5, 0x00);
    gc(r, 4, 0x00);
    r->v.vram[0][0x41] = 0x5A;
    ck_assert_uint_eq(mem_read(&r->mem, 0xA0040, 2), 0x5AF0);
    ck_assert_uint_eq(r->v.latch[0], 0x5A);
    mem_write(&r->mem, 0xA0050, 0x44332211u, 4);
    ck_assert_uint_eq(r->v.vram[2][0x50], 0x11);
    ck_assert_uint_eq(r->v.vram[2][0x53], 0x44);
    rig_free(r);
}
END_TEST

START_TEST(test_chain4)
{
    struct rig *r = rig_new(HZ_DOT);

    set_mode(r, &mode13);
    mw(r, 0xA0000, 0x10);
    mw(r, 0xA0001, 0x11);
    mw(r, 0xA0002, 0x12);
    mw(r, 0xA0003, 0x13);
    mw(r, 0xA0005, 0x77);
    ck_assert_uint_eq(r->v.vram[0][0], 0x10);
    ck_assert_uint_eq(r->v.vram[1][0], 0x11);
    ck_assert_uint_eq(r->v.vram[2][0], 0x12);
    ck_assert_uint_eq(r->v.vram[3][0], 0x13);
    ck_assert_uint_eq(r->v.vram[1][4], 0x77);
    ck_assert_uint_eq(r->v.vram[0][4], 0x00);
    ck_assert_uint_eq(r->v.vram[0][1], 0x00);
    ck_assert_uint_eq(mr(r, 0xA0005), 0x77);
    ck_assert_uint_eq(mr(r, 0xA0002), 0x12);
    seq(r, 2, 0x0D);                          /* map mask drops plane 1 */
    mw(r, 0xA0005, 0x55);
    ck_assert_uint_eq(r->v.vram[1][4], 0x77);
    mw(r, 0xA0006, 0x66);
    ck_assert_uint_eq(r->v.vram[2][4], 0x66);
    /* 64K map: B0000h is outside the window. */
    ck_assert_uint_eq(mr(r, 0xB0000), 0xFF);
    rig_free(r);
}
END_TEST

START_TEST(test_oddeven_and_windows)
{
    struct rig *r = rig_new(HZ_DOT);

    set_mode(r, &mode03);
    mw(r, 0xB8000, 'A');
    mw(r, 0xB8001, 0x1F);
    mw(r, 0xB8002, 'B');
    mw(r, 0xB8003, 0x2E);
    ck_assert_uint_eq(r->v.vram[0][0], 'A');
    ck_assert_uint_eq(r->v.vram[1][0], 0x1F);
    ck_assert_uint_eq(r->v.vram[0][2], 'B');
    ck_assert_uint_eq(r->v.vram[1][2], 0x2E);
    ck_assert_uint_eq(r->v.vram[0][1], 0x00);
    ck_assert_uint_eq(r->v.vram[2][0], 0x00);  /* map mask 03h spares the font */
    ck_assert_uint_eq(mr(r, 0xB8000), 'A');
    ck_assert_uint_eq(mr(r, 0xB8003), 0x2E);
    ck_assert_uint_eq(mem_read(&r->mem, 0xB8000, 2), 0x1F41);
    mem_write(&r->mem, 0xB8004, 0x4743, 2);
    ck_assert_uint_eq(r->v.vram[0][4], 0x43);
    ck_assert_uint_eq(r->v.vram[1][4], 0x47);
    /* Only B8000h-BFFFFh is decoded. */
    ck_assert_uint_eq(mr(r, 0xA0000), 0xFF);
    ck_assert_uint_eq(mr(r, 0xB0000), 0xFF);
    mw(r, 0xB7FFF, 0x99);
    ck_assert_uint_eq(r->v.vram[1][0x7FFE], 0x00);
    mw(r, 0xBFFFF, 0x99);
    ck_assert_uint_eq(r->v.vram[1][0x7FFE], 0x99);
    /* B0000h map, then the 128K map where A16 becomes plane address bit 0. */
    gc(r, 6, 0x0A);
    mw(r, 0xB0000, 'm');
    ck_assert_uint_eq(r->v.vram[0][0], 'm');
    ck_assert_uint_eq(mr(r, 0xB8000), 0xFF);
    gc(r, 6, 0x02);
    mw(r, 0xB0002, 'h');
    ck_assert_uint_eq(r->v.vram[0][3], 'h');
    mw(r, 0xA0002, 'l');
    ck_assert_uint_eq(r->v.vram[0][2], 'l');
    /* MISC bit 1 off disables the memory. */
    gc(r, 6, 0x0E);
    out8(r, 0x3C2, 0x65);
    ck_assert_uint_eq(mr(r, 0xB8000), 0xFF);
    rig_free(r);
}
END_TEST

/* ---- time ------------------------------------------------------------------- */

START_TEST(test_retrace_timing)
{
    struct rig *r = rig_new(HZ_DOT);

    set_mode(r, &mode03);
    ck_assert_uint_eq(vga_frame_lines(&r->v), 449);
    r->clock = 0;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x00);
    r->clock = 639;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x00);
    r->clock = 640;                           /* horizontal blanking */
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x01);
    r->clock = 799;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x01);
    r->clock = 800;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x00);
    r->clock = 400 * LINE - 1;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x01);
    r->clock = 400 * LINE;                    /* vertical blanking, no retrace yet */
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x01);
    r->clock = 412 * LINE - 1;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x01);
    r->clock = 412 * LINE;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x09);
    r->clock = 414 * LINE - 1;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x09);
    r->clock = 414 * LINE;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x01);
    r->clock = FRAME400;                      /* next frame */
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x00);
    r->clock = 1000ull * FRAME400 + 413 * LINE;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x09);
    /* 480-line timing (mode 12h): 525 lines, retrace on lines 490-491. */
    set_mode(r, &mode12);
    ck_assert_uint_eq(vga_frame_lines(&r->v), 525);
    r->clock = 450 * LINE;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x00);
    r->clock = 490 * LINE;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x09);
    r->clock = 525 * LINE + 490 * LINE - 1;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x01);
    r->clock = 525 * LINE + 491 * LINE;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x09, 0x09);
    rig_free(r);
}
END_TEST

START_TEST(test_retrace_timing_33mhz)
{
    struct rig *r = rig_new(HZ_33);

    set_mode(r, &mode03);
    /* Line n starts at ceil(n * 4 * 33e6 / 125875):
     * 412 -> 432048 (432047.67), 414 -> 434145 (434144.99), 861 -> 902896. */
    ck_assert_uint_eq(vga_line_cycle(&r->v, 412), 432048);
    ck_assert_uint_eq(vga_line_cycle(&r->v, 414), 434145);
    ck_assert_uint_eq(vga_lines(&r->v, 432047), 411);
    ck_assert_uint_eq(vga_lines(&r->v, 432048), 412);
    r->clock = 432047;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x08, 0x00);
    r->clock = 432048;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x08, 0x08);
    r->clock = 434144;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x08, 0x08);
    r->clock = 434145;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x08, 0x00);
    r->clock = 902895;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x08, 0x00);
    r->clock = 902896;
    ck_assert_uint_eq(in8(r, 0x3DA) & 0x08, 0x08);
    /* No drift: one hour of frames later, still exact. */
    ck_assert_uint_eq(vga_lines(&r->v, 3600ull * HZ_33), 3600ull * 125875 / 4);
    rig_free(r);
}
END_TEST

START_TEST(test_vertical_interrupt_status)
{
    struct rig *r = rig_new(HZ_DOT);

    set_mode(r, &mode03);                     /* 11h = 8Eh: bit 4 clear */
    r->clock = 100 * LINE;
    ck_assert_uint_eq(in8(r, 0x3C2) & 0x80, 0x00);
    crtc(r, 0x11, 0x1E);                      /* arm */
    r->clock = 412 * LINE - 1;
    ck_assert_uint_eq(in8(r, 0x3C2) & 0x80, 0x00);
    r->clock = 412 * LINE;
    ck_assert_uint_eq(in8(r, 0x3C2) & 0x80, 0x80);
    r->clock = 500 * LINE;                    /* stays pending */
    ck_assert_uint_eq(in8(r, 0x3C2) & 0x80, 0x80);
    crtc(r, 0x11, 0x0E);                      /* clear */
    ck_assert_uint_eq(in8(r, 0x3C2) & 0x80, 0x00);
    crtc(r, 0x11, 0x1E);                      /* re-arm after this frame's retrace */
    ck_assert_uint_eq(in8(r, 0x3C2) & 0x80, 0x00);
    r->clock = FRAME400 + 412 * LINE;
    ck_assert_uint_eq(in8(r, 0x3C2) & 0x80, 0x80);
    rig_free(r);
}
END_TEST

/* ---- rendering -------------------------------------------------------------- */

START_TEST(test_render_sizes)
{
    struct rig *r = rig_new(HZ_DOT);
    unsigned w, h;

    set_mode(r, &mode03);
    render(r, &w, &h);
    ck_assert_uint_eq(w, 720);
    ck_assert_uint_eq(h, 400);
    set_mode(r, &mode12);
    render(r, &w, &h);
    ck_assert_uint_eq(w, 640);
    ck_assert_uint_eq(h, 480);
    set_mode(r, &mode13);
    render(r, &w, &h);
    ck_assert_uint_eq(w, 320);
    ck_assert_uint_eq(h, 200);
    /* 40-column text: 40 clocks of 9 dots, each dot doubled on screen. */
    set_mode(r, &mode03);
    seq(r, 1, 0x08);
    crtc(r, 0x11, 0x0E);
    crtc(r, 0x01, 0x27);
    render(r, &w, &h);
    ck_assert_uint_eq(w, 360);
    ck_assert_uint_eq(h, 400);
    /* Mode 0Dh-style: 8-dot clocks, dot clock / 2, double scan. */
    set_mode(r, &mode12);
    seq(r, 1, 0x09);
    crtc(r, 0x11, 0x0C);
    crtc(r, 0x01, 0x27);
    crtc(r, 0x07, 0x1F);
    crtc(r, 0x12, 0x8F);
    crtc(r, 0x09, 0xC0);
    render(r, &w, &h);
    ck_assert_uint_eq(w, 320);
    ck_assert_uint_eq(h, 200);
    /* Clamped to the maximum. */
    crtc(r, 0x01, 0xFF);
    crtc(r, 0x09, 0x00);
    crtc(r, 0x07, 0x42);
    crtc(r, 0x12, 0xFF);
    render(r, &w, &h);
    ck_assert_uint_eq(w, VGA_MAX_W);
    ck_assert_uint_eq(h, VGA_MAX_H);
    rig_free(r);
}
END_TEST

/* An 'A'-like glyph: row 0 = 81h so both edge columns show. */
static const uint8_t glyph_a[16] = { 0x81, 0x18, 0x3C, 0x66, 0x66, 0x7E, 0x66, 0x66,
                                     0x66, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF };

START_TEST(test_render_glyph)
{
    struct rig *r = rig_new(HZ_DOT);
    unsigned w, h, x, y;
    uint32_t fg, bg;

    set_mode(r, &mode03);
    load_dac(r);
    load_glyph(r, 0, 0x41, glyph_a, 16);
    load_glyph(r, 0, 0xC4, glyph_a, 16);      /* line-graphics range */
    mw(r, 0xB8000, 0x41);
    mw(r, 0xB8001, 0x1E);                     /* yellow (palette 3Eh) on blue (01h) */
    mw(r, 0xB8002, 0xC4);
    mw(r, 0xB8003, 0x1E);
    crtc(r, 0x0A, 0x20);                      /* no cursor over the glyph */
    render(r, &w, &h);
    fg = dac_rgb(0x3E);
    bg = dac_rgb(0x01);
    ck_assert_uint_ne(fg, bg);
    for (y = 0; y < 16; y++)
        for (x = 0; x < 8; x++)
            ck_assert_uint_eq(r->px[y * 720 + x], glyph_a[y] >> (7 - x) & 1 ? fg : bg);
    ck_assert_uint_eq(r->px[8], bg);          /* 9th column of 41h: background */
    ck_assert_uint_eq(r->px[9 + 8], fg);      /* of C4h: repeats column 8 */
    ck_assert_uint_eq(r->px[15 * 720 + 9 + 8], fg);
    ck_assert_uint_eq(r->px[1 * 720 + 9 + 8], bg);
    /* The range is C0h-DFh: DFh repeats column 8, E0h does not. */
    load_glyph(r, 0, 0xDF, glyph_a, 16);
    load_glyph(r, 0, 0xE0, glyph_a, 16);
    mw(r, 0xB8004, 0xDF);
    mw(r, 0xB8005, 0x1E);
    mw(r, 0xB8006, 0xE0);
    mw(r, 0xB8007, 0x1E);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[18 + 8], fg);
    ck_assert_uint_eq(r->px[27 + 7], fg);
    ck_assert_uint_eq(r->px[27 + 8], bg);
    /* Without line-graphics enable the 9th column is background. */
    ac(r, 0x10, 0x08);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[9 + 8], bg);
    /* Row 16 is the next text row: char 80 (zero = char 0, attr 0). */
    ck_assert_uint_eq(r->px[16 * 720], dac_rgb(0x00));
    /* Character map select: map A (attr bit 3 set) at 8K (map 4). */
    load_glyph(r, 0x2000, 0x41, glyph_a + 1, 1);
    seq(r, 3, 0x20);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[0], bg);          /* row 0 of map 4's glyph: 18h */
    ck_assert_uint_eq(r->px[3], fg);
    ck_assert_uint_eq(r->px[4], fg);
    ck_assert_uint_eq(r->px[7], bg);
    /* PAS cleared: blank. */
    in8(r, 0x3DA);
    out8(r, 0x3C0, 0x00);
    render(r, &w, &h);
    ck_assert_uint_eq(w, 720);
    ck_assert_uint_eq(r->px[3], 0);
    rig_free(r);
}
END_TEST

START_TEST(test_cursor_and_blink)
{
    struct rig *r = rig_new(HZ_DOT);
    unsigned w, h, x;
    uint32_t fg, bg;

    set_mode(r, &mode03);
    load_dac(r);
    load_glyph(r, 0, 0x41, glyph_a, 16);
    mw(r, 0xB8000, 0x41);
    mw(r, 0xB8001, 0x9E);                     /* blinking yellow on blue */
    mw(r, 0xB8002, 0x00);
    mw(r, 0xB8003, 0x1E);
    crtc(r, 0x0E, 0x00);
    crtc(r, 0x0F, 0x01);                      /* cursor on the second cell */
    fg = dac_rgb(0x3E);
    bg = dac_rgb(0x01);
    r->clock = 0;                             /* frame 0: cursor and text shown */
    render(r, &w, &h);
    for (x = 0; x < 9; x++) {
        ck_assert_uint_eq(r->px[12 * 720 + 9 + x], bg);
        ck_assert_uint_eq(r->px[13 * 720 + 9 + x], fg);   /* scan lines 0Dh-0Eh */
        ck_assert_uint_eq(r->px[14 * 720 + 9 + x], fg);
        ck_assert_uint_eq(r->px[15 * 720 + 9 + x], bg);
    }
    ck_assert_uint_eq(r->px[0], fg);          /* 'A' row 0 bit 7 */
    r->clock = 8ull * FRAME400 - 1;           /* last cycle of frame 7 */
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[13 * 720 + 9], fg);
    r->clock = 8ull * FRAME400;               /* frames 8-15: cursor off */
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[13 * 720 + 9], bg);
    ck_assert_uint_eq(r->px[0], fg);          /* blink still in its on half */
    r->clock = 16ull * FRAME400;              /* frames 16-31: blinking text off */
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[13 * 720 + 9], fg);
    ck_assert_uint_eq(r->px[0], bg);
    ck_assert_uint_eq(r->px[15 * 720 + 7], bg);
    /* Blink disabled (AC 10h bit 3 clear): bit 7 is a bright background. */
    ac(r, 0x10, 0x04);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[0], fg);
    ck_assert_uint_eq(r->px[1], dac_rgb(0x39));   /* background 9 -> palette 39h */
    r->clock = 32ull * FRAME400;
    ac(r, 0x10, 0x0C);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[0], fg);
    /* Cursor disable bit, and start > end. */
    crtc(r, 0x0A, 0x2D);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[13 * 720 + 9], bg);
    crtc(r, 0x0A, 0x0F);
    crtc(r, 0x0B, 0x0E);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[14 * 720 + 9], bg);
    ck_assert_uint_eq(r->px[15 * 720 + 9], bg);
    rig_free(r);
}
END_TEST

START_TEST(test_text_view)
{
    struct rig *r = rig_new(HZ_DOT);
    struct vga_text *t = &r->tv;
    unsigned i;

    set_mode(r, &mode03);
    for (i = 0; i < 80 * 26; i++) {
        mw(r, 0xB8000 + 2 * i, (uint8_t)(i % 251));
        mw(r, 0xB8000 + 2 * i + 1, (uint8_t)(i % 13));
    }
    crtc(r, 0x0E, 0x00);
    crtc(r, 0x0F, 163);                       /* row 2, column 3 */
    ck_assert_int_eq(vga_text_view(&r->v, t), 1);
    ck_assert_uint_eq(t->cols, 80);
    ck_assert_uint_eq(t->rows, 25);
    ck_assert_uint_eq(t->ch[0], 0);
    ck_assert_uint_eq(t->ch[81], 81);
    ck_assert_uint_eq(t->attr[81], 81 % 13);
    ck_assert_uint_eq(t->ch[24 * 80 + 79], (24 * 80 + 79) % 251);
    ck_assert_int_eq(t->cursor_on, 1);
    ck_assert_uint_eq(t->cur_row, 2);
    ck_assert_uint_eq(t->cur_col, 3);
    /* Start address one row down; the cursor moves up with the screen. */
    crtc(r, 0x0C, 0x00);
    crtc(r, 0x0D, 80);
    ck_assert_int_eq(vga_text_view(&r->v, t), 1);
    ck_assert_uint_eq(t->ch[0], 80);
    ck_assert_uint_eq(t->ch[24 * 80 + 79], (25 * 80 + 79) % 251);
    ck_assert_uint_eq(t->cur_row, 1);
    ck_assert_uint_eq(t->cur_col, 3);
    /* Offset 41 words: rows of 82 characters in memory, 80 shown. */
    crtc(r, 0x13, 41);
    crtc(r, 0x0D, 0);
    ck_assert_int_eq(vga_text_view(&r->v, t), 1);
    ck_assert_uint_eq(t->ch[80], 82);
    crtc(r, 0x0A, 0x20);                      /* cursor disabled */
    ck_assert_int_eq(vga_text_view(&r->v, t), 1);
    ck_assert_int_eq(t->cursor_on, 0);
    set_mode(r, &mode13);
    ck_assert_int_eq(vga_text_view(&r->v, t), 0);
    rig_free(r);
}
END_TEST

/* Underline (CRTC 14h) is shown only for MDA-style attributes: foreground
 * x001 with background x000, i.e. (attribute & 77h) == 01h, bits 3
 * (intensity) and 7 (blink) free (IBM VGA, attribute decoding as the MDA
 * does it). A blinking underlined character loses its underline with the
 * rest of its foreground in the off half of the blink period. */
START_TEST(test_underline)
{
    struct rig *r = rig_new(HZ_DOT);
    static const uint8_t attrs[6] = { 0x01, 0x21, 0x09, 0x81, 0x71, 0x07 };
    static const uint8_t under[6] = { 1, 0, 1, 1, 0, 0 };
    unsigned w, h, i, x;

    set_mode(r, &mode03);
    load_dac(r);
    crtc(r, 0x14, 0x0D);                      /* underline on scan line 13 */
    crtc(r, 0x0A, 0x20);                      /* no cursor */
    for (i = 0; i < 6; i++) {
        mw(r, 0xB8000 + 2 * i, 0x00);         /* blank glyph */
        mw(r, 0xB8001 + 2 * i, attrs[i]);
    }
    r->clock = 0;                             /* blink on */
    render(r, &w, &h);
    for (i = 0; i < 6; i++) {
        unsigned fg = attrs[i] & 0x0F, bg = attrs[i] >> 4 & 7;
        uint32_t want = dac_rgb(under[i] ? (fg < 8 ? fg : fg + 0x30u) : bg);
        for (x = 0; x < 9; x++) {
            ck_assert_uint_eq(r->px[13 * 720 + 9 * i + x], want);
            ck_assert_uint_eq(r->px[12 * 720 + 9 * i + x], dac_rgb(bg));
        }
    }
    r->clock = 16ull * FRAME400;              /* blink off: 81h's line goes */
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[13 * 720 + 27], dac_rgb(0));
    ck_assert_uint_eq(r->px[13 * 720 + 0], dac_rgb(1));
    rig_free(r);
}
END_TEST

/* The text view says how attribute bit 7 is meant (AC 10h bit 3) and in
 * which half of the 32-frame blink period the screen is. */
START_TEST(test_text_view_blink)
{
    struct rig *r = rig_new(HZ_DOT);
    struct vga_text *t = &r->tv;

    set_mode(r, &mode03);                     /* AC 10h = 0Ch: blink */
    r->clock = 0;
    ck_assert_int_eq(vga_text_view(&r->v, t), 1);
    ck_assert_int_eq(t->blink_enabled, 1);
    ck_assert_int_eq(t->blink_on, 1);
    r->clock = 16ull * FRAME400 - 1;          /* last cycle of frame 15 */
    ck_assert_int_eq(vga_text_view(&r->v, t), 1);
    ck_assert_int_eq(t->blink_on, 1);
    r->clock = 16ull * FRAME400;              /* frames 16-31: off */
    ck_assert_int_eq(vga_text_view(&r->v, t), 1);
    ck_assert_int_eq(t->blink_on, 0);
    r->clock = 32ull * FRAME400;
    ck_assert_int_eq(vga_text_view(&r->v, t), 1);
    ck_assert_int_eq(t->blink_on, 1);
    ac(r, 0x10, 0x04);                        /* bit 7: bright background */
    ck_assert_int_eq(vga_text_view(&r->v, t), 1);
    ck_assert_int_eq(t->blink_enabled, 0);
    rig_free(r);
}
END_TEST

START_TEST(test_render_mode13)
{
    struct rig *r = rig_new(HZ_DOT);
    unsigned w, h;

    set_mode(r, &mode13);
    load_dac(r);
    mw(r, 0xA0000, 0x20);
    mw(r, 0xA0001, 0x21);
    mw(r, 0xA0000 + 319, 0xC7);
    mw(r, 0xA0000 + 320, 0x99);               /* row 1 */
    mw(r, 0xA0000 + 199 * 320 + 5, 0xFE);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[0], dac_rgb(0x20));
    ck_assert_uint_eq(r->px[1], dac_rgb(0x21));
    ck_assert_uint_eq(r->px[2], dac_rgb(0x00));
    ck_assert_uint_eq(r->px[319], dac_rgb(0xC7));
    ck_assert_uint_eq(r->px[320], dac_rgb(0x99));
    ck_assert_uint_eq(r->px[199 * 320 + 5], dac_rgb(0xFE));
    /* PEL mask. */
    out8(r, 0x3C6, 0x0F);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[319], dac_rgb(0x07));
    out8(r, 0x3C6, 0xFF);
    /* Start address in doubleword mode: 80 = one 320-byte row. */
    crtc(r, 0x0C, 0x00);
    crtc(r, 0x0D, 80);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[0], dac_rgb(0x99));
    ck_assert_uint_eq(r->px[198 * 320 + 5], dac_rgb(0xFE));
    /* Start address 1 = 4 pixels; PEL panning 2 = one more. */
    crtc(r, 0x0D, 1);
    mw(r, 0xA0004, 0x44);
    mw(r, 0xA0005, 0x45);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[0], dac_rgb(0x44));
    ac(r, 0x13, 0x02);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[0], dac_rgb(0x45));
    /* Split screen at scan line 99: rows below line 100 start at address 0. */
    ac(r, 0x13, 0x00);
    crtc(r, 0x18, 99);
    crtc(r, 0x07, 0x0F);
    crtc(r, 0x09, 0x01);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[0], dac_rgb(0x44));
    ck_assert_uint_eq(r->px[50 * 320], dac_rgb(0x20));
    rig_free(r);
}
END_TEST

START_TEST(test_render_mode12)
{
    struct rig *r = rig_new(HZ_DOT);
    unsigned w, h, x;

    set_mode(r, &mode12);
    load_dac(r);
    /* Pixels 0-7 of line 0 get colours 0..7 via write mode 2 and the bit mask. */
    gc(r, 5, 0x02);
    for (x = 0; x < 8; x++) {
        gc(r, 8, (uint8_t)(0x80 >> x));
        mr(r, 0xA0000);
        mw(r, 0xA0000, (uint8_t)(x + 8));     /* colours 8..15 */
    }
    gc(r, 8, 0xFF);
    mw(r, 0xA0000 + 479 * 80 + 79, 0x0C);     /* last 8 pixels: colour 12 */
    render(r, &w, &h);
    for (x = 0; x < 8; x++)
        ck_assert_uint_eq(r->px[x], dac_rgb(0x38 + x));   /* palette 8-15 = 38h-3Fh */
    ck_assert_uint_eq(r->px[8], dac_rgb(0x00));
    ck_assert_uint_eq(r->px[479 * 640 + 639], dac_rgb(0x3C));
    /* Colour plane enable 07h drops plane 3: colours 8-15 become 0-7. */
    ac(r, 0x12, 0x07);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[6], dac_rgb(0x14));   /* colour 6 -> palette 14h */
    ac(r, 0x12, 0x0F);
    /* Colour select with AC 10h bit 7: bits 5-4 and 7-6 from AC 14h. */
    ac(r, 0x14, 0x0E);
    ac(r, 0x10, 0x81);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[1], dac_rgb(0xE9));   /* C0h | 20h | 09h */
    ac(r, 0x10, 0x01);
    ac(r, 0x14, 0x00);
    /* PEL panning 3 shifts left by 3 pixels. */
    ac(r, 0x13, 0x03);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[0], dac_rgb(0x3B));
    ck_assert_uint_eq(r->px[4], dac_rgb(0x3F));
    ck_assert_uint_eq(r->px[5], dac_rgb(0x00));
    ac(r, 0x13, 0x00);
    /* Offset 41: line 1 starts 82 bytes in. */
    gc(r, 5, 0x00);
    mw(r, 0xA0000 + 82, 0xFF);
    crtc(r, 0x13, 41);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[640], dac_rgb(0x3F));
    /* Split screen: top from start address line 100, line compare 9, so
     * lines 0-9 show memory lines 100-109 and line 10 shows line 0. */
    crtc(r, 0x13, 40);
    gc(r, 5, 0x02);
    mw(r, 0xA0000 + 100 * 80, 0x01);
    mw(r, 0xA0000 + 109 * 80, 0x02);
    mw(r, 0xA0000 + 110 * 80, 0x03);
    mw(r, 0xA0000 + 1 * 80, 0x04);
    gc(r, 5, 0x00);
    crtc(r, 0x0C, (100 * 80) >> 8);
    crtc(r, 0x0D, (100 * 80) & 0xFF);
    crtc(r, 0x18, 9);
    crtc(r, 0x07, 0x2E);                      /* line compare bit 8 off (allowed under protect) */
    crtc(r, 0x09, 0x00);
    ck_assert_uint_eq(crtc_rd(r, 0x07), 0x2E);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[0], dac_rgb(0x01));
    ck_assert_uint_eq(r->px[9 * 640], dac_rgb(0x02));
    ck_assert_uint_eq(r->px[10 * 640], dac_rgb(0x38));    /* line 0: colour 8 */
    ck_assert_uint_eq(r->px[11 * 640], dac_rgb(0x04));
    /* Screen off (SEQ 01h bit 5). */
    seq(r, 1, 0x21);
    render(r, &w, &h);
    ck_assert_uint_eq(r->px[11 * 640], 0);
    rig_free(r);
}
END_TEST

START_TEST(test_render_cga_interleave)
{
    struct rig *r = rig_new(HZ_DOT);
    unsigned w, h;

    /* Mode 04h: 40 clocks at dot clock / 2, word mode with row scan bit 0
     * into address bit 13 (odd lines at B8000h + 2000h), shift interleave. */
    static const struct mode mode04 = {
        0x63,
        { 0x03, 0x09, 0x03, 0x00, 0x02 },
        { 0x2D, 0x27, 0x28, 0x90, 0x2B, 0x80, 0xBF, 0x1F, 0x00, 0xC1, 0x00, 0x00, 0x00,
          0x00, 0x00, 0x00, 0x9C, 0x8E, 0x8F, 0x14, 0x00, 0x96, 0xB9, 0xA2, 0xFF },
        { 0x00, 0x00, 0x00, 0x00, 0x00, 0x30, 0x0F, 0x00, 0xFF },
        { 0x00, 0x13, 0x15, 0x17, 0x02, 0x04, 0x06, 0x07, 0x10, 0x11, 0x12, 0x13, 0x14,
          0x15, 0x16, 0x17, 0x01, 0x00, 0x03, 0x00, 0x00 },
    };
    set_mode(r, &mode04);
    load_dac(r);
    mw(r, 0xB8000, 0x1B);                     /* pixels 0-3: 0, 1, 2, 3 */
    mw(r, 0xB8001, 0xE4);                     /* pixels 4-7: 3, 2, 1, 0 */
    mw(r, 0xBA000, 0xC0);                     /* line 1, pixel 0: 3 */
    mw(r, 0xB8000 + 80, 0x40);                /* line 2, pixel 0: 1 */
    render(r, &w, &h);
    ck_assert_uint_eq(w, 320);
    ck_assert_uint_eq(h, 200);
    ck_assert_uint_eq(r->px[0], dac_rgb(0x00));
    ck_assert_uint_eq(r->px[1], dac_rgb(0x13));
    ck_assert_uint_eq(r->px[2], dac_rgb(0x15));
    ck_assert_uint_eq(r->px[3], dac_rgb(0x17));
    ck_assert_uint_eq(r->px[4], dac_rgb(0x17));
    ck_assert_uint_eq(r->px[7], dac_rgb(0x00));
    ck_assert_uint_eq(r->px[320], dac_rgb(0x17));
    ck_assert_uint_eq(r->px[640], dac_rgb(0x13));
    rig_free(r);
}
END_TEST

START_TEST(test_state_table)
{
    size_t n, i, total = 0;
    unsigned ver;
    const struct dev_field *f = vga_state_fields(&n, &ver);

    ck_assert_uint_eq(ver, VGA_STATE_VERSION);
    for (i = 0; i < n; i++) {
        ck_assert_ptr_nonnull(f[i].name);
        ck_assert_uint_le(f[i].offset + f[i].size, sizeof(struct vga));
        total += f[i].size;
    }
    ck_assert_uint_eq(n, 20);
    /* 2 + 1+5 + 1+25 + 1+9 + 1+1+21 + 1+1+1+1+3 + 768 + 4 + 8 + 4*65536 */
    ck_assert_uint_eq(total, 2 + 6 + 26 + 10 + 23 + 7 + 768 + 4 + 8 + 4 * 65536);
}
END_TEST

START_TEST(test_init_errors)
{
    struct vga *v = malloc(sizeof *v);
    char err[160];

    ck_assert_ptr_nonnull(v);
    ck_assert_int_eq(vga_init(v, 0, rig_now, NULL, err, sizeof err), -1);
    ck_assert_str_eq(err, "vga: cpu clock 0 Hz out of range 1..2^40, or no clock");
    ck_assert_int_eq(vga_init(v, HZ_33, NULL, NULL, err, sizeof err), -1);
    free(v);
}
END_TEST

static Suite *vga_suite(void)
{
    Suite *s = suite_create("vga");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_power_on);
    tcase_add_test(tc, test_io_decode_and_indices);
    tcase_add_test(tc, test_crtc_protect);
    tcase_add_test(tc, test_attribute_flipflop);
    tcase_add_test(tc, test_dac);
    tcase_add_test(tc, test_write_mode0);
    tcase_add_test(tc, test_write_modes_123);
    tcase_add_test(tc, test_read_modes);
    tcase_add_test(tc, test_chain4);
    tcase_add_test(tc, test_oddeven_and_windows);
    tcase_add_test(tc, test_retrace_timing);
    tcase_add_test(tc, test_retrace_timing_33mhz);
    tcase_add_test(tc, test_vertical_interrupt_status);
    tcase_add_test(tc, test_render_sizes);
    tcase_add_test(tc, test_render_glyph);
    tcase_add_test(tc, test_cursor_and_blink);
    tcase_add_test(tc, test_text_view);
    tcase_add_test(tc, test_underline);
    tcase_add_test(tc, test_text_view_blink);
    tcase_add_test(tc, test_render_mode13);
    tcase_add_test(tc, test_render_mode12);
    tcase_add_test(tc, test_render_cga_interleave);
    tcase_add_test(tc, test_state_table);
    tcase_add_test(tc, test_init_errors);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(vga_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
