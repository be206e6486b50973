/* vga.c - the IBM VGA (see vga.h).
 *
 * Follows IBM's "Video Graphics Array" chapter of the PS/2 Hardware
 * Interface Technical Reference (the register model FreeVGA documents):
 * General Registers (Miscellaneous Output, Feature Control, Input Status 0
 * and 1), Sequencer (Reset, Clocking Mode, Map Mask, Character Map Select,
 * Memory Mode), CRT Controller (indices 00h-18h, the protect bit of 11h),
 * Graphics Controller (Set/Reset, Enable Set/Reset, Color Compare, Data
 * Rotate, Read Map Select, Graphics Mode, Miscellaneous, Color Don't Care,
 * Bit Mask), Attribute Controller (palette 00h-0Fh, Mode Control, Overscan,
 * Color Plane Enable, Horizontal PEL Panning, Color Select) and the video
 * DAC (PEL mask, address read/write mode, data, DAC state).
 *
 * Memory (host side). A CPU byte access in the decoded window becomes an
 * offset; the plane(s) and the address inside the planes follow from the
 * memory mode:
 *   chain 4 (SEQ 04h bit 3):      plane = offset bits 0-1, address = offset with bits 0-1 clear
 *   odd/even (SEQ 04h bit 2 = 0 for writes, GC 05h bit 4 for reads):
 *                                 A0 picks the even (0, 2) or odd (1, 3) planes; with chain
 *                                 odd/even (GC 06h bit 1) A0 of the plane address is replaced
 *                                 by A16 of the offset (128K map) and is 0 in the smaller maps
 *   otherwise:                    the map mask (writes) / read map select (reads) pick planes,
 *                                 address = offset
 * Every read loads the four latches. The page bit of MISC (bit 5) is kept
 * but does not move accesses: on a 256 KiB VGA both "64K pages" it names
 * would need a 17th plane-address bit that the planes do not have; text
 * modes set it, and their screen is at even plane addresses.
 *
 * Time. The line rate of every standard VGA timing is 31,468.75 Hz
 * (25.175 MHz / 800 dots, or 28.322 MHz / 900 dots in the 9-dot modes),
 * i.e. 125875/4 lines per second. Line n starts at the first cycle c with
 * floor(c * 125875 / (4 * cpu_hz)) >= n. The frame is fixed by the sync
 * polarity bits of MISC (bits 7-6, which tell the monitor the line count):
 *   01 (400 lines) and 10 (350): 449 lines, 70.086 Hz; 11 (480): 525 lines,
 *   59.94 Hz. Vertical retrace occupies lines 412-413 (400), 387-388 (350)
 *   or 490-491 (480) of the frame, as IBM's mode tables program it;
 *   Input Status 1 bit 0 (display disabled) is set outside the active
 *   lines and in the last fifth of each line (the horizontal blanking and
 *   retrace interval: 160 of 800 dots). These timings are fixed rather than
 *   derived from the CRTC's total and retrace registers, so a half-programmed
 *   CRTC (during a mode set, or at power-on) still gives a sane retrace
 *   signal that polling loops can see. The cursor blinks with a period of 16
 *   frames and blinking characters with 32 frames (on for the first half),
 *   counted from cycle 0.
 *
 * Rendering. The output is the active display area only (no overscan
 * border). Width = (CRTC 01h + 1) character clocks of 9 or 8 dots
 * (SEQ 01h bit 0; graphics modes always shift out 8), halved in 8-bit
 * colour mode (AC 10h bit 6), where two 4-bit dots make one pixel. The
 * dot-clock/2 bit doubles each dot on the screen and so does not change the
 * number of distinct pixels: 40x25 text is 360x400, mode 0Dh 320x200.
 * Height = vertical display end (CRTC 12h + overflow) + 1 scan lines; in
 * graphics modes divided by the number of consecutive scan lines that
 * show the same memory, i.e. (max scan line + 1) times 2 with double scan,
 * except the row-scan bits that CRTC 17h bits 0/1 route into memory
 * address bits 13/14 (the CGA-compatible interleave of modes 4-6).
 * The scan-line engine follows the CRTC: start address plus byte panning,
 * preset row scan, offset (row pitch 2 * CRTC 13h in address-counter
 * units), byte/word/doubleword address mapping, count by 2 and 4, line
 * compare (the split screen starts on the line after the compare line,
 * with PEL panning suppressed if AC 10h bit 5 says so), and horizontal PEL
 * panning. Doubleword mode rotates the 16-bit address counter left by two
 * (mode 13h's counter stays below 4000h, so its pixel n is at plane n & 3,
 * address n & ~3, where chain 4 puts it). Text mode: fonts in plane 2
 * (8 KiB maps, 32 bytes per glyph), the 9th column, blink, cursor with
 * skew, underline (scan line CRTC 14h of the MDA underline attributes,
 * (attribute & 77h) = 01h).
 * In 8-bit colour mode each 4-bit half still passes the attribute palette
 * (IBM's mode 13h table loads it with 00h-0Fh for that reason) and the low
 * nibbles of the two results form the DAC index.
 *
 * Not modelled: the vertical retrace interrupt line (Input Status 0 bit 7
 * shows it pending; no IRQ is raised), the monitor sense bit (reads 0),
 * the overscan border, and CRTC timing registers other than those above. */
#include "vga.h"

#include <stdio.h>
#include <string.h>

#include "ioport.h"
#include "memmap.h"

#define VGA_WIN_BASE 0xA0000u
#define VGA_WIN_SIZE 0x20000u

/* Register indices used by name below. */
enum { SEQ_RESET = 0, SEQ_CLOCK = 1, SEQ_MAPMASK = 2, SEQ_CHARMAP = 3, SEQ_MEMMODE = 4 };
enum { GC_SR = 0, GC_ESR = 1, GC_CCMP = 2, GC_ROT = 3, GC_RMAP = 4, GC_MODE = 5, GC_MISC = 6,
       GC_CDC = 7, GC_MASK = 8 };
enum { AC_MODE = 0x10, AC_OVERSCAN = 0x11, AC_CPE = 0x12, AC_PAN = 0x13, AC_CSEL = 0x14 };

#define F(m) DEV_FIELD(struct vga, m)
static const struct dev_field vga_fields[] = {
    F(misc), F(feat), F(seq_idx), F(seq), F(crtc_idx), F(crtc), F(gc_idx), F(gc),
    F(ac_idx), F(ac_ff), F(ac), F(pel_mask), F(dac_addr), F(dac_sub), F(dac_rmode),
    F(dac_hold), F(dac), F(latch), F(vint_line), F(vram),
};
#undef F

const struct dev_field *vga_state_fields(size_t *count, unsigned *version)
{
    *count = DEV_NFIELDS(vga_fields);
    *version = VGA_STATE_VERSION;
    return vga_fields;
}

/* ---- time ------------------------------------------------------------------ */

/* One frame layout per sync-polarity setting (MISC bits 7-6). */
struct vga_frame {
    unsigned total, active, vrs, vre;   /* lines; retrace is [vrs, vre) */
};

static const struct vga_frame vga_frames[4] = {
    { 449, 400, 412, 414 },             /* 00: reserved, taken as 400 lines */
    { 449, 400, 412, 414 },             /* 01: 400 lines */
    { 449, 350, 387, 389 },             /* 10: 350 lines */
    { 525, 480, 490, 492 },             /* 11: 480 lines */
};

#define VGA_LINE_DOTS 800u              /* of the 25.175 MHz clock */
#define VGA_ACTIVE_DOTS 640u

static const struct vga_frame *vga_frame(const struct vga *v)
{
    return &vga_frames[v->misc >> 6];
}

unsigned vga_frame_lines(const struct vga *v)
{
    return vga_frame(v)->total;
}

/* t = q * D + r with D = 4 * cpu_hz <= 2^42, so r * 125875 < 2^59. */
uint64_t vga_lines(const struct vga *v, uint64_t t)
{
    uint64_t d = VGA_LINE_HZ_DEN * v->cpu_hz, q = t / d, r = t % d;
    return q * VGA_LINE_HZ_NUM + r * VGA_LINE_HZ_NUM / d;
}

/* ceil(n * 4 * cpu_hz / 125875), split the same way. */
uint64_t vga_line_cycle(const struct vga *v, uint64_t n)
{
    uint64_t d = VGA_LINE_HZ_DEN * v->cpu_hz, q = n / VGA_LINE_HZ_NUM, r = n % VGA_LINE_HZ_NUM;

    if (q > (UINT64_MAX - d) / d)
        return UINT64_MAX;
    return q * d + (r * d + VGA_LINE_HZ_NUM - 1) / VGA_LINE_HZ_NUM;
}

/* The dot (0..799 of the 25.175 MHz clock) within the current line. */
static unsigned vga_dot(const struct vga *v, uint64_t t)
{
    uint64_t d = VGA_LINE_HZ_DEN * v->cpu_hz, r = t % d;

    return (unsigned)((r * VGA_LINE_HZ_NUM % d) * VGA_LINE_DOTS / d);
}

static uint64_t vga_now_lines(const struct vga *v)
{
    return vga_lines(v, v->now(v->now_opaque));
}

/* Number of retrace starts at or before absolute line n. */
static uint64_t vga_retraces(const struct vga_frame *f, uint64_t n)
{
    return n >= f->vrs ? (n - f->vrs) / f->total + 1 : 0;
}

static uint8_t vga_status1(const struct vga *v)
{
    uint64_t t = v->now(v->now_opaque), n = vga_lines(v, t);
    const struct vga_frame *f = vga_frame(v);
    unsigned line = (unsigned)(n % f->total);
    uint8_t s = 0;

    if (line >= f->vrs && line < f->vre)
        s |= 0x08;
    if (line >= f->active || vga_dot(v, t) >= VGA_ACTIVE_DOTS)
        s |= 0x01;
    return s;
}

static uint8_t vga_status0(const struct vga *v)
{
    const struct vga_frame *f = vga_frame(v);

    if ((v->crtc[0x11] & 0x10) &&
        vga_retraces(f, vga_now_lines(v)) > vga_retraces(f, v->vint_line))
        return 0x80;
    return 0x00;
}

/* ---- memory ------------------------------------------------------------------ */

/* The offset of a CPU address in the window GC 06h selects, or -1.
 * Inline: every guest byte access to A0000h-BFFFFh starts here. */
static inline int32_t vga_decode(const struct vga *v, uint32_t addr)
{
    uint32_t a = addr - VGA_WIN_BASE;

    if (!(v->misc & 0x02) || a >= VGA_WIN_SIZE)   /* MISC bit 1: RAM enable */
        return -1;
    switch (v->gc[GC_MISC] >> 2 & 3) {
    case 0:
        return (int32_t)a;
    case 1:
        return a < 0x10000 ? (int32_t)a : -1;
    case 2:
        return a >= 0x10000 && a < 0x18000 ? (int32_t)(a - 0x10000) : -1;
    default:
        return a >= 0x18000 ? (int32_t)(a - 0x18000) : -1;
    }
}

/* Plane address of an odd/even access: A0 replaced under chain odd/even. */
static uint32_t vga_oddeven_addr(const struct vga *v, uint32_t off)
{
    if (v->gc[GC_MISC] & 0x02)
        return (off & 0xFFFE) | (off >> 16 & 1);
    return off & 0xFFFF;
}

static uint8_t vga_read8(struct vga *v, uint32_t addr)
{
    int32_t o = vga_decode(v, addr);
    uint32_t off, pa;
    unsigned plane, p;

    if (o < 0)
        return 0xFF;
    off = (uint32_t)o;
    if (v->seq[SEQ_MEMMODE] & 0x08) {
        plane = off & 3;
        pa = off & 0xFFFC;
    } else if (v->gc[GC_MODE] & 0x10) {
        plane = (v->gc[GC_RMAP] & 2) | (off & 1);
        pa = vga_oddeven_addr(v, off);
    } else {
        plane = v->gc[GC_RMAP] & 3;
        pa = off & 0xFFFF;
    }
    for (p = 0; p < 4; p++)
        v->latch[p] = v->vram[p][pa];
    if (v->gc[GC_MODE] & 0x08) {
        /* Read mode 1: a 1 where every plane that is not "don't care"
         * matches its colour compare bit. */
        uint8_t r = 0xFF;
        for (p = 0; p < 4; p++) {
            if (!(v->gc[GC_CDC] >> p & 1))
                continue;
            r &= (uint8_t)(v->gc[GC_CCMP] >> p & 1 ? v->latch[p] : ~v->latch[p]);
        }
        return r;
    }
    return v->latch[plane];
}

static uint8_t vga_alu(unsigned fn, uint8_t x, uint8_t latch)
{
    switch (fn) {
    case 1:
        return x & latch;
    case 2:
        return x | latch;
    case 3:
        return x ^ latch;
    default:
        return x;
    }
}

static void vga_write8(struct vga *v, uint32_t addr, uint8_t val)
{
    int32_t o = vga_decode(v, addr);
    uint32_t off, pa;
    unsigned planes, p, rot, fn, mode;
    uint8_t d, mask;

    if (o < 0)
        return;
    off = (uint32_t)o;
    planes = v->seq[SEQ_MAPMASK] & 0x0F;
    if (v->seq[SEQ_MEMMODE] & 0x08) {
        planes &= 1u << (off & 3);
        pa = off & 0xFFFC;
    } else if (!(v->seq[SEQ_MEMMODE] & 0x04)) {
        planes &= off & 1 ? 0x0A : 0x05;
        pa = vga_oddeven_addr(v, off);
    } else {
        pa = off & 0xFFFF;
    }
    mode = v->gc[GC_MODE] & 3;
    /* The stores of the text modes and of mode 13h: write mode 0 without
     * set/reset on the planes written, rotation, logical function or bit
     * mask leaves the byte itself in each plane written, as the general
     * path below would, with none of its per-plane work. */
    if (mode == 0 && !(v->gc[GC_ROT] & 0x1F) && v->gc[GC_MASK] == 0xFF &&
        !(v->gc[GC_ESR] & planes)) {
        for (p = 0; p < 4; p++)
            if (planes >> p & 1)
                v->vram[p][pa] = val;
        return;
    }
    rot = v->gc[GC_ROT] & 7;
    fn = v->gc[GC_ROT] >> 3 & 3;
    d = (uint8_t)((val >> rot | val << (8 - rot)) & 0xFF);
    mask = v->gc[GC_MASK];
    for (p = 0; p < 4; p++) {
        uint8_t x, m = mask, l = v->latch[p];
        uint8_t sr = v->gc[GC_SR] >> p & 1 ? 0xFF : 0x00;

        if (!(planes >> p & 1))
            continue;
        switch (mode) {
        case 0:
            x = v->gc[GC_ESR] >> p & 1 ? sr : d;
            break;
        case 1:
            v->vram[p][pa] = l;
            continue;
        case 2:
            x = val >> p & 1 ? 0xFF : 0x00;
            break;
        default:                      /* 3: rotated data ANDed into the bit mask */
            x = sr;
            m &= d;
            break;
        }
        x = vga_alu(fn, x, l);
        v->vram[p][pa] = (uint8_t)((x & m) | (l & ~m));
    }
}

/* Wider accesses are byte accesses, low address first (the VGA's bus
 * interface is 8 bits wide as far as the latches are concerned). */
static uint32_t vga_mem_read(void *opaque, uint32_t addr, unsigned width)
{
    uint32_t r = 0;
    unsigned k;

    for (k = 0; k < width; k++)
        r |= (uint32_t)vga_read8(opaque, addr + k) << (8 * k);
    return r;
}

static void vga_mem_write(void *opaque, uint32_t addr, uint32_t val, unsigned width)
{
    unsigned k;

    for (k = 0; k < width; k++)
        vga_write8(opaque, addr + k, (uint8_t)(val >> (8 * k)));
}

/* ---- registers ------------------------------------------------------------------ */

/* Is port (3B4h/3B5h/3BAh or 3D4h/3D5h/3DAh) decoded under MISC bit 0? */
static int vga_crtc_port_on(const struct vga *v, uint16_t port)
{
    return (port >> 4 == 0x3D) == (v->misc & 1);
}

static void vga_crtc_write(struct vga *v, uint8_t val)
{
    unsigned i = v->crtc_idx;

    if (i >= sizeof v->crtc)
        return;
    if (i <= 7 && (v->crtc[0x11] & 0x80)) {
        /* Protect: 00h-07h are read-only, except line compare bit 8 in 07h. */
        if (i == 7)
            v->crtc[7] = (uint8_t)((v->crtc[7] & ~0x10) | (val & 0x10));
        return;
    }
    if (i == 0x11 && (val & 0x10) && !(v->crtc[0x11] & 0x10))
        v->vint_line = vga_now_lines(v);   /* interrupt latch re-armed from now on */
    v->crtc[i] = val;
}

static void vga_ac_write(struct vga *v, uint8_t val)
{
    unsigned i;

    if (!v->ac_ff) {
        v->ac_idx = val & 0x3F;
        v->ac_ff = 1;
        return;
    }
    v->ac_ff = 0;
    i = v->ac_idx & 0x1F;
    if (i < 0x10 && (v->ac_idx & 0x20))
        return;                       /* palette is locked while the display reads it */
    if (i < sizeof v->ac)
        v->ac[i] = val;
}

static void vga_dac_write(struct vga *v, uint8_t val)
{
    v->dac_hold[v->dac_sub] = val & 0x3F;
    if (++v->dac_sub == 3) {
        memcpy(v->dac[v->dac_addr], v->dac_hold, 3);
        v->dac_addr++;
        v->dac_sub = 0;
    }
}

static uint8_t vga_dac_read(struct vga *v)
{
    uint8_t r = v->dac_hold[v->dac_sub];

    if (++v->dac_sub == 3) {
        memcpy(v->dac_hold, v->dac[v->dac_addr], 3);
        v->dac_addr++;
        v->dac_sub = 0;
    }
    return r;
}

static uint32_t vga_io_read(void *opaque, uint16_t port, unsigned width)
{
    struct vga *v = opaque;

    (void)width;
    switch (port) {
    case 0x3B4:
    case 0x3D4:
        return vga_crtc_port_on(v, port) ? v->crtc_idx : 0xFF;
    case 0x3B5:
    case 0x3D5:
        if (!vga_crtc_port_on(v, port))
            return 0xFF;
        return v->crtc_idx < sizeof v->crtc ? v->crtc[v->crtc_idx] : 0xFF;
    case 0x3BA:
    case 0x3DA:
        if (!vga_crtc_port_on(v, port))
            return 0xFF;
        v->ac_ff = 0;
        return vga_status1(v);
    case 0x3C0:
        return v->ac_idx;
    case 0x3C1:
        return (v->ac_idx & 0x1F) < sizeof v->ac ? v->ac[v->ac_idx & 0x1F] : 0xFF;
    case 0x3C2:
        return vga_status0(v);
    case 0x3C4:
        return v->seq_idx;
    case 0x3C5:
        return v->seq_idx < sizeof v->seq ? v->seq[v->seq_idx] : 0xFF;
    case 0x3C6:
        return v->pel_mask;
    case 0x3C7:
        return v->dac_rmode ? 0x03 : 0x00;
    case 0x3C8:
        return v->dac_addr;
    case 0x3C9:
        return vga_dac_read(v);
    case 0x3CA:
        return v->feat;
    case 0x3CC:
        return v->misc;
    case 0x3CE:
        return v->gc_idx;
    case 0x3CF:
        return v->gc_idx < sizeof v->gc ? v->gc[v->gc_idx] : 0xFF;
    default:
        return 0xFF;
    }
}

static void vga_io_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct vga *v = opaque;
    uint8_t b = (uint8_t)val;

    (void)width;
    switch (port) {
    case 0x3B4:
    case 0x3D4:
        if (vga_crtc_port_on(v, port))
            v->crtc_idx = b & 0x1F;
        break;
    case 0x3B5:
    case 0x3D5:
        if (vga_crtc_port_on(v, port))
            vga_crtc_write(v, b);
        break;
    case 0x3BA:
    case 0x3DA:
        if (vga_crtc_port_on(v, port))
            v->feat = b & 0x0B;
        break;
    case 0x3C0:
    case 0x3C1:
        /* 3C1h is the data read port; a write there (the second byte of
         * an OUT DX,AX to 3C0h) is taken as a 3C0h write, as clones do. */
        vga_ac_write(v, b);
        break;
    case 0x3C2:
        v->misc = b;
        break;
    case 0x3C4:
        v->seq_idx = b & 0x07;
        break;
    case 0x3C5:
        if (v->seq_idx < sizeof v->seq)
            v->seq[v->seq_idx] = b;
        break;
    case 0x3C6:
        v->pel_mask = b;
        break;
    case 0x3C7:                       /* read mode: fetch the entry, point past it */
        v->dac_rmode = 1;
        v->dac_sub = 0;
        memcpy(v->dac_hold, v->dac[b], 3);
        v->dac_addr = (uint8_t)(b + 1);
        break;
    case 0x3C8:
        v->dac_rmode = 0;
        v->dac_sub = 0;
        v->dac_addr = b;
        break;
    case 0x3C9:
        vga_dac_write(v, b);
        break;
    case 0x3CE:
        v->gc_idx = b & 0x0F;
        break;
    case 0x3CF:
        if (v->gc_idx < sizeof v->gc)
            v->gc[v->gc_idx] = b;
        break;
    default:
        break;
    }
}

/* ---- setup ------------------------------------------------------------------------ */

void vga_reset(struct vga *v)
{
    v->misc = v->feat = 0;
    v->seq_idx = v->crtc_idx = v->gc_idx = v->ac_idx = v->ac_ff = 0;
    memset(v->seq, 0, sizeof v->seq);
    memset(v->crtc, 0, sizeof v->crtc);
    memset(v->gc, 0, sizeof v->gc);
    memset(v->ac, 0, sizeof v->ac);
    v->pel_mask = 0;
    v->dac_addr = v->dac_sub = v->dac_rmode = 0;
    memset(v->dac_hold, 0, sizeof v->dac_hold);
    memset(v->dac, 0, sizeof v->dac);
    memset(v->latch, 0, sizeof v->latch);
    v->vint_line = 0;
    memset(v->vram, 0, sizeof v->vram);
}

int vga_init(struct vga *v, uint64_t cpu_hz, uint64_t (*now)(void *), void *now_opaque,
             char *err, size_t errlen)
{
    if (cpu_hz == 0 || cpu_hz > (UINT64_C(1) << 40) || !now) {
        snprintf(err, errlen, "vga: cpu clock %llu Hz out of range 1..2^40, or no clock",
                 (unsigned long long)cpu_hz);
        return -1;
    }
    v->cpu_hz = cpu_hz;
    v->now = now;
    v->now_opaque = now_opaque;
    vga_reset(v);
    return 0;
}

int vga_register(struct vga *v, struct io_bus *bus, struct memmap *mem, char *err, size_t errlen)
{
    if (io_register(bus, "vga-mono-crtc", 0x3B4, 2, IO_W8, vga_io_read, vga_io_write, v,
                    err, errlen) ||
        io_register(bus, "vga-mono-status", 0x3BA, 1, IO_W8, vga_io_read, vga_io_write, v,
                    err, errlen) ||
        io_register(bus, "vga", 0x3C0, 16, IO_W8, vga_io_read, vga_io_write, v, err, errlen) ||
        io_register(bus, "vga-crtc", 0x3D4, 2, IO_W8, vga_io_read, vga_io_write, v,
                    err, errlen) ||
        io_register(bus, "vga-status", 0x3DA, 1, IO_W8, vga_io_read, vga_io_write, v,
                    err, errlen))
        return -1;
    return mem_add_mmio(mem, "vga", VGA_WIN_BASE, VGA_WIN_SIZE, IO_W8 | IO_W16 | IO_W32,
                        vga_mem_read, vga_mem_write, v, err, errlen);
}

/* ---- rendering ------------------------------------------------------------------------ */

/* What a frame needs from the registers, worked out once per render. */
struct vga_geom {
    int gfx, eight;                   /* AC 10h bit 0, bit 6 (graphics only) */
    unsigned chars, dots;             /* character clocks per line, dots per clock */
    unsigned vde;                     /* displayed scan lines */
    unsigned msl, dbl;                /* max scan line, double scan */
    unsigned rep;                     /* scan lines per distinct graphics row */
    unsigned w, h;                    /* output size before clamping */
};

static void vga_geometry(const struct vga *v, struct vga_geom *g)
{
    const uint8_t *c = v->crtc;
    unsigned distinct = 1;

    g->gfx = v->ac[AC_MODE] & 1;
    g->eight = g->gfx && (v->ac[AC_MODE] & 0x40);
    g->chars = c[1] + 1u;
    g->dots = g->gfx || (v->seq[SEQ_CLOCK] & 1) ? 8 : 9;
    g->vde = (c[0x12] | (c[7] & 0x02) << 7 | (c[7] & 0x40) << 3) + 1u;
    g->msl = c[9] & 0x1F;
    g->dbl = c[9] >> 7;
    g->w = g->chars * g->dots / (g->eight ? 2 : 1);
    g->rep = 1;
    if (g->gfx) {
        /* Row-scan bits routed into address bits 13/14 make the scan lines
         * of one character row show different memory. */
        if (!(c[0x17] & 1) && g->msl >= 1)
            distinct *= 2;
        if (!(c[0x17] & 2) && g->msl >= 3)
            distinct *= 2;
        g->rep = (g->dbl + 1) * (g->msl + 1) / distinct;
        if (g->rep == 0)
            g->rep = 1;
    }
    g->h = g->vde / g->rep;
    if (g->h == 0)
        g->h = 1;
}

/* Memory address of character clock address ma on row scan rsc. */
static uint32_t vga_map(const struct vga *v, uint32_t ma, unsigned rsc)
{
    const uint8_t *c = v->crtc;
    uint32_t a;

    ma &= 0xFFFF;                                     /* the counter is 16 bits */
    if (c[0x14] & 0x40)                               /* doubleword mode: rotate by 2 */
        a = ma << 2 | (ma >> 14 & 3);
    else if (!(c[0x17] & 0x40))                       /* word mode: A0 from MA15 or MA13 */
        a = ma << 1 | ((c[0x17] & 0x20 ? ma >> 15 : ma >> 13) & 1);
    else                                              /* byte mode */
        a = ma;
    if (!(c[0x17] & 1))
        a = (a & ~0x2000u) | (uint32_t)(rsc & 1) << 13;
    if (!(c[0x17] & 2))
        a = (a & ~0x4000u) | (uint32_t)(rsc & 2) << 13;
    return a & 0xFFFF;
}

/* Character clock k's address counter value, from the row's start. */
static uint32_t vga_ma(const struct vga *v, uint32_t row_ma, unsigned k)
{
    if (v->crtc[0x14] & 0x20)
        return row_ma + k / 4;
    if (v->crtc[0x17] & 0x08)
        return row_ma + k / 2;
    return row_ma + k;
}

/* 4-bit colour through the colour plane enable, the palette and the
 * colour select register: the 8-bit DAC index. */
static uint8_t vga_attr_colour(const struct vga *v, unsigned c4)
{
    uint8_t p = v->ac[c4 & v->ac[AC_CPE] & 0x0F];
    uint8_t cs = v->ac[AC_CSEL];
    unsigned mid = v->ac[AC_MODE] & 0x80 ? (cs & 3u) << 4 : p & 0x30u;

    return (uint8_t)((cs & 0x0Cu) << 4 | mid | (p & 0x0Fu));
}

/* Byte offset in plane 2 of the font for attribute at (SEQ 03h): map A
 * (bits 5, 3-2) when attribute bit 3 is set, else map B (bits 4, 1-0);
 * maps 0-3 start at 16K steps, maps 4-7 8K above them. */
static uint32_t vga_font(const struct vga *v, uint8_t at)
{
    uint8_t s = v->seq[SEQ_CHARMAP];

    if (!(v->seq[SEQ_MEMMODE] & 0x02))
        return 0;                     /* extended memory off: one map only */
    if (at & 0x08)
        return (uint32_t)(s >> 2 & 3) * 0x4000 + (uint32_t)(s >> 5 & 1) * 0x2000;
    return (uint32_t)(s & 3) * 0x4000 + (uint32_t)(s >> 4 & 1) * 0x2000;
}

/* Blink phases of the frame containing cycle now. */
static void vga_blink(const struct vga *v, int *cursor_on, int *chars_on)
{
    uint64_t frame = vga_now_lines(v) / vga_frame(v)->total;

    *cursor_on = !(frame & 8);        /* 16-frame period */
    *chars_on = !(frame & 16);        /* 32-frame period */
}

#define VGA_MAX_CHARS 257             /* CRTC 01h + 1, plus one for panning */
#define VGA_STREAM (VGA_MAX_CHARS * 9)

/* One scan line of text as 4-bit colours, dots per character clock. */
static void vga_text_line(const struct vga *v, const struct vga_geom *g, uint32_t row_ma,
                          unsigned rsc, int cur_phase, int blink_phase, uint8_t *out)
{
    const uint8_t *c = v->crtc;
    uint32_t cur = (uint32_t)c[0x0E] << 8 | c[0x0F];
    unsigned skew = c[0x0B] >> 5 & 3, cs = c[0x0A] & 0x1F, ce = c[0x0B] & 0x1F;
    int cur_row = !(c[0x0A] & 0x20) && cur_phase && rsc >= cs && rsc <= ce;
    int ul_row = rsc == (c[0x14] & 0x1Fu);
    unsigned k, i;

    for (k = 0; k <= g->chars; k++) {
        uint32_t ma = vga_ma(v, row_ma, k), a = vga_map(v, ma, rsc);
        uint8_t ch = v->vram[0][a], at = v->vram[1][a];
        uint8_t glyph = v->vram[2][(vga_font(v, at) + ch * 32u + (rsc & 31)) & 0xFFFF];
        uint8_t fg = at & 0x0F, bg = at >> 4, shown = fg;
        unsigned ninth;

        if (v->ac[AC_MODE] & 0x08) {  /* bit 7 blinks instead of brightening */
            bg &= 7;
            if ((at & 0x80) && !blink_phase)
                shown = bg;
        }
        if (cur_row && ((ma - skew) & 0xFFFF) == cur) {
            for (i = 0; i < g->dots; i++)
                *out++ = fg;
            continue;
        }
        /* Underline: the MDA attributes only, foreground x001 on
         * background x000 (bits 3 and 7 free); it is foreground, so it
         * blinks with the character. */
        if (ul_row && (at & 0x77) == 0x01) {
            for (i = 0; i < g->dots; i++)
                *out++ = shown;
            continue;
        }
        for (i = 0; i < 8; i++)
            *out++ = glyph >> (7 - i) & 1 ? shown : bg;
        if (g->dots == 9) {
            ninth = (v->ac[AC_MODE] & 0x04) && ch >= 0xC0 && ch <= 0xDF ? glyph & 1 : 0;
            *out++ = ninth ? shown : bg;
        }
    }
}

/* One scan line of graphics as 4-bit dots, 8 per character clock. */
static void vga_gfx_line(const struct vga *v, const struct vga_geom *g, uint32_t row_ma,
                         unsigned rsc, uint8_t *out)
{
    unsigned k, i;

    for (k = 0; k <= g->chars; k++) {
        uint32_t a = vga_map(v, vga_ma(v, row_ma, k), rsc);
        uint8_t p0 = v->vram[0][a], p1 = v->vram[1][a], p2 = v->vram[2][a], p3 = v->vram[3][a];

        if (v->gc[GC_MODE] & 0x40) {
            /* 256-colour shift: each plane's byte as two nibbles, high first */
            const uint8_t p[4] = { p0, p1, p2, p3 };
            for (i = 0; i < 8; i++)
                *out++ = i & 1 ? p[i / 2] & 0x0F : p[i / 2] >> 4;
        } else if (v->gc[GC_MODE] & 0x20) {
            /* CGA interleave: 2-bit dots, planes 0/2 then planes 1/3 */
            for (i = 0; i < 8; i++) {
                uint8_t lo = i < 4 ? p0 : p1, hi = i < 4 ? p2 : p3;
                unsigned b = 6 - 2 * (i & 3);
                *out++ = (uint8_t)((lo >> b & 3) | (hi >> b & 3) << 2);
            }
        } else {
            for (i = 0; i < 8; i++) {
                unsigned s = 7 - i;
                *out++ = (uint8_t)((p0 >> s & 1) | (p1 >> s & 1) << 1 | (p2 >> s & 1) << 2 |
                                   (p3 >> s & 1) << 3);
            }
        }
    }
}

void vga_render(struct vga *v, uint32_t *pixels, unsigned *w, unsigned *h)
{
    struct vga_geom g;
    uint32_t rgb[256];
    uint8_t pal[16];                  /* 4-bit colour -> DAC index, this frame */
    uint8_t line[VGA_STREAM];
    uint32_t row_ma;
    unsigned lc, rsc, phase, pan, pan0, y, x, out_w, out_h, lines;
    int cur_phase, blink_phase;

    vga_geometry(v, &g);
    out_w = g.w < VGA_MAX_W ? g.w : VGA_MAX_W;
    out_h = g.h < VGA_MAX_H ? g.h : VGA_MAX_H;
    *w = out_w;
    *h = out_h;
    /* Blank: sequencer held in reset, screen off (SEQ 01h bit 5), or the
     * palette address source handing the palette to the CPU. */
    if ((v->seq[SEQ_RESET] & 3) != 3 || (v->seq[SEQ_CLOCK] & 0x20) || !(v->ac_idx & 0x20)) {
        memset(pixels, 0, (size_t)out_w * out_h * sizeof *pixels);
        return;
    }
    for (x = 0; x < 256; x++) {
        const uint8_t *e = v->dac[x & v->pel_mask];
        uint32_t r = e[0] & 0x3Fu, gr = e[1] & 0x3Fu, b = e[2] & 0x3Fu;
        rgb[x] = (r << 2 | r >> 4) << 16 | (gr << 2 | gr >> 4) << 8 | (b << 2 | b >> 4);
    }
    for (x = 0; x < 16; x++)
        pal[x] = vga_attr_colour(v, x);
    vga_blink(v, &cur_phase, &blink_phase);

    pan0 = v->ac[AC_PAN] & 0x0F;
    if (g.eight)
        pan0 &= 6;                    /* 0, 2, 4, 6: whole 8-bit pixels */
    else if (g.dots == 9)
        pan0 = pan0 == 8 ? 0 : pan0 < 8 ? pan0 + 1 : 0;
    else
        pan0 = pan0 < 8 ? pan0 : 0;
    pan = pan0;
    lc = v->crtc[0x18] | (v->crtc[7] & 0x10u) << 4 | (v->crtc[9] & 0x40u) << 3;
    row_ma = ((uint32_t)v->crtc[0x0C] << 8 | v->crtc[0x0D]) + (v->crtc[8] >> 5 & 3u);
    rsc = v->crtc[8] & 0x1F;
    phase = 0;
    lines = out_h * g.rep;
    if (lines > g.vde)
        lines = g.vde;
    for (y = 0; y < lines; y++) {
        if (y == lc + 1) {            /* split screen: restart at address 0 */
            row_ma = 0;
            rsc = 0;
            phase = 0;
            if (v->ac[AC_MODE] & 0x20)
                pan = 0;
        }
        if (y % g.rep == 0) {
            uint32_t *dst = pixels + (size_t)(y / g.rep) * out_w;
            const uint8_t *src = line + pan;

            if (g.gfx)
                vga_gfx_line(v, &g, row_ma, rsc, line);
            else
                vga_text_line(v, &g, row_ma, rsc, cur_phase, blink_phase, line);
            for (x = 0; x < out_w; x++) {
                if (g.eight)          /* two palette outputs' low nibbles */
                    dst[x] = rgb[(pal[src[2 * x]] & 0x0F) << 4 | (pal[src[2 * x + 1]] & 0x0F)];
                else
                    dst[x] = rgb[pal[src[x]]];
            }
        }
        /* Next scan line: the row scan counter advances every line, or
         * every other line with double scan; past max scan line the
         * row start moves on by the offset. */
        if (g.dbl && (phase ^= 1))
            continue;
        if (rsc >= g.msl) {
            rsc = 0;
            row_ma += 2u * v->crtc[0x13];
        } else {
            rsc++;
        }
    }
}

int vga_text_view(struct vga *v, struct vga_text *out)
{
    struct vga_geom g;
    uint32_t sa, pitch, cur;
    unsigned r, c, rows, cols;
    int cursor_phase;                 /* (the terminal blinks its own cursor) */

    vga_geometry(v, &g);
    if (g.gfx)
        return 0;
    cols = g.chars > 132 ? 132 : g.chars;
    rows = g.vde / ((g.msl + 1) * (g.dbl + 1));
    if (rows > VGA_TEXT_MAX / cols)
        rows = VGA_TEXT_MAX / cols;
    sa = (uint32_t)v->crtc[0x0C] << 8 | v->crtc[0x0D];
    pitch = 2u * v->crtc[0x13];
    out->cols = cols;
    out->rows = rows;
    for (r = 0; r < rows; r++)
        for (c = 0; c < cols; c++) {
            uint32_t a = vga_map(v, vga_ma(v, sa + r * pitch, c), 0);
            out->ch[r * cols + c] = v->vram[0][a];
            out->attr[r * cols + c] = v->vram[1][a];
        }
    cur = ((uint32_t)v->crtc[0x0E] << 8 | v->crtc[0x0F]) - sa;
    cur &= 0xFFFF;
    out->blink_enabled = (v->ac[AC_MODE] & 0x08) != 0;
    vga_blink(v, &cursor_phase, &out->blink_on);
    out->cursor_on = 0;
    out->cur_row = out->cur_col = 0;
    if (pitch) {
        unsigned cs = v->crtc[0x0A] & 0x1F, ce = v->crtc[0x0B] & 0x1F;
        out->cur_row = cur / pitch;
        out->cur_col = cur % pitch;
        out->cursor_on = !(v->crtc[0x0A] & 0x20) && cs <= ce && cs <= g.msl &&
                         out->cur_row < rows && out->cur_col < cols;
    }
    return 1;
}
