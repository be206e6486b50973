/* keymap.c - host keys to PC scan set 2 codes.
 *
 * The HID table follows the Microsoft "Keyboard Scan Code Specification"
 * (rev. 1.3a), appendix C, "USB to PS/2 scan code translation table",
 * Scan Code Set 2 column, for the 104-key US keyboard plus the keypad
 * equals/comma, F13-F24, the international keys and the three audio keys
 * that have set 2 codes. The ASCII table is the US layout (IBM PC/AT
 * Technical Reference, keyboard layout figure), with Shift for the upper
 * legend of a key. */
#include "keymap.h"

#include <stddef.h>

/* HID usage (page 07h) -> set 2 make code; 0 = no key. */
static const uint16_t hid_set2[0xE8] = {
    [0x04] = 0x1C, [0x05] = 0x32, [0x06] = 0x21, [0x07] = 0x23,   /* A B C D */
    [0x08] = 0x24, [0x09] = 0x2B, [0x0A] = 0x34, [0x0B] = 0x33,   /* E F G H */
    [0x0C] = 0x43, [0x0D] = 0x3B, [0x0E] = 0x42, [0x0F] = 0x4B,   /* I J K L */
    [0x10] = 0x3A, [0x11] = 0x31, [0x12] = 0x44, [0x13] = 0x4D,   /* M N O P */
    [0x14] = 0x15, [0x15] = 0x2D, [0x16] = 0x1B, [0x17] = 0x2C,   /* Q R S T */
    [0x18] = 0x3C, [0x19] = 0x2A, [0x1A] = 0x1D, [0x1B] = 0x22,   /* U V W X */
    [0x1C] = 0x35, [0x1D] = 0x1A,                                 /* Y Z */
    [0x1E] = 0x16, [0x1F] = 0x1E, [0x20] = 0x26, [0x21] = 0x25,   /* 1 2 3 4 */
    [0x22] = 0x2E, [0x23] = 0x36, [0x24] = 0x3D, [0x25] = 0x3E,   /* 5 6 7 8 */
    [0x26] = 0x46, [0x27] = 0x45,                                 /* 9 0 */
    [0x28] = 0x5A, [0x29] = 0x76, [0x2A] = 0x66, [0x2B] = 0x0D,   /* Enter Esc Backspace Tab */
    [0x2C] = 0x29, [0x2D] = 0x4E, [0x2E] = 0x55, [0x2F] = 0x54,   /* Space - = [ */
    [0x30] = 0x5B, [0x31] = 0x5D, [0x32] = 0x5D, [0x33] = 0x4C,   /* ] \ non-US # ; */
    [0x34] = 0x52, [0x35] = 0x0E, [0x36] = 0x41, [0x37] = 0x49,   /* ' ` , . */
    [0x38] = 0x4A, [0x39] = 0x58,                                 /* / CapsLock */
    [0x3A] = 0x05, [0x3B] = 0x06, [0x3C] = 0x04, [0x3D] = 0x0C,   /* F1-F4 */
    [0x3E] = 0x03, [0x3F] = 0x0B, [0x40] = 0x83, [0x41] = 0x0A,   /* F5-F8 */
    [0x42] = 0x01, [0x43] = 0x09, [0x44] = 0x78, [0x45] = 0x07,   /* F9-F12 */
    /* 0x46 Print Screen and 0x48 Pause are sequences, see keymap_hid */
    [0x47] = 0x7E,                                                /* Scroll Lock */
    [0x49] = 0xE070, [0x4A] = 0xE06C, [0x4B] = 0xE07D,            /* Insert Home PgUp */
    [0x4C] = 0xE071, [0x4D] = 0xE069, [0x4E] = 0xE07A,            /* Delete End PgDn */
    [0x4F] = 0xE074, [0x50] = 0xE06B, [0x51] = 0xE072, [0x52] = 0xE075, /* arrows R L D U */
    [0x53] = 0x77, [0x54] = 0xE04A, [0x55] = 0x7C, [0x56] = 0x7B, /* NumLock KP/ KP* KP- */
    [0x57] = 0x79, [0x58] = 0xE05A,                               /* KP+ KPEnter */
    [0x59] = 0x69, [0x5A] = 0x72, [0x5B] = 0x7A, [0x5C] = 0x6B,   /* KP1-KP4 */
    [0x5D] = 0x73, [0x5E] = 0x74, [0x5F] = 0x6C, [0x60] = 0x75,   /* KP5-KP8 */
    [0x61] = 0x7D, [0x62] = 0x70, [0x63] = 0x71,                  /* KP9 KP0 KP. */
    [0x64] = 0x61, [0x65] = 0xE02F, [0x66] = 0xE037, [0x67] = 0x0F, /* non-US \ App Power KP= */
    [0x68] = 0x08, [0x69] = 0x10, [0x6A] = 0x18, [0x6B] = 0x20,   /* F13-F16 */
    [0x6C] = 0x28, [0x6D] = 0x30, [0x6E] = 0x38, [0x6F] = 0x40,   /* F17-F20 */
    [0x70] = 0x48, [0x71] = 0x50, [0x72] = 0x57, [0x73] = 0x5F,   /* F21-F24 */
    [0x7F] = 0xE023, [0x80] = 0xE032, [0x81] = 0xE021,            /* Mute VolUp VolDown */
    [0x85] = 0x6D,                                                /* KP comma */
    [0x87] = 0x51, [0x88] = 0x13, [0x89] = 0x6A,                  /* Int'l 1-3 (Ro, Kana, Yen) */
    [0x8A] = 0x64, [0x8B] = 0x67,                                 /* Int'l 4-5 (Henkan, Muhenkan) */
    [0xE0] = 0x14, [0xE1] = 0x12, [0xE2] = 0x11, [0xE3] = 0xE01F, /* LCtrl LShift LAlt LGUI */
    [0xE4] = 0xE014, [0xE5] = 0x59, [0xE6] = 0xE011, [0xE7] = 0xE027, /* RCtrl RShift RAlt RGUI */
};

#define HID_PRINTSCREEN 0x46
#define HID_PAUSE 0x48

/* ASCII 20h-7Eh -> set 2 code, with bit 15 meaning "hold Shift" (no
 * printable character needs an E0 key, so the bit is free). */
#define SH 0x8000
static const uint16_t ascii_set2[0x5F] = {
    0x29,      0x16 | SH, 0x52 | SH, 0x26 | SH, 0x25 | SH, 0x2E | SH, 0x3D | SH, 0x52,      /*  !"#$%&' */
    0x46 | SH, 0x45 | SH, 0x3E | SH, 0x55 | SH, 0x41,      0x4E,      0x49,      0x4A,      /* ()*+,-./ */
    0x45,      0x16,      0x1E,      0x26,      0x25,      0x2E,      0x36,      0x3D,      /* 01234567 */
    0x3E,      0x46,      0x4C | SH, 0x4C,      0x41 | SH, 0x55,      0x49 | SH, 0x4A | SH, /* 89:;<=>? */
    0x1E | SH, 0x1C | SH, 0x32 | SH, 0x21 | SH, 0x23 | SH, 0x24 | SH, 0x2B | SH, 0x34 | SH, /* @ABCDEFG */
    0x33 | SH, 0x43 | SH, 0x3B | SH, 0x42 | SH, 0x4B | SH, 0x3A | SH, 0x31 | SH, 0x44 | SH, /* HIJKLMNO */
    0x4D | SH, 0x15 | SH, 0x2D | SH, 0x1B | SH, 0x2C | SH, 0x3C | SH, 0x2A | SH, 0x1D | SH, /* PQRSTUVW */
    0x22 | SH, 0x35 | SH, 0x1A | SH, 0x54,      0x5D,      0x5B,      0x36 | SH, 0x4E | SH, /* XYZ[\]^_ */
    0x0E,      0x1C,      0x32,      0x21,      0x23,      0x24,      0x2B,      0x34,      /* `abcdefg */
    0x33,      0x43,      0x3B,      0x42,      0x4B,      0x3A,      0x31,      0x44,      /* hijklmno */
    0x4D,      0x15,      0x2D,      0x1B,      0x2C,      0x3C,      0x2A,      0x1D,      /* pqrstuvw */
    0x22,      0x35,      0x1A,      0x54 | SH, 0x5D | SH, 0x5B | SH, 0x0E | SH,            /* xyz{|}~ */
};

/* Writes a key press and release, wrapped in modifier `mod` (0 = none). */
static unsigned keymap_tap(uint16_t code, uint16_t mod, struct key_event *out)
{
    unsigned n = 0;

    if (mod)
        out[n++] = (struct key_event){ mod, 1 };
    out[n++] = (struct key_event){ code, 1 };
    out[n++] = (struct key_event){ code, 0 };
    if (mod)
        out[n++] = (struct key_event){ mod, 0 };
    return n;
}

unsigned keymap_ascii(int ch, struct key_event out[KEYMAP_MAX_EVENTS])
{
    switch (ch) {
    case '\n': case '\r': return keymap_tap(SET2_ENTER, 0, out);
    case '\t': return keymap_tap(SET2_TAB, 0, out);
    case '\b': case 0x7F: return keymap_tap(SET2_BACKSPACE, 0, out);
    case 0x1B: return keymap_tap(SET2_ESC, 0, out);
    }
    if (ch >= 0x20 && ch <= 0x7E) {
        uint16_t e = ascii_set2[ch - 0x20];
        return keymap_tap(e & 0xFF, (e & SH) ? SET2_LSHIFT : 0, out);
    }
    /* Ctrl+letter and Ctrl+[ \ ] ^ _ give 01h-1Fh (the BIOS's INT 16h
     * table); Ctrl+@ (NUL) is left out, it is also the terminal's
     * "no character". */
    if (ch >= 0x01 && ch <= 0x1F)
        return keymap_tap(ascii_set2[ch + 0x40 - 0x20] & 0xFF, SET2_LCTRL, out);
    return 0;
}

unsigned keymap_hid(unsigned usage, int down, unsigned mods,
                    struct key_event out[KEYMAP_MAX_EVENTS])
{
    unsigned n = 0;

    if (usage == HID_PRINTSCREEN) {
        /* Alt+Print Screen is SysRq, 84h; with Shift or Ctrl held the key
         * sends plain E0 7C; alone it is preceded by a "fake shift" E0 12
         * (and followed by its release on the break). */
        if (mods & KEYMAP_ALT) {
            out[n++] = (struct key_event){ 0x84, (uint8_t)!!down };
        } else if (mods & (KEYMAP_SHIFT | KEYMAP_CTRL)) {
            out[n++] = (struct key_event){ 0xE07C, (uint8_t)!!down };
        } else if (down) {
            out[n++] = (struct key_event){ 0xE012, 1 };
            out[n++] = (struct key_event){ 0xE07C, 1 };
        } else {
            out[n++] = (struct key_event){ 0xE07C, 0 };
            out[n++] = (struct key_event){ 0xE012, 0 };
        }
        return n;
    }
    if (usage == HID_PAUSE) {
        /* Make only: E1 14 77 E1 F0 14 F0 77; with Ctrl it is Break,
         * E0 7E E0 F0 7E. Neither sends anything on release. */
        if (!down)
            return 0;
        if (mods & KEYMAP_CTRL) {
            out[n++] = (struct key_event){ 0xE07E, 1 };
            out[n++] = (struct key_event){ 0xE07E, 0 };
        } else {
            out[n++] = (struct key_event){ 0xE114, 1 };
            out[n++] = (struct key_event){ 0x77, 1 };
            out[n++] = (struct key_event){ 0xE114, 0 };
            out[n++] = (struct key_event){ 0x77, 0 };
        }
        return n;
    }
    if (usage >= sizeof hid_set2 / sizeof hid_set2[0] || !hid_set2[usage])
        return 0;
    out[n++] = (struct key_event){ hid_set2[usage], (uint8_t)!!down };
    return n;
}

uint16_t keymap_fkey(unsigned n)
{
    return n >= 1 && n <= 12 ? hid_set2[0x3A + n - 1] : 0;
}
