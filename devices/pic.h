/* pic.h - the PC/AT pair of Intel 8259A programmable interrupt controllers.
 *
 * Master at ports 20h-21h, slave at A0h-A1h, the slave's INT output wired
 * to the master's IR2. IRQ 0-7 enter the master, IRQ 8-15 the slave; ISA
 * IRQ2 is routed to IRQ9 by the board, so master IR2 is only the cascade
 * input and pic_set_irq ignores irq 2. The pair drives the CPU's INTR pin
 * through a callback and answers its INTA cycle with pic_ack. */
#ifndef TICK86_PIC_H
#define TICK86_PIC_H
#include <stdint.h>
#include <stddef.h>

struct io_bus;
struct dev_field;

/* One 8259A. Input levels and edge latches are kept apart: the IRR the
 * guest reads is derived from them (see pic.c), so it is never stored. */
struct pic_chip {
    uint8_t pins;          /* current level of IR0-IR7 */
    uint8_t edge;          /* edge-sense latches: a rising edge seen since the last INTA */
    uint8_t imr;           /* OCW1 */
    uint8_t isr;
    uint8_t icw1, icw2, icw3, icw4;
    uint8_t init_step;     /* 0 = operating; 2, 3, 4 = next ICW expected on the odd port */
    uint8_t lowest;        /* IR with the lowest priority (7 after ICW1) */
    uint8_t read_isr;      /* OCW3 RIS latched by RR=1: 0 = read IRR, 1 = read ISR */
    uint8_t poll;          /* OCW3 P=1: the next even-port read is the poll word */
    uint8_t special_mask;  /* OCW3 SMM */
    uint8_t rotate_aeoi;   /* OCW2 rotate in automatic EOI mode */
};

struct pic_pair {
    struct pic_chip chip[2];               /* [0] master, [1] slave */
    int intr_level;                        /* what the CPU was last told */
    void (*intr)(void *opaque, int level); /* the CPU's INTR pin */
    void *intr_opaque;
};

/* Power-on state (both chips uninitialised, everything masked, INTR low).
 * intr may be NULL. Does not call intr. */
void pic_init(struct pic_pair *p, void (*intr)(void *opaque, int level), void *opaque);
/* Registers 20h-21h and A0h-A1h (byte-wide). Returns 0, or -1 with err. */
int pic_register(struct pic_pair *p, struct io_bus *bus, char *err, size_t errlen);

/* Drive input irq (0-15) to level (0/1). */
void pic_set_irq(struct pic_pair *p, int irq, int level);
/* The same, as an irq_line callback: opaque is the struct pic_pair, n the IRQ. */
void pic_irq_line_cb(void *opaque, int n, int level);

/* The INTA sequence (struct cpu_intc ack): returns the vector and sets
 * the ISR bits. */
int pic_ack(struct pic_pair *p);
/* The same with a void * for struct cpu_intc. */
int pic_ack_cb(void *opaque);

/* The IRR as OCW3 would read it (for the debugger and tests); which 0/1. */
uint8_t pic_irr(const struct pic_pair *p, int which);

/* The state declaration: fields of struct pic_pair, count and version. */
const struct dev_field *pic_state_fields(size_t *count, unsigned *version);
#endif
