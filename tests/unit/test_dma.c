/* test_dma.c - Check unit tests for devices/dma.c, the PC/AT 8237A pair
 * and page registers: flip-flop programming and read-back, page
 * registers, 8-bit transfers both ways with increment and decrement, 64K
 * wrap within the page, DMA2 word addressing and 128K wrap, terminal count
 * status cleared on read, autoinit, masks, master clear, verify mode,
 * direction mismatch, the cascade through channel 4, ROM protection, the
 * state table and two controllers in one process. Registers are
 * programmed through io_read/io_write on a real bus; memory is a real
 * memory map. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devstate.h"
#include "dma.h"
#include "ioport.h"
#include "memmap.h"

struct fx {
    struct io_bus bus;
    struct memmap mem;
    struct dma dma;
};

static struct fx *fx_new(void)
{
    char err[160];
    struct fx *f = malloc(sizeof *f);

    ck_assert_ptr_nonnull(f);
    memset(f, 0x5A, sizeof *f);      /* dma_init must not rely on zeroed memory */
    io_init(&f->bus);
    ck_assert_int_eq(mem_init(&f->mem, 4u << 20, err, sizeof err), 0);
    dma_init(&f->dma, &f->mem);
    ck_assert_int_eq(dma_register(&f->dma, &f->bus, err, sizeof err), 0);
    return f;
}

static void fx_free(struct fx *f)
{
    mem_free(&f->mem);
    free(f);
}

static void out(struct fx *f, uint16_t port, uint8_t v) { io_write(&f->bus, port, v, 1); }
static uint8_t in(struct fx *f, uint16_t port) { return (uint8_t)io_read(&f->bus, port, 1); }

/* Port of register reg (0-15) of the controller serving channel ch. */
static uint16_t reg_port(unsigned ch, unsigned reg)
{
    return ch < 4 ? (uint16_t)reg : (uint16_t)(0xC0 + 2 * reg);
}

static const uint16_t page_port[8] = { 0x87, 0x83, 0x81, 0x82, 0, 0x8B, 0x89, 0x8A };

/* What the BIOS does: DMA2 channel 4 in cascade mode and unmasked. */
static void enable_cascade(struct fx *f)
{
    out(f, 0xD6, DMA_MODE_CASCADE | 0);
    out(f, 0xD4, 0x00);
}

/* Program channel ch as a driver would: mask, clear flip-flop, mode,
 * address, page, count, unmask. addr and count in the channel's units. */
static void program(struct fx *f, unsigned ch, uint8_t mode, uint8_t page, uint16_t addr,
                    uint16_t count)
{
    unsigned c = ch & 3;

    out(f, reg_port(ch, 10), (uint8_t)(4 | c));
    out(f, reg_port(ch, 12), 0);
    out(f, reg_port(ch, 11), (uint8_t)(mode | c));
    out(f, reg_port(ch, 2 * c), (uint8_t)addr);
    out(f, reg_port(ch, 2 * c), (uint8_t)(addr >> 8));
    out(f, page_port[ch], page);
    out(f, reg_port(ch, 2 * c + 1), (uint8_t)count);
    out(f, reg_port(ch, 2 * c + 1), (uint8_t)(count >> 8));
    out(f, reg_port(ch, 10), (uint8_t)c);
}

static uint16_t read16(struct fx *f, unsigned ch, unsigned reg)
{
    uint16_t lo, hi;
    out(f, reg_port(ch, 12), 0);
    lo = in(f, reg_port(ch, reg));
    hi = in(f, reg_port(ch, reg));
    return (uint16_t)(lo | hi << 8);
}

START_TEST(test_flipflop_programming)
{
    struct fx *f = fx_new();

    out(f, 0x0C, 0);
    out(f, 0x04, 0x34);                    /* ch2 address low, high */
    out(f, 0x04, 0x12);
    out(f, 0x05, 0xFF);                    /* ch2 count low, high */
    out(f, 0x05, 0x01);
    ck_assert_uint_eq(read16(f, 2, 4), 0x1234);
    ck_assert_uint_eq(read16(f, 2, 5), 0x01FF);
    ck_assert_uint_eq(f->dma.ctl[0].chan[2].base_addr, 0x1234);
    ck_assert_uint_eq(f->dma.ctl[0].chan[2].base_count, 0x01FF);
    /* The flip-flop is shared by all registers of a chip: after one byte
     * to ch0's address the next byte is a high byte of ch1's count. */
    out(f, 0x0C, 0);
    out(f, 0x00, 0xAA);
    out(f, 0x03, 0x77);
    ck_assert_uint_eq(f->dma.ctl[0].chan[0].base_addr & 0xFF, 0xAA);
    ck_assert_uint_eq(f->dma.ctl[0].chan[1].base_count >> 8, 0x77);
    /* Reads toggle it too. */
    out(f, 0x0C, 0);
    ck_assert_uint_eq(in(f, 0x04), 0x34);
    ck_assert_uint_eq(in(f, 0x05), 0x01);  /* high byte of the count */
    /* DMA2: channel 5's address at C4h, odd port aliases the even one. */
    out(f, 0xD8, 0);
    out(f, 0xC4, 0x78);
    out(f, 0xC5, 0x56);
    ck_assert_uint_eq(read16(f, 5, 2), 0x5678);
    fx_free(f);
}
END_TEST

START_TEST(test_page_registers)
{
    struct fx *f = fx_new();
    unsigned p;

    for (p = 0x81; p <= 0x8F; p++)
        out(f, (uint16_t)p, (uint8_t)(p ^ 0x5C));
    for (p = 0x81; p <= 0x8F; p++)
        ck_assert_uint_eq(in(f, (uint16_t)p), (p ^ 0x5C) & 0xFF);
    ck_assert_ptr_null(io_name(&f->bus, 0x80));   /* POST port left free */
    /* Channel mapping: ch0 87h, ch1 83h, ch2 81h, ch3 82h, ch5 8Bh, ch6 89h, ch7 8Ah. */
    out(f, 0x87, 0x10); out(f, 0x83, 0x11); out(f, 0x81, 0x12); out(f, 0x82, 0x13);
    out(f, 0x8B, 0x14); out(f, 0x89, 0x16); out(f, 0x8A, 0x18);
    ck_assert_uint_eq(dma_phys_addr(&f->dma, 0), 0x100000);
    ck_assert_uint_eq(dma_phys_addr(&f->dma, 1), 0x110000);
    ck_assert_uint_eq(dma_phys_addr(&f->dma, 2), 0x120000);
    ck_assert_uint_eq(dma_phys_addr(&f->dma, 3), 0x130000);
    ck_assert_uint_eq(dma_phys_addr(&f->dma, 5), 0x140000);
    ck_assert_uint_eq(dma_phys_addr(&f->dma, 6), 0x160000);
    ck_assert_uint_eq(dma_phys_addr(&f->dma, 7), 0x180000);
    fx_free(f);
}
END_TEST

START_TEST(test_8bit_to_memory_increment)
{
    struct fx *f = fx_new();
    uint8_t buf[16];
    unsigned i, n;
    int tc;

    enable_cascade(f);
    for (i = 0; i < sizeof buf; i++) buf[i] = (uint8_t)(0xA0 + i);
    program(f, 2, DMA_MODE_WRITE | DMA_MODE_SINGLE, 0x02, 0x1000, 15);
    n = dma_transfer(&f->dma, 2, buf, 10, 1, &tc);
    ck_assert_uint_eq(n, 10);
    ck_assert_int_eq(tc, 0);
    for (i = 0; i < 10; i++) ck_assert_uint_eq(mem_read8(&f->mem, 0x21000 + i), 0xA0 + i);
    ck_assert_uint_eq(read16(f, 2, 4), 0x100A);
    ck_assert_uint_eq(read16(f, 2, 5), 5);
    n = dma_transfer(&f->dma, 2, buf + 10, 6, 1, &tc);
    ck_assert_uint_eq(n, 6);
    ck_assert_int_eq(tc, 1);
    ck_assert_uint_eq(mem_read8(&f->mem, 0x2100F), 0xAF);
    ck_assert_uint_eq(mem_read8(&f->mem, 0x21010), 0);
    fx_free(f);
}
END_TEST

START_TEST(test_8bit_from_memory_decrement)
{
    struct fx *f = fx_new();
    uint8_t buf[8] = { 0 };
    unsigned i, n;
    int tc;

    enable_cascade(f);
    for (i = 0; i < 8; i++) mem_write8(&f->mem, 0x30100 + i, (uint8_t)(i + 1));
    program(f, 1, DMA_MODE_READ | DMA_MODE_DEC | DMA_MODE_BLOCK, 0x03, 0x0107, 7);
    n = dma_transfer(&f->dma, 1, buf, sizeof buf, 0, &tc);
    ck_assert_uint_eq(n, 8);
    ck_assert_int_eq(tc, 1);
    for (i = 0; i < 8; i++) ck_assert_uint_eq(buf[i], 8 - i);
    ck_assert_uint_eq(read16(f, 1, 2), 0x00FF);
    ck_assert_uint_eq(read16(f, 1, 3), 0xFFFF);
    fx_free(f);
}
END_TEST

START_TEST(test_64k_wrap_within_page)
{
    struct fx *f = fx_new();
    uint8_t buf[4] = { 1, 2, 3, 4 };
    int tc;

    enable_cascade(f);
    program(f, 3, DMA_MODE_WRITE, 0x05, 0xFFFE, 3);
    ck_assert_uint_eq(dma_transfer(&f->dma, 3, buf, 4, 1, &tc), 4);
    ck_assert_uint_eq(mem_read8(&f->mem, 0x5FFFE), 1);
    ck_assert_uint_eq(mem_read8(&f->mem, 0x5FFFF), 2);
    ck_assert_uint_eq(mem_read8(&f->mem, 0x50000), 3);   /* no carry into the page */
    ck_assert_uint_eq(mem_read8(&f->mem, 0x50001), 4);
    ck_assert_uint_eq(mem_read8(&f->mem, 0x60000), 0);
    /* Decrementing through zero wraps to FFFFh of the same page. */
    program(f, 3, DMA_MODE_WRITE | DMA_MODE_DEC, 0x05, 0x0000, 1);
    ck_assert_uint_eq(dma_transfer(&f->dma, 3, buf, 2, 1, &tc), 2);
    ck_assert_uint_eq(mem_read8(&f->mem, 0x50000), 1);
    ck_assert_uint_eq(mem_read8(&f->mem, 0x5FFFF), 2);
    fx_free(f);
}
END_TEST

START_TEST(test_16bit_word_addressing)
{
    struct fx *f = fx_new();
    uint8_t buf[9] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99 };
    uint8_t back[8] = { 0 };
    unsigned n;
    int tc;

    /* Channel 5, page 23h (bit 0 ignored -> 22h), word address 8010h:
     * byte address 0x220000 + 0x10020. Count 3 = four words. */
    program(f, 5, DMA_MODE_WRITE | DMA_MODE_SINGLE, 0x23, 0x8010, 3);
    ck_assert_uint_eq(dma_phys_addr(&f->dma, 5), 0x230020);
    n = dma_transfer(&f->dma, 5, buf, sizeof buf, 1, &tc);
    ck_assert_uint_eq(n, 8);                 /* whole words only */
    ck_assert_int_eq(tc, 1);
    ck_assert_uint_eq(mem_read(&f->mem, 0x230020, 4), 0x44332211u);
    ck_assert_uint_eq(mem_read(&f->mem, 0x230024, 4), 0x88776655u);
    ck_assert_uint_eq(mem_read8(&f->mem, 0x230028), 0);
    ck_assert_uint_eq(read16(f, 5, 2), 0x8014);  /* address counts words */
    /* 128K wrap: word FFFFh is the block's last word, the next is word 0. */
    program(f, 6, DMA_MODE_READ, 0x02, 0xFFFF, 1);
    mem_write(&f->mem, 0x03FFFE, 0xBBAA, 2);
    mem_write(&f->mem, 0x020000, 0xDDCC, 2);
    mem_write(&f->mem, 0x040000, 0xEEEE, 2);
    ck_assert_uint_eq(dma_transfer(&f->dma, 6, back, 4, 0, &tc), 4);
    ck_assert_uint_eq(back[0], 0xAA);
    ck_assert_uint_eq(back[1], 0xBB);
    ck_assert_uint_eq(back[2], 0xCC);
    ck_assert_uint_eq(back[3], 0xDD);
    fx_free(f);
}
END_TEST

START_TEST(test_terminal_count_status)
{
    struct fx *f = fx_new();
    uint8_t buf[4] = { 0 };
    int tc;

    enable_cascade(f);
    ck_assert_uint_eq(in(f, 0x08), 0x00);
    out(f, 0x09, 4 | 1);                      /* software request ch1 */
    dma_set_dreq(&f->dma, 3, 1);
    ck_assert_uint_eq(in(f, 0x08), 0xA0);     /* request bits 5 and 7 */
    program(f, 1, DMA_MODE_WRITE, 0, 0x2000, 1);
    ck_assert_uint_eq(dma_transfer(&f->dma, 1, buf, 4, 1, &tc), 2);  /* stops at TC */
    ck_assert_int_eq(tc, 1);
    ck_assert_uint_eq(in(f, 0x08), 0x82);     /* TC ch1, request ch1 cleared */
    ck_assert_uint_eq(in(f, 0x08), 0x80);     /* TC bits clear on read */
    /* The channel masked itself at TC (no autoinit). */
    ck_assert_uint_eq(f->dma.ctl[0].mask & 2, 2);
    ck_assert_uint_eq(dma_transfer(&f->dma, 1, buf, 4, 1, &tc), 0);
    /* DMA2's status at D0h. */
    program(f, 7, DMA_MODE_WRITE, 0, 0x0100, 0);
    ck_assert_uint_eq(dma_transfer(&f->dma, 7, buf, 4, 1, &tc), 2);
    ck_assert_uint_eq(in(f, 0xD0), 0x08);
    ck_assert_uint_eq(in(f, 0xD0), 0x00);
    fx_free(f);
}
END_TEST

START_TEST(test_autoinit_reload)
{
    struct fx *f = fx_new();
    uint8_t buf[6] = { 1, 2, 3, 4, 5, 6 };
    int tc;

    enable_cascade(f);
    program(f, 2, DMA_MODE_WRITE | DMA_MODE_AUTOINIT, 0x01, 0x0500, 2);
    ck_assert_uint_eq(dma_transfer(&f->dma, 2, buf, 6, 1, &tc), 3);
    ck_assert_int_eq(tc, 1);
    ck_assert_uint_eq(read16(f, 2, 4), 0x0500);   /* reloaded from base */
    ck_assert_uint_eq(read16(f, 2, 5), 2);
    ck_assert_uint_eq(f->dma.ctl[0].mask & 4, 0);  /* stays unmasked */
    ck_assert_uint_eq(dma_transfer(&f->dma, 2, buf + 3, 3, 1, &tc), 3);
    ck_assert_int_eq(tc, 1);
    ck_assert_uint_eq(mem_read8(&f->mem, 0x10500), 4);   /* second block over the first */
    ck_assert_uint_eq(mem_read8(&f->mem, 0x10502), 6);
    ck_assert_uint_eq(in(f, 0x08) & 0x0F, 0x04);
    fx_free(f);
}
END_TEST

START_TEST(test_masked_channel)
{
    struct fx *f = fx_new();
    uint8_t buf[4] = { 9, 9, 9, 9 };
    int tc = 7;

    enable_cascade(f);
    program(f, 2, DMA_MODE_WRITE, 0, 0x3000, 3);
    out(f, 0x0A, 4 | 2);                           /* single mask ch2 */
    ck_assert_uint_eq(dma_transfer(&f->dma, 2, buf, 4, 1, &tc), 0);
    ck_assert_int_eq(tc, 0);
    ck_assert_uint_eq(mem_read8(&f->mem, 0x3000), 0);
    out(f, 0x0E, 0);                               /* clear mask register */
    ck_assert_uint_eq(dma_transfer(&f->dma, 2, buf, 1, 1, &tc), 1);
    out(f, 0x0F, 0x04);                            /* write all masks */
    ck_assert_uint_eq(dma_transfer(&f->dma, 2, buf, 1, 1, &tc), 0);
    out(f, 0x0F, 0x00);
    /* DMA1 reaches the bus only through channel 4. */
    out(f, 0xD4, 4 | 0);
    ck_assert_uint_eq(dma_transfer(&f->dma, 2, buf, 1, 1, &tc), 0);
    out(f, 0xD4, 0);
    /* A disabled controller (command bit 2) transfers nothing. */
    out(f, 0x08, 0x04);
    ck_assert_uint_eq(dma_transfer(&f->dma, 2, buf, 1, 1, &tc), 0);
    out(f, 0x08, 0x00);
    ck_assert_uint_eq(dma_transfer(&f->dma, 2, buf, 1, 1, &tc), 1);
    ck_assert_uint_eq(read16(f, 2, 4), 0x3002);
    fx_free(f);
}
END_TEST

START_TEST(test_master_clear)
{
    struct fx *f = fx_new();
    uint8_t buf[2] = { 0 };
    int tc;

    enable_cascade(f);
    program(f, 0, DMA_MODE_WRITE, 0x04, 0x1234, 0);
    dma_transfer(&f->dma, 0, buf, 1, 1, &tc);
    out(f, 0x09, 4 | 3);
    out(f, 0x08, 0x10);
    out(f, 0x0E, 0);
    out(f, 0x0C, 0);
    out(f, 0x00, 0x99);                            /* flip-flop now high */
    out(f, 0x0D, 0);                               /* master clear */
    ck_assert_uint_eq(f->dma.ctl[0].mask, 0x0F);
    ck_assert_uint_eq(f->dma.ctl[0].command, 0);
    ck_assert_uint_eq(in(f, 0x08), 0x00);          /* TC and request cleared */
    ck_assert_uint_eq(in(f, 0x0D), 0x00);          /* temporary register */
    /* Flip-flop cleared: the next read is a low byte. Registers kept. */
    ck_assert_uint_eq(in(f, 0x00), 0x99);
    ck_assert_uint_eq(in(f, 0x00), 0x12);
    ck_assert_uint_eq(f->dma.ctl[0].chan[0].mode, DMA_MODE_WRITE);
    ck_assert_uint_eq(in(f, 0x87), 0x04);          /* page registers untouched */
    ck_assert_uint_eq(dma_transfer(&f->dma, 0, buf, 1, 1, &tc), 0);
    /* DMA2 master clear at DAh masks channel 4 and so cuts DMA1 off. */
    out(f, 0x0E, 0);
    out(f, 0xDA, 0);
    ck_assert_uint_eq(f->dma.ctl[1].mask, 0x0F);
    ck_assert_uint_eq(dma_transfer(&f->dma, 0, buf, 1, 1, &tc), 0);
    fx_free(f);
}
END_TEST

START_TEST(test_verify_mode)
{
    struct fx *f = fx_new();
    uint8_t buf[4] = { 7, 7, 7, 7 };
    unsigned n;
    int tc;

    enable_cascade(f);
    mem_write(&f->mem, 0x4000, 0x44332211u, 4);
    program(f, 2, DMA_MODE_VERIFY, 0, 0x4000, 3);
    n = dma_transfer(&f->dma, 2, buf, 4, 1, &tc);
    ck_assert_uint_eq(n, 4);
    ck_assert_int_eq(tc, 1);
    ck_assert_uint_eq(mem_read(&f->mem, 0x4000, 4), 0x44332211u);
    program(f, 2, DMA_MODE_VERIFY, 0, 0x4000, 3);
    n = dma_transfer(&f->dma, 2, buf, 4, 0, &tc);
    ck_assert_uint_eq(n, 4);
    ck_assert_uint_eq(buf[0], 7);
    ck_assert_uint_eq(buf[3], 7);
    ck_assert_uint_eq(in(f, 0x08) & 4, 4);
    fx_free(f);
}
END_TEST

START_TEST(test_direction_cascade_rom)
{
    char err[160];
    struct fx *f = fx_new();
    uint8_t rom[4096], buf[2] = { 0x55, 0x66 };
    int tc;

    enable_cascade(f);
    /* A channel programmed for memory read refuses a device write. */
    program(f, 2, DMA_MODE_READ, 0, 0x5000, 1);
    ck_assert_uint_eq(dma_transfer(&f->dma, 2, buf, 2, 1, &tc), 0);
    ck_assert_uint_eq(mem_read8(&f->mem, 0x5000), 0);
    /* Cascade-mode channels and the illegal transfer type move nothing. */
    ck_assert_uint_eq(dma_transfer(&f->dma, 4, buf, 2, 1, &tc), 0);
    program(f, 2, 0x0C, 0, 0x5000, 1);
    ck_assert_uint_eq(dma_transfer(&f->dma, 2, buf, 2, 1, &tc), 0);
    ck_assert_uint_eq(dma_transfer(&f->dma, 8, buf, 2, 1, &tc), 0);
    /* Writes go through the memory map, so ROM stays intact. */
    memset(rom, 0xC3, sizeof rom);
    ck_assert_int_eq(mem_add_rom(&f->mem, "rom", 0xF0000, rom, sizeof rom, err, sizeof err), 0);
    program(f, 2, DMA_MODE_WRITE, 0x0F, 0x0000, 1);
    ck_assert_uint_eq(dma_transfer(&f->dma, 2, buf, 2, 1, &tc), 2);
    ck_assert_uint_eq(mem_read8(&f->mem, 0xF0000), 0xC3);
    fx_free(f);
}
END_TEST

START_TEST(test_two_controllers)
{
    struct fx *a = fx_new(), *b = fx_new();
    uint8_t buf[2] = { 0xAB, 0xCD };
    int tc;

    enable_cascade(a);
    enable_cascade(b);
    program(a, 2, DMA_MODE_WRITE, 0x01, 0x0000, 1);
    program(b, 2, DMA_MODE_WRITE, 0x02, 0x0000, 0);
    ck_assert_uint_eq(dma_transfer(&a->dma, 2, buf, 2, 1, &tc), 2);
    ck_assert_int_eq(tc, 1);
    ck_assert_uint_eq(mem_read8(&a->mem, 0x10001), 0xCD);
    ck_assert_uint_eq(mem_read8(&b->mem, 0x10000), 0);
    ck_assert_uint_eq(read16(b, 2, 5), 0);
    ck_assert_uint_eq(in(b, 0x08), 0);
    ck_assert_uint_eq(in(a, 0x08), 0x04);
    ck_assert_uint_eq(dma_transfer(&b->dma, 2, buf, 2, 1, &tc), 1);
    ck_assert_uint_eq(mem_read8(&b->mem, 0x20000), 0xAB);
    fx_free(a);
    fx_free(b);
}
END_TEST

START_TEST(test_state_fields_and_ports)
{
    struct fx *f = fx_new();
    size_t n, i;
    unsigned ver;
    const struct dev_field *t = dma_state_fields(&n, &ver);

    ck_assert_uint_eq(ver, 1);
    ck_assert_uint_eq(n, 2 * (4 * 5 + 7) + 1);
    for (i = 0; i < n; i++) {
        ck_assert_ptr_nonnull(t[i].name);
        ck_assert_uint_le(t[i].offset + t[i].size, sizeof(struct dma));
    }
    ck_assert_str_eq(io_name(&f->bus, 0x0F), "dma1");
    ck_assert_str_eq(io_name(&f->bus, 0xDF), "dma2");
    ck_assert_str_eq(io_name(&f->bus, 0x8F), "dma-page");
    ck_assert_ptr_null(io_name(&f->bus, 0x10));
    ck_assert_uint_eq(in(f, 0x0B), 0xFF);          /* write-only register */
    fx_free(f);
}
END_TEST

static Suite *dma_suite(void)
{
    Suite *s = suite_create("dma");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_flipflop_programming);
    tcase_add_test(tc, test_page_registers);
    tcase_add_test(tc, test_8bit_to_memory_increment);
    tcase_add_test(tc, test_8bit_from_memory_decrement);
    tcase_add_test(tc, test_64k_wrap_within_page);
    tcase_add_test(tc, test_16bit_word_addressing);
    tcase_add_test(tc, test_terminal_count_status);
    tcase_add_test(tc, test_autoinit_reload);
    tcase_add_test(tc, test_masked_channel);
    tcase_add_test(tc, test_master_clear);
    tcase_add_test(tc, test_verify_mode);
    tcase_add_test(tc, test_direction_cascade_rom);
    tcase_add_test(tc, test_two_controllers);
    tcase_add_test(tc, test_state_fields_and_ports);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(dma_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
