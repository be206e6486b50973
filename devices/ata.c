/* ata.c - an ATA (IDE) channel with up to two hard disks, PIO only.
 *
 * Follows ANSI X3.221-1994 (ATA-1) and X3.279-1996 (ATA-2): section 7
 * (register descriptions: task file, status bits, device control nIEN and
 * SRST), section 8 (commands: 10h-1Fh RECALIBRATE, 20h/21h READ SECTORS,
 * 30h/31h WRITE SECTORS, 40h/41h READ VERIFY, 70h-7Fh SEEK, 90h EXECUTE
 * DEVICE DIAGNOSTIC, 91h INITIALIZE DEVICE PARAMETERS, C4h/C5h READ/WRITE
 * MULTIPLE, C6h SET MULTIPLE MODE, ECh IDENTIFY DEVICE, EFh SET FEATURES),
 * section 9 (PIO data-in / data-out protocols: INTRQ per DRQ block on
 * reads, after each block and at completion on writes) and 9.2 (the reset
 * signature).
 *
 * Simplifications: commands complete at once, with no seek, rotation or
 * transfer timing, so BSY reads 1 only while SRST is held and no software
 * can tell. Both units latch every task-file write, as on the cable; the
 * registers are kept once per channel. An absent unit that is selected
 * answers 00h for status (as the ATA-2 note on a lone master describes)
 * and ignores commands. Out-of-range addresses end with ABRT (not IDNF)
 * and host I/O errors likewise. An 8-bit access to the data port moves a
 * whole word and gives its low byte; a 32-bit one moves two words. */
#include "ata.h"

#include <stdio.h>
#include <string.h>

enum {
    ST_ERR = 0x01, ST_DRQ = 0x08, ST_DSC = 0x10, ST_DF = 0x20, ST_DRDY = 0x40, ST_BSY = 0x80,
    ER_ABRT = 0x04,
    DC_NIEN = 0x02, DC_SRST = 0x04,
    SEL_DEV = 0x10, SEL_LBA = 0x40,
};

#define F(m) DEV_FIELD(struct ata, m)
const struct dev_field ata_fields[] = {
    F(buf), F(buf_pos), F(buf_len), F(remaining), F(lba), F(cmd), F(error), F(features),
    F(nsect), F(sector), F(lcyl), F(hcyl), F(select), F(status), F(devctl), F(irq_pending),
    F(unit[0].present), F(unit[0].mult), F(unit[0].cur_heads), F(unit[0].cur_spt),
    F(unit[1].present), F(unit[1].mult), F(unit[1].cur_heads), F(unit[1].cur_spt),
};
const size_t ata_nfields = DEV_NFIELDS(ata_fields);
#undef F

static struct ata_unit *ata_cur(struct ata *ch)
{
    return &ch->unit[(ch->select & SEL_DEV) ? 1 : 0];
}

/* INTRQ follows the pending flag gated by nIEN (ATA-1 7.2.8). */
static void ata_update_irq(struct ata *ch)
{
    irq_set(&ch->irq, ch->irq_pending && !(ch->devctl & DC_NIEN));
}

static void ata_raise(struct ata *ch)
{
    ch->irq_pending = 1;
    ata_update_irq(ch);
}

static void ata_end(struct ata *ch, int irq)
{
    ch->cmd = 0;
    ch->buf_pos = ch->buf_len = 0;
    ch->remaining = 0;
    ch->status = ST_DRDY | ST_DSC;
    if (irq)
        ata_raise(ch);
}

static void ata_abort(struct ata *ch)
{
    ata_end(ch, 1);
    ch->error = ER_ABRT;
    ch->status |= ST_ERR;
}

static void ata_default_params(struct ata_unit *u)
{
    u->mult = 0;
    u->cur_heads = u->heads;
    u->cur_spt = u->spt;
}

/* The signature every ATA device leaves after a reset or diagnostic
 * (ATA-2 9.1): count 1, sector 1, cylinder 0, drive/head 0. */
static void ata_signature(struct ata *ch)
{
    ch->nsect = 1;
    ch->sector = 1;
    ch->lcyl = ch->hcyl = 0;
    ch->select = 0;
    ch->error = 0x01;                 /* diagnostic code: device 0 passed */
    ch->cmd = 0;
    ch->buf_pos = ch->buf_len = 0;
    ch->remaining = 0;
    ch->status = ST_DRDY | ST_DSC;
}

static void ata_soft_reset(struct ata *ch)
{
    ata_signature(ch);
    ata_default_params(&ch->unit[0]);
    ata_default_params(&ch->unit[1]);
    ch->irq_pending = 0;
    ata_update_irq(ch);
}

/* ---- addressing --------------------------------------------------------- */

/* The starting sector named by the task file, or -1 if CHS names a sector
 * outside the current translation. */
static int64_t ata_get_lba(struct ata *ch)
{
    struct ata_unit *u = ata_cur(ch);
    unsigned cyl = (unsigned)ch->hcyl << 8 | ch->lcyl, head = ch->select & 0x0F;

    if (ch->select & SEL_LBA)
        return (int64_t)((uint32_t)head << 24 | (uint32_t)cyl << 8 | ch->sector);
    if (u->cur_spt == 0 || ch->sector == 0 || ch->sector > u->cur_spt || head >= u->cur_heads)
        return -1;
    return ((int64_t)cyl * u->cur_heads + head) * u->cur_spt + ch->sector - 1;
}

/* Writes lba back into the task file in the addressing mode in use, so the
 * guest sees where a command stopped (ATA-1 7.2: the registers hold the
 * address of the last sector transferred). */
static void ata_set_lba(struct ata *ch, uint64_t lba)
{
    struct ata_unit *u = ata_cur(ch);

    if (ch->select & SEL_LBA) {
        ch->sector = (uint8_t)lba;
        ch->lcyl = (uint8_t)(lba >> 8);
        ch->hcyl = (uint8_t)(lba >> 16);
        ch->select = (uint8_t)((ch->select & 0xF0) | ((lba >> 24) & 0x0F));
    } else {
        uint64_t track = lba / u->cur_spt, cyl = track / u->cur_heads;
        ch->sector = (uint8_t)(lba % u->cur_spt + 1);
        ch->lcyl = (uint8_t)cyl;
        ch->hcyl = (uint8_t)(cyl >> 8);
        ch->select = (uint8_t)((ch->select & 0xF0) | (track % u->cur_heads));
    }
}

/* Checks the command's range [lba, lba + n) and returns its start, or -1. */
static int64_t ata_range(struct ata *ch, unsigned n)
{
    int64_t lba = ata_get_lba(ch);

    if (lba < 0 || (uint64_t)lba + n > ata_cur(ch)->total)
        return -1;
    return lba;
}

static unsigned ata_count(const struct ata *ch)
{
    return ch->nsect ? ch->nsect : 256;
}

/* ---- IDENTIFY DEVICE ---------------------------------------------------- */

/* ATA strings hold two characters per word, first in the high byte. */
static void ata_put_string(uint8_t *buf, unsigned word, unsigned words, const char *s)
{
    size_t len = strlen(s);

    for (unsigned i = 0; i < words * 2; i++) {
        char c = i < len ? s[i] : ' ';
        buf[word * 2 + (i ^ 1)] = (uint8_t)c;
    }
}

static void ata_put_word(uint8_t *buf, unsigned word, unsigned v)
{
    buf[word * 2] = (uint8_t)v;
    buf[word * 2 + 1] = (uint8_t)(v >> 8);
}

static void ata_identify(struct ata *ch, struct ata_unit *u, unsigned unit)
{
    uint8_t *b = ch->buf;
    uint64_t cur_cap = (uint64_t)u->cur_heads * u->cur_spt;

    memset(b, 0, ATA_SECTOR);
    ata_put_word(b, 0, 0x0040);                        /* fixed disk */
    ata_put_word(b, 1, u->cyls);
    ata_put_word(b, 3, u->heads);
    ata_put_word(b, 4, ATA_SECTOR * u->spt);           /* obsolete in ATA-2, kept for old drivers */
    ata_put_word(b, 5, ATA_SECTOR);
    ata_put_word(b, 6, u->spt);
    ata_put_string(b, 10, 10, unit ? "TICK86-0001" : "TICK86-0000");
    ata_put_word(b, 20, 3);                            /* dual-ported buffer with cache */
    ata_put_word(b, 21, ATA_MAX_MULT);                 /* buffer size in sectors */
    ata_put_string(b, 23, 4, "1.0");
    ata_put_string(b, 27, 20, "TICK86 HARDDISK");
    ata_put_word(b, 47, 0x8000 | ATA_MAX_MULT);
    ata_put_word(b, 49, 0x0200);                       /* LBA supported */
    ata_put_word(b, 51, 0x0200);                       /* PIO timing mode 2 */
    ata_put_word(b, 53, 0x0003);                       /* words 54-58 and 64-70 valid */
    if (cur_cap) {
        /* Current cylinders: as many as the disk holds under the current
         * translation, capped at 65535; the capacity is what they cover. */
        uint64_t cyls = u->total / cur_cap;
        if (cyls > 65535)
            cyls = 65535;
        cur_cap *= cyls;
        ata_put_word(b, 54, (unsigned)cyls);
        ata_put_word(b, 55, u->cur_heads);
        ata_put_word(b, 56, u->cur_spt);
        ata_put_word(b, 57, (unsigned)(cur_cap & 0xFFFF));
        ata_put_word(b, 58, (unsigned)(cur_cap >> 16));
    } else {
        ata_put_word(b, 53, 0x0002);                   /* no valid current translation */
    }
    ata_put_word(b, 59, u->mult ? 0x0100 | u->mult : 0);
    ata_put_word(b, 60, (unsigned)(u->total & 0xFFFF));
    ata_put_word(b, 61, (unsigned)(u->total >> 16));
    ata_put_word(b, 64, 0x0003);                       /* advanced PIO modes 3 and 4 */
    ata_put_word(b, 65, 120);
    ata_put_word(b, 66, 120);
    ata_put_word(b, 67, 120);
    ata_put_word(b, 68, 120);
}

/* ---- data phases -------------------------------------------------------- */

/* Sectors in the next DRQ block: one, or the multiple block size. */
static unsigned ata_block(struct ata *ch)
{
    unsigned n = 1;

    if (ch->cmd == 0xC4 || ch->cmd == 0xC5)
        n = ata_cur(ch)->mult;
    return n < ch->remaining ? n : ch->remaining;
}

/* Reads the next block into the buffer and raises DRQ with an interrupt
 * (PIO data-in: one INTRQ per block, before the host moves it). */
static void ata_read_block(struct ata *ch)
{
    struct ata_unit *u = ata_cur(ch);
    unsigned n = ata_block(ch);

    if (u->ops->read(u->opaque, ch->lba, ch->buf, n)) {
        ata_abort(ch);
        return;
    }
    ata_set_lba(ch, ch->lba + n - 1);
    ch->buf_pos = 0;
    ch->buf_len = n * ATA_SECTOR;
    ch->status = ST_DRDY | ST_DSC | ST_DRQ;
    ata_raise(ch);
}

/* Opens the buffer for the next block the host writes (PIO data-out). */
static void ata_write_ready(struct ata *ch, int irq)
{
    ch->buf_pos = 0;
    ch->buf_len = ata_block(ch) * ATA_SECTOR;
    ch->status = ST_DRDY | ST_DSC | ST_DRQ;
    if (irq)
        ata_raise(ch);
}

/* The host has moved the whole buffer. */
static void ata_block_done(struct ata *ch)
{
    struct ata_unit *u = ata_cur(ch);
    unsigned n = ch->buf_len / ATA_SECTOR;

    if (ch->cmd == 0x30 || ch->cmd == 0xC5) {
        if (u->ops->write(u->opaque, ch->lba, ch->buf, n)) {
            ata_abort(ch);
            return;
        }
        ata_set_lba(ch, ch->lba + n - 1);
    }
    if (ch->cmd == 0xEC) {
        ata_end(ch, 0);
        return;
    }
    ch->lba += n;
    ch->remaining -= n;
    ch->nsect = (uint8_t)ch->remaining;
    if (ch->remaining == 0) {
        /* Data-in ends silently after the last block; data-out interrupts
         * once the last block is written. */
        ata_end(ch, ch->cmd == 0x30 || ch->cmd == 0xC5);
        return;
    }
    if (ch->cmd == 0x20 || ch->cmd == 0xC4)
        ata_read_block(ch);
    else
        ata_write_ready(ch, 1);
}

static uint16_t ata_data_read(struct ata *ch)
{
    uint16_t v;

    if (!(ch->status & ST_DRQ) || ch->cmd == 0x30 || ch->cmd == 0xC5)
        return 0xFFFF;
    v = (uint16_t)(ch->buf[ch->buf_pos] | ch->buf[ch->buf_pos + 1] << 8);
    ch->buf_pos += 2;
    if (ch->buf_pos >= ch->buf_len)
        ata_block_done(ch);
    return v;
}

static void ata_data_write(struct ata *ch, uint16_t v)
{
    if (!(ch->status & ST_DRQ) || !(ch->cmd == 0x30 || ch->cmd == 0xC5))
        return;
    ch->buf[ch->buf_pos] = (uint8_t)v;
    ch->buf[ch->buf_pos + 1] = (uint8_t)(v >> 8);
    ch->buf_pos += 2;
    if (ch->buf_pos >= ch->buf_len)
        ata_block_done(ch);
}

/* ---- commands ----------------------------------------------------------- */

static void ata_command(struct ata *ch, uint8_t cmd)
{
    struct ata_unit *u = ata_cur(ch);
    int64_t lba;

    if (cmd == 0x90) {
        /* EXECUTE DEVICE DIAGNOSTIC goes to both units whichever is
         * selected; device 0 reports for the pair. */
        ata_signature(ch);
        ata_raise(ch);
        return;
    }
    if (!u->present || (ch->status & ST_BSY))
        return;
    ch->error = 0;
    ch->irq_pending = 0;
    ata_update_irq(ch);
    if ((cmd & 0xF0) == 0x10) {                        /* RECALIBRATE */
        ch->lcyl = ch->hcyl = 0;
        ata_end(ch, 1);
        return;
    }
    if ((cmd & 0xF0) == 0x70) {                        /* SEEK */
        if (ata_range(ch, 1) < 0)
            ata_abort(ch);
        else
            ata_end(ch, 1);
        return;
    }
    switch (cmd) {
    case 0x20: case 0x21:                              /* READ SECTORS (w/ and w/o retry) */
    case 0xC4:                                         /* READ MULTIPLE */
    case 0x30: case 0x31:                              /* WRITE SECTORS */
    case 0xC5:                                         /* WRITE MULTIPLE */
        if ((cmd == 0xC4 || cmd == 0xC5) && u->mult == 0)
            break;
        lba = ata_range(ch, ata_count(ch));
        if (lba < 0)
            break;
        ch->cmd = cmd == 0x21 ? 0x20 : cmd == 0x31 ? 0x30 : cmd;
        ch->lba = (uint64_t)lba;
        ch->remaining = ata_count(ch);
        if (ch->cmd == 0x20 || ch->cmd == 0xC4)
            ata_read_block(ch);
        else
            ata_write_ready(ch, 0);                    /* the first block needs no INTRQ */
        return;
    case 0x40: case 0x41: {                            /* READ VERIFY SECTORS */
        unsigned n = ata_count(ch);
        lba = ata_range(ch, n);
        if (lba < 0)
            break;
        for (unsigned i = 0; i < n; i++)
            if (u->ops->read(u->opaque, (uint64_t)lba + i, ch->buf, 1)) {
                ata_set_lba(ch, (uint64_t)lba + i);
                ata_abort(ch);
                return;
            }
        ata_set_lba(ch, (uint64_t)lba + n - 1);
        ch->nsect = 0;
        ata_end(ch, 1);
        return;
    }
    case 0x91:                                         /* INITIALIZE DEVICE PARAMETERS */
        u->cur_heads = (uint16_t)((ch->select & 0x0F) + 1);
        u->cur_spt = ch->nsect;
        /* A translation that cannot be addressed leaves CHS commands to
         * abort (ATA-2 8.16); LBA still works. */
        ata_end(ch, 1);
        return;
    case 0xC6: {                                       /* SET MULTIPLE MODE */
        unsigned n = ch->nsect;
        if (n > ATA_MAX_MULT || (n & (n - 1)))
            break;
        u->mult = (uint8_t)n;
        ata_end(ch, 1);
        return;
    }
    case 0xEC:                                         /* IDENTIFY DEVICE */
        ata_identify(ch, u, (ch->select & SEL_DEV) ? 1 : 0);
        ch->cmd = 0xEC;
        ch->remaining = 1;
        ch->buf_pos = 0;
        ch->buf_len = ATA_SECTOR;
        ch->status = ST_DRDY | ST_DSC | ST_DRQ;
        ata_raise(ch);
        return;
    case 0xEF:                                         /* SET FEATURES */
        /* Only "set transfer mode": PIO default (00h/01h) or flow-control
         * PIO modes 0-4 (08h-0Ch); timing is not modelled. */
        if (ch->features == 0x03 && (ch->nsect <= 0x01 || (ch->nsect >= 0x08 &&
                                                            ch->nsect <= 0x0C))) {
            ata_end(ch, 1);
            return;
        }
        break;
    default:
        break;
    }
    ata_abort(ch);
}

/* ---- port handlers ------------------------------------------------------ */

static uint8_t ata_status(struct ata *ch)
{
    if (!ata_cur(ch)->present)
        return 0x00;
    return ch->status;
}

static uint8_t ata_read_reg(struct ata *ch, unsigned reg)
{
    switch (reg) {
    case 1: return ch->error;
    case 2: return ch->nsect;
    case 3: return ch->sector;
    case 4: return ch->lcyl;
    case 5: return ch->hcyl;
    case 6: return (uint8_t)(ch->select | 0xA0);      /* bits 7 and 5 read as 1 (obsolete) */
    default:
        /* Reading status acknowledges the interrupt (ATA-1 7.2.13). */
        ch->irq_pending = 0;
        ata_update_irq(ch);
        return ata_status(ch);
    }
}

static void ata_write_reg(struct ata *ch, unsigned reg, uint8_t v)
{
    if (ch->status & ST_BSY)                           /* held in SRST: writes are ignored */
        return;
    switch (reg) {
    case 1: ch->features = v; break;
    case 2: ch->nsect = v; break;
    case 3: ch->sector = v; break;
    case 4: ch->lcyl = v; break;
    case 5: ch->hcyl = v; break;
    case 6: ch->select = v & 0x5F; break;
    case 7: ata_command(ch, v); break;
    default: break;
    }
}

static uint32_t ata_io_read(void *opaque, uint16_t port, unsigned width)
{
    struct ata *ch = opaque;
    unsigned reg = port & 7;
    uint32_t v = 0;

    /* No device on the cable: nothing drives the data lines, and the ISA
     * bus reads its pull-ups (all ones). BIOSes detect an empty channel
     * this way: the task file does not hold what they wrote to it. */
    if (!ch->unit[0].present && !ch->unit[1].present)
        return width == 4 ? 0xFFFFFFFFu : width == 2 ? 0xFFFFu : 0xFFu;
    if (reg == 0) {
        v = ata_data_read(ch);
        if (width == 4)
            v |= (uint32_t)ata_data_read(ch) << 16;
        return v;
    }
    /* Byte registers read as bytes, low port first, as the bus would. */
    for (unsigned i = 0; i < width && reg + i < 8; i++)
        v |= (uint32_t)ata_read_reg(ch, reg + i) << (8 * i);
    return v;
}

static void ata_io_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct ata *ch = opaque;
    unsigned reg = port & 7;

    if (reg == 0) {
        ata_data_write(ch, (uint16_t)val);
        if (width == 4)
            ata_data_write(ch, (uint16_t)(val >> 16));
        return;
    }
    for (unsigned i = 0; i < width && reg + i < 8; i++)
        ata_write_reg(ch, reg + i, (uint8_t)(val >> (8 * i)));
}

static uint32_t ata_ctrl_read(void *opaque, uint16_t port, unsigned width)
{
    struct ata *ch = opaque;
    (void)port;
    (void)width;
    if (!ch->unit[0].present && !ch->unit[1].present) return 0xFF;   /* empty cable */
    /* Alternate status: the same bits, without acknowledging INTRQ. */
    return ata_status(opaque);
}

static void ata_ctrl_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct ata *ch = opaque;

    (void)port;
    (void)width;
    if (val & DC_SRST) {
        /* Both units stay busy while SRST is held; the reset finishes on
         * the write that clears it (ATA-1 9.2, no interrupt). */
        ch->status = ST_BSY;
        ch->cmd = 0;
    } else if (ch->devctl & DC_SRST) {
        ata_soft_reset(ch);
    }
    ch->devctl = (uint8_t)(val & (DC_NIEN | DC_SRST));
    ata_update_irq(ch);
}

/* ---- setup -------------------------------------------------------------- */

void ata_init(struct ata *ch)
{
    memset(ch, 0, sizeof *ch);
    irq_connect(&ch->irq, NULL, NULL, 14);
    ata_signature(ch);
}

void ata_reset(struct ata *ch)
{
    ch->devctl = 0;
    ata_soft_reset(ch);
}

int ata_attach(struct ata *ch, unsigned unit, const struct ata_disk_ops *ops, void *opaque,
               uint64_t total_sectors, unsigned cyls, unsigned heads, unsigned spt,
               char *err, size_t errlen)
{
    struct ata_unit *u;

    if (unit > 1 || !ops || !ops->read || !ops->write) {
        snprintf(err, errlen, "ata: bad unit %u or missing disk ops", unit);
        return -1;
    }
    if (total_sectors == 0 || total_sectors > (1u << 28) || cyls == 0 || cyls > 65535 ||
        heads == 0 || heads > 16 || spt == 0 || spt > 255) {
        snprintf(err, errlen, "ata: unit %u geometry %u/%u/%u, %llu sectors out of range",
                 unit, cyls, heads, spt, (unsigned long long)total_sectors);
        return -1;
    }
    u = &ch->unit[unit];
    u->present = 1;
    u->ops = ops;
    u->opaque = opaque;
    u->total = total_sectors;
    u->cyls = (uint16_t)cyls;
    u->heads = (uint16_t)heads;
    u->spt = (uint16_t)spt;
    ata_default_params(u);
    return 0;
}

int ata_register(struct ata *ch, struct io_bus *bus, const char *name, uint16_t base,
                 uint16_t ctrl, char *err, size_t errlen)
{
    /* All widths on the command block: the data port takes 16 and 32 bits
     * and the handler splits byte registers itself, so the bus never turns
     * a 32-bit data access into one at base+2. */
    if (io_register(bus, name, base, 8, IO_W8 | IO_W16 | IO_W32, ata_io_read, ata_io_write,
                    ch, err, errlen))
        return -1;
    return io_register(bus, name, ctrl, 1, IO_W8, ata_ctrl_read, ata_ctrl_write, ch,
                       err, errlen);
}
