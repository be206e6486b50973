/* kbc.c - the Intel 8042 keyboard controller as wired in a PC/AT, with a
 * PS/2 (MF2) keyboard and a PS/2 mouse behind it.
 *
 * Follows the IBM PC/AT Technical Reference, "Keyboard Controller"
 * (status register, command byte, commands 20h-FFh, input and output
 * ports), the IBM PS/2 Hardware Interface Technical Reference "Keyboard
 * and Auxiliary Device Controller" (aux commands A7h-A9h, D2h-D4h, status
 * bit 5) and its "Keyboard" and "Pointing Device" chapters (device
 * commands, acknowledge FAh, resend FEh, BAT AAh, 3-byte packets).
 *
 * Simplifications, each because no PC software we target depends on it:
 * the input buffer is consumed at once, so IBF never reads 1; the
 * keyboard only sends scan set 2 (F0h with 1 or 3 answers FEh), and the
 * controller's translation gives set 1; while an interface is disabled
 * its device's input is dropped instead of buffered in the device; the
 * mouse has stream mode only (remote mode and wrap mode answer FEh).
 * The output queue holds KBC_QUEUE bytes; later bytes are dropped, as a
 * device whose clock is held would drop them once its own buffer fills. */
#include "kbc.h"

#include <stdio.h>

enum {
    ST_OBF = 0x01, ST_SYS = 0x04, ST_CMD = 0x08, ST_UNLOCK = 0x10, ST_AUXOBF = 0x20,
    CB_KBINT = 0x01, CB_AUXINT = 0x02, CB_SYS = 0x04, CB_KBDIS = 0x10, CB_AUXDIS = 0x20,
    CB_XLAT = 0x40,
};

#define F(m) DEV_FIELD(struct kbc, m)
const struct dev_field kbc_fields[] = {
    F(q_byte), F(q_aux), F(q_head), F(q_count), F(ob), F(ob_full), F(ob_aux), F(cmdbyte),
    F(sysflag), F(last_cmd), F(outport), F(pending), F(xlat_break), F(kb_scan),
    F(kb_pending), F(kb_leds), F(kb_typematic), F(kb_set), F(kb_held), F(kb_repeat_at),
    F(ms_report), F(ms_pending), F(ms_rate), F(ms_res), F(ms_scale21), F(ms_buttons),
};
const size_t kbc_nfields = DEV_NFIELDS(kbc_fields);
#undef F

/* The 8042's set 2 -> set 1 translation for codes below 80h (the table
 * every AT-compatible controller carries; QEMU uses the same). Codes from
 * 80h up pass unchanged except 83h (F7), which set 2 put out of order. */
static const uint8_t kbc_xlat[128] = {
    0xff, 0x43, 0x41, 0x3f, 0x3d, 0x3b, 0x3c, 0x58, 0x64, 0x44, 0x42, 0x40, 0x3e, 0x0f, 0x29, 0x59,
    0x65, 0x38, 0x2a, 0x70, 0x1d, 0x10, 0x02, 0x5a, 0x66, 0x71, 0x2c, 0x1f, 0x1e, 0x11, 0x03, 0x5b,
    0x67, 0x2e, 0x2d, 0x20, 0x12, 0x05, 0x04, 0x5c, 0x68, 0x39, 0x2f, 0x21, 0x14, 0x13, 0x06, 0x5d,
    0x69, 0x31, 0x30, 0x23, 0x22, 0x15, 0x07, 0x5e, 0x6a, 0x72, 0x32, 0x24, 0x16, 0x08, 0x09, 0x5f,
    0x6b, 0x33, 0x25, 0x17, 0x18, 0x0b, 0x0a, 0x60, 0x6c, 0x34, 0x35, 0x26, 0x27, 0x19, 0x0c, 0x61,
    0x6d, 0x73, 0x28, 0x74, 0x1a, 0x0d, 0x62, 0x6e, 0x3a, 0x36, 0x1c, 0x1b, 0x75, 0x2b, 0x63, 0x76,
    0x55, 0x56, 0x77, 0x78, 0x79, 0x7a, 0x0e, 0x7b, 0x7c, 0x4f, 0x7d, 0x4b, 0x47, 0x7e, 0x7f, 0x6f,
    0x52, 0x53, 0x50, 0x4c, 0x4d, 0x48, 0x01, 0x45, 0x57, 0x4e, 0x51, 0x4a, 0x37, 0x46, 0x54, 0x80,
};

/* ---- output buffer ------------------------------------------------------ */

/* Moves the next queued byte into the empty output buffer and raises the
 * IRQ its source is enabled for. One edge per byte: the line drops when
 * the guest reads 60h, so an edge-triggered 8259 sees each byte. */
static void kbc_fill(struct kbc *k)
{
    if (k->ob_full || k->q_count == 0)
        return;
    k->ob = k->q_byte[k->q_head];
    k->ob_aux = k->q_aux[k->q_head];
    k->q_head = (uint8_t)((k->q_head + 1) % KBC_QUEUE);
    k->q_count--;
    k->ob_full = 1;
    if (k->ob_aux && (k->cmdbyte & CB_AUXINT))
        irq_raise(&k->irq12);
    else if (!k->ob_aux && (k->cmdbyte & CB_KBINT))
        irq_raise(&k->irq1);
}

static void kbc_put(struct kbc *k, uint8_t b, int aux)
{
    unsigned i;

    if (k->q_count >= KBC_QUEUE)
        return;
    i = (k->q_head + k->q_count) % KBC_QUEUE;
    k->q_byte[i] = b;
    k->q_aux[i] = (uint8_t)(aux != 0);
    k->q_count++;
    kbc_fill(k);
}

/* A byte from the keyboard passes the controller's translator. F0 is
 * swallowed and sets bit 7 of the code after it. */
static void kbc_kbd_byte(struct kbc *k, uint8_t b)
{
    if (k->cmdbyte & CB_XLAT) {
        if (b == 0xF0) {
            k->xlat_break = 1;
            return;
        }
        b = b < 0x80 ? kbc_xlat[b] : b == 0x83 ? 0x41 : b;
        if (k->xlat_break)
            b |= 0x80;
        k->xlat_break = 0;
    }
    kbc_put(k, b, 0);
}

/* ---- keyboard ----------------------------------------------------------- */

/* Typematic delay (bits 5-6): (d+1) * 250 ms. Rate (bits 0-4):
 * period = (8+A) * 2^B / 240 s with A = bits 0-2, B = bits 3-4. */
static uint64_t kbc_delay_cycles(const struct kbc *k)
{
    return k->cpu_hz * (uint64_t)(((k->kb_typematic >> 5) & 3) + 1) / 4;
}

static uint64_t kbc_period_cycles(const struct kbc *k)
{
    uint64_t a = k->kb_typematic & 7, b = (k->kb_typematic >> 3) & 3;
    return k->cpu_hz * ((8 + a) << b) / 240;
}

static void kbc_send_code(struct kbc *k, uint16_t code, int down)
{
    if (code >> 8)
        kbc_kbd_byte(k, (uint8_t)(code >> 8));
    if (!down)
        kbc_kbd_byte(k, 0xF0);
    kbc_kbd_byte(k, (uint8_t)code);
}

static void kbc_stop_repeat(struct kbc *k)
{
    k->kb_held = 0;
    k->kb_repeat_at = SCHED_NEVER;
    sched_cancel(k->sched, k->timer);
}

static void kbc_timer(void *opaque, uint64_t now)
{
    struct kbc *k = opaque;

    (void)now;
    if (!k->kb_held)
        return;
    kbc_send_code(k, k->kb_held, 1);
    /* From the deadline, not from now, so late service never drifts. */
    k->kb_repeat_at += kbc_period_cycles(k);
    sched_set(k->sched, k->timer, k->kb_repeat_at);
}

static int kbc_kbd_live(const struct kbc *k)
{
    return k->kb_scan && !(k->cmdbyte & CB_KBDIS);
}

void kbc_key(struct kbc *k, uint16_t code, int down)
{
    if (!kbc_kbd_live(k))
        return;
    kbc_send_code(k, code, down);
    /* Only the last key pressed repeats; releasing it stops the repeat. */
    if (down) {
        k->kb_held = code;
        k->kb_repeat_at = k->now(k->now_opaque) + kbc_delay_cycles(k);
        sched_set(k->sched, k->timer, k->kb_repeat_at);
    } else if (k->kb_held == code) {
        kbc_stop_repeat(k);
    }
}

static void kbc_kbd_defaults(struct kbc *k)
{
    k->kb_typematic = 0x2B;      /* 10.9 characters/s after 500 ms */
    k->kb_set = 2;
    kbc_stop_repeat(k);
}

/* A byte the host wrote to the keyboard. */
static void kbc_kbd_write(struct kbc *k, uint8_t b)
{
    uint8_t p = k->kb_pending;

    if (p) {
        k->kb_pending = 0;
        if (p == 0xED) {
            k->kb_leds = b & 7;
        } else if (p == 0xF3) {
            k->kb_typematic = b & 0x7F;
        } else if (p == 0xF0) {
            if (b == 0) {
                kbc_kbd_byte(k, 0xFA);
                kbc_kbd_byte(k, k->kb_set);
                return;
            }
            if (b != 2) {
                kbc_kbd_byte(k, 0xFE);
                return;
            }
        }
        kbc_kbd_byte(k, 0xFA);
        return;
    }
    switch (b) {
    case 0xED: case 0xF3: case 0xF0:
        k->kb_pending = b;
        kbc_kbd_byte(k, 0xFA);
        break;
    case 0xEE:
        kbc_kbd_byte(k, 0xEE);
        break;
    case 0xF2:
        kbc_kbd_byte(k, 0xFA);
        kbc_kbd_byte(k, 0xAB);
        kbc_kbd_byte(k, 0x83);
        break;
    case 0xF4:
        k->kb_scan = 1;
        kbc_kbd_byte(k, 0xFA);
        break;
    case 0xF5: case 0xF6:        /* both restore defaults; F5 also stops scanning */
        kbc_kbd_defaults(k);
        k->kb_scan = b == 0xF6;
        kbc_kbd_byte(k, 0xFA);
        break;
    case 0xFF:
        kbc_kbd_defaults(k);
        k->kb_leds = 0;
        k->kb_scan = 1;
        kbc_kbd_byte(k, 0xFA);
        kbc_kbd_byte(k, 0xAA);   /* basic assurance test passed */
        break;
    default:
        kbc_kbd_byte(k, 0xFE);
        break;
    }
}

/* ---- mouse -------------------------------------------------------------- */

static void kbc_mouse_defaults(struct kbc *k)
{
    k->ms_rate = 100;
    k->ms_res = 2;
    k->ms_scale21 = 0;
    k->ms_report = 0;
}

static int kbc_scale(const struct kbc *k, int d)
{
    static const int s21[6] = { 0, 1, 1, 3, 6, 9 };
    int m = d < 0 ? -d : d;

    if (!k->ms_scale21)
        return d;
    m = m < 6 ? s21[m] : 2 * m;
    return d < 0 ? -m : m;
}

static void kbc_packet(struct kbc *k, int dx, int dy)
{
    uint8_t b0 = (uint8_t)(0x08 | (k->ms_buttons & 7));

    dx = kbc_scale(k, dx);
    dy = kbc_scale(k, dy);
    if (dx < -256 || dx > 255) { b0 |= 0x40; dx = dx < 0 ? -256 : 255; }
    if (dy < -256 || dy > 255) { b0 |= 0x80; dy = dy < 0 ? -256 : 255; }
    if (dx < 0) b0 |= 0x10;
    if (dy < 0) b0 |= 0x20;
    kbc_put(k, b0, 1);
    kbc_put(k, (uint8_t)(dx & 0xFF), 1);
    kbc_put(k, (uint8_t)(dy & 0xFF), 1);
}

void kbc_mouse(struct kbc *k, int dx, int dy, int buttons)
{
    k->ms_buttons = (uint8_t)(buttons & 7);
    if (k->ms_report && !(k->cmdbyte & CB_AUXDIS))
        kbc_packet(k, dx, dy);
}

static void kbc_aux_write(struct kbc *k, uint8_t b)
{
    uint8_t p = k->ms_pending;

    if (p) {
        k->ms_pending = 0;
        if (p == 0xF3)
            k->ms_rate = b;
        else
            k->ms_res = b & 3;
        kbc_put(k, 0xFA, 1);
        return;
    }
    switch (b) {
    case 0xF3: case 0xE8:
        k->ms_pending = b;
        kbc_put(k, 0xFA, 1);
        break;
    case 0xE6: case 0xE7:
        k->ms_scale21 = b == 0xE7;
        kbc_put(k, 0xFA, 1);
        break;
    case 0xEA:                   /* stream mode: the only mode there is */
        kbc_put(k, 0xFA, 1);
        break;
    case 0xEB:
        kbc_put(k, 0xFA, 1);
        kbc_packet(k, 0, 0);
        break;
    case 0xE9:
        kbc_put(k, 0xFA, 1);
        kbc_put(k, (uint8_t)((k->ms_report << 5) | (k->ms_scale21 << 4) |
                             (k->ms_buttons & 1) << 2 | (k->ms_buttons & 4) >> 1 |
                             (k->ms_buttons & 2) >> 1), 1);
        kbc_put(k, k->ms_res, 1);
        kbc_put(k, k->ms_rate, 1);
        break;
    case 0xF2:
        kbc_put(k, 0xFA, 1);
        kbc_put(k, 0x00, 1);     /* standard PS/2 mouse */
        break;
    case 0xF4: case 0xF5:
        k->ms_report = b == 0xF4;
        kbc_put(k, 0xFA, 1);
        break;
    case 0xF6:
        kbc_mouse_defaults(k);
        kbc_put(k, 0xFA, 1);
        break;
    case 0xFF:
        kbc_mouse_defaults(k);
        kbc_put(k, 0xFA, 1);
        kbc_put(k, 0xAA, 1);
        kbc_put(k, 0x00, 1);
        break;
    default:
        kbc_put(k, 0xFE, 1);
        break;
    }
}

/* ---- controller --------------------------------------------------------- */

static void kbc_set_outport(struct kbc *k, uint8_t v)
{
    uint8_t old = k->outport;

    k->outport = v;
    if (((old ^ v) & 2) && k->a20)
        k->a20(k->a20_opaque, (v >> 1) & 1);
    /* Bit 0 drives the CPU's RESET line low (asserted) when cleared; the
     * line goes high again at once because the controller's firmware
     * only ever pulses it. */
    if (!(v & 1)) {
        k->outport |= 1;
        if (k->reset)
            k->reset(k->reset_opaque);
    }
}

static void kbc_command(struct kbc *k, uint8_t c)
{
    if (c >= 0xF0) {             /* pulse output port bits 0-3 low where c has 0 */
        if (!(c & 1) && k->reset)
            k->reset(k->reset_opaque);
        return;
    }
    switch (c) {
    case 0x20:
        kbc_put(k, k->cmdbyte, 0);
        break;
    case 0x60: case 0xD1: case 0xD2: case 0xD3: case 0xD4:
        k->pending = c;
        break;
    case 0xA7: k->cmdbyte |= CB_AUXDIS; break;
    case 0xA8: k->cmdbyte &= (uint8_t)~CB_AUXDIS; break;
    case 0xAD: k->cmdbyte |= CB_KBDIS; break;
    case 0xAE: k->cmdbyte &= (uint8_t)~CB_KBDIS; break;
    case 0xA9: case 0xAB:
        kbc_put(k, 0x00, 0);     /* no clock or data line stuck */
        break;
    case 0xAA:
        k->sysflag = 1;
        kbc_put(k, 0x55, 0);
        break;
    case 0xC0:
        kbc_put(k, 0x80, 0);     /* keyboard not inhibited, colour display */
        break;
    case 0xD0:
        kbc_put(k, (uint8_t)((k->outport & 0xCF) | (k->ob_full && !k->ob_aux) << 4 |
                             (k->ob_full && k->ob_aux) << 5), 0);
        break;
    default:
        break;                   /* unknown commands are ignored, as the 8042 firmware does */
    }
}

static void kbc_data(struct kbc *k, uint8_t v)
{
    uint8_t p = k->pending;

    k->pending = 0;
    switch (p) {
    case 0x60:
        k->cmdbyte = v & 0x77;
        k->sysflag = (v >> 2) & 1;
        break;
    case 0xD1: kbc_set_outport(k, v); break;
    case 0xD2: kbc_put(k, v, 0); break;
    case 0xD3: kbc_put(k, v, 1); break;
    case 0xD4: kbc_aux_write(k, v); break;
    default:
        /* Writing to the keyboard enables its interface, as the AT
         * firmware does before it clocks the byte out. */
        k->cmdbyte &= (uint8_t)~CB_KBDIS;
        kbc_kbd_write(k, v);
        break;
    }
}

static uint32_t kbc_io_read(void *opaque, uint16_t port, unsigned width)
{
    struct kbc *k = opaque;
    uint8_t v;

    (void)width;
    if (port == 0x64)
        return (uint32_t)(k->ob_full | k->sysflag << 2 | k->last_cmd << 3 | ST_UNLOCK |
                          (k->ob_full && k->ob_aux) << 5);
    v = k->ob;
    if (k->ob_full) {
        k->ob_full = 0;
        irq_lower(&k->irq1);
        irq_lower(&k->irq12);
        kbc_fill(k);
    }
    return v;
}

static void kbc_io_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct kbc *k = opaque;

    (void)width;
    k->last_cmd = port == 0x64;
    if (port == 0x64)
        kbc_command(k, (uint8_t)val);
    else
        kbc_data(k, (uint8_t)val);
}

int kbc_init(struct kbc *k, uint64_t cpu_hz, uint64_t (*now)(void *), void *now_opaque,
             struct sched *s, char *err, size_t errlen)
{
    if (cpu_hz == 0 || cpu_hz > (UINT64_C(1) << 40) || !now) {
        snprintf(err, errlen, "kbc: cpu clock %llu Hz out of range 1..2^40 or no clock",
                 (unsigned long long)cpu_hz);
        return -1;
    }
    for (unsigned i = 0; i < KBC_QUEUE; i++)
        k->q_byte[i] = k->q_aux[i] = 0;
    k->q_head = k->q_count = 0;
    k->ob = k->ob_full = k->ob_aux = 0;
    k->cmdbyte = 0;
    k->sysflag = k->last_cmd = 0;
    k->outport = 0xCF;           /* reset high, A20 on, bits 2-3 and 6-7 idle high */
    k->pending = k->xlat_break = 0;
    k->kb_scan = 1;
    k->kb_pending = 0;
    k->kb_leds = 0;
    k->kb_typematic = 0x2B;
    k->kb_set = 2;
    k->kb_held = 0;
    k->kb_repeat_at = SCHED_NEVER;
    k->ms_pending = 0;
    k->ms_buttons = 0;
    kbc_mouse_defaults(k);
    k->cpu_hz = cpu_hz;
    k->now = now;
    k->now_opaque = now_opaque;
    k->sched = s;
    k->a20 = NULL;
    k->a20_opaque = NULL;
    k->reset = NULL;
    k->reset_opaque = NULL;
    irq_connect(&k->irq1, NULL, NULL, 1);
    irq_connect(&k->irq12, NULL, NULL, 12);
    k->timer = sched_add(s, "kbc-typematic", kbc_timer, k);
    if (k->timer < 0) {
        snprintf(err, errlen, "kbc: scheduler has no free timer");
        return -1;
    }
    return 0;
}

int kbc_register(struct kbc *k, struct io_bus *bus, char *err, size_t errlen)
{
    if (io_register(bus, "kbc", 0x60, 1, IO_W8, kbc_io_read, kbc_io_write, k, err, errlen))
        return -1;
    return io_register(bus, "kbc-cmd", 0x64, 1, IO_W8, kbc_io_read, kbc_io_write, k,
                       err, errlen);
}
