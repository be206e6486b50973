/* pic.c - the PC/AT pair of Intel 8259A programmable interrupt controllers.
 *
 * Follows the Intel 8259A datasheet (order no. 231468): "Interrupt
 * Sequence" (8086 mode, two INTA pulses), "Initialization Command Words"
 * (ICW1-ICW4, and the list of what ICW1 resets), "Operation Command Words"
 * (OCW1 mask, OCW2 EOI/rotate/set-priority, OCW3 read-register select,
 * poll and special mask mode), "Fully Nested Mode", "Automatic Rotation",
 * "Specific Rotation", "Special Mask Mode", "Poll Command", "Edge and
 * Level Triggered Modes" (incl. the default IR7 when a request goes away
 * before the INTA) and "Cascade Mode" / "Special Fully Nested Mode".
 *
 * Wiring is that of the IBM PC/AT: master at 20h, slave at A0h, the
 * slave's INT pin on master IR2, master SP/EN tied high and slave's low
 * (non-buffered mode), so which chip is the master is fixed by the board,
 * not by ICW4's M/S bit (which only matters in buffered mode).
 *
 * Not modelled: MCS-80/85 mode (ICW4 uPM=0). There the chip answers INTA
 * with a CALL opcode and a 16-bit address, which no x86 can consume; an
 * x86 CPU always sees the 8086-mode vector (ICW2 T7-T3 plus the level),
 * as on every PC. The PCI-era ELCR (4D0h/4D1h) belongs to a chipset, not
 * to the 8259A, and is left to that chipset.
 *
 * The IRR is derived, not stored: the datasheet's priority cell ANDs the
 * edge-sense latch with the live IR level, so in edge mode a request that
 * drops before the INTA vanishes (and the INTA then gets the default IR7
 * vector), and in level mode IRR simply follows the pins. */
#include "pic.h"

#include "devstate.h"
#include "ioport.h"

#define ICW1_IC4   0x01   /* ICW4 will follow */
#define ICW1_SNGL  0x02   /* single chip, no ICW3 */
#define ICW1_LTIM  0x08   /* level-triggered inputs */
#define ICW1_INIT  0x10   /* D4=1 on the even port: this is ICW1 */
#define ICW4_AEOI  0x02
#define ICW4_SFNM  0x10
#define OCW_OCW3   0x08   /* D4=0, D3=1 on the even port: OCW3; D3=0: OCW2 */

#define PIC_STATE_VERSION 1u

/* The IR levels that request service now (see the header comment). */
static uint8_t chip_irr(const struct pic_chip *c)
{
    return (c->icw1 & ICW1_LTIM) ? c->pins : (uint8_t)(c->pins & c->edge);
}

/* Rank of IR ir: 0 is the highest priority, 7 the lowest. Rotation only
 * moves which IR is lowest, so every priority question is a rank
 * comparison relative to it. */
static unsigned rank(const struct pic_chip *c, unsigned ir)
{
    return (ir - c->lowest - 1u) & 7u;
}

/* The highest-priority IR set in mask, or -1. */
static int highest(const struct pic_chip *c, uint8_t mask)
{
    unsigned i;

    for (i = 1; i <= 8; i++) {
        unsigned ir = (c->lowest + i) & 7u;
        if (mask & (1u << ir))
            return (int)ir;
    }
    return -1;
}

static int is_cascade(const struct pic_chip *c)
{
    return !(c->icw1 & ICW1_SNGL);
}

/* The IR this chip would hand to an INTA now, or -1 (INT low).
 * Fully nested: only a request of higher priority than the highest in-
 * service level gets through. Special mask mode lifts that inhibition for
 * every level except those in service (the datasheet: masking a level
 * "enables interrupts from all other levels (lower as well as higher)").
 * Special fully nested mode on the master lets a cascade input interrupt
 * while its own ISR bit is set, so a slave's higher-priority request can
 * nest inside a lower one from the same slave. */
static int chip_pending(const struct pic_chip *c, int master)
{
    uint8_t req = (uint8_t)(chip_irr(c) & ~c->imr);
    int ir, cur;

    if (c->special_mask)
        return highest(c, (uint8_t)(req & ~c->isr));
    ir = highest(c, req);
    if (ir < 0)
        return -1;
    cur = highest(c, c->isr);
    if (cur < 0 || rank(c, (unsigned)ir) < rank(c, (unsigned)cur))
        return ir;
    if (ir == cur && master && is_cascade(c) && (c->icw4 & ICW4_SFNM) &&
        (c->icw3 & (1u << ir)))
        return ir;
    return -1;
}

/* One IR input. The edge latch arms on a rising edge and is dropped with
 * the level, so a pulse that is over before the INTA leaves nothing. */
static void chip_pin(struct pic_chip *c, unsigned n, int level)
{
    uint8_t m = (uint8_t)(1u << n);

    if (level) {
        if (!(c->pins & m))
            c->edge |= m;
        c->pins |= m;
    } else {
        c->pins &= (uint8_t)~m;
        c->edge &= (uint8_t)~m;
    }
}

/* The end of an INTA (or a poll read) that selected ir: the edge latch is
 * consumed, the ISR bit set, and in automatic EOI mode at once cleared
 * again (with rotation if OCW2 asked for it). */
static void chip_take(struct pic_chip *c, unsigned ir)
{
    uint8_t m = (uint8_t)(1u << ir);

    c->edge &= (uint8_t)~m;
    if (c->icw4 & ICW4_AEOI) {
        if (c->rotate_aeoi)
            c->lowest = (uint8_t)ir;
    } else {
        c->isr |= m;
    }
}

/* Propagate the slave's INT to master IR2 and the master's INT to the CPU.
 * The CPU is told only about changes of level. */
static void pair_update(struct pic_pair *p)
{
    int level;

    chip_pin(&p->chip[0], 2, chip_pending(&p->chip[1], 0) >= 0);
    level = chip_pending(&p->chip[0], 1) >= 0;
    if (level != p->intr_level) {
        p->intr_level = level;
        if (p->intr)
            p->intr(p->intr_opaque, level);
    }
}

/* Power-on contents are undefined in the datasheet; everything masked
 * keeps a device from interrupting through an unprogrammed vector before
 * the BIOS has run ICW1 (which clears the mask). */
static void chip_reset(struct pic_chip *c)
{
    c->pins = 0;
    c->edge = 0;
    c->imr = 0xFF;
    c->isr = 0;
    c->icw1 = 0;
    c->icw2 = 0;
    c->icw3 = 0;
    c->icw4 = 0;
    c->init_step = 0;
    c->lowest = 7;
    c->read_isr = 0;
    c->poll = 0;
    c->special_mask = 0;
    c->rotate_aeoi = 0;
}

void pic_init(struct pic_pair *p, void (*intr)(void *opaque, int level), void *opaque)
{
    chip_reset(&p->chip[0]);
    chip_reset(&p->chip[1]);
    p->intr_level = 0;
    p->intr = intr;
    p->intr_opaque = opaque;
}

static void chip_ocw2(struct pic_chip *c, uint8_t val)
{
    unsigned level = val & 7u;
    int ir;

    switch (val >> 5) {
    case 0: c->rotate_aeoi = 0; break;                    /* rotate in AEOI: clear */
    case 4: c->rotate_aeoi = 1; break;                    /* rotate in AEOI: set */
    case 1:                                               /* non-specific EOI */
    case 5:                                               /* rotate on non-specific EOI */
        /* In special mask mode a masked ISR bit is left alone by a
         * non-specific EOI (datasheet, "End of Interrupt"). */
        ir = highest(c, c->special_mask ? (uint8_t)(c->isr & ~c->imr) : c->isr);
        if (ir >= 0) {
            c->isr &= (uint8_t)~(1u << ir);
            if (val >> 5 == 5)
                c->lowest = (uint8_t)ir;
        }
        break;
    case 3:                                               /* specific EOI */
        c->isr &= (uint8_t)~(1u << level);
        break;
    case 7:                                               /* rotate on specific EOI */
        c->isr &= (uint8_t)~(1u << level);
        c->lowest = (uint8_t)level;
        break;
    case 6:                                               /* set priority */
        c->lowest = (uint8_t)level;
        break;
    default:                                              /* 2: no operation */
        break;
    }
}

static void chip_write(struct pic_chip *c, int odd, uint8_t val)
{
    if (!odd) {
        if (val & ICW1_INIT) {
            /* What ICW1 resets, in the datasheet's order: edge sense
             * (a request must make a new low-to-high transition), IMR,
             * IR7 lowest priority, slave address 7, special mask mode off
             * and status read = IRR, and ICW4 functions zero when no ICW4
             * follows. ISR and poll are cleared too: a re-initialised chip
             * must not keep levels in service from its previous life. */
            c->icw1 = val;
            c->edge = 0;
            c->imr = 0;
            c->isr = 0;
            c->lowest = 7;
            c->icw3 = 7;
            c->special_mask = 0;
            c->read_isr = 0;
            c->poll = 0;
            c->rotate_aeoi = 0;
            if (!(val & ICW1_IC4))
                c->icw4 = 0;
            c->init_step = 2;
        } else if (val & OCW_OCW3) {
            if (val & 0x04)
                c->poll = 1;
            if (val & 0x02)                               /* RR: RIS selects */
                c->read_isr = val & 1u;
            if (val & 0x40)                               /* ESMM: SMM selects */
                c->special_mask = (val >> 5) & 1u;
        } else {
            chip_ocw2(c, val);
        }
        return;
    }
    switch (c->init_step) {
    case 2:
        c->icw2 = val;
        if (is_cascade(c))
            c->init_step = 3;
        else
            c->init_step = (c->icw1 & ICW1_IC4) ? 4 : 0;
        break;
    case 3:
        c->icw3 = val;
        c->init_step = (c->icw1 & ICW1_IC4) ? 4 : 0;
        break;
    case 4:
        c->icw4 = val;
        c->init_step = 0;
        break;
    default:
        c->imr = val;                                     /* OCW1 */
        break;
    }
}

/* The poll command: the read is the INTA, the data the level in binary
 * with D7 = "an interrupt was pending". With nothing pending the datasheet
 * leaves W2-W0 undefined; they read 0 here. */
static uint8_t chip_poll(struct pic_pair *p, int which)
{
    struct pic_chip *c = &p->chip[which];
    int ir = chip_pending(c, which == 0);

    c->poll = 0;
    if (ir < 0)
        return 0;
    chip_take(c, (unsigned)ir);
    pair_update(p);
    return (uint8_t)(0x80u | (unsigned)ir);
}

static uint32_t pic_io_read(void *opaque, uint16_t port, unsigned width)
{
    struct pic_pair *p = opaque;
    int which = (port & 0x80) ? 1 : 0;
    const struct pic_chip *c = &p->chip[which];

    (void)width;
    if (c->poll)                  /* the next RD pulse, either address */
        return chip_poll(p, which);
    if (port & 1)
        return c->imr;
    return c->read_isr ? c->isr : chip_irr(c);
}

static void pic_io_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct pic_pair *p = opaque;

    (void)width;
    chip_write(&p->chip[(port & 0x80) ? 1 : 0], port & 1, (uint8_t)val);
    pair_update(p);
}

int pic_register(struct pic_pair *p, struct io_bus *bus, char *err, size_t errlen)
{
    if (io_register(bus, "pic-master", 0x20, 2, IO_W8, pic_io_read, pic_io_write, p,
                    err, errlen))
        return -1;
    return io_register(bus, "pic-slave", 0xA0, 2, IO_W8, pic_io_read, pic_io_write, p,
                       err, errlen);
}

void pic_set_irq(struct pic_pair *p, int irq, int level)
{
    if (irq < 0 || irq > 15 || irq == 2)   /* IR2 is the slave's INT, not a bus line */
        return;
    chip_pin(&p->chip[irq >> 3], (unsigned)irq & 7u, level != 0);
    pair_update(p);
}

void pic_irq_line_cb(void *opaque, int n, int level)
{
    pic_set_irq(opaque, n, level);
}

/* The 8086-mode INTA sequence, both pulses at once (the CPU performs
 * them back to back at an instruction boundary). The master resolves; if
 * nothing is left it answers its default IR7 vector with no ISR bit set.
 * If the winner is an IR with a slave (ICW3), the master sets its own ISR
 * bit and the slave supplies the vector - its default IR7 (IRQ15) if its
 * request went away, while the master's cascade bit stays in service and
 * needs its EOI. A cascade IR with no slave answering (ICW3 names an IR
 * other than 2, or the slave's ID is not 2) leaves the bus floating: FFh. */
int pic_ack(struct pic_pair *p)
{
    struct pic_chip *m = &p->chip[0], *s = &p->chip[1];
    int ir = chip_pending(m, 1), sir, vec;

    if (ir < 0) {
        vec = (m->icw2 & 0xF8) | 7;
    } else {
        chip_take(m, (unsigned)ir);
        if (!is_cascade(m) || !(m->icw3 & (1u << ir))) {
            vec = (m->icw2 & 0xF8) | ir;
        } else if (ir != 2 || !is_cascade(s) || (s->icw3 & 7u) != 2) {
            vec = 0xFF;
        } else {
            sir = chip_pending(s, 0);
            if (sir < 0) {
                vec = (s->icw2 & 0xF8) | 7;
            } else {
                chip_take(s, (unsigned)sir);
                vec = (s->icw2 & 0xF8) | sir;
            }
            /* The slave's INT is taken as low across its INTA sequence, so
             * a slave request still pending afterwards (an AEOI slave with
             * two requests) reaches the master's IR2 as a new edge instead
             * of being lost behind the edge latch just consumed. */
            chip_pin(m, 2, 0);
        }
    }
    pair_update(p);
    return vec;
}

int pic_ack_cb(void *opaque)
{
    return pic_ack(opaque);
}

uint8_t pic_irr(const struct pic_pair *p, int which)
{
    return chip_irr(&p->chip[which ? 1 : 0]);
}

#define PIC_CHIP_FIELDS(i)                                                        \
    DEV_FIELD(struct pic_pair, chip[i].pins), DEV_FIELD(struct pic_pair, chip[i].edge), \
    DEV_FIELD(struct pic_pair, chip[i].imr), DEV_FIELD(struct pic_pair, chip[i].isr),   \
    DEV_FIELD(struct pic_pair, chip[i].icw1), DEV_FIELD(struct pic_pair, chip[i].icw2), \
    DEV_FIELD(struct pic_pair, chip[i].icw3), DEV_FIELD(struct pic_pair, chip[i].icw4), \
    DEV_FIELD(struct pic_pair, chip[i].init_step),                                \
    DEV_FIELD(struct pic_pair, chip[i].lowest),                                   \
    DEV_FIELD(struct pic_pair, chip[i].read_isr),                                 \
    DEV_FIELD(struct pic_pair, chip[i].poll),                                     \
    DEV_FIELD(struct pic_pair, chip[i].special_mask),                             \
    DEV_FIELD(struct pic_pair, chip[i].rotate_aeoi)

/* intr_level is the INTR wire itself, so it is state; the callback and
 * its opaque pointer are wiring and are not. */
static const struct dev_field pic_fields[] = {
    PIC_CHIP_FIELDS(0),
    PIC_CHIP_FIELDS(1),
    DEV_FIELD(struct pic_pair, intr_level),
};

const struct dev_field *pic_state_fields(size_t *count, unsigned *version)
{
    *count = DEV_NFIELDS(pic_fields);
    *version = PIC_STATE_VERSION;
    return pic_fields;
}
