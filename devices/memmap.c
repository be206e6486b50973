/* memmap.c - the physical memory map (see memmap.h).
 *
 * RAM and ROM pages get host pointers so the CPU's TLB can reach them
 * directly; MMIO pages and unmapped space go through mem_read/mem_write,
 * which split any access a device does not accept into bytes. Unmapped
 * reads return all-ones, as an undriven bus does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "memmap.h"
#include "ioport.h"

int mem_init(struct memmap *m, uint32_t ram_size, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    if (ram_size < 64 * 1024 || (ram_size & (MEM_PAGE_SIZE - 1)) || ram_size > 0xF0000000u) {
        snprintf(err, errlen, "memory: RAM size %u is not a multiple of 4 KiB between 64 KiB and 3.75 GiB",
                 ram_size);
        return -1;
    }
    m->ram = calloc(1, ram_size);
    m->page_r = calloc(MEM_PAGES, sizeof *m->page_r);
    m->page_w = calloc(MEM_PAGES, sizeof *m->page_w);
    m->page_region = calloc(MEM_PAGES, 1);
    m->code_bits = calloc(MEM_PAGES, sizeof *m->code_bits);
    m->code_gen = calloc(MEM_PAGES, sizeof *m->code_gen);
    if (!m->ram || !m->page_r || !m->page_w || !m->page_region || !m->code_bits || !m->code_gen) {
        mem_free(m);
        snprintf(err, errlen, "memory: cannot allocate %u bytes of RAM", ram_size);
        return -1;
    }
    m->ram_size = ram_size;
    return mem_add_ram(m, "ram", 0, ram_size, err, errlen);
}

void mem_free(struct memmap *m)
{
    /* code bitmaps exist only for RAM pages, and RAM sits 1:1 below ram_size */
    if (m->code_bits)
        for (uint32_t p = 0; p < (m->ram_size >> MEM_PAGE_SHIFT); p++) free(m->code_bits[p]);
    for (unsigned r = 0; r < m->nregions; r++)
        if (m->regions[r].kind == MEM_ROM) free(m->regions[r].host);
    free(m->ram);
    free(m->page_r);
    free(m->page_w);
    free(m->page_region);
    free(m->code_bits);
    free(m->code_gen);
    memset(m, 0, sizeof *m);
}

/* Later regions take over the pages of earlier ones (ROM over the RAM
 * below 1 MiB, as a PC maps its BIOS), but two non-RAM regions may not
 * overlap. */
static int add_region(struct memmap *m, const struct mem_region *r, char *err, size_t errlen)
{
    if ((r->base | r->size) & (MEM_PAGE_SIZE - 1) || r->size == 0 ||
        (uint64_t)r->base + r->size > 0x100000000ull) {
        snprintf(err, errlen, "memory: region %s %08X+%X is not page aligned or too large",
                 r->name, r->base, r->size);
        return -1;
    }
    if (m->nregions >= MEM_MAX_REGIONS) {
        snprintf(err, errlen, "memory: too many regions (adding %s)", r->name);
        return -1;
    }
    for (uint32_t p = r->base >> 12; p < (r->base >> 12) + (r->size >> 12); p++) {
        unsigned o = m->page_region[p];
        if (o && m->regions[o - 1].kind != MEM_RAM && r->kind != MEM_RAM) {
            snprintf(err, errlen, "memory: region %s at %08X overlaps %s", r->name, p << 12,
                     m->regions[o - 1].name);
            return -1;
        }
    }
    unsigned idx = m->nregions++;
    m->regions[idx] = *r;
    for (uint32_t p = r->base >> 12; p < (r->base >> 12) + (r->size >> 12); p++) {
        uint8_t *h = r->host ? r->host + ((p << 12) - r->base) : NULL;
        m->page_region[p] = (uint8_t)(idx + 1);
        m->page_r[p] = h;
        m->page_w[p] = r->kind == MEM_RAM && !m->code_bits[p] ? h : NULL;
        if (m->remap_hook) m->remap_hook(m->remap_opaque, p);
    }
    return 0;
}

int mem_add_ram(struct memmap *m, const char *name, uint32_t base, uint32_t size,
                char *err, size_t errlen)
{
    if ((uint64_t)base + size > m->ram_size) {
        snprintf(err, errlen, "memory: RAM window %s exceeds the %u bytes of RAM", name, m->ram_size);
        return -1;
    }
    struct mem_region r = { name, MEM_RAM, base, size, m->ram + base, 0, NULL, NULL, NULL };
    return add_region(m, &r, err, errlen);
}

int mem_add_rom(struct memmap *m, const char *name, uint32_t base, const uint8_t *data,
                uint32_t size, char *err, size_t errlen)
{
    uint32_t alloc = (size + MEM_PAGE_SIZE - 1) & ~(MEM_PAGE_SIZE - 1);
    uint8_t *h = malloc(alloc ? alloc : MEM_PAGE_SIZE);
    if (!h) {
        snprintf(err, errlen, "memory: cannot allocate ROM %s", name);
        return -1;
    }
    memset(h, 0xFF, alloc);
    memcpy(h, data, size);
    struct mem_region r = { name, MEM_ROM, base, alloc, h, 0, NULL, NULL, NULL };
    if (add_region(m, &r, err, errlen)) {
        free(h);
        return -1;
    }
    return 0;
}

int mem_add_mmio(struct memmap *m, const char *name, uint32_t base, uint32_t size,
                 unsigned widths, mmio_read_fn rd, mmio_write_fn wr, void *opaque,
                 char *err, size_t errlen)
{
    struct mem_region r = { name, MEM_MMIO, base, size, NULL, widths, rd, wr, opaque };
    return add_region(m, &r, err, errlen);
}

static const struct mem_region *region_of(const struct memmap *m, uint32_t addr)
{
    unsigned o = m->page_region[addr >> 12];
    return o ? &m->regions[o - 1] : NULL;
}

uint32_t mem_read(struct memmap *m, uint32_t addr, unsigned width)
{
    const struct mem_region *r = region_of(m, addr);
    if ((addr & 0xFFF) + width > 0x1000 || !r || (r->kind == MEM_MMIO && !(r->widths & width))) {
        if (width == 1) {
            if (!r) return 0xFF;
            if (r->kind != MEM_MMIO) return r->host[addr - r->base];
            /* a byte access a device does not accept: widen to its narrowest */
            unsigned w = r->widths & IO_W16 ? 2 : 4;
            uint32_t a = addr & ~(w - 1);
            return r->read ? (r->read(r->opaque, a, w) >> (8 * (addr - a))) & 0xFF : 0xFF;
        }
        uint32_t v = 0;
        for (unsigned k = 0; k < width; k++) v |= mem_read(m, addr + k, 1) << (8 * k);
        return v;
    }
    if (r->kind == MEM_MMIO) return r->read ? r->read(r->opaque, addr, width) : 0xFFFFFFFFu >> (32 - 8 * width);
    const uint8_t *p = r->host + (addr - r->base);
    return width == 1 ? p[0] : width == 2 ? le16(p) : le32(p);
}

/* A write to a page holding decoded code: if it touches decoded bytes, the
 * page's traces die (generation bump) and the page becomes plain RAM again. */
static void code_write(struct memmap *m, uint32_t addr, unsigned width)
{
    uint32_t p = addr >> 12;
    uint8_t *bits = m->code_bits[p];
    if (!bits) return;
    int hit = 0;
    for (unsigned k = 0; k < width; k++) {
        unsigned o = (addr + k) & 0xFFF;
        if (bits[o >> 3] & (1u << (o & 7))) hit = 1;
    }
    if (!hit) return;
    free(bits);
    m->code_bits[p] = NULL;
    m->code_gen[p]++;
    const struct mem_region *r = region_of(m, addr);
    if (r && r->kind == MEM_RAM) m->page_w[p] = m->page_r[p];
    if (m->smc_hook) m->smc_hook(m->smc_opaque, addr);
}

void mem_write(struct memmap *m, uint32_t addr, uint32_t val, unsigned width)
{
    const struct mem_region *r = region_of(m, addr);
    if ((addr & 0xFFF) + width > 0x1000 || !r || (r->kind == MEM_MMIO && !(r->widths & width))) {
        if (width == 1 || !r) {
            if (!r) return;
            if (r->kind == MEM_MMIO) {
                if (r->write) r->write(r->opaque, addr, val & 0xFF, 1);
                return;
            }
        } else {
            for (unsigned k = 0; k < width; k++) mem_write(m, addr + k, val >> (8 * k), 1);
            return;
        }
    }
    if (r->kind == MEM_MMIO) {
        if (r->write) r->write(r->opaque, addr, val, width);
        return;
    }
    if (r->kind == MEM_ROM) return;
    code_write(m, addr, width);
    uint8_t *p = r->host + (addr - r->base);
    if (width == 1) p[0] = (uint8_t)val;
    else if (width == 2) st16(p, val);
    else st32(p, val);
}

void mem_poke(struct memmap *m, uint32_t addr, const uint8_t *data, uint32_t len)
{
    for (uint32_t k = 0; k < len; k++) {
        const struct mem_region *r = region_of(m, addr + k);
        if (!r || r->kind == MEM_MMIO) continue;
        code_write(m, addr + k, 1);
        r->host[addr + k - r->base] = data[k];
    }
}

void mem_mark_code(struct memmap *m, uint32_t addr, unsigned len)
{
    for (unsigned k = 0; k < len; k++) {
        uint32_t a = addr + k, p = a >> 12;
        const struct mem_region *r = region_of(m, a);
        if (!r || r->kind != MEM_RAM) continue;     /* ROM cannot change; MMIO code is not cached */
        if (!m->code_bits[p]) {
            m->code_bits[p] = calloc(1, 512);
            if (!m->code_bits[p]) abort();
            m->page_w[p] = NULL;
            if (m->remap_hook) m->remap_hook(m->remap_opaque, p);
        }
        unsigned o = a & 0xFFF;
        m->code_bits[p][o >> 3] |= (uint8_t)(1u << (o & 7));
    }
}
