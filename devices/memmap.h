/* memmap.h - the physical memory map: RAM, ROM and MMIO ranges.
 *
 * Every 4 KiB physical page has two host pointers, one for reads and one
 * for writes; NULL sends the access down the slow path (MMIO callbacks,
 * ROM writes that are dropped, pages that hold decoded code and must
 * invalidate traces when written). Guest memory is reached only through
 * the little-endian accessors here, byte by byte, so the host's byte order
 * and alignment never matter (DESIGN.md invariant 3). */
#ifndef TICK86_MEMMAP_H
#define TICK86_MEMMAP_H
#include <stdint.h>
#include <stddef.h>

#define MEM_PAGE_SHIFT 12
#define MEM_PAGE_SIZE  4096u
#define MEM_PAGES      (1u << 20)        /* 4 GiB of physical address space */

typedef uint32_t (*mmio_read_fn)(void *opaque, uint32_t addr, unsigned width);
typedef void (*mmio_write_fn)(void *opaque, uint32_t addr, uint32_t val, unsigned width);

enum mem_kind { MEM_RAM, MEM_ROM, MEM_MMIO };

struct mem_region {
    const char *name;
    enum mem_kind kind;
    uint32_t base, size;           /* page aligned */
    uint8_t *host;                 /* RAM/ROM backing, NULL for MMIO */
    unsigned widths;               /* MMIO: IO_W8|IO_W16|IO_W32 accepted */
    mmio_read_fn read;
    mmio_write_fn write;
    void *opaque;
};

#define MEM_MAX_REGIONS 32

struct memmap {
    uint8_t *ram;                  /* owned */
    uint32_t ram_size;
    unsigned nregions;
    struct mem_region regions[MEM_MAX_REGIONS];
    uint8_t **page_r;              /* [MEM_PAGES] host pointer of the page or NULL */
    uint8_t **page_w;              /* [MEM_PAGES] NULL: slow path */
    uint8_t *page_region;          /* [MEM_PAGES] region index + 1, 0 = unmapped */
    /* Code tracking for trace invalidation: a bitmap of decoded bytes per page,
     * allocated when a page first holds a decoded instruction, and a generation
     * counter per page that every invalidating write bumps. */
    uint8_t **code_bits;           /* [MEM_PAGES] 512-byte bitmaps or NULL */
    uint32_t *code_gen;            /* [MEM_PAGES] */
    /* Called when a write lands on decoded code (the CPU stops its trace). */
    void (*smc_hook)(void *opaque, uint32_t addr);
    void *smc_opaque;
    /* Called when a page's write pointer changes (the CPU flushes its TLB). */
    void (*remap_hook)(void *opaque, uint32_t page);
    void *remap_opaque;
};

int mem_init(struct memmap *m, uint32_t ram_size, char *err, size_t errlen);
void mem_free(struct memmap *m);
/* Map RAM pages [base, base+size) of the RAM array 1:1 (done by mem_init for
 * all RAM below 640K and above 1M; the board decides about the hole). */
int mem_add_ram(struct memmap *m, const char *name, uint32_t base, uint32_t size,
                char *err, size_t errlen);
/* ROM: data is copied; guest writes are dropped. */
int mem_add_rom(struct memmap *m, const char *name, uint32_t base, const uint8_t *data,
                uint32_t size, char *err, size_t errlen);
int mem_add_mmio(struct memmap *m, const char *name, uint32_t base, uint32_t size,
                 unsigned widths, mmio_read_fn rd, mmio_write_fn wr, void *opaque,
                 char *err, size_t errlen);

/* Physical accesses (slow, general: any width, any alignment, page crossings). */
uint32_t mem_read(struct memmap *m, uint32_t addr, unsigned width);
void mem_write(struct memmap *m, uint32_t addr, uint32_t val, unsigned width);
static inline uint8_t mem_read8(struct memmap *m, uint32_t a) { return (uint8_t)mem_read(m, a, 1); }
static inline void mem_write8(struct memmap *m, uint32_t a, uint8_t v) { mem_write(m, a, v, 1); }
/* Write bypassing ROM protection (loading images, tests). */
void mem_poke(struct memmap *m, uint32_t addr, const uint8_t *data, uint32_t len);

/* Code tracking. */
void mem_mark_code(struct memmap *m, uint32_t addr, unsigned len);

/* Byte-order-neutral helpers on host pointers. */
static inline uint32_t le16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static inline uint32_t le32(const uint8_t *p)
{ return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static inline void st16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void st32(uint8_t *p, uint32_t v)
{ p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24); }
#endif
