/* dma.c - the PC/AT pair of Intel 8237A DMA controllers and page registers.
 *
 * Follows the Intel 8237A datasheet (order no. 231466): "Register
 * Description" (Current/Base Address and Word Count registers, Command,
 * Mode, Request, Mask, Status and Temporary registers), "Software
 * Commands" (Clear First/Last Flip-Flop, Master Clear, Clear Mask
 * Register), Table 2 "Internal Registers" / Table 3 "Word Count and Address
 * Register Command Codes", "Transfer Types" (read, write, verify),
 * "Autoinitialize" and "Address Generation". Wiring (port map, DMA2 word
 * addressing with A0 undecoded, cascade of DMA1 into channel 4, page
 * register ports) is that of the IBM PC/AT Technical Reference, "System
 * Board - DMA Controller".
 *
 * Not modelled: memory-to-memory transfers (command bit 0; channels 0/1 on
 * DMA1 only, never used on a PC because channel 0 was DRAM refresh on the
 * PC/XT and the AT's cascade makes it unusable), hence the temporary
 * register only ever reads its cleared value; the cycle timing of demand,
 * single and block mode; software requests (request register) starting a
 * transfer by themselves, since no device answers the DACK — they are
 * shown in the status register and cleared at TC, as the datasheet says.
 * Command bits 3-7 (timing, priority, DREQ/DACK sense) select board
 * wiring and are stored only. */
#include "dma.h"

#include "devstate.h"
#include "ioport.h"
#include "memmap.h"

#define DMA_STATE_VERSION 1u

#define CMD_DISABLE 0x04              /* command bit 2: controller disable */
#define MODE_XFER   0x0C              /* transfer type field */
#define MODE_KIND   0xC0              /* demand/single/block/cascade field */

/* Page register (index from 81h) for channels 0-7; -1 for channel 4, which
 * is the cascade and has no page register. */
static const int8_t page_index[8] = { 6, 2, 0, 1, -1, 10, 8, 9 };

static void ctrl_master_clear(struct dma_ctrl *c)
{
    /* Datasheet "Master Clear": clears Command, Status, Request, Temporary
     * and the flip-flop and sets the Mask register; addresses, counts and
     * modes keep their values. */
    c->command = 0;
    c->tc = 0;
    c->request = 0;
    c->temp = 0;
    c->flipflop = 0;
    c->mask = 0x0F;
}

void dma_init(struct dma *d, struct memmap *mem)
{
    unsigned i, k;

    for (i = 0; i < 2; i++) {
        for (k = 0; k < 4; k++) {
            struct dma_chan *ch = &d->ctl[i].chan[k];
            ch->base_addr = ch->base_count = ch->cur_addr = ch->cur_count = 0;
            ch->mode = 0;
        }
        d->ctl[i].dreq = 0;
        ctrl_master_clear(&d->ctl[i]);
    }
    for (i = 0; i < sizeof d->page; i++)
        d->page[i] = 0;
    d->mem = mem;
}

/* Registers 0-7: address (even) and count (odd) of channel reg/2 through
 * the byte pointer flip-flop. A write loads base and current together
 * (Table 3); a read returns the current register. */
static uint8_t ctrl_read(struct dma_ctrl *c, unsigned reg)
{
    if (reg < 8) {
        const struct dma_chan *ch = &c->chan[reg >> 1];
        uint16_t v = (reg & 1) ? ch->cur_count : ch->cur_addr;
        unsigned hi = c->flipflop;
        c->flipflop ^= 1;
        return (uint8_t)(hi ? v >> 8 : v);
    }
    switch (reg) {
    case 8: {                             /* status: reading clears the TC bits */
        uint8_t s = (uint8_t)(c->tc | (uint8_t)((c->request | c->dreq) << 4));
        c->tc = 0;
        return s;
    }
    case 13:
        return c->temp;
    default:                              /* write-only registers: undriven bus */
        return 0xFF;
    }
}

static void ctrl_write(struct dma_ctrl *c, unsigned reg, uint8_t v)
{
    if (reg < 8) {
        struct dma_chan *ch = &c->chan[reg >> 1];
        uint16_t *base = (reg & 1) ? &ch->base_count : &ch->base_addr;
        uint16_t *cur = (reg & 1) ? &ch->cur_count : &ch->cur_addr;
        if (c->flipflop)
            *base = (uint16_t)((*base & 0x00FF) | (unsigned)v << 8);
        else
            *base = (uint16_t)((*base & 0xFF00) | v);
        *cur = *base;
        c->flipflop ^= 1;
        return;
    }
    switch (reg) {
    case 8:  c->command = v; break;
    case 9:                               /* request: bit 2 set/reset, bits 1-0 channel */
        if (v & 4) c->request |= (uint8_t)(1u << (v & 3));
        else c->request &= (uint8_t)~(1u << (v & 3));
        break;
    case 10:                              /* single mask bit */
        if (v & 4) c->mask |= (uint8_t)(1u << (v & 3));
        else c->mask &= (uint8_t)~(1u << (v & 3));
        break;
    case 11: c->chan[v & 3].mode = v; break;
    case 12: c->flipflop = 0; break;
    case 13: ctrl_master_clear(c); break;
    case 14: c->mask = 0; break;
    case 15: c->mask = v & 0x0F; break;
    }
}

static uint32_t dma1_io_read(void *opaque, uint16_t port, unsigned width)
{
    struct dma *d = opaque;
    (void)width;
    return ctrl_read(&d->ctl[0], port & 0x0F);
}

static void dma1_io_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct dma *d = opaque;
    (void)width;
    ctrl_write(&d->ctl[0], port & 0x0F, (uint8_t)val);
}

static uint32_t dma2_io_read(void *opaque, uint16_t port, unsigned width)
{
    struct dma *d = opaque;
    (void)width;
    return ctrl_read(&d->ctl[1], (unsigned)(port - 0xC0) >> 1);
}

static void dma2_io_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct dma *d = opaque;
    (void)width;
    ctrl_write(&d->ctl[1], (unsigned)(port - 0xC0) >> 1, (uint8_t)val);
}

static uint32_t page_io_read(void *opaque, uint16_t port, unsigned width)
{
    struct dma *d = opaque;
    (void)width;
    return d->page[port - 0x81];
}

static void page_io_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct dma *d = opaque;
    (void)width;
    d->page[port - 0x81] = (uint8_t)val;
}

int dma_register(struct dma *d, struct io_bus *bus, char *err, size_t errlen)
{
    if (io_register(bus, "dma1", 0x00, 16, IO_W8, dma1_io_read, dma1_io_write, d, err, errlen))
        return -1;
    if (io_register(bus, "dma2", 0xC0, 32, IO_W8, dma2_io_read, dma2_io_write, d, err, errlen))
        return -1;
    return io_register(bus, "dma-page", 0x81, 15, IO_W8, page_io_read, page_io_write, d,
                       err, errlen);
}

static uint8_t chan_page(const struct dma *d, unsigned ch)
{
    return page_index[ch] < 0 ? 0 : d->page[page_index[ch]];
}

/* Address generation: the 8237A's 16-bit address counter never carries
 * into the page register, so an 8-bit channel wraps within its 64K page.
 * On DMA2 the counter drives A1-A16 and the page register A17-A23 (its
 * bit 0 unused), so a 16-bit channel wraps within a 128K block. */
uint32_t dma_phys_addr(const struct dma *d, unsigned ch)
{
    const struct dma_chan *c = &d->ctl[ch >> 2 & 1].chan[ch & 3];

    ch &= 7;
    if (ch < 4)
        return (uint32_t)chan_page(d, ch) << 16 | c->cur_addr;
    return (uint32_t)(chan_page(d, ch) & 0xFE) << 16 | (uint32_t)c->cur_addr << 1;
}

void dma_set_dreq(struct dma *d, unsigned ch, int level)
{
    struct dma_ctrl *c = &d->ctl[ch >> 2 & 1];
    uint8_t bit = (uint8_t)(1u << (ch & 3));

    if (level) c->dreq |= bit;
    else c->dreq &= (uint8_t)~bit;
}

/* Can channel ch get the bus for a transfer in direction to_memory? */
static int chan_ready(const struct dma *d, unsigned ch, int to_memory)
{
    const struct dma_ctrl *c = &d->ctl[ch >> 2];
    uint8_t mode = c->chan[ch & 3].mode;
    uint8_t xfer = mode & MODE_XFER;

    if ((c->mask >> (ch & 3)) & 1 || (c->command & CMD_DISABLE))
        return 0;
    /* DMA1 reaches the bus only through DMA2's channel 4 (the cascade). */
    if (ch < 4 && ((d->ctl[1].mask & 1) || (d->ctl[1].command & CMD_DISABLE)))
        return 0;
    if ((mode & MODE_KIND) == DMA_MODE_CASCADE || xfer == MODE_XFER)
        return 0;
    if (xfer == DMA_MODE_WRITE && !to_memory)
        return 0;
    if (xfer == DMA_MODE_READ && to_memory)
        return 0;
    return 1;
}

unsigned dma_transfer(struct dma *d, unsigned ch, uint8_t *buf, unsigned len, int to_memory,
                      int *tc)
{
    struct dma_ctrl *c;
    struct dma_chan *cc;
    unsigned unit, done = 0;
    uint8_t xfer;

    if (tc) *tc = 0;
    if (ch > 7 || !chan_ready(d, ch, to_memory))
        return 0;
    c = &d->ctl[ch >> 2];
    cc = &c->chan[ch & 3];
    unit = ch < 4 ? 1u : 2u;
    xfer = cc->mode & MODE_XFER;

    while (len - done >= unit) {
        uint32_t a = dma_phys_addr(d, ch);
        unsigned k;

        if (xfer == DMA_MODE_WRITE) {
            for (k = 0; k < unit; k++) mem_write8(d->mem, a + k, buf[done + k]);
        } else if (xfer == DMA_MODE_READ) {
            for (k = 0; k < unit; k++) buf[done + k] = mem_read8(d->mem, a + k);
        }
        done += unit;
        cc->cur_addr = (uint16_t)(cc->mode & DMA_MODE_DEC ? cc->cur_addr - 1u : cc->cur_addr + 1u);
        /* N+1 transfers: TC is the count rolling over from 0 to FFFFh. */
        if (cc->cur_count-- == 0) {
            c->tc |= (uint8_t)(1u << (ch & 3));
            c->request &= (uint8_t)~(1u << (ch & 3));
            if (cc->mode & DMA_MODE_AUTOINIT) {
                cc->cur_addr = cc->base_addr;
                cc->cur_count = cc->base_count;
            } else {
                c->mask |= (uint8_t)(1u << (ch & 3));
            }
            if (tc) *tc = 1;
            break;
        }
    }
    return done;
}

#define DMA_CHAN_FIELDS(i, k)                                                        \
    DEV_FIELD(struct dma, ctl[i].chan[k].base_addr),                                \
    DEV_FIELD(struct dma, ctl[i].chan[k].base_count),                               \
    DEV_FIELD(struct dma, ctl[i].chan[k].cur_addr),                                 \
    DEV_FIELD(struct dma, ctl[i].chan[k].cur_count),                                \
    DEV_FIELD(struct dma, ctl[i].chan[k].mode)

#define DMA_CTRL_FIELDS(i)                                                           \
    DMA_CHAN_FIELDS(i, 0), DMA_CHAN_FIELDS(i, 1), DMA_CHAN_FIELDS(i, 2),             \
    DMA_CHAN_FIELDS(i, 3),                                                           \
    DEV_FIELD(struct dma, ctl[i].command), DEV_FIELD(struct dma, ctl[i].tc),         \
    DEV_FIELD(struct dma, ctl[i].request), DEV_FIELD(struct dma, ctl[i].dreq),       \
    DEV_FIELD(struct dma, ctl[i].mask), DEV_FIELD(struct dma, ctl[i].temp),          \
    DEV_FIELD(struct dma, ctl[i].flipflop)

/* The memory map pointer is wiring and is not listed. */
static const struct dev_field dma_fields[] = {
    DMA_CTRL_FIELDS(0),
    DMA_CTRL_FIELDS(1),
    DEV_FIELD(struct dma, page),
};

const struct dev_field *dma_state_fields(size_t *count, unsigned *version)
{
    *count = DEV_NFIELDS(dma_fields);
    *version = DMA_STATE_VERSION;
    return dma_fields;
}
