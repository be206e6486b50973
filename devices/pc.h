/* pc.h - the PC/AT board: one struct that owns a CPU, the memory map, the
 * port bus, the scheduler and every chip, wired as an IBM PC/AT (IBM PC/AT
 * Technical Reference, "System Board": IRQ and DMA assignments, port map)
 * with the PS/2-era additions (port 92h, PS/2 mouse on IRQ12).
 *
 *   IRQ0 PIT ch0   IRQ1 keyboard  IRQ3 COM2  IRQ4 COM1  IRQ6 floppy (DMA 2)
 *   IRQ8 RTC       IRQ12 mouse    IRQ14 primary ATA (hd0, hd1)  IRQ15 secondary ATA (hd2, hd3)
 *
 * The board is the only place that knows this wiring; the chips only know
 * their pins. Everything the guest can see follows from the configuration,
 * the disk images and the input given to pc_input (DESIGN.md invariant 1):
 * the board never reads the host clock, and the front end's pacing only
 * decides how big the budgets of pc_run are, which the CPU makes invisible
 * (invariant 2). */
#ifndef TICK86_PC_H
#define TICK86_PC_H
#include <stddef.h>
#include <stdint.h>
#include "../cpu/cpu.h"

struct pc;

/* Storage behind a disk: the front end backs it with an image file. Both
 * return 0, or nonzero on a host I/O error (the guest sees a disk error). */
struct pc_disk_ops {
    int (*read)(void *opaque, uint64_t lba, uint8_t *buf, unsigned nsect);
    int (*write)(void *opaque, uint64_t lba, const uint8_t *buf, unsigned nsect);
};

struct pc_drive {
    const struct pc_disk_ops *ops;   /* NULL: no drive / no medium */
    void *opaque;
    uint64_t bytes;                  /* image size; floppies must be a known format */
};

/* Front-end side. Every callback may be NULL; all receive opaque. */
struct pc_host {
    void (*serial_tx)(void *opaque, int com, uint8_t byte);   /* com 0 = COM1, 1 = COM2 */
    void (*debugcon)(void *opaque, uint8_t byte);             /* port E9h */
    void (*post)(void *opaque, uint8_t code);                  /* port 80h */
    void *opaque;
};

#define PC_BOOT_MAX 3

struct pc_config {
    enum cpu_model model;
    uint32_t ram_mb;                 /* 1 .. 3072 */
    uint64_t cpu_hz;                 /* the clock the cycle counts run at */
    const uint8_t *bios;             /* NULL: the built-in BIOS */
    size_t bios_len;                 /* 64 KiB or 128 KiB, mapped to end at 1 MiB */
    const uint8_t *vgabios;          /* NULL: the built-in VGA BIOS */
    size_t vgabios_len;              /* a multiple of 512, at most 64 KiB, at C0000h */
    struct pc_drive fd[2];           /* A:, B: */
    struct pc_drive hd[4];           /* primary master/slave, secondary master/slave */
    char boot[PC_BOOT_MAX + 1];      /* boot order, "a" floppy "c" disk, e.g. "ca"; "" = "ca" */
    int64_t rtc_base;                /* Unix seconds the RTC shows at cycle 0 */
    int debug_exit;                  /* claim F4h-F7h (isa-debug-exit) */
    unsigned trace_max;              /* CPU trace length 1..16, 0 = 16 */
    struct pc_host host;
};

/* Fills cfg with the defaults: 80386, 16 MiB, 33 MHz, built-in ROMs, no
 * drives, boot "ca", rtc_base 2000-01-01 00:00:00 UTC. */
void pc_config_default(struct pc_config *cfg);

/* Builds the machine and resets it. On failure returns NULL with one line
 * in err (a ROM of the wrong size, a floppy image of no known format...). */
struct pc *pc_create(const struct pc_config *cfg, char *err, size_t errlen);
void pc_destroy(struct pc *pc);

/* Why pc_run returned. */
enum pc_stop {
    PC_STOP_BUDGET,                  /* the budget is used up */
    PC_STOP_EXIT,                    /* the guest wrote the debug-exit port */
    PC_STOP_HALT,                    /* HLT with interrupts disabled: nothing can wake it */
    PC_STOP_UNIMPL,                  /* an instruction not implemented yet; see pc_stop_message */
    PC_STOP_SHUTDOWN                 /* triple fault */
};
/* Runs the machine until its cycle counter reaches cycles + budget (at an
 * instruction boundary) or something above stops it. A reset requested by
 * the guest (8042 pulse, port 92h) is carried out inside. */
enum pc_stop pc_run(struct pc *pc, uint64_t budget);
/* The exit status of the last PC_STOP_EXIT: (v << 1) | 1. */
int pc_exit_status(const struct pc *pc);
const char *pc_stop_message(const struct pc *pc);
uint64_t pc_cycles(const struct pc *pc);
uint64_t pc_icount(const struct pc *pc);
uint64_t pc_cpu_hz(const struct pc *pc);
struct cpu *pc_cpu(struct pc *pc);

/* Physical memory as the CPU sees it (for the debugger and tests): RAM,
 * ROM and MMIO alike; pc_mem_write does not bypass ROM protection. */
void pc_mem_read(struct pc *pc, uint32_t addr, uint8_t *buf, size_t len);
void pc_mem_write(struct pc *pc, uint32_t addr, const uint8_t *buf, size_t len);

/* Host input: the only way it reaches the guest. Each event is stamped
 * with the current cycle and appended to the input log. */
enum pc_input_kind { PC_IN_KEY, PC_IN_MOUSE, PC_IN_SERIAL };
struct pc_input {
    enum pc_input_kind kind;
    uint16_t key;                    /* KEY: scan set 2 make code, E0-prefixed as 0xE0xx */
    int down;                        /* KEY: 1 pressed, 0 released */
    int dx, dy, buttons;             /* MOUSE: dy up-positive; buttons bit0 L, bit1 R, bit2 M */
    int com;                         /* SERIAL: 0 COM1, 1 COM2 */
    uint8_t byte;                    /* SERIAL */
};
void pc_input(struct pc *pc, const struct pc_input *ev);
/* The input log so far (events and the cycle of each). */
struct pc_input_rec { uint64_t cycle; struct pc_input ev; };
const struct pc_input_rec *pc_input_log(const struct pc *pc, size_t *count);

/* The screen as the monitor would show it now: *w x *h pixels of
 * 0x00RRGGBB into pixels (room for PC_FB_MAX_W * PC_FB_MAX_H). */
#define PC_FB_MAX_W 800
#define PC_FB_MAX_H 600
void pc_render(struct pc *pc, uint32_t *pixels, unsigned *w, unsigned *h);
/* Text-mode contents (for -display term); returns 0 when the VGA is in a
 * graphics mode. struct vga_text is in vga.h. */
struct vga_text;
int pc_text_view(struct pc *pc, struct vga_text *out);

/* Hash of all guest-visible state: CPU, RAM, video RAM and every chip's
 * declared fields (determinism tests). */
uint64_t pc_state_hash(const struct pc *pc);
#endif
