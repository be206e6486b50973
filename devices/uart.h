/* uart.h - the National Semiconductor 16550A UART of a PC COM port
 * (COM1 at 3F8h/IRQ4, COM2 at 2F8h/IRQ3; the board chooses the base port
 * and which IRQ line it connects).
 *
 * The serial line runs at 1,843,200 / 16 / divisor baud against the CPU
 * cycle counter (DESIGN.md, "Time"): a transmitted character leaves the
 * shift register at an exact absolute cycle, and the receive FIFO's
 * character timeout is scheduled the same way. The host side sees bytes
 * through the tx callback and feeds them in with uart_rx_byte. */
#ifndef TICK86_UART_H
#define TICK86_UART_H
#include <stddef.h>
#include <stdint.h>
#include "devstate.h"
#include "ioport.h"
#include "sched.h"

#define UART_CLOCK_HZ 1843200u       /* the PC's crystal on XIN */
#define UART_FIFO 16

/* Modem status inputs, in their MSR bit positions. */
enum { UART_CTS = 0x10, UART_DSR = 0x20, UART_RI = 0x40, UART_DCD = 0x80 };

struct uart {
    uint64_t tx_end_tick;            /* UART-clock tick the TSR's character is fully sent */
    uint64_t rx_act_tick;            /* tick of the last RX FIFO activity (char in or read) */
    uint8_t rx_fifo[UART_FIFO];      /* ring; a 16450-mode RBR is slot rx_head */
    uint8_t rx_err[UART_FIFO];       /* LSR PE/FE/BI bits that came with each character */
    uint8_t tx_fifo[UART_FIFO];      /* ring; a 16450-mode THR is slot tx_head */
    uint8_t rx_head, rx_count;
    uint8_t tx_head, tx_count;
    uint8_t tsr;                     /* character being shifted out */
    uint8_t tsr_full;
    uint8_t rbr;                     /* last character read, returned again on an empty read */
    uint8_t ier;                     /* bits 0-3 */
    uint8_t lcr;
    uint8_t mcr;                     /* bits 0-4 */
    uint8_t fcr;                     /* bits 0 (enable), 3 (DMA mode), 6-7 (trigger) in effect */
    uint8_t scr;
    uint8_t dll, dlm;
    uint8_t oe;                      /* overrun error latched (LSR bit 1) */
    uint8_t thre_int;                /* THRE interrupt pending */
    uint8_t msr;                     /* bits 4-7 line levels as seen, 0-3 delta latches */
    uint8_t ext_lines;               /* modem inputs from the host side (UART_CTS ...) */
    /* wiring, not state */
    uint64_t cpu_hz;
    uint64_t (*now)(void *opaque);
    void *now_opaque;
    struct sched *sched;
    int timer;
    void (*tx)(void *opaque, uint8_t byte);
    void *tx_opaque;
    struct irq_line irq;             /* INTRPT gated by OUT2; the board connects it to the PIC */
};

#define UART_STATE_VERSION 1
extern const struct dev_field uart_fields[];
extern const size_t uart_nfields;

/* cpu_hz must be between 1 and 2^40. tx is called with each byte that
 * finishes transmission (not in loopback); it may be NULL (bytes dropped).
 * The chip starts in its master-reset state with CTS, DSR and DCD asserted
 * by the host side. Connect irq (irq_connect) before the guest runs.
 * Returns 0, or -1 with a reason. */
int uart_init(struct uart *u, uint64_t cpu_hz, uint64_t (*now)(void *), void *now_opaque,
              struct sched *s, void (*tx)(void *, uint8_t), void *tx_opaque,
              char *err, size_t errlen);
/* Master reset (the MR pin): registers and FIFOs as the datasheet's
 * reset table; the divisor latch and SCR are kept. */
void uart_reset(struct uart *u);
/* Registers the eight ports base..base+7 under name (kept by pointer). */
int uart_register(struct uart *u, struct io_bus *bus, const char *name, uint16_t base,
                  char *err, size_t errlen);

/* A byte from the host arrives now. Returns 0, or -1 if the receiver had
 * no room (the guest sees OE; in FIFO mode the byte is lost, in 16450
 * mode it replaces the unread one). In loopback the receiver is cut off
 * from the line, so the byte is dropped and 0 returned. */
int uart_rx_byte(struct uart *u, uint8_t byte);
/* A break condition (all-zero character with BI and FE) arrives now;
 * returns as uart_rx_byte. */
int uart_rx_break(struct uart *u);
/* Sets the modem status inputs (UART_CTS | UART_DSR | UART_RI | UART_DCD). */
void uart_set_modem_lines(struct uart *u, uint8_t lines);

/* UART-clock ticks elapsed at cycle c: floor(c * UART_CLOCK_HZ / cpu_hz). */
uint64_t uart_ticks(const struct uart *u, uint64_t cycle);
/* The first cycle at which uart_ticks reaches tick. */
uint64_t uart_tick_cycle(const struct uart *u, uint64_t tick);
/* UART-clock ticks one character takes with the current LCR and divisor. */
uint64_t uart_char_ticks(const struct uart *u);
#endif
