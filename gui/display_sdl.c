/* display_sdl.c - the SDL2 window: the screen as pc_render draws it, the
 * host keyboard and mouse as PS/2 input.
 *
 * The window is the frame scaled by whole factors (2x in each direction
 * the frame is small in: 320x200 shows as 640x400, 360x400 as 720x400)
 * and letterboxed when the person resizes it. It is redrawn at 60 Hz;
 * between frames the guest runs paced to wall-clock time
 * (fe_run_paced), which decides only how much runs per frame, never
 * what the guest sees.
 *
 * Keys: SDL scancodes are USB HID usages (SDL_scancode.h says so), turned
 * into set 2 codes by keymap_hid. SDL's own key repeat is ignored: the
 * emulated keyboard repeats by itself, at the rate the guest programmed.
 * Keys still held when the window loses focus are released, so the guest
 * never sees a key stuck down.
 *
 * Mouse: a click grabs it (relative motion, cursor hidden, the keyboard
 * grabbed too so Alt+Tab reaches the guest); Ctrl+Alt+G releases it.
 * Motion is added up over a frame and sent as one movement; a button
 * change is sent at once. F12 saves tick86-NNNN.png in the current
 * directory. */
#include "display.h"

#if HAVE_SDL
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pc.h"
#include "keymap.h"

#define SDL_FRAME_US 16667u          /* 60 Hz */

struct sdl_state {
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Texture *tex;
    unsigned tw, th;                 /* texture (frame) size */
    int grabbed;
    int buttons;                     /* bit 0 left, 1 right, 2 middle */
    int grab_click;                  /* the click that grabbed is still down */
    int mdx, mdy;                    /* motion not sent yet */
    uint8_t held[SDL_NUM_SCANCODES]; /* keys the guest has seen pressed */
    uint64_t mips_us, mips_icount;   /* last title update */
    char status[64];
};

int display_sdl_available(void) { return 1; }

static unsigned sdl_mods(void)
{
    SDL_Keymod m = SDL_GetModState();
    unsigned r = 0;

    if (m & KMOD_SHIFT)
        r |= KEYMAP_SHIFT;
    if (m & KMOD_CTRL)
        r |= KEYMAP_CTRL;
    if (m & KMOD_ALT)
        r |= KEYMAP_ALT;
    return r;
}

static void sdl_key(struct sdl_state *s, struct fe *fe, SDL_Scancode sc, int down)
{
    struct key_event ev[KEYMAP_MAX_EVENTS];
    unsigned n;

    if ((unsigned)sc >= SDL_NUM_SCANCODES)
        return;
    if (!down && !s->held[sc] && sc != SDL_SCANCODE_PAUSE)
        return;                      /* a release the guest never saw pressed */
    s->held[sc] = (uint8_t)down;
    n = keymap_hid((unsigned)sc, down, sdl_mods(), ev);
    if (n)
        fe_keys(fe, ev, n, 0);
}

/* Releases every key the guest sees as pressed. */
static void sdl_release_all(struct sdl_state *s, struct fe *fe)
{
    for (unsigned sc = 0; sc < SDL_NUM_SCANCODES; sc++)
        if (s->held[sc])
            sdl_key(s, fe, (SDL_Scancode)sc, 0);
}

static void sdl_flush_mouse(struct sdl_state *s, struct fe *fe)
{
    /* A PS/2 movement field holds -256..255: send big moves in pieces. */
    while (s->mdx || s->mdy) {
        int dx = s->mdx < -256 ? -256 : s->mdx > 255 ? 255 : s->mdx;
        int dy = s->mdy < -256 ? -256 : s->mdy > 255 ? 255 : s->mdy;
        fe_mouse(fe, dx, dy, s->buttons);
        s->mdx -= dx;
        s->mdy -= dy;
    }
}

static void sdl_grab(struct sdl_state *s, struct fe *fe, int on)
{
    if (s->grabbed == on)
        return;
    if (!on)
        sdl_flush_mouse(s, fe);
    s->grabbed = on;
    s->grab_click = 0;
    SDL_SetRelativeMouseMode(on ? SDL_TRUE : SDL_FALSE);
    SDL_SetWindowGrab(s->win, on ? SDL_TRUE : SDL_FALSE);
    s->mips_us = 0;                  /* the title changes: redo it now */
}

static void sdl_title(struct sdl_state *s, struct fe *fe, uint64_t now_us)
{
    char title[200];
    uint64_t ic = pc_icount(fe_pc(fe));

    if (s->mips_us && now_us - s->mips_us < 1000000u)
        return;
    if (s->mips_us && now_us > s->mips_us)
        snprintf(s->status, sizeof s->status, "%.1f MIPS",
                 (double)(ic - s->mips_icount) / (double)(now_us - s->mips_us));
    else if (!s->status[0])
        snprintf(s->status, sizeof s->status, "0.0 MIPS");
    s->mips_us = now_us;
    s->mips_icount = ic;
    snprintf(title, sizeof title, "tick86 \xe2\x80\x94 %s%s \xe2\x80\x94 %s", s->status,
             fe_guest_stopped(fe) ? " (halted)" : "",
             s->grabbed ? "Ctrl+Alt+G releases the mouse" : "click to grab the mouse");
    SDL_SetWindowTitle(s->win, title);
}

/* F12: the screen as tick86-NNNN.png, the first number not taken. */
static void sdl_save_png(struct fe *fe)
{
    char name[32], err[300];
    struct stat st;

    for (unsigned i = 0; i < 10000; i++) {
        snprintf(name, sizeof name, "tick86-%04u.png", i);
        if (stat(name, &st) == 0)
            continue;
        if (fe_screenshot(fe, name, err, sizeof err))
            fprintf(stderr, "tick86: %s\n", err);
        else
            fprintf(stderr, "tick86: saved %s\n", name);
        return;
    }
    fprintf(stderr, "tick86: tick86-0000.png .. tick86-9999.png all exist; nothing saved\n");
}

static void sdl_events(struct sdl_state *s, struct fe *fe)
{
    SDL_Event e;

    while (SDL_PollEvent(&e)) {
        switch (e.type) {
        case SDL_QUIT:
            fe_end(fe, 0);
            break;
        case SDL_KEYDOWN:
        case SDL_KEYUP: {
            int down = e.type == SDL_KEYDOWN;
            SDL_Scancode sc = e.key.keysym.scancode;
            if (e.key.repeat)
                break;
            if (sc == SDL_SCANCODE_F12) {
                if (down)
                    sdl_save_png(fe);
                break;
            }
            if (sc == SDL_SCANCODE_G && s->grabbed && (e.key.keysym.mod & KMOD_CTRL) &&
                (e.key.keysym.mod & KMOD_ALT)) {
                if (down)
                    sdl_grab(s, fe, 0);
                break;
            }
            sdl_key(s, fe, sc, down);
            break;
        }
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP: {
            int bit = e.button.button == SDL_BUTTON_LEFT ? 1 : e.button.button == SDL_BUTTON_RIGHT ? 2
                    : e.button.button == SDL_BUTTON_MIDDLE ? 4 : 0;
            if (!s->grabbed) {
                if (e.type == SDL_MOUSEBUTTONDOWN && bit == 1) {
                    sdl_grab(s, fe, 1);  /* this click only grabs */
                    s->grab_click = 1;
                }
                break;
            }
            if (bit == 1 && s->grab_click && e.type == SDL_MOUSEBUTTONUP) {
                s->grab_click = 0;       /* nor does its release reach the guest */
                break;
            }
            if (!bit)
                break;
            sdl_flush_mouse(s, fe);
            if (e.type == SDL_MOUSEBUTTONDOWN)
                s->buttons |= bit;
            else
                s->buttons &= ~bit;
            fe_mouse(fe, 0, 0, s->buttons);
            break;
        }
        case SDL_MOUSEMOTION:
            if (s->grabbed) {
                s->mdx += e.motion.xrel;
                s->mdy -= e.motion.yrel;    /* PS/2: up is positive */
            }
            break;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
                sdl_release_all(s, fe);
                sdl_grab(s, fe, 0);
            }
            break;
        }
    }
}

/* Copies the frame to the window, resizing both when the mode changed. */
static int sdl_present(struct sdl_state *s, struct fe *fe, char *err, size_t errlen)
{
    uint32_t *fb = fe_framebuffer(fe);
    unsigned w = 0, h = 0;

    pc_render(fe_pc(fe), fb, &w, &h);
    if (!w || !h)
        return 0;
    if (!s->tex || w != s->tw || h != s->th) {
        int sx = w <= 400 ? 2 : 1, sy = h <= 300 ? 2 : 1;
        if (s->tex)
            SDL_DestroyTexture(s->tex);
        /* RGB888 is SDL's 32-bit 0x00RRGGBB, in host order like fb. */
        s->tex = SDL_CreateTexture(s->ren, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STREAMING,
                                   (int)w, (int)h);
        if (!s->tex) {
            snprintf(err, errlen, "-display sdl: %s", SDL_GetError());
            return -1;
        }
        s->tw = w;
        s->th = h;
        SDL_RenderSetLogicalSize(s->ren, (int)w * sx, (int)h * sy);
        SDL_SetWindowSize(s->win, (int)w * sx, (int)h * sy);
    }
    SDL_UpdateTexture(s->tex, NULL, fb, (int)(w * sizeof *fb));
    SDL_SetRenderDrawColor(s->ren, 0, 0, 0, 255);
    SDL_RenderClear(s->ren);
    SDL_RenderCopy(s->ren, s->tex, NULL, NULL);
    SDL_RenderPresent(s->ren);
    return 0;
}

int display_sdl_run(struct fe *fe, char *err, size_t errlen)
{
    struct sdl_state *s = calloc(1, sizeof *s);
    int rc = 0;

    if (!s) {
        snprintf(err, errlen, "-display sdl: out of memory");
        return -1;
    }
    /* main.c handles SIGINT/SIGTERM; grabbing also takes the keyboard. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
    {
        /* With only X11 in sight, go straight to it: probing Wayland
         * first makes libwayland print errors. */
        const char *drv = getenv("SDL_VIDEODRIVER"), *x = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
#ifdef SDL_HINT_VIDEODRIVER
        if (!drv && x && *x && !(wl && *wl))
            SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11");
#endif
        if (SDL_Init(SDL_INIT_VIDEO)) {
            snprintf(err, errlen, "-display sdl: %s", SDL_GetError());
            free(s);
            return -1;
        }
        /* SDL falls back to drivers that show nothing; a person who asked
         * for a window should hear that there is none (tests can still
         * choose them with SDL_VIDEODRIVER). */
        const char *cur = SDL_GetCurrentVideoDriver();
        if (!drv && cur && (!strcmp(cur, "offscreen") || !strcmp(cur, "dummy"))) {
            snprintf(err, errlen, "-display sdl: no display to open a window on (check $DISPLAY)");
            SDL_Quit();
            free(s);
            return -1;
        }
    }
    s->win = SDL_CreateWindow("tick86", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, 720, 400,
                              SDL_WINDOW_RESIZABLE);
    if (s->win) {
        s->ren = SDL_CreateRenderer(s->win, -1, 0);
        if (!s->ren)
            s->ren = SDL_CreateRenderer(s->win, -1, SDL_RENDERER_SOFTWARE);
    }
    if (!s->win || !s->ren) {
        snprintf(err, errlen, "-display sdl: %s", SDL_GetError());
        rc = -1;
        goto out;
    }

    uint64_t next = fe_host_us();
    while (!fe_over(fe)) {
        sdl_events(s, fe);
        if (fe_over(fe))
            break;
        fe_poll_serial(fe);
        fe_run_paced(fe, SDL_FRAME_US);
        sdl_flush_mouse(s, fe);
        if (sdl_present(s, fe, err, errlen)) {
            fe_end(fe, 1);
            rc = -1;
            break;
        }
        uint64_t now = fe_host_us();
        sdl_title(s, fe, now);
        next += SDL_FRAME_US;
        if (next < now)
            next = now;              /* a slow frame: do not try to catch up */
        fe_sleep_until(next);
    }

out:
    if (s->tex)
        SDL_DestroyTexture(s->tex);
    if (s->ren)
        SDL_DestroyRenderer(s->ren);
    if (s->win)
        SDL_DestroyWindow(s->win);
    SDL_Quit();
    free(s);
    return rc;
}

#else
/* Without SDL, display_none.c provides the "not built in" answers, so
 * this file may be left out of the build or compiled empty. */
typedef int display_sdl_not_built;
#endif
