/* pc.c - the PC/AT board: builds a machine from a struct pc_config and
 * wires the chips together.
 *
 * Wiring follows the IBM PC/AT Technical Reference (system board I/O map,
 * interrupt and DMA assignments) plus the PS/2-era additions every later
 * BIOS expects (port 92h, the PS/2 mouse on IRQ12). The CMOS bytes the
 * board fills in follow the AT layout (Technical Reference, "CMOS RAM
 * Address Map") and, for the boot order, the convention of the Bochs BIOS
 * (3Dh/38h), so our BIOS and Debian's bochsbios boot the same way.
 *
 * What the board owns beyond the chips: the A20 gate (the OR of the 8042's
 * output port and port 92h), the CPU reset line (8042 pulse, port 92h
 * bit 0), the input log, and the state hash over everything the guest can
 * see. */
#include "pc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ata.h"
#include "cmos.h"
#include "devstate.h"
#include "dma.h"
#include "fdc.h"
#include "ioport.h"
#include "kbc.h"
#include "memmap.h"
#include "pc_roms.h"
#include "pic.h"
#include "pit.h"
#include "sched.h"
#include "sysports.h"
#include "uart.h"
#include "vga.h"

struct pc_disk {                   /* adapts one pc_drive to the chips' disk ops */
    struct pc_drive drive;
};

struct pc {
    struct memmap mem;
    struct io_bus io;
    struct sched sched;
    struct cpu *cpu;
    struct pic_pair pic;
    struct pit pit;
    struct cmos cmos;
    struct uart com[2];
    struct dma dma;
    struct kbc kbc;
    struct ata ata[2];
    struct fdc fdc;
    struct vga vga;
    struct sysports sys;
    /* board state the guest can see */
    uint8_t a20_kbc, a20_92;
    /* host side */
    struct pc_config cfg;
    struct pc_disk fd[2], hd[4];
    int reset_pending, exit_pending, exit_status;
    struct pc_input_rec *log;
    size_t nlog, caplog;
    char msg[256];
};

void pc_config_default(struct pc_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->model = CPU_80386;
    cfg->ram_mb = 16;
    cfg->cpu_hz = 33000000;
    strcpy(cfg->boot, "ca");
    cfg->rtc_base = 946684800;       /* 2000-01-01T00:00:00Z */
}

/* ---- callbacks ------------------------------------------------------- */

static uint64_t pc_now(void *opaque)
{
    struct pc *pc = opaque;
    return cpu_cycles(pc->cpu);
}

static void pc_intr(void *opaque, int level)
{
    struct pc *pc = opaque;
    if (pc->cpu) cpu_set_intr(pc->cpu, level);
}

static void pc_update_a20(struct pc *pc)
{
    cpu_set_a20(pc->cpu, pc->a20_kbc | pc->a20_92);
}

static void pc_a20_kbc(void *opaque, int on)
{
    struct pc *pc = opaque;
    pc->a20_kbc = on != 0;
    if (pc->cpu) pc_update_a20(pc);
}

static void pc_a20_92(void *opaque, int on)
{
    struct pc *pc = opaque;
    pc->a20_92 = on != 0;
    if (pc->cpu) pc_update_a20(pc);
}

/* The 8042's reset pulse and port 92h bit 0 reset the CPU only: memory and
 * the chips keep their state, which is how a 286 returns to real mode
 * (CMOS shutdown byte 0Fh). The reset is carried out between instructions. */
static void pc_reset_req(void *opaque)
{
    struct pc *pc = opaque;
    pc->reset_pending = 1;
    cpu_request_stop(pc->cpu);
}

static void pc_post(void *opaque, uint8_t code)
{
    struct pc *pc = opaque;
    if (pc->cfg.host.post) pc->cfg.host.post(pc->cfg.host.opaque, code);
}

static void pc_debugcon(void *opaque, uint8_t byte)
{
    struct pc *pc = opaque;
    if (pc->cfg.host.debugcon) pc->cfg.host.debugcon(pc->cfg.host.opaque, byte);
}

static void pc_exit_req(void *opaque, int status)
{
    struct pc *pc = opaque;
    pc->exit_pending = 1;
    pc->exit_status = status;
    cpu_request_stop(pc->cpu);
}

static void pc_com1_tx(void *opaque, uint8_t byte)
{
    struct pc *pc = opaque;
    if (pc->cfg.host.serial_tx) pc->cfg.host.serial_tx(pc->cfg.host.opaque, 0, byte);
}

static void pc_com2_tx(void *opaque, uint8_t byte)
{
    struct pc *pc = opaque;
    if (pc->cfg.host.serial_tx) pc->cfg.host.serial_tx(pc->cfg.host.opaque, 1, byte);
}

static int pc_disk_read(void *opaque, uint64_t lba, uint8_t *buf, unsigned nsect)
{
    struct pc_disk *d = opaque;
    return d->drive.ops->read(d->drive.opaque, lba, buf, nsect);
}

static int pc_disk_write(void *opaque, uint64_t lba, const uint8_t *buf, unsigned nsect)
{
    struct pc_disk *d = opaque;
    return d->drive.ops->write(d->drive.opaque, lba, buf, nsect);
}

static const struct ata_disk_ops pc_ata_ops = { pc_disk_read, pc_disk_write };
static const struct fdc_disk_ops pc_fdc_ops = { pc_disk_read, pc_disk_write };

/* ---- construction ---------------------------------------------------- */

/* Default ATA geometry for an image: 16 heads, 63 sectors per track, as
 * many cylinders as fit (at most 16383, the IDENTIFY limit of ATA-2). */
static void pc_hd_geometry(uint64_t sectors, unsigned *c, unsigned *h, unsigned *s)
{
    uint64_t cyl = sectors / (16 * 63);
    *h = 16;
    *s = 63;
    if (cyl == 0) {                  /* tiny images: one cylinder of what there is */
        *h = 1;
        *s = sectors < 63 ? (unsigned)sectors : 63;
        cyl = sectors / *s;
    }
    *c = cyl > 16383 ? 16383 : (unsigned)cyl;
}

/* CMOS bytes the BIOS reads (AT Technical Reference, CMOS RAM map). */
static void pc_fill_cmos(struct pc *pc)
{
    struct cmos *c = &pc->cmos;
    uint32_t kb = pc->cfg.ram_mb * 1024u;
    uint32_t ext = kb > 1024 ? kb - 1024 : 0;         /* KiB above 1 MiB */
    uint32_t ext16 = kb > 16384 ? (kb - 16384) / 64 : 0; /* 64 KiB units above 16 MiB */
    if (ext > 0xFFFF) ext = 0xFFFF;
    if (ext16 > 0xFFFF) ext16 = 0xFFFF;
    unsigned fa = fdc_cmos_type(&pc->fdc, 0), fb = fdc_cmos_type(&pc->fdc, 1);
    cmos_set_byte(c, 0x10, (uint8_t)(fa << 4 | fb));
    cmos_set_byte(c, 0x12, (uint8_t)((pc->cfg.hd[0].ops ? 0xF0 : 0) | (pc->cfg.hd[1].ops ? 0x0F : 0)));
    cmos_set_byte(c, 0x19, pc->cfg.hd[0].ops ? 47 : 0);   /* user-defined type */
    cmos_set_byte(c, 0x1A, pc->cfg.hd[1].ops ? 47 : 0);
    /* Equipment byte: bits 7-6 floppies-1, 5-4 display (00 = EGA/VGA),
     * bit 1 coprocessor (none yet), bit 0 floppies present. */
    unsigned nfd = (fa != 0) + (fb != 0);
    cmos_set_byte(c, 0x14, (uint8_t)(nfd ? ((nfd - 1) << 6 | 1) : 0));
    cmos_set_byte(c, 0x15, 640 & 0xFF);
    cmos_set_byte(c, 0x16, 640 >> 8);
    cmos_set_byte(c, 0x17, (uint8_t)ext);
    cmos_set_byte(c, 0x18, (uint8_t)(ext >> 8));
    cmos_set_byte(c, 0x30, (uint8_t)ext);
    cmos_set_byte(c, 0x31, (uint8_t)(ext >> 8));
    cmos_set_byte(c, 0x34, (uint8_t)ext16);
    cmos_set_byte(c, 0x35, (uint8_t)(ext16 >> 8));
    /* Hard disk parameters for types 47 (AT layout: 1Bh-23h disk 0, 24h-2Ch
     * disk 1: cylinders, heads, write precomp, landing zone, sectors). */
    for (unsigned u = 0; u < 2; u++) {
        unsigned base = u ? 0x24 : 0x1B, cy = 0, hd = 0, sp = 0;
        if (pc->cfg.hd[u].ops) {
            pc_hd_geometry(pc->cfg.hd[u].bytes / 512, &cy, &hd, &sp);
            if (cy > 1024) cy = 1024;
        }
        cmos_set_byte(c, base + 0, (uint8_t)cy);
        cmos_set_byte(c, base + 1, (uint8_t)(cy >> 8));
        cmos_set_byte(c, base + 2, (uint8_t)hd);
        cmos_set_byte(c, base + 3, 0xFF);
        cmos_set_byte(c, base + 4, 0xFF);
        cmos_set_byte(c, base + 5, (uint8_t)cy);
        cmos_set_byte(c, base + 6, (uint8_t)(cy >> 8));
        cmos_set_byte(c, base + 7, (uint8_t)sp);
    }
    /* Boot order, Bochs BIOS convention: 3Dh low nibble first device, high
     * nibble second, 38h high nibble third (1 floppy, 2 hard disk). Bit 0
     * of 38h set would skip the floppy boot-signature check; it stays 0. */
    unsigned dev[PC_BOOT_MAX] = { 0 };
    const char *b = pc->cfg.boot[0] ? pc->cfg.boot : "ca";
    for (unsigned i = 0; i < PC_BOOT_MAX && b[i]; i++) dev[i] = b[i] == 'a' ? 1 : 2;
    cmos_set_byte(c, 0x3D, (uint8_t)(dev[1] << 4 | dev[0]));
    cmos_set_byte(c, 0x38, (uint8_t)(dev[2] << 4));
    cmos_update_checksum(c);
}

static int pc_check_rom(const char *what, size_t len, int sys, char *err, size_t errlen)
{
    if (sys ? (len != 0x10000 && len != 0x20000) : (len == 0 || len % 512 || len > 0x10000)) {
        snprintf(err, errlen, "%s: %zu bytes; expected %s", what, len,
                 sys ? "64 KiB or 128 KiB" : "a multiple of 512 bytes up to 64 KiB");
        return -1;
    }
    return 0;
}

static int pc_map_roms(struct pc *pc, char *err, size_t errlen)
{
    const uint8_t *bios = pc->cfg.bios ? pc->cfg.bios : pc_rom_bios;
    size_t blen = pc->cfg.bios ? pc->cfg.bios_len : pc_rom_bios_len;
    const uint8_t *vga = pc->cfg.vgabios ? pc->cfg.vgabios : pc_rom_vgabios;
    size_t vlen = pc->cfg.vgabios ? pc->cfg.vgabios_len : pc_rom_vgabios_len;
    if (pc_check_rom("BIOS", blen, 1, err, errlen) || pc_check_rom("VGA BIOS", vlen, 0, err, errlen))
        return -1;
    /* An option ROM starts 55h AAh (IBM PC/AT Technical Reference,
     * "Adapter ROM"); without it no BIOS would ever run it. */
    if (vga[0] != 0x55 || vga[1] != 0xAA) {
        snprintf(err, errlen, "VGA BIOS: no option ROM signature (55h AAh) at its start");
        return -1;
    }
    if (mem_add_rom(&pc->mem, "bios", (uint32_t)(0x100000 - blen), bios, (uint32_t)blen, err, errlen))
        return -1;
    /* The reset vector is fetched from the top of the address space (CS
     * base FFFF0000h on a 386, FF0000h on the 24-bit 286), so the BIOS
     * shows there too (SDM vol. 3, 9.1.4). */
    enum cpu_model m = pc->cfg.model;
    if (m == CPU_80286) {
        if (mem_add_rom(&pc->mem, "bios-alias", (uint32_t)(0x1000000 - blen), bios, (uint32_t)blen,
                        err, errlen))
            return -1;
    } else if (m >= CPU_80386) {
        if (mem_add_rom(&pc->mem, "bios-alias", (uint32_t)(0x100000000ull - blen), bios,
                        (uint32_t)blen, err, errlen))
            return -1;
    }
    /* Option ROM pages are whole 4 KiB pages; pad with FFh (no ROM). */
    size_t vpad = (vlen + MEM_PAGE_SIZE - 1) & ~(size_t)(MEM_PAGE_SIZE - 1);
    uint8_t *tmp = malloc(vpad);
    if (!tmp) {
        snprintf(err, errlen, "VGA BIOS: out of memory");
        return -1;
    }
    memset(tmp, 0xFF, vpad);
    memcpy(tmp, vga, vlen);
    int r = mem_add_rom(&pc->mem, "vgabios", 0xC0000, tmp, (uint32_t)vpad, err, errlen);
    free(tmp);
    return r;
}

/* Reset line: the CPU and, at power-on, the chips. */
static void pc_cpu_reset(struct pc *pc)
{
    cpu_reset(pc->cpu);
    pc_update_a20(pc);
}

struct pc *pc_create(const struct pc_config *cfg, char *err, size_t errlen)
{
    if (cfg->ram_mb < 1 || cfg->ram_mb > 3072) {
        snprintf(err, errlen, "memory: %u MiB; expected 1 to 3072", cfg->ram_mb);
        return NULL;
    }
    if (cfg->cpu_hz < 1000000 || cfg->cpu_hz > 10000000000ull) {
        snprintf(err, errlen, "clock: %llu Hz; expected 1 MHz to 10 GHz",
                 (unsigned long long)cfg->cpu_hz);
        return NULL;
    }
    for (const char *b = cfg->boot; *b; b++)
        if (*b != 'a' && *b != 'c') {
            snprintf(err, errlen, "boot order '%s': expected letters a (floppy) and c (disk)", cfg->boot);
            return NULL;
        }
    struct pc *pc = calloc(1, sizeof *pc);
    if (!pc) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    pc->cfg = *cfg;
    /* An 8086 or 80186 has 20 address lines, a 286 24: RAM beyond what the
     * CPU can address would only slow the state hash. */
    uint32_t ram = cfg->ram_mb << 20;
    if (cfg->model <= CPU_80186 && ram > 0x100000) ram = 0x100000;
    /* A 286 sees the BIOS again at FF0000h-FFFFFFh (its reset vector), so
     * its RAM stops at 15 MiB, as on AT boards with the full 16 MiB. */
    if (cfg->model == CPU_80286 && ram > 0xF00000) ram = 0xF00000;
    pc->cfg.ram_mb = ram >> 20;
    if (mem_init(&pc->mem, ram, err, errlen)) goto fail;
    io_init(&pc->io);
    sched_init(&pc->sched);

    uint64_t hz = cfg->cpu_hz;
    pic_init(&pc->pic, pc_intr, pc);
    dma_init(&pc->dma, &pc->mem);
    ata_init(&pc->ata[0]);
    ata_init(&pc->ata[1]);
    struct sysports_host sh = { pc_a20_92, pc_reset_req, pc_post, pc_debugcon, pc_exit_req, pc };
    sysports_init(&pc->sys, &sh, cfg->debug_exit);
    if (pit_init(&pc->pit, hz, pc_now, pc, &pc->sched, err, errlen) ||
        cmos_init(&pc->cmos, cfg->rtc_base, hz, pc_now, pc, &pc->sched, err, errlen) ||
        uart_init(&pc->com[0], hz, pc_now, pc, &pc->sched, pc_com1_tx, pc, err, errlen) ||
        uart_init(&pc->com[1], hz, pc_now, pc, &pc->sched, pc_com2_tx, pc, err, errlen) ||
        kbc_init(&pc->kbc, hz, pc_now, pc, &pc->sched, err, errlen) ||
        fdc_init(&pc->fdc, &pc->dma, hz, pc_now, pc, &pc->sched, err, errlen) ||
        vga_init(&pc->vga, hz, pc_now, pc, err, errlen))
        goto fail;
    pc->kbc.a20 = pc_a20_kbc;
    pc->kbc.a20_opaque = pc;
    pc->kbc.reset = pc_reset_req;
    pc->kbc.reset_opaque = pc;
    pc->a20_kbc = 1;                 /* the 8042 powers up with its A20 output high */

    irq_connect(&pc->pit.irq0, pic_irq_line_cb, &pc->pic, 0);
    irq_connect(&pc->kbc.irq1, pic_irq_line_cb, &pc->pic, 1);
    irq_connect(&pc->com[1].irq, pic_irq_line_cb, &pc->pic, 3);
    irq_connect(&pc->com[0].irq, pic_irq_line_cb, &pc->pic, 4);
    irq_connect(&pc->fdc.irq, pic_irq_line_cb, &pc->pic, 6);
    irq_connect(&pc->cmos.irq8, pic_irq_line_cb, &pc->pic, 8);
    irq_connect(&pc->kbc.irq12, pic_irq_line_cb, &pc->pic, 12);
    irq_connect(&pc->ata[0].irq, pic_irq_line_cb, &pc->pic, 14);
    irq_connect(&pc->ata[1].irq, pic_irq_line_cb, &pc->pic, 15);

    if (pic_register(&pc->pic, &pc->io, err, errlen) ||
        pit_register(&pc->pit, &pc->io, err, errlen) ||
        dma_register(&pc->dma, &pc->io, err, errlen) ||
        kbc_register(&pc->kbc, &pc->io, err, errlen) ||
        cmos_register(&pc->cmos, &pc->io, err, errlen) ||
        sysports_register(&pc->sys, &pc->io, err, errlen) ||
        uart_register(&pc->com[0], &pc->io, "com1", 0x3F8, err, errlen) ||
        uart_register(&pc->com[1], &pc->io, "com2", 0x2F8, err, errlen) ||
        ata_register(&pc->ata[0], &pc->io, "ata0", 0x1F0, 0x3F6, err, errlen) ||
        ata_register(&pc->ata[1], &pc->io, "ata1", 0x170, 0x376, err, errlen) ||
        fdc_register(&pc->fdc, &pc->io, err, errlen) ||
        vga_register(&pc->vga, &pc->io, &pc->mem, err, errlen))
        goto fail;

    for (unsigned u = 0; u < 2; u++) {
        pc->fd[u].drive = cfg->fd[u];
        if (cfg->fd[u].ops &&
            fdc_attach(&pc->fdc, u, &pc_fdc_ops, &pc->fd[u], cfg->fd[u].bytes, 0, err, errlen))
            goto fail;
    }
    for (unsigned u = 0; u < 4; u++) {
        pc->hd[u].drive = cfg->hd[u];
        if (cfg->hd[u].ops) {
            uint64_t sectors = cfg->hd[u].bytes / 512;
            unsigned cy, hd, sp;
            if (cfg->hd[u].bytes % 512 || sectors == 0) {
                snprintf(err, errlen, "hard disk image of %llu bytes: not a whole number of 512-byte sectors",
                         (unsigned long long)cfg->hd[u].bytes);
                goto fail;
            }
            pc_hd_geometry(sectors, &cy, &hd, &sp);
            if (ata_attach(&pc->ata[u / 2], u % 2, &pc_ata_ops, &pc->hd[u], sectors, cy, hd, sp,
                           err, errlen))
                goto fail;
        }
    }
    pc_fill_cmos(pc);
    if (pc_map_roms(pc, err, errlen)) goto fail;

    struct cpu_config cc = { cfg->model, cfg->trace_max, 0, 0 };
    pc->cpu = cpu_create(&cc, &pc->mem, &pc->io, &pc->sched, err, errlen);
    if (!pc->cpu) goto fail;
    struct cpu_intc intc = { pic_ack_cb, &pc->pic };
    cpu_set_intc(pc->cpu, &intc);
    pc_cpu_reset(pc);
    return pc;
fail:
    pc_destroy(pc);
    return NULL;
}

void pc_destroy(struct pc *pc)
{
    if (!pc) return;
    if (pc->cpu) cpu_destroy(pc->cpu);
    mem_free(&pc->mem);
    free(pc->log);
    free(pc);
}

/* ---- running --------------------------------------------------------- */

enum pc_stop pc_run(struct pc *pc, uint64_t budget)
{
    uint64_t end = cpu_cycles(pc->cpu) + budget;
    for (;;) {
        if (pc->exit_pending) {
            pc->exit_pending = 0;
            return PC_STOP_EXIT;
        }
        if (pc->reset_pending) {
            pc->reset_pending = 0;
            pc_cpu_reset(pc);
        }
        uint64_t now = cpu_cycles(pc->cpu);
        if (now >= end) return PC_STOP_BUDGET;
        enum cpu_stop r = cpu_run(pc->cpu, end - now);
        switch (r) {
        case CPU_STOP_REQUEST:
            continue;
        case CPU_STOP_UNIMPL:
        case CPU_STOP_SHUTDOWN:
            snprintf(pc->msg, sizeof pc->msg, "%s", cpu_stop_message(pc->cpu));
            return r == CPU_STOP_UNIMPL ? PC_STOP_UNIMPL : PC_STOP_SHUTDOWN;
        case CPU_STOP_HALT:
        case CPU_STOP_BUDGET:
            if (pc->exit_pending || pc->reset_pending) continue;
            /* HLT with IF clear: only NMI or reset could wake it. */
            if (cpu_halted(pc->cpu) && !(cpu_get_reg(pc->cpu, REG_EFLAGS) & 0x200)) {
                snprintf(pc->msg, sizeof pc->msg, "halted with interrupts disabled at %04X:%04X",
                         (unsigned)cpu_get_reg(pc->cpu, REG_CS), (unsigned)cpu_get_reg(pc->cpu, REG_EIP));
                return PC_STOP_HALT;
            }
            if (r == CPU_STOP_HALT) return PC_STOP_HALT;
            return PC_STOP_BUDGET;
        }
    }
}

int pc_exit_status(const struct pc *pc) { return pc->exit_status; }
const char *pc_stop_message(const struct pc *pc) { return pc->msg; }
uint64_t pc_cycles(const struct pc *pc) { return cpu_cycles(pc->cpu); }
uint64_t pc_icount(const struct pc *pc) { return cpu_icount(pc->cpu); }
uint64_t pc_cpu_hz(const struct pc *pc) { return pc->cfg.cpu_hz; }
struct cpu *pc_cpu(struct pc *pc) { return pc->cpu; }

void pc_mem_read(struct pc *pc, uint32_t addr, uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) buf[i] = mem_read8(&pc->mem, addr + (uint32_t)i);
}

void pc_mem_write(struct pc *pc, uint32_t addr, const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) mem_write8(&pc->mem, addr + (uint32_t)i, buf[i]);
}

/* ---- input ----------------------------------------------------------- */

void pc_input(struct pc *pc, const struct pc_input *ev)
{
    if (pc->nlog == pc->caplog) {
        size_t cap = pc->caplog ? pc->caplog * 2 : 256;
        struct pc_input_rec *n = realloc(pc->log, cap * sizeof *n);
        if (n) {
            pc->log = n;
            pc->caplog = cap;
        }
    }
    if (pc->nlog < pc->caplog) {
        pc->log[pc->nlog].cycle = cpu_cycles(pc->cpu);
        pc->log[pc->nlog].ev = *ev;
        pc->nlog++;
    }
    switch (ev->kind) {
    case PC_IN_KEY:
        kbc_key(&pc->kbc, ev->key, ev->down);
        break;
    case PC_IN_MOUSE:
        kbc_mouse(&pc->kbc, ev->dx, ev->dy, ev->buttons);
        break;
    case PC_IN_SERIAL:
        if (ev->com == 0 || ev->com == 1) uart_rx_byte(&pc->com[ev->com], ev->byte);
        break;
    }
}

const struct pc_input_rec *pc_input_log(const struct pc *pc, size_t *count)
{
    *count = pc->nlog;
    return pc->log;
}

/* ---- display --------------------------------------------------------- */

void pc_render(struct pc *pc, uint32_t *pixels, unsigned *w, unsigned *h)
{
    vga_render(&pc->vga, pixels, w, h);
}

int pc_text_view(struct pc *pc, struct vga_text *out)
{
    return vga_text_view(&pc->vga, out);
}

/* ---- state hash ------------------------------------------------------ */

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

/* Fields are hashed as their bytes in host order: the hash compares runs on
 * one host, which is what the determinism tests need. */
static uint64_t hash_fields(uint64_t h, const void *obj, const struct dev_field *f, size_t n)
{
    for (size_t i = 0; i < n; i++) h = fnv(h, (const uint8_t *)obj + f[i].offset, f[i].size);
    return h;
}

uint64_t pc_state_hash(const struct pc *pc)
{
    uint64_t h = cpu_state_hash(pc->cpu);
    size_t n;
    unsigned v;
    const struct dev_field *f;
    f = pic_state_fields(&n, &v);
    h = hash_fields(h, &pc->pic, f, n);
    f = dma_state_fields(&n, &v);
    h = hash_fields(h, &pc->dma, f, n);
    f = fdc_state_fields(&n, &v);
    h = hash_fields(h, &pc->fdc, f, n);
    f = vga_state_fields(&n, &v);
    h = hash_fields(h, &pc->vga, f, n);
    h = hash_fields(h, &pc->pit, pit_fields, pit_nfields);
    h = hash_fields(h, &pc->cmos, cmos_fields, cmos_nfields);
    h = hash_fields(h, &pc->com[0], uart_fields, uart_nfields);
    h = hash_fields(h, &pc->com[1], uart_fields, uart_nfields);
    h = hash_fields(h, &pc->kbc, kbc_fields, kbc_nfields);
    h = hash_fields(h, &pc->ata[0], ata_fields, ata_nfields);
    h = hash_fields(h, &pc->ata[1], ata_fields, ata_nfields);
    h = hash_fields(h, &pc->sys, sysports_fields, sysports_nfields);
    h = fnv(h, &pc->a20_kbc, 1);
    h = fnv(h, &pc->a20_92, 1);
    return h;
}
