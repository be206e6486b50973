/* test_pic.c - Check unit tests for devices/pic.c, the PC/AT 8259A pair:
 * ICW sequence and vector bases, OCW1 masking, fully nested priority,
 * EOI kinds, rotation, special mask mode, poll, IRR/ISR reads, cascade
 * through the slave, auto-EOI, edge vs level inputs, spurious IRQ7/IRQ15,
 * the INTR output, the state table and two pairs in one process.
 * Everything is driven through io_read/io_write on a real bus. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devstate.h"
#include "ioport.h"
#include "pic.h"

struct fx {
    struct io_bus bus;
    struct pic_pair pic;
    int intr;            /* INTR as the CPU sees it */
    unsigned intr_calls;
};

static void fx_intr(void *opaque, int level)
{
    struct fx *f = opaque;
    f->intr = level;
    f->intr_calls++;
}

static struct fx *fx_new(void)
{
    char err[160];
    struct fx *f = malloc(sizeof *f);

    ck_assert_ptr_nonnull(f);
    memset(f, 0x5A, sizeof *f);      /* pic_init must not rely on zeroed memory */
    io_init(&f->bus);
    pic_init(&f->pic, fx_intr, f);
    f->intr = 0;
    f->intr_calls = 0;
    ck_assert_int_eq(pic_register(&f->pic, &f->bus, err, sizeof err), 0);
    return f;
}

static void out(struct fx *f, uint16_t port, uint8_t v) { io_write(&f->bus, port, v, 1); }
static uint8_t in(struct fx *f, uint16_t port) { return (uint8_t)io_read(&f->bus, port, 1); }

/* The PC/AT BIOS sequence: master base 08h, slave base 70h, cascade on IR2,
 * edge-triggered, 8086 mode; icw4 lets a test add AEOI or SFNM. */
static void at_init(struct fx *f, uint8_t icw1_extra, uint8_t icw4)
{
    out(f, 0x20, (uint8_t)(0x11 | icw1_extra));
    out(f, 0x21, 0x08);
    out(f, 0x21, 0x04);
    out(f, 0x21, icw4);
    out(f, 0xA0, (uint8_t)(0x11 | icw1_extra));
    out(f, 0xA1, 0x70);
    out(f, 0xA1, 0x02);
    out(f, 0xA1, icw4);
}

static struct fx *fx_at(void)
{
    struct fx *f = fx_new();
    at_init(f, 0, 0x01);
    return f;
}

static uint8_t isr(struct fx *f, uint16_t base) { out(f, base, 0x0B); return in(f, base); }
static uint8_t irr(struct fx *f, uint16_t base) { out(f, base, 0x0A); return in(f, base); }
static void eoi(struct fx *f, uint16_t base) { out(f, base, 0x20); }

START_TEST(test_init_and_vector_base)
{
    struct fx *f = fx_new();

    ck_assert_uint_eq(in(f, 0x21), 0xFF);       /* power-on: all masked */
    pic_set_irq(&f->pic, 0, 1);
    ck_assert_int_eq(f->intr, 0);
    pic_set_irq(&f->pic, 0, 0);

    at_init(f, 0, 0x01);
    ck_assert_uint_eq(in(f, 0x21), 0x00);       /* ICW1 cleared the mask */
    ck_assert_uint_eq(in(f, 0xA1), 0x00);
    out(f, 0x21, 0x5A);                         /* sequence over: odd port is OCW1 */
    ck_assert_uint_eq(in(f, 0x21), 0x5A);
    out(f, 0x21, 0x00);

    pic_set_irq(&f->pic, 0, 1);
    ck_assert_int_eq(f->intr, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x08);
    ck_assert_uint_eq(isr(f, 0x20), 0x01);

    /* single mode skips ICW3; no ICW4 (IC4=0); vector base from T7-T3 only */
    out(f, 0x20, 0x12);
    out(f, 0x21, 0x47);                         /* low 3 bits are ignored in 8086 mode */
    out(f, 0x21, 0x10);                         /* already OCW1 */
    ck_assert_uint_eq(in(f, 0x21), 0x10);
    out(f, 0x21, 0x00);
    ck_assert_uint_eq(isr(f, 0x20), 0x00);      /* re-init dropped the in-service level */
    pic_set_irq(&f->pic, 0, 0);
    pic_set_irq(&f->pic, 5, 1);
    ck_assert_int_eq(pic_ack_cb(&f->pic), 0x45);
    free(f);
}
END_TEST

START_TEST(test_icw1_resets_edge_sense)
{
    struct fx *f = fx_at();

    pic_set_irq(&f->pic, 3, 1);
    ck_assert_int_eq(f->intr, 1);
    at_init(f, 0, 0x01);                        /* the line is still high */
    ck_assert_int_eq(f->intr, 0);               /* but needs a new low-to-high edge */
    ck_assert_uint_eq(irr(f, 0x20) & 0x08, 0);
    pic_set_irq(&f->pic, 3, 0);
    pic_set_irq(&f->pic, 3, 1);
    ck_assert_int_eq(f->intr, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0B);
    free(f);
}
END_TEST

START_TEST(test_masking)
{
    struct fx *f = fx_at();

    out(f, 0x21, 0x10);
    ck_assert_uint_eq(in(f, 0x21), 0x10);
    pic_set_irq(&f->pic, 4, 1);
    ck_assert_int_eq(f->intr, 0);               /* masked */
    ck_assert_uint_eq(irr(f, 0x20), 0x10);      /* but requested */
    out(f, 0x21, 0x00);
    ck_assert_int_eq(f->intr, 1);
    out(f, 0x21, 0x10);
    ck_assert_int_eq(f->intr, 0);
    out(f, 0x21, 0x00);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0C);

    /* masking the cascade input hides every slave request */
    out(f, 0x21, 0x04);
    pic_set_irq(&f->pic, 12, 1);
    ck_assert_int_eq(f->intr, 0);
    out(f, 0xA1, 0x10);                         /* slave mask register is separate */
    ck_assert_uint_eq(in(f, 0xA1), 0x10);
    ck_assert_uint_eq(in(f, 0x21), 0x04);
    out(f, 0xA1, 0x00);
    out(f, 0x21, 0x00);
    ck_assert_int_eq(f->intr, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x74);
    free(f);
}
END_TEST

START_TEST(test_priority_order)
{
    struct fx *f = fx_at();

    pic_set_irq(&f->pic, 5, 1);
    pic_set_irq(&f->pic, 3, 1);
    pic_set_irq(&f->pic, 1, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x09);
    ck_assert_int_eq(f->intr, 0);               /* 3 and 5 are below IR1 in service */
    eoi(f, 0x20);
    ck_assert_int_eq(f->intr, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0B);
    ck_assert_int_eq(f->intr, 0);
    /* a higher level nests inside a lower one in service */
    pic_set_irq(&f->pic, 0, 1);
    ck_assert_int_eq(f->intr, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x08);
    ck_assert_uint_eq(isr(f, 0x20), 0x09);
    eoi(f, 0x20);                               /* clears IR0, the highest */
    ck_assert_uint_eq(isr(f, 0x20), 0x08);
    ck_assert_int_eq(f->intr, 0);
    eoi(f, 0x20);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0D);
    free(f);
}
END_TEST

START_TEST(test_eoi_kinds)
{
    struct fx *f = fx_at();
    int i;

    for (i = 7; i >= 4; i--) {                  /* nest 7, 6, 5, 4 */
        pic_set_irq(&f->pic, i, 1);
        ck_assert_int_eq(pic_ack(&f->pic), 0x08 + i);
    }
    ck_assert_uint_eq(isr(f, 0x20), 0xF0);
    out(f, 0x20, 0x40);                         /* OCW2 no-op */
    ck_assert_uint_eq(isr(f, 0x20), 0xF0);
    out(f, 0x20, 0x66);                         /* specific EOI for IR6 */
    ck_assert_uint_eq(isr(f, 0x20), 0xB0);
    out(f, 0x20, 0x20);                         /* non-specific: highest = IR4 */
    ck_assert_uint_eq(isr(f, 0x20), 0xA0);
    out(f, 0x20, 0x63);                         /* specific EOI of an idle level */
    ck_assert_uint_eq(isr(f, 0x20), 0xA0);
    out(f, 0x20, 0x20);
    out(f, 0x20, 0x20);
    ck_assert_uint_eq(isr(f, 0x20), 0x00);
    out(f, 0x20, 0x20);                         /* nothing in service: harmless */
    ck_assert_uint_eq(isr(f, 0x20), 0x00);
    free(f);
}
END_TEST

START_TEST(test_rotation)
{
    struct fx *f = fx_at();

    /* rotate on non-specific EOI: the serviced level becomes lowest */
    pic_set_irq(&f->pic, 1, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x09);
    out(f, 0x20, 0xA0);
    pic_set_irq(&f->pic, 1, 0);
    pic_set_irq(&f->pic, 0, 1);
    pic_set_irq(&f->pic, 1, 1);
    pic_set_irq(&f->pic, 2 + 1, 1);             /* IR3 */
    /* order now 2,3,4,5,6,7,0,1 */
    ck_assert_int_eq(pic_ack(&f->pic), 0x0B);
    out(f, 0x20, 0xA0);                         /* IR3 lowest: 4,...,7,0,1,2,3 */
    ck_assert_int_eq(pic_ack(&f->pic), 0x08);
    out(f, 0x20, 0xA0);
    ck_assert_int_eq(pic_ack(&f->pic), 0x09);
    out(f, 0x20, 0x20);

    /* set priority: IR5 lowest, so IR6 is highest */
    out(f, 0x20, 0xC5);
    pic_set_irq(&f->pic, 6, 1);
    pic_set_irq(&f->pic, 5, 1);
    pic_set_irq(&f->pic, 0, 0);
    pic_set_irq(&f->pic, 0, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0E);
    ck_assert_int_eq(f->intr, 0);               /* IR0 and IR5 are below IR6 now */
    /* rotate on specific EOI: clear IR6 and make IR0 the lowest */
    out(f, 0x20, 0xE6);
    ck_assert_uint_eq(isr(f, 0x20), 0x00);
    ck_assert_int_eq(f->intr, 1);
    out(f, 0x20, 0x66);
    out(f, 0x20, 0xE0);                         /* IR0 lowest: IR5 beats IR0 */
    ck_assert_int_eq(pic_ack(&f->pic), 0x0D);
    free(f);
}
END_TEST

START_TEST(test_special_mask_mode)
{
    struct fx *f = fx_at();

    pic_set_irq(&f->pic, 3, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0B);
    pic_set_irq(&f->pic, 5, 1);
    ck_assert_int_eq(f->intr, 0);               /* blocked by IR3 in service */
    out(f, 0x21, 0x08);                         /* mask own level ... */
    out(f, 0x20, 0x68);                         /* ... and enter special mask mode */
    ck_assert_int_eq(f->intr, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0D);
    ck_assert_uint_eq(isr(f, 0x20), 0x28);
    ck_assert_int_eq(f->intr, 0);
    /* a higher level also gets through, an in-service level does not */
    pic_set_irq(&f->pic, 1, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x09);
    /* a non-specific EOI leaves the masked IR3 in service */
    eoi(f, 0x20);
    ck_assert_uint_eq(isr(f, 0x20), 0x28);
    eoi(f, 0x20);
    ck_assert_uint_eq(isr(f, 0x20), 0x08);
    eoi(f, 0x20);
    ck_assert_uint_eq(isr(f, 0x20), 0x08);
    /* leave SMM: IR3's ISR bit blocks IR4 again */
    out(f, 0x20, 0x48);
    out(f, 0x21, 0x00);
    pic_set_irq(&f->pic, 4, 1);
    ck_assert_int_eq(f->intr, 0);
    out(f, 0x20, 0x08);                         /* ESMM=0: SMM bit ignored, still off */
    ck_assert_int_eq(f->intr, 0);
    eoi(f, 0x20);
    ck_assert_int_eq(f->intr, 1);
    free(f);
}
END_TEST

START_TEST(test_poll)
{
    struct fx *f = fx_at();

    out(f, 0x21, 0xFF);                         /* polled systems mask INTR */
    out(f, 0x20, 0x0C);
    ck_assert_uint_eq(in(f, 0x20), 0x00);       /* nothing pending */
    pic_set_irq(&f->pic, 6, 1);
    pic_set_irq(&f->pic, 3, 1);
    ck_assert_int_eq(f->intr, 0);
    out(f, 0x21, 0x00);
    ck_assert_int_eq(f->intr, 1);
    out(f, 0x20, 0x0C);
    ck_assert_uint_eq(in(f, 0x20), 0x83);       /* the read is the acknowledge */
    ck_assert_uint_eq(isr(f, 0x20), 0x08);
    ck_assert_int_eq(f->intr, 0);
    ck_assert_uint_eq(in(f, 0x20), 0x08);       /* poll is one-shot; ISR read stays */
    eoi(f, 0x20);
    out(f, 0x20, 0x0C);
    ck_assert_uint_eq(in(f, 0x21), 0x86);       /* either address answers the poll */
    eoi(f, 0x20);

    /* slave poll, vector-less */
    pic_set_irq(&f->pic, 13, 1);
    out(f, 0xA0, 0x0C);
    ck_assert_uint_eq(in(f, 0xA0), 0x85);
    ck_assert_uint_eq(isr(f, 0xA0), 0x20);
    ck_assert_uint_eq(isr(f, 0x20), 0x00);      /* master was not involved */
    free(f);
}
END_TEST

START_TEST(test_read_irr_isr)
{
    struct fx *f = fx_at();

    pic_set_irq(&f->pic, 1, 1);
    pic_set_irq(&f->pic, 7, 1);
    ck_assert_uint_eq(in(f, 0x20), 0x82);       /* ICW1 selected IRR */
    ck_assert_int_eq(pic_ack(&f->pic), 0x09);
    ck_assert_uint_eq(in(f, 0x20), 0x80);       /* acknowledge consumed IR1 */
    out(f, 0x20, 0x0B);
    ck_assert_uint_eq(in(f, 0x20), 0x02);
    ck_assert_uint_eq(in(f, 0x20), 0x02);       /* selection sticks */
    out(f, 0x20, 0x08);                         /* RR=0: no change */
    ck_assert_uint_eq(in(f, 0x20), 0x02);
    out(f, 0x20, 0x0A);
    ck_assert_uint_eq(in(f, 0x20), 0x80);
    ck_assert_uint_eq(pic_irr(&f->pic, 0), 0x80);
    ck_assert_uint_eq(in(f, 0x21), 0x00);       /* odd port is always IMR */
    free(f);
}
END_TEST

START_TEST(test_cascade)
{
    struct fx *f = fx_at();
    int irq;

    for (irq = 8; irq < 16; irq++) {
        pic_set_irq(&f->pic, irq, 1);
        ck_assert_int_eq(f->intr, 1);
        ck_assert_uint_eq(irr(f, 0x20), 0x04);
        ck_assert_int_eq(pic_ack(&f->pic), 0x70 + irq - 8);
        ck_assert_uint_eq(isr(f, 0x20), 0x04);  /* master's cascade level in service */
        ck_assert_uint_eq(isr(f, 0xA0), 1u << (irq - 8));
        pic_set_irq(&f->pic, irq, 0);
        eoi(f, 0xA0);
        eoi(f, 0x20);
        ck_assert_int_eq(f->intr, 0);
    }
    /* a slave IRQ outranks master IR3..7 and ranks below IR0, IR1 */
    pic_set_irq(&f->pic, 3, 1);
    pic_set_irq(&f->pic, 11, 1);
    pic_set_irq(&f->pic, 1, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x09);
    eoi(f, 0x20);
    ck_assert_int_eq(pic_ack(&f->pic), 0x73);
    ck_assert_int_eq(f->intr, 0);               /* IR3 waits for the cascade EOI */
    eoi(f, 0xA0);
    ck_assert_int_eq(f->intr, 0);
    eoi(f, 0x20);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0B);
    free(f);
}
END_TEST

START_TEST(test_cascade_misprogrammed)
{
    struct fx *f = fx_at();

    /* slave ID not 2: nobody drives the bus in the second INTA */
    out(f, 0xA0, 0x11); out(f, 0xA1, 0x70); out(f, 0xA1, 0x05); out(f, 0xA1, 0x01);
    pic_set_irq(&f->pic, 9, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0xFF);
    ck_assert_uint_eq(isr(f, 0x20), 0x04);
    free(f);

    /* master in single mode: IR2 is an ordinary level with its own vector */
    f = fx_at();
    out(f, 0x20, 0x13); out(f, 0x21, 0x08); out(f, 0x21, 0x01);
    pic_set_irq(&f->pic, 9, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0A);
    ck_assert_uint_eq(isr(f, 0xA0), 0x00);
    free(f);
}
END_TEST

START_TEST(test_special_fully_nested)
{
    struct fx *f = fx_new();

    at_init(f, 0, 0x11);                        /* SFNM on both; only the master's counts */
    pic_set_irq(&f->pic, 12, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x74);
    pic_set_irq(&f->pic, 9, 1);                 /* higher on the same slave */
    ck_assert_int_eq(f->intr, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x71);
    ck_assert_uint_eq(isr(f, 0xA0), 0x12);
    free(f);

    f = fx_at();                                /* plain fully nested: blocked */
    pic_set_irq(&f->pic, 12, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x74);
    pic_set_irq(&f->pic, 9, 1);
    ck_assert_int_eq(f->intr, 0);
    free(f);
}
END_TEST

START_TEST(test_auto_eoi)
{
    struct fx *f = fx_new();

    at_init(f, 0, 0x03);
    pic_set_irq(&f->pic, 4, 1);
    pic_set_irq(&f->pic, 6, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0C);
    ck_assert_uint_eq(isr(f, 0x20), 0x00);      /* no EOI needed */
    ck_assert_int_eq(f->intr, 1);               /* so IR6 is already let through */
    ck_assert_int_eq(pic_ack(&f->pic), 0x0E);

    /* rotate in AEOI mode: each serviced level becomes the lowest */
    out(f, 0x20, 0x80);
    pic_set_irq(&f->pic, 1, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x09);
    pic_set_irq(&f->pic, 0, 1);
    pic_set_irq(&f->pic, 3, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0B);   /* 2..7 now beat 0 */
    ck_assert_int_eq(pic_ack(&f->pic), 0x08);
    out(f, 0x20, 0x00);                         /* clear rotate in AEOI */
    pic_set_irq(&f->pic, 0, 0); pic_set_irq(&f->pic, 3, 0);
    pic_set_irq(&f->pic, 0, 1); pic_set_irq(&f->pic, 3, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0B);   /* IR0 stays lowest: 1..7 first */
    ck_assert_int_eq(pic_ack(&f->pic), 0x08);
    pic_set_irq(&f->pic, 0, 0);
    pic_set_irq(&f->pic, 0, 1);
    pic_set_irq(&f->pic, 3, 0);
    pic_set_irq(&f->pic, 3, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0B);   /* no rotation happened on the last ack */
    free(f);
}
END_TEST

START_TEST(test_auto_eoi_slave_two_requests)
{
    struct fx *f = fx_new();

    at_init(f, 0, 0x03);
    pic_set_irq(&f->pic, 9, 1);
    pic_set_irq(&f->pic, 10, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x71);
    ck_assert_int_eq(f->intr, 1);               /* the second one is not lost */
    ck_assert_int_eq(pic_ack(&f->pic), 0x72);
    ck_assert_int_eq(f->intr, 0);
    free(f);
}
END_TEST

START_TEST(test_edge_vs_level)
{
    struct fx *f = fx_at();

    /* edge: a line held high requests once */
    pic_set_irq(&f->pic, 5, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0D);
    eoi(f, 0x20);
    ck_assert_int_eq(f->intr, 0);
    pic_set_irq(&f->pic, 5, 1);                 /* re-assertion without an edge */
    ck_assert_int_eq(f->intr, 0);
    pic_set_irq(&f->pic, 5, 0);
    pic_set_irq(&f->pic, 5, 1);
    ck_assert_int_eq(f->intr, 1);
    free(f);

    /* level: requests as long as the line is high */
    f = fx_new();
    at_init(f, 0x08, 0x01);
    pic_set_irq(&f->pic, 5, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0D);
    ck_assert_uint_eq(irr(f, 0x20), 0x20);      /* IRR follows the pin */
    ck_assert_int_eq(f->intr, 0);
    eoi(f, 0x20);
    ck_assert_int_eq(f->intr, 1);               /* still high: again */
    ck_assert_int_eq(pic_ack(&f->pic), 0x0D);
    pic_set_irq(&f->pic, 5, 0);
    eoi(f, 0x20);
    ck_assert_int_eq(f->intr, 0);
    ck_assert_uint_eq(irr(f, 0x20), 0x00);
    /* a level high before ICW1 counts at once (no edge needed) */
    out(f, 0x21, 0xFF);
    pic_set_irq(&f->pic, 6, 1);
    ck_assert_int_eq(f->intr, 0);
    at_init(f, 0x08, 0x01);
    ck_assert_int_eq(f->intr, 1);
    free(f);
}
END_TEST

START_TEST(test_spurious_irq7)
{
    struct fx *f = fx_at();

    pic_set_irq(&f->pic, 4, 1);
    ck_assert_int_eq(f->intr, 1);
    pic_set_irq(&f->pic, 4, 0);                 /* gone before the INTA */
    ck_assert_int_eq(f->intr, 0);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0F);
    ck_assert_uint_eq(isr(f, 0x20), 0x00);      /* default IR7: nothing in service */
    /* a real IR7 does set its ISR bit */
    pic_set_irq(&f->pic, 7, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0F);
    ck_assert_uint_eq(isr(f, 0x20), 0x80);
    eoi(f, 0x20);
    /* a slave request that vanishes before the INTA takes the master's IR2
     * with it: the master answers its own default IR7 */
    pic_set_irq(&f->pic, 11, 1);
    pic_set_irq(&f->pic, 11, 0);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0F);
    ck_assert_uint_eq(isr(f, 0x20), 0x00);
    ck_assert_uint_eq(isr(f, 0xA0), 0x00);
    free(f);
}
END_TEST

START_TEST(test_spurious_irq15)
{
    struct fx *f = fx_at();

    /* The master has already latched IR2 when the slave's request goes
     * away inside the INTA sequence. That race is shorter than an
     * instruction, so it is set up on the state directly: master IR2
     * latched and high, slave with nothing. */
    pic_set_irq(&f->pic, 10, 1);
    f->pic.chip[1].pins = 0;
    f->pic.chip[1].edge = 0;
    ck_assert_int_eq(pic_ack(&f->pic), 0x77);
    ck_assert_uint_eq(isr(f, 0xA0), 0x00);      /* slave: nothing in service */
    ck_assert_uint_eq(isr(f, 0x20), 0x04);      /* master: cascade level needs its EOI */
    ck_assert_int_eq(f->intr, 0);
    eoi(f, 0x20);
    ck_assert_uint_eq(isr(f, 0x20), 0x00);
    free(f);
}
END_TEST

START_TEST(test_intr_output)
{
    struct fx *f = fx_at();

    ck_assert_uint_eq(f->intr_calls, 0);        /* init with nothing pending: silent */
    pic_set_irq(&f->pic, 3, 1);
    ck_assert_uint_eq(f->intr_calls, 1);
    ck_assert_int_eq(f->intr, 1);
    pic_set_irq(&f->pic, 4, 1);                 /* still high: no call */
    pic_set_irq(&f->pic, 3, 1);
    ck_assert_uint_eq(f->intr_calls, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0B);   /* IR4 is blocked by IR3 */
    ck_assert_uint_eq(f->intr_calls, 2);
    ck_assert_int_eq(f->intr, 0);
    eoi(f, 0x20);                               /* IR4 appears */
    ck_assert_uint_eq(f->intr_calls, 3);
    ck_assert_int_eq(f->intr, 1);
    ck_assert_int_eq(f->pic.intr_level, 1);
    out(f, 0x21, 0xFF);
    ck_assert_uint_eq(f->intr_calls, 4);
    ck_assert_int_eq(f->intr, 0);

    /* through an irq_line, as devices will drive it */
    struct irq_line line;
    out(f, 0x21, 0x00);
    ck_assert_int_eq(pic_ack(&f->pic), 0x0C);
    eoi(f, 0x20);
    irq_connect(&line, pic_irq_line_cb, &f->pic, 14);
    irq_raise(&line);
    ck_assert_int_eq(f->intr, 1);
    ck_assert_int_eq(pic_ack(&f->pic), 0x76);
    irq_lower(&line);
    pic_set_irq(&f->pic, 2, 1);                 /* IR2 is the cascade, not a bus line */
    ck_assert_uint_eq(irr(f, 0x20), 0x00);
    free(f);
}
END_TEST

START_TEST(test_two_pairs)
{
    struct fx *a = fx_at(), *b = fx_new();

    at_init(b, 0, 0x03);                        /* different mode on b */
    out(b, 0x20, 0x11); out(b, 0x21, 0x50); out(b, 0x21, 0x04); out(b, 0x21, 0x01);
    pic_set_irq(&a->pic, 1, 1);
    ck_assert_int_eq(a->intr, 1);
    ck_assert_int_eq(b->intr, 0);
    pic_set_irq(&b->pic, 1, 1);
    ck_assert_int_eq(pic_ack(&b->pic), 0x51);
    ck_assert_int_eq(pic_ack(&a->pic), 0x09);
    ck_assert_uint_eq(isr(a, 0x20), 0x02);
    ck_assert_uint_eq(isr(b, 0x20), 0x02);
    ck_assert_int_eq(a->intr, 0);
    ck_assert_int_eq(b->intr, 0);
    free(a);
    free(b);
}
END_TEST

START_TEST(test_state_fields_and_ports)
{
    struct fx *f = fx_at();
    size_t n, i;
    unsigned version;
    const struct dev_field *t = pic_state_fields(&n, &version);
    char err[160];

    ck_assert_uint_ge(version, 1);
    ck_assert_uint_eq(n, 2 * 14 + 1);
    for (i = 0; i < n; i++) {
        ck_assert_ptr_nonnull(t[i].name);
        ck_assert_uint_le(t[i].offset + t[i].size, sizeof(struct pic_pair));
    }
    ck_assert_str_eq(t[0].name, "chip[0].pins");
    ck_assert_str_eq(io_name(&f->bus, 0x21), "pic-master");
    ck_assert_str_eq(io_name(&f->bus, 0xA0), "pic-slave");
    ck_assert_ptr_null(io_name(&f->bus, 0x22));
    ck_assert_int_eq(pic_register(&f->pic, &f->bus, err, sizeof err), -1);
    /* a 16-bit access is split into the two byte ports */
    out(f, 0x21, 0x33);
    ck_assert_uint_eq(io_read(&f->bus, 0x20, 2) >> 8, 0x33);
    free(f);
}
END_TEST

static Suite *pic_suite(void)
{
    Suite *s = suite_create("pic");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_init_and_vector_base);
    tcase_add_test(tc, test_icw1_resets_edge_sense);
    tcase_add_test(tc, test_masking);
    tcase_add_test(tc, test_priority_order);
    tcase_add_test(tc, test_eoi_kinds);
    tcase_add_test(tc, test_rotation);
    tcase_add_test(tc, test_special_mask_mode);
    tcase_add_test(tc, test_poll);
    tcase_add_test(tc, test_read_irr_isr);
    tcase_add_test(tc, test_cascade);
    tcase_add_test(tc, test_cascade_misprogrammed);
    tcase_add_test(tc, test_special_fully_nested);
    tcase_add_test(tc, test_auto_eoi);
    tcase_add_test(tc, test_auto_eoi_slave_two_requests);
    tcase_add_test(tc, test_edge_vs_level);
    tcase_add_test(tc, test_spurious_irq7);
    tcase_add_test(tc, test_spurious_irq15);
    tcase_add_test(tc, test_intr_output);
    tcase_add_test(tc, test_two_pairs);
    tcase_add_test(tc, test_state_fields_and_ports);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(pic_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
