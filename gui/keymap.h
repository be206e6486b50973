/* keymap.h - host keys to PC keyboard scan set 2 codes.
 *
 * Two sources: ASCII characters (-sendkeys text, the terminal display)
 * and USB HID keyboard usages (page 07h), which is what SDL_Scancode
 * values are (SDL's scancodes are defined as the HID usage IDs), so this
 * file needs no SDL header and works in a headless build.
 *
 * A key becomes a short list of (code, down) events for pc_input: code is
 * a set 2 make code with its prefix in the high byte (0xE0xx, and 0xE114
 * for the E1 14 that opens Pause), and the board turns down = 0 into the
 * F0 break form. Most keys are one event; Print Screen and Pause are the
 * multi-code keys of the Microsoft "Keyboard Scan Code Specification"
 * (rev. 1.3a, appendix C and the notes on Print Screen and Pause/Break). */
#ifndef TICK86_KEYMAP_H
#define TICK86_KEYMAP_H
#include <stdint.h>

struct key_event {
    uint16_t code;                   /* set 2 make code, prefix in the high byte */
    uint8_t down;                    /* 1 make, 0 break */
};

#define KEYMAP_MAX_EVENTS 4

/* Modifier state for the keys whose codes depend on it (Print Screen,
 * Pause). */
enum { KEYMAP_SHIFT = 1, KEYMAP_CTRL = 2, KEYMAP_ALT = 4 };

/* Set 2 codes of keys -sendkeys and the terminal use by name. */
enum {
    SET2_LSHIFT = 0x12, SET2_LCTRL = 0x14, SET2_LALT = 0x11,
    SET2_ENTER = 0x5A, SET2_ESC = 0x76, SET2_BACKSPACE = 0x66, SET2_TAB = 0x0D,
    SET2_UP = 0xE075, SET2_DOWN = 0xE072, SET2_LEFT = 0xE06B, SET2_RIGHT = 0xE074,
    SET2_HOME = 0xE06C, SET2_END = 0xE069, SET2_PGUP = 0xE07D, SET2_PGDN = 0xE07A,
    SET2_INSERT = 0xE070, SET2_DELETE = 0xE071
};

/* The events for typing character ch on a US keyboard: press and release,
 * wrapped in Left Shift for capitals and shifted symbols and in Left Ctrl
 * for control characters 01h-1Ah (Ctrl+A..Ctrl+Z) and 1Ch-1Fh. '\n' and
 * '\r' are Enter, '\t' Tab, '\b' and 7Fh Backspace, 1Bh Esc. Returns the
 * number of events written to out (2 or 4), or 0 for a character no key
 * types (bytes 80h and up, NUL). */
unsigned keymap_ascii(int ch, struct key_event out[KEYMAP_MAX_EVENTS]);

/* The events for HID usage `usage` going down or up with modifiers mods.
 * Returns the number written to out, 0 for a usage with no PC key. Pause
 * produces its whole make sequence on the press and nothing on the
 * release, as the real key does. */
unsigned keymap_hid(unsigned usage, int down, unsigned mods,
                    struct key_event out[KEYMAP_MAX_EVENTS]);

/* The set 2 make code of F-key n (1..12), for the terminal display. */
uint16_t keymap_fkey(unsigned n);
#endif
