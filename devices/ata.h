/* ata.h - one ATA (IDE) channel with up to two hard disks, PIO only
 * (primary: command block 1F0h-1F7h, control 3F6h, IRQ14; secondary:
 * 170h-177h, 376h, IRQ15; the board chooses the ports and connects irq).
 *
 * The disks' sectors live behind struct ata_disk_ops, so the front end can
 * back a unit with an image file and the tests with a RAM buffer. Commands
 * complete at once (no seek or rotation timing): BSY is never seen set
 * except while SRST is held, and DRQ is up as soon as a command is written. */
#ifndef TICK86_ATA_H
#define TICK86_ATA_H
#include <stddef.h>
#include <stdint.h>
#include "devstate.h"
#include "ioport.h"

#define ATA_SECTOR 512
#define ATA_MAX_MULT 16               /* largest READ/WRITE MULTIPLE block (IDENTIFY word 47) */

/* Storage behind a unit. Each returns 0, or nonzero on a host I/O error
 * (the guest then sees ERR with ABRT). lba + nsect never exceeds the
 * unit's total_sectors. */
struct ata_disk_ops {
    int (*read)(void *opaque, uint64_t lba, uint8_t *buf, unsigned nsect);
    int (*write)(void *opaque, uint64_t lba, const uint8_t *buf, unsigned nsect);
};

struct ata_unit {
    /* guest-visible state */
    uint8_t present;
    uint8_t mult;                     /* SET MULTIPLE block size, 0 = multiple mode off */
    uint16_t cur_heads, cur_spt;      /* INITIALIZE DEVICE PARAMETERS translation */
    /* wiring, not state: set by ata_attach */
    const struct ata_disk_ops *ops;
    void *opaque;
    uint64_t total;                   /* sectors */
    uint16_t cyls, heads, spt;        /* default CHS geometry */
};

struct ata {
    uint8_t buf[ATA_MAX_MULT * ATA_SECTOR];  /* PIO data buffer, one sector or block */
    uint32_t buf_pos, buf_len;        /* bytes: next to move / in this DRQ block */
    uint32_t remaining;               /* sectors of the command not yet moved */
    uint64_t lba;                     /* first sector of the buffer's block */
    uint8_t cmd;                      /* command whose data phase is running, 0 = none */
    uint8_t error, features, nsect, sector, lcyl, hcyl, select;
    uint8_t status;
    uint8_t devctl;                   /* last device control write (nIEN, SRST) */
    uint8_t irq_pending;              /* INTRQ asserted by the device, before nIEN */
    struct ata_unit unit[2];
    /* wiring, not state */
    struct irq_line irq;
};

#define ATA_STATE_VERSION 1
extern const struct dev_field ata_fields[];
extern const size_t ata_nfields;

/* Both units absent; registers as after power-on. Connect irq before the
 * guest runs. */
void ata_init(struct ata *ch);
/* Attaches a disk as unit 0 (master) or 1 (slave). cyls 1..65535,
 * heads 1..16, spt 1..255, total_sectors 1..2^28 (LBA28).
 * Returns 0, or -1 with a reason. */
int ata_attach(struct ata *ch, unsigned unit, const struct ata_disk_ops *ops, void *opaque,
               uint64_t total_sectors, unsigned cyls, unsigned heads, unsigned spt,
               char *err, size_t errlen);
/* Hardware reset (RESET- on the cable): as a soft reset, and nIEN cleared. */
void ata_reset(struct ata *ch);
/* Registers base..base+7 and ctrl (one port; ctrl+1 is the floppy's DIR)
 * under name (kept by pointer). */
int ata_register(struct ata *ch, struct io_bus *bus, const char *name, uint16_t base,
                 uint16_t ctrl, char *err, size_t errlen);
#endif
