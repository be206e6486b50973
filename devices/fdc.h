/* fdc.h - the Intel 82077AA floppy disk controller in PC/AT mode, with up
 * to two 3.5"/5.25" drives (ports 3F0h-3F5h and 3F7h, IRQ6, DMA channel 2;
 * the board connects irq and hands over the DMA pair). Port 3F6h belongs
 * to the ATA channel.
 *
 * A medium is an image of a known size (160K/180K/320K/360K 5.25",
 * 720K, 1.2M, 1.44M, 2.88M) behind struct fdc_disk_ops; its geometry, the
 * data rate it needs and the CMOS drive type follow from the size. Seeks
 * and data transfers end at absolute cycle deadlines on the scheduler,
 * computed from the SPECIFY step rate and the data rate (DESIGN.md, "Time");
 * data moves through DMA channel 2 with dma_transfer, or through the FIFO
 * port in non-DMA mode. */
#ifndef TICK86_FDC_H
#define TICK86_FDC_H
#include <stddef.h>
#include <stdint.h>
#include "devstate.h"
#include "ioport.h"
#include "sched.h"

struct dma;

#define FDC_SECTOR 512
#define FDC_DRIVES 2                 /* drives wired to the cable (DS0, DS1) */

/* Storage behind a medium. Each returns 0, or nonzero on a host I/O error
 * (the guest sees a data error or an equipment check). lba + nsect never
 * exceeds the image. */
struct fdc_disk_ops {
    int (*read)(void *opaque, uint64_t lba, uint8_t *buf, unsigned nsect);
    int (*write)(void *opaque, uint64_t lba, const uint8_t *buf, unsigned nsect);
};

/* One drive mechanism and the medium in it. */
struct fdc_unit {
    /* guest-visible state */
    uint8_t cyl;                     /* where the head really is (not the FDC's PCN) */
    uint8_t changed;                 /* the DSKCHG line is active */
    /* wiring, not state: set by fdc_attach */
    const struct fdc_disk_ops *ops;  /* NULL: no medium */
    void *opaque;
    uint8_t readonly;
    uint8_t format;                  /* index into the format table, valid with ops */
    uint8_t cyls, heads, spt;
};

/* Phases of the command protocol (datasheet "Command/Result Phases"). */
enum { FDC_IDLE, FDC_COMMAND, FDC_EXEC, FDC_RESULT };

struct fdc {
    /* registers */
    uint8_t dor;                     /* digital output register */
    uint8_t tdr;                     /* tape drive register, bits 1-0 */
    uint8_t dsr;                     /* DSR bits 6-2 as last written (precomp, power down) */
    uint8_t rate;                    /* DRATE SEL from DSR or CCR: 0 500K, 1 300K, 2 250K, 3 1M */
    uint8_t pcn[4];                  /* present cylinder numbers */
    uint8_t spec1, spec2;            /* SPECIFY bytes: SRT<<4|HUT, HLT<<1|ND */
    uint8_t eot;                     /* last EOT/SC (DUMPREG byte 7) */
    uint8_t perp;                    /* PERPENDICULAR MODE: D3-D0 << 2 | GAP << 1 | WGATE */
    uint8_t config;                  /* CONFIGURE byte 2: EIS, EFIFO, POLL, FIFOTHR */
    uint8_t pretrk;
    uint8_t lock;
    /* command protocol */
    uint8_t phase;                   /* FDC_IDLE ... */
    uint8_t cmd[9];
    uint8_t cmd_len, cmd_pos;
    uint8_t res[10];
    uint8_t res_len, res_pos;
    /* interrupts */
    uint8_t int_result;              /* INT from a result phase, cleared by reading it */
    uint8_t int_sense;               /* INT from a seek/recalibrate/reset, cleared by SIS */
    uint8_t sense_pending;           /* bit d: drive d has status for SENSE INTERRUPT STATUS */
    uint8_t sense_st0[4];
    /* seeks in progress (overlapped, one per drive) */
    uint8_t seek_busy;               /* MSR bits 3-0 */
    uint8_t seek_target[4];          /* PCN at the end of the seek */
    uint8_t seek_cyl[4];             /* physical cylinder at the end */
    uint8_t seek_st0[4];
    uint64_t seek_at[4];             /* deadlines */
    uint64_t poll_at;                /* end of the post-reset drive polling, or SCHED_NEVER */
    /* the execution phase of a data command */
    uint8_t x_state;
    uint8_t x_drive, x_head;         /* drive and physical head (HDS) */
    uint8_t x_c, x_h, x_r, x_n;      /* ID registers */
    uint8_t x_st0, x_st1, x_st2;
    uint8_t x_count;                 /* FORMAT: IDs taken; VERIFY EC=1: sectors left */
    uint8_t x_pio;                   /* non-DMA: the host moves the bytes */
    uint8_t x_req;                   /* non-DMA: RQM up for the execution phase */
    uint16_t x_pos, x_len;           /* bytes of buf moved / expected */
    uint64_t x_at;                   /* next execution event, or SCHED_NEVER */
    uint8_t buf[FDC_SECTOR];
    struct fdc_unit unit[FDC_DRIVES];
    /* wiring, not state */
    struct dma *dma;
    uint64_t cpu_hz;
    uint64_t (*now)(void *opaque);
    void *now_opaque;
    struct sched *sched;
    int timer;
    struct irq_line irq;             /* IRQ6 on the board */
};

#define FDC_STATE_VERSION 1

/* cpu_hz must be between 1 and 2^40. dma may be NULL (every DMA transfer
 * then overruns). Both drives start empty; the chip as after fdc_reset.
 * Connect irq before the guest runs. Returns 0, or -1 with a reason. */
int fdc_init(struct fdc *f, struct dma *dma, uint64_t cpu_hz, uint64_t (*now)(void *),
             void *now_opaque, struct sched *s, char *err, size_t errlen);
/* Hardware reset (the RESET pin): DOR 0Ch, 250 kbps, unlocked, no
 * command; the drives keep their heads and media. */
void fdc_reset(struct fdc *f);
/* Registers "fdc" 3F0h-3F5h and "fdc-dir" 3F7h (byte-wide). */
int fdc_register(struct fdc *f, struct io_bus *bus, char *err, size_t errlen);
/* Inserts a medium in drive 0/1; bytes = image size (one of the known
 * formats); readonly nonzero for write-protected media. The drive's
 * disk-change line goes active. Returns 0 or -1 with err. */
int fdc_attach(struct fdc *f, unsigned drive, const struct fdc_disk_ops *ops, void *opaque,
               uint64_t bytes, int readonly, char *err, size_t errlen);
/* CMOS register 10h nibble for the drive type that fits the attached medium
 * (1 360K, 2 1.2M, 3 720K, 4 1.44M, 5 2.88M), 0 if none. */
unsigned fdc_cmos_type(const struct fdc *f, unsigned drive);
/* Geometry of the medium (for the board/BIOS tables): returns 0 if none. */
int fdc_geometry(const struct fdc *f, unsigned drive, unsigned *cyls, unsigned *heads,
                 unsigned *spt);
/* The state declaration: fields of struct fdc, count and version. */
const struct dev_field *fdc_state_fields(size_t *count, unsigned *version);
#endif
