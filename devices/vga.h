/* vga.h - the IBM VGA at register level: sequencer, CRT controller,
 * graphics controller, attribute controller, the Inmos G171-style DAC and
 * 256 KiB of video memory as four 64 KiB planes.
 *
 * Ports: 3C0h-3CFh always; 3B4h/3B5h/3BAh when the Miscellaneous Output
 * register's I/O address select bit is 0 (monochrome emulation) and
 * 3D4h/3D5h/3DAh when it is 1. Memory: the A0000h-BFFFFh window, of which
 * the graphics controller's memory map select decodes a part.
 *
 * The chip has no clock of its own here: the frame position, and with it
 * the retrace bits and the blink phases, follows from the CPU cycle
 * counter (now()) in exact integer arithmetic (see vga.c, "Time").
 * vga_render draws the screen as a monitor would show it, from the
 * registers and video memory only; nothing is cached between calls. */
#ifndef TICK86_VGA_H
#define TICK86_VGA_H
#include <stddef.h>
#include <stdint.h>
#include "devstate.h"

struct io_bus;
struct memmap;

#define VGA_MAX_W 800
#define VGA_MAX_H 600
#define VGA_TEXT_MAX (132 * 60)

/* The line rate of both VGA dot clocks (25.175 MHz / 800 dots and
 * 28.322 MHz / 900 dots): 31,468.75 Hz = 125875 / 4. */
#define VGA_LINE_HZ_NUM 125875u
#define VGA_LINE_HZ_DEN 4u

struct vga_text {
    unsigned cols, rows;
    uint8_t ch[VGA_TEXT_MAX], attr[VGA_TEXT_MAX];
    int cursor_on;
    unsigned cur_row, cur_col;
    /* Attribute bit 7: 1 = blink (AC 10h bit 3), 0 = bright background.
     * blink_on: 1 in the half of the blink period that shows blinking
     * characters, 0 in the half that hides them. */
    int blink_enabled;
    int blink_on;
};

struct vga {
    uint8_t misc;                    /* Miscellaneous Output (3C2h write, 3CCh read) */
    uint8_t feat;                    /* Feature Control (3xAh write, 3CAh read) */
    uint8_t seq_idx, seq[5];
    uint8_t crtc_idx, crtc[0x19];
    uint8_t gc_idx, gc[9];
    uint8_t ac_idx;                  /* bits 0-4 index, bit 5 palette address source */
    uint8_t ac_ff;                   /* 0: next 3C0h write is an index, 1: data */
    uint8_t ac[0x15];
    uint8_t pel_mask;
    uint8_t dac_addr;                /* the DAC's one address register */
    uint8_t dac_sub;                 /* component 0-2 of the triplet in progress */
    uint8_t dac_rmode;               /* 1 after a 3C7h write (read mode), 0 after 3C8h */
    uint8_t dac_hold[3];             /* holding register of the triplet in progress */
    uint8_t dac[256][3];             /* 6-bit R, G, B */
    uint8_t latch[4];
    uint64_t vint_line;              /* line count when CRTC 11h bit 4 was last set */
    uint8_t vram[4][65536];
    /* wiring, not state */
    uint64_t cpu_hz;
    uint64_t (*now)(void *opaque);
    void *now_opaque;
};

#define VGA_STATE_VERSION 1

/* cpu_hz must be between 1 and 2^40. Powers the chip on (vga_reset).
 * Returns 0, or -1 with a reason. */
int vga_init(struct vga *v, uint64_t cpu_hz, uint64_t (*now)(void *), void *now_opaque,
             char *err, size_t errlen);
/* Power-on state: every register zero (the display off, memory access
 * disabled by MISC bit 1, mono port decoding) as a card is before its
 * BIOS runs; DAC and video memory cleared. */
void vga_reset(struct vga *v);
/* Claims ports 3B4h-3B5h, 3BAh, 3C0h-3CFh, 3D4h-3D5h, 3DAh and the memory
 * window A0000h-BFFFFh. Returns 0, or -1 with a reason. */
int vga_register(struct vga *v, struct io_bus *bus, struct memmap *mem, char *err, size_t errlen);

/* The picture at this moment: *w x *h pixels of 0x00RRGGBB, row after row,
 * into pixels (room for VGA_MAX_W * VGA_MAX_H). The size follows the
 * registers (see vga.c, "Rendering"), clamped to VGA_MAX_W x VGA_MAX_H. */
void vga_render(struct vga *v, uint32_t *pixels, unsigned *w, unsigned *h);
/* The text screen for a terminal display; returns 1 in alphanumeric mode,
 * 0 (out untouched) in graphics mode. */
int vga_text_view(struct vga *v, struct vga_text *out);

/* Timing, for tests and the debugger: lines elapsed at cycle c, and the
 * first cycle at which that count reaches n. */
uint64_t vga_lines(const struct vga *v, uint64_t cycle);
uint64_t vga_line_cycle(const struct vga *v, uint64_t n);
/* Lines per frame (449 or 525) as the sync polarity bits select. */
unsigned vga_frame_lines(const struct vga *v);

/* The state declaration: fields of struct vga, count and version. */
const struct dev_field *vga_state_fields(size_t *count, unsigned *version);
#endif
