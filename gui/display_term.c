/* display_term.c - the guest's text screen drawn in this terminal.
 *
 * Output: ECMA-48 control sequences as xterm-compatible terminals take
 * them (CUP to move, SGR 30-37/90-97 and 40-47/100-107 for the 16 VGA
 * colours, attribute bit 7 as the VGA shows it: a blinking foreground
 * drawn in the guest's own blink phase, or, with blink off (attribute
 * controller mode bit 3 clear), a bright background; DECTCEM to show the
 * cursor, the alternate screen 1049 so the person's scrollback survives),
 * with the VGA's code page 437 glyphs sent as UTF-8 (the CP437 table of
 * the IBM PC Technical Reference's character set, with the usual Unicode
 * equivalents, including the graphic forms of 01h-1Fh and 7Fh). Only
 * cells that changed since the last frame are sent.
 *
 * Input: the terminal in raw mode (POSIX termios: no ICANON, ECHO, ISIG,
 * IXON, ICRNL), bytes turned into set 2 key presses: ASCII through
 * keymap_ascii, ESC [ and ESC O sequences for cursor, editing and
 * function keys (xterm's encodings), ESC + character as Alt+character.
 * A terminal reports characters, not key releases, so each key is a
 * press and a release a few guest milliseconds apart. Ctrl-] quits.
 *
 * The terminal settings are restored on every way out: the normal path,
 * exit() (atexit), and SIGINT/SIGTERM/SIGHUP (main.c's handler ends the
 * loop, which then restores). */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "pc.h"
#include "vga.h"
#include "display.h"
#include "keymap.h"

/* ---- raw mode ------------------------------------------------------------- */

/* gui/ may keep process state; this is the one thing the terminal needs
 * back at exit, whichever path the exit takes. */
static struct termios term_saved;
static int term_is_raw;
static int term_atexit_done;

void term_raw_leave(void)
{
    if (term_is_raw) {
        tcsetattr(0, TCSAFLUSH, &term_saved);
        term_is_raw = 0;
    }
}

int term_raw_enter(char *err, size_t errlen)
{
    struct termios t;

    if (term_is_raw)
        return 0;
    if (tcgetattr(0, &term_saved)) {
        snprintf(err, errlen, "stdin: %s", strerror(errno));
        return -1;
    }
    t = term_saved;
    t.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IGNCR | IXON | ISTRIP | BRKINT);
    t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    if (tcsetattr(0, TCSAFLUSH, &t)) {
        snprintf(err, errlen, "stdin: %s", strerror(errno));
        return -1;
    }
    term_is_raw = 1;
    if (!term_atexit_done) {
        atexit(term_raw_leave);
        term_atexit_done = 1;
    }
    return 0;
}

/* A resized terminal may have lost what was drawn: redraw everything.
 * SIGWINCH is not in POSIX.1-2008 but every terminal system has it. */
static volatile sig_atomic_t term_resized;

#ifdef SIGWINCH
static void term_on_winch(int sig)
{
    (void)sig;
    term_resized = 1;
}
#endif

/* ---- code page 437 ------------------------------------------------------------ */

/* Unicode for CP437 00h-1Fh (the graphic characters a VGA shows there;
 * 00h is blank) and 7Fh-FFh; 20h-7Eh are ASCII. */
static const uint16_t cp437_low[32] = {
    0x0020, 0x263A, 0x263B, 0x2665, 0x2666, 0x2663, 0x2660, 0x2022,
    0x25D8, 0x25CB, 0x25D9, 0x2642, 0x2640, 0x266A, 0x266B, 0x263C,
    0x25BA, 0x25C4, 0x2195, 0x203C, 0x00B6, 0x00A7, 0x25AC, 0x21A8,
    0x2191, 0x2193, 0x2192, 0x2190, 0x221F, 0x2194, 0x25B2, 0x25BC,
};
static const uint16_t cp437_high[129] = {
    0x2302,
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,   /* 80h */
    0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
    0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,   /* 90h */
    0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,
    0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,   /* A0h */
    0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,   /* B0h */
    0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,   /* C0h */
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,
    0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,   /* D0h */
    0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
    0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,   /* E0h */
    0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,
    0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,   /* F0h */
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
};

static uint16_t cp437_unicode(uint8_t c)
{
    if (c < 0x20)
        return cp437_low[c];
    if (c < 0x7F)
        return c;
    return cp437_high[c - 0x7F];
}

/* ---- output buffer ---------------------------------------------------------------- */

struct tbuf {
    char *p;
    size_t len, cap;
};

static void tb_put(struct tbuf *b, const char *s, size_t n)
{
    if (b->len + n > b->cap) {
        size_t ncap = (b->len + n) * 2 + 4096;
        char *np = realloc(b->p, ncap);
        if (!np)
            return;                  /* drop the frame's tail; the next frame redraws */
        b->p = np;
        b->cap = ncap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void tb_str(struct tbuf *b, const char *s) { tb_put(b, s, strlen(s)); }

static void tb_utf8(struct tbuf *b, uint16_t u)
{
    char s[3];

    if (u < 0x80) {
        s[0] = (char)u;
        tb_put(b, s, 1);
    } else if (u < 0x800) {
        s[0] = (char)(0xC0 | u >> 6);
        s[1] = (char)(0x80 | (u & 0x3F));
        tb_put(b, s, 2);
    } else {
        s[0] = (char)(0xE0 | u >> 12);
        s[1] = (char)(0x80 | ((u >> 6) & 0x3F));
        s[2] = (char)(0x80 | (u & 0x3F));
        tb_put(b, s, 3);
    }
}

static void tb_flush(struct tbuf *b)
{
    size_t off = 0;

    while (off < b->len) {
        ssize_t n = write(1, b->p + off, b->len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    b->len = 0;
}

/* ---- drawing ------------------------------------------------------------------------ */

/* VGA colour number (IRGB with red in bit 2) -> ANSI colour (red in bit 0). */
static const uint8_t vga_to_ansi[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };

struct term_state {
    struct vga_text cur, prev;
    int have_prev;                   /* prev is on the screen */
    int graphics_shown;              /* the graphics-mode line is on the screen */
    unsigned gw, gh;                 /* its size */
    unsigned trows, tcols;           /* the terminal's size: what is drawn is clipped to it */
    struct tbuf out;
    /* input */
    uint8_t in[64];
    size_t nin;
};

/* The terminal's size (TIOCGWINSZ is not POSIX but every terminal system
 * has it); 80x25 where it cannot be asked. A guest screen larger than the
 * terminal is clipped at the right and bottom instead of scrolling it. */
static void term_get_size(struct term_state *t)
{
    t->trows = 25;
    t->tcols = 80;
#ifdef TIOCGWINSZ
    struct winsize ws;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
        t->trows = ws.ws_row;
        t->tcols = ws.ws_col;
    }
#endif
}

/* The colours of a cell. Attribute bit 7 blinks when the VGA says so
 * (the character shows in its background colour in the off half of the
 * blink period; the terminal's own SGR 5 blink would run on the host's
 * clock instead), else it brightens the background. */
static void term_sgr(struct tbuf *b, uint8_t attr, const struct vga_text *v)
{
    char s[40];
    unsigned fg = attr & 15, bg = attr >> 4;

    if (v->blink_enabled) {
        bg &= 7;
        if ((attr & 0x80) && !v->blink_on)
            fg = bg;
    }
    snprintf(s, sizeof s, "\033[0;%u;%um", fg < 8 ? 30 + vga_to_ansi[fg] : 90 + vga_to_ansi[fg - 8],
             bg < 8 ? 40 + vga_to_ansi[bg] : 100 + vga_to_ansi[bg - 8]);
    tb_str(b, s);
}

static void term_draw_text(struct term_state *t)
{
    const struct vga_text *v = &t->cur;
    int full = !t->have_prev || t->prev.cols != v->cols || t->prev.rows != v->rows;
    /* Cells with bit 7 set look different when the blink phase or the
     * meaning of bit 7 changed. */
    int blink_moved = t->have_prev && (t->prev.blink_enabled != v->blink_enabled ||
                                       t->prev.blink_on != v->blink_on);
    int attr = -1;                   /* SGR in effect, -1 unknown */
    unsigned at_r = ~0u, at_c = ~0u; /* where the terminal's cursor is */
    char s[48];

    if (full)
        tb_str(&t->out, "\033[0m\033[2J");
    for (unsigned r = 0; r < v->rows && r < t->trows; r++)
        for (unsigned c = 0; c < v->cols && c < t->tcols; c++) {
            size_t i = (size_t)r * v->cols + c;
            if (!full && v->ch[i] == t->prev.ch[i] && v->attr[i] == t->prev.attr[i] &&
                !(blink_moved && (v->attr[i] & 0x80)))
                continue;
            if (r != at_r || c != at_c) {
                snprintf(s, sizeof s, "\033[%u;%uH", r + 1, c + 1);
                tb_str(&t->out, s);
            }
            if (v->attr[i] != attr) {
                term_sgr(&t->out, v->attr[i], v);
                attr = v->attr[i];
            }
            tb_utf8(&t->out, cp437_unicode(v->ch[i]));
            at_r = r;
            at_c = c + 1;
        }
    if (v->cursor_on && v->cur_row < v->rows && v->cur_col < v->cols && v->cur_row < t->trows &&
        v->cur_col < t->tcols) {
        snprintf(s, sizeof s, "\033[0m\033[%u;%uH\033[?25h", v->cur_row + 1, v->cur_col + 1);
        tb_str(&t->out, s);
    } else {
        tb_str(&t->out, "\033[?25l");
    }
    t->prev = *v;
    t->have_prev = 1;
    t->graphics_shown = 0;
}

static void term_draw(struct term_state *t, struct fe *fe)
{
    struct pc *pc = fe_pc(fe);

    if (pc_text_view(pc, &t->cur)) {
        if (t->cur.cols * t->cur.rows > VGA_TEXT_MAX)
            return;
        /* Skip the whole frame when nothing changed at all. */
        if (t->have_prev && t->prev.cols == t->cur.cols && t->prev.rows == t->cur.rows &&
            t->prev.cursor_on == t->cur.cursor_on && t->prev.cur_row == t->cur.cur_row &&
            t->prev.cur_col == t->cur.cur_col &&
            t->prev.blink_enabled == t->cur.blink_enabled && t->prev.blink_on == t->cur.blink_on &&
            !memcmp(t->prev.ch, t->cur.ch, (size_t)t->cur.cols * t->cur.rows) &&
            !memcmp(t->prev.attr, t->cur.attr, (size_t)t->cur.cols * t->cur.rows))
            return;
        term_draw_text(t);
    } else {
        unsigned w = 0, h = 0;
        char s[120];
        pc_render(pc, fe_framebuffer(fe), &w, &h);
        if (t->graphics_shown && w == t->gw && h == t->gh)
            return;
        snprintf(s, sizeof s, "\033[0m\033[2J\033[H\033[?25lgraphics mode %ux%u "
                 "(use -display sdl or -screenshot)", w, h);
        tb_str(&t->out, s);
        t->graphics_shown = 1;
        t->gw = w;
        t->gh = h;
        t->have_prev = 0;
    }
    tb_flush(&t->out);
}

/* ---- input ------------------------------------------------------------------------------- */

static void term_tap(struct fe *fe, uint16_t code, uint16_t mod)
{
    struct key_event ev[4];
    unsigned n = 0;

    if (mod)
        ev[n++] = (struct key_event){ mod, 1 };
    ev[n++] = (struct key_event){ code, 1 };
    ev[n++] = (struct key_event){ code, 0 };
    if (mod)
        ev[n++] = (struct key_event){ mod, 0 };
    fe_keys(fe, ev, n, 1);
}

/* The key of an xterm "CSI n ~" sequence. */
static uint16_t term_tilde_key(unsigned n)
{
    switch (n) {
    case 1: case 7: return SET2_HOME;
    case 2: return SET2_INSERT;
    case 3: return SET2_DELETE;
    case 4: case 8: return SET2_END;
    case 5: return SET2_PGUP;
    case 6: return SET2_PGDN;
    case 11: case 12: case 13: case 14: case 15: return keymap_fkey(n - 10);
    case 17: case 18: case 19: case 20: case 21: return keymap_fkey(n - 11);
    case 23: case 24: return keymap_fkey(n - 12);
    }
    return 0;
}

/* The key of a final byte after CSI or SS3 (ESC O). */
static uint16_t term_final_key(uint8_t f)
{
    switch (f) {
    case 'A': return SET2_UP;
    case 'B': return SET2_DOWN;
    case 'C': return SET2_RIGHT;
    case 'D': return SET2_LEFT;
    case 'H': return SET2_HOME;
    case 'F': return SET2_END;
    case 'P': return keymap_fkey(1);
    case 'Q': return keymap_fkey(2);
    case 'R': return keymap_fkey(3);
    case 'S': return keymap_fkey(4);
    }
    return 0;
}

/* Parses one key from buf[0..n). Returns the bytes used, 0 when a
 * sequence is incomplete and more may come (the caller waits a frame),
 * or -1 when the quit key was pressed. final says no more bytes are
 * coming now, so an incomplete sequence is taken as it is. */
static int term_parse_key(struct fe *fe, const uint8_t *b, size_t n, int final)
{
    struct key_event ev[KEYMAP_MAX_EVENTS + 2];

    if (b[0] == TERM_QUIT_BYTE)
        return -1;
    if (b[0] != 0x1B) {
        unsigned k = keymap_ascii(b[0], ev);
        if (k)
            fe_keys(fe, ev, k, 1);
        return 1;
    }
    if (n == 1) {
        if (!final)
            return 0;
        term_tap(fe, SET2_ESC, 0);
        return 1;
    }
    if (b[1] == '[' || b[1] == 'O') {
        /* CSI/SS3: parameters (digits and ';'), then a final byte. */
        size_t i = 2;
        unsigned p0 = 0;
        int in_first = 1;
        while (i < n && ((b[i] >= '0' && b[i] <= '9') || b[i] == ';')) {
            if (b[i] == ';')
                in_first = 0;
            else if (in_first && p0 < 1000)
                p0 = p0 * 10 + (unsigned)(b[i] - '0');
            i++;
        }
        if (i == n) {
            if (!final)
                return 0;
            return (int)n;           /* a broken sequence: drop it */
        }
        uint16_t code = b[i] == '~' ? term_tilde_key(p0) : term_final_key(b[i]);
        if (code)
            term_tap(fe, code, 0);
        return (int)i + 1;
    }
    /* ESC then a character: Alt+character, as terminals send Meta. */
    unsigned k = keymap_ascii(b[1], ev + 1);
    if (k) {
        ev[0] = (struct key_event){ SET2_LALT, 1 };
        ev[k + 1] = (struct key_event){ SET2_LALT, 0 };
        fe_keys(fe, ev, k + 2, 1);
    }
    return 2;
}

/* Reads the bytes waiting on stdin and turns them into keys. Returns -1
 * when the quit key was pressed. */
static int term_read_keys(struct term_state *t, struct fe *fe)
{
    struct pollfd p = { 0, POLLIN, 0 };

    while (poll(&p, 1, 0) > 0 && (p.revents & POLLIN) && t->nin < sizeof t->in) {
        ssize_t n = read(0, t->in + t->nin, sizeof t->in - t->nin);
        if (n <= 0)
            break;
        t->nin += (size_t)n;
    }
    size_t off = 0;
    while (off < t->nin) {
        /* A sequence cut at the end of what arrived is completed next
         * frame; one that is still incomplete then is taken as it is. */
        int used = term_parse_key(fe, t->in + off, t->nin - off, t->nin == sizeof t->in);
        if (used < 0)
            return -1;
        if (used == 0)
            break;
        off += (size_t)used;
    }
    memmove(t->in, t->in + off, t->nin - off);
    t->nin -= off;
    return 0;
}

/* ---- the loop ------------------------------------------------------------------------------ */

#define TERM_FRAME_US 33333u         /* 30 frames a second is plenty for text */

int display_term_run(struct fe *fe, char *err, size_t errlen)
{
    struct term_state *t;
    uint64_t next;
    size_t pending_esc = 0;          /* bytes left over from the last frame */

    if (!isatty(0) || !isatty(1)) {
        snprintf(err, errlen, "-display term: stdin and stdout must be a terminal");
        return -1;
    }
    t = calloc(1, sizeof *t);
    if (!t) {
        snprintf(err, errlen, "-display term: out of memory");
        return -1;
    }
    if (term_raw_enter(err, errlen)) {
        free(t);
        return -1;
    }
    tb_str(&t->out, "\033[?1049h\033[?25l\033[H\033[2J");
    tb_flush(&t->out);
    term_get_size(t);
#ifdef SIGWINCH
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = term_on_winch;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGWINCH, &sa, NULL);
#endif

    next = fe_host_us();
    while (!fe_over(fe)) {
        /* Leftover bytes from the last frame are a sequence that was cut:
         * if nothing more arrived, they are taken as they are. */
        if (pending_esc && pending_esc == t->nin) {
            int used = term_parse_key(fe, t->in, t->nin, 1);
            if (used > 0) {
                memmove(t->in, t->in + used, t->nin - (size_t)used);
                t->nin -= (size_t)used;
            }
        }
        if (term_read_keys(t, fe) < 0) {
            fe_end(fe, 0);
            break;
        }
        pending_esc = t->nin;
        if (term_resized) {
            term_resized = 0;
            term_get_size(t);
            t->have_prev = 0;
            t->graphics_shown = 0;
        }
        fe_run_paced(fe, TERM_FRAME_US);
        term_draw(t, fe);
        next += TERM_FRAME_US;
        if (next < fe_host_us())
            next = fe_host_us();     /* a slow frame: do not try to catch up */
        fe_sleep_until(next);
    }
    tb_str(&t->out, "\033[0m\033[?25h\033[?1049l");
    tb_flush(&t->out);
#ifdef SIGWINCH
    sa.sa_handler = SIG_DFL;
    sigaction(SIGWINCH, &sa, NULL);
#endif
    term_raw_leave();
    free(t->out.p);
    free(t);
    return 0;
}
