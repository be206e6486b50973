/* dma.h - the PC/AT pair of Intel 8237A DMA controllers and the 74LS612
 * page registers.
 *
 * DMA1 (channels 0-3, byte transfers) at ports 00h-0Fh; DMA2 (channels
 * 4-7, word transfers) at C0h-DFh, its register i at C0h + 2*i because
 * the AT wires system A1-A4 to the chip's A0-A3 (A0 is not decoded, so an
 * odd port aliases the even one below it). DMA1's HRQ enters DMA2's
 * channel 4, which the BIOS programs as cascade: DMA1 channels therefore
 * only transfer while channel 4 is unmasked and DMA2 is enabled, as on
 * the real board. Page registers at 81h-8Fh (ch2 81h, ch3 82h, ch1 83h,
 * ch0 87h, ch6 89h, ch7 8Ah, ch5 8Bh; the others are scratch bytes).
 * Port 80h is left to the POST diagnostic port.
 *
 * Devices move data with dma_transfer (a pull model): when a device would
 * raise DREQ and has data ready (or room for it), it calls dma_transfer
 * with its buffer; the controller moves as many units as the channel's
 * count allows, through the memory map's mem_read/mem_write so ROM
 * protection and self-modifying-code tracking apply. */
#ifndef TICK86_DMA_H
#define TICK86_DMA_H
#include <stddef.h>
#include <stdint.h>

struct io_bus;
struct memmap;
struct dev_field;

struct dma_chan {
    uint16_t base_addr, base_count;   /* written by the guest, reloaded by autoinit */
    uint16_t cur_addr, cur_count;     /* advance during transfers */
    uint8_t mode;                     /* mode register as written (bits 1-0 = channel) */
};

/* One 8237A. */
struct dma_ctrl {
    struct dma_chan chan[4];
    uint8_t command;                  /* command register (08h write) */
    uint8_t tc;                       /* status bits 0-3: terminal count reached */
    uint8_t request;                  /* request register bits 0-3 (software DREQ) */
    uint8_t dreq;                     /* hardware DREQ lines 0-3 (dma_set_dreq) */
    uint8_t mask;                     /* mask register bits 0-3 */
    uint8_t temp;                     /* temporary register */
    uint8_t flipflop;                 /* byte pointer: 0 = low byte next */
};

struct dma {
    struct dma_ctrl ctl[2];           /* [0] DMA1 (ch 0-3), [1] DMA2 (ch 4-7) */
    uint8_t page[15];                 /* ports 81h-8Fh */
    /* wiring, not state */
    struct memmap *mem;
};

/* Mode register fields (datasheet "Mode Register"). */
#define DMA_MODE_VERIFY   0x00
#define DMA_MODE_WRITE    0x04        /* device -> memory */
#define DMA_MODE_READ     0x08        /* memory -> device */
#define DMA_MODE_AUTOINIT 0x10
#define DMA_MODE_DEC      0x20
#define DMA_MODE_DEMAND   0x00
#define DMA_MODE_SINGLE   0x40
#define DMA_MODE_BLOCK    0x80
#define DMA_MODE_CASCADE  0xC0

/* Reset state (as after a master clear on both chips, page registers 0).
 * mem is kept by pointer. */
void dma_init(struct dma *d, struct memmap *mem);
/* Registers "dma1" 00h-0Fh, "dma2" C0h-DFh and "dma-page" 81h-8Fh
 * (byte-wide). Returns 0, or -1 with err (an earlier range may already be
 * registered; callers treat it as fatal). */
int dma_register(struct dma *d, struct io_bus *bus, char *err, size_t errlen);

/* Move data for channel ch (0-7) between buf and guest memory.
 *
 * len is in bytes. to_memory says which way the device wants the data to
 * go (1: buf -> memory, as for a disk read; 0: memory -> buf). The channel
 * moves nothing (returns 0) when it is masked, its controller is disabled
 * (command bit 2), it is a DMA1 channel and DMA2's channel 4 is masked or
 * DMA2 is disabled, its mode is cascade or the illegal transfer type 11b,
 * or its mode's direction disagrees with to_memory (the device would see
 * no DACK and, like real hardware, time out or overrun).
 *
 * Otherwise it moves units (bytes on DMA1, whole words on DMA2; an odd
 * trailing byte of len is not moved) until len is used up or the count
 * passes terminal count, whichever is first: the transfer ends at TC
 * because EOP tells the device the block is over. At TC the status TC bit
 * is set, the software request bit cleared, and either the base registers
 * are reloaded (autoinit) or the channel's mask bit is set. Verify mode
 * runs the address and count like a real transfer but touches neither
 * memory nor buf. Returns the bytes processed; *tc (may be NULL) is set to
 * 1 if terminal count was reached, else 0.
 *
 * Demand, single and block mode differ only in when the bus is released,
 * which this cycle-free model does not show, so they behave alike. */
unsigned dma_transfer(struct dma *d, unsigned ch, uint8_t *buf, unsigned len, int to_memory,
                      int *tc);

/* Hardware DREQ line of channel ch: only shown in the status register's
 * request bits (transfers are driven by dma_transfer). */
void dma_set_dreq(struct dma *d, unsigned ch, int level);

/* The physical address the next unit of channel ch would use. */
uint32_t dma_phys_addr(const struct dma *d, unsigned ch);

/* The state declaration: fields of struct dma, count and version. */
const struct dev_field *dma_state_fields(size_t *count, unsigned *version);
#endif
