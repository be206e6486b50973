/* display.h - the displays (SDL window, terminal, headless) and the run
 * state they share with the command line in main.c.
 *
 * main.c owns a struct fe: the board, the schedule of timed actions
 * (-sendkeys, -screenshot-at, -max-cycles, queued host input), the
 * outputs (-serial, -debugcon, -post) and the exit status. A display only
 * moves host input in and pictures out, and asks main.c to run the guest.
 * All guest-visible timing is decided by cycle numbers here, never by the
 * host clock: the clock only decides how far fe_run_paced lets the guest
 * run before the next frame (DESIGN.md, "Time"). */
#ifndef TICK86_DISPLAY_H
#define TICK86_DISPLAY_H
#include <stddef.h>
#include <stdint.h>
#include "keymap.h"

struct fe;
struct pc;

/* ---- provided by main.c ------------------------------------------------ */
struct pc *fe_pc(struct fe *fe);
/* A framebuffer with room for PC_FB_MAX_W x PC_FB_MAX_H pixels. */
uint32_t *fe_framebuffer(struct fe *fe);

/* Runs the guest until its cycle counter reaches until (absolute, at an
 * instruction boundary), carrying out every scheduled action on the way
 * at its exact cycle. Returns early when the run ends (fe_over) or the
 * guest can no longer run (fe_guest_stopped). */
void fe_run_until(struct fe *fe, uint64_t until);
/* Runs the guest for one display frame of frame_us host microseconds so
 * that guest time follows wall-clock time: catches up to where the guest
 * should be now, spending at most about 3/4 of the frame on it. A guest
 * slower than real time just runs slower; it is never hurried later. */
void fe_run_paced(struct fe *fe, unsigned frame_us);
/* The run has ended (exit status decided): leave the display loop. Also
 * true after SIGINT, SIGTERM or SIGHUP. */
int fe_over(const struct fe *fe);
/* The guest stopped for good (HLT with interrupts disabled) but the run
 * goes on until the person closes the display. */
int fe_guest_stopped(const struct fe *fe);
/* Ends the run with this exit status (window closed, quit key: 0). */
void fe_end(struct fe *fe, int status);

/* Host keys for the guest. With spaced, events are put a few guest
 * milliseconds apart after the last queued key event (typed text: each
 * character is a separate press, as a typist's would be); without, at the
 * current cycle, behind any keys still queued (the SDL window, where the
 * person's own timing already separates them). */
void fe_keys(struct fe *fe, const struct key_event *ev, unsigned n, int spaced);
/* Mouse movement (dy up-positive, PS/2 sense) and buttons now. */
void fe_mouse(struct fe *fe, int dx, int dy, int buttons);
/* Reads whatever -serial stdio input is ready on stdin without blocking
 * and queues it for the guest. No-op without -serial stdio. */
void fe_poll_serial(struct fe *fe);
/* Renders the screen now and writes it to path. Returns 0, or -1 with a
 * one-line reason in err. */
int fe_screenshot(struct fe *fe, const char *path, char *err, size_t errlen);

/* Monotonic host time in microseconds (pacing only; never reaches the
 * guest) and a sleep until such a time. */
uint64_t fe_host_us(void);
void fe_sleep_until(uint64_t us);

/* ---- the displays ------------------------------------------------------ */
/* Each runs until fe_over. Returns 0, or -1 with a one-line reason in err
 * when the display cannot start (nothing has run then). */
int display_none_run(struct fe *fe, char *err, size_t errlen);
int display_term_run(struct fe *fe, char *err, size_t errlen);
int display_sdl_run(struct fe *fe, char *err, size_t errlen);
/* 1 if this binary was built with SDL (HAVE_SDL). */
int display_sdl_available(void);

/* The terminal in raw mode (display_term.c), also used by main.c when
 * -serial stdio reads a terminal: no echo, no line editing, no signal
 * keys, so every byte goes to the guest. term_raw_leave restores the
 * saved settings; it is safe to call more than once and runs at exit. */
int term_raw_enter(char *err, size_t errlen);
void term_raw_leave(void);

/* The quit key of the terminal display and of a raw -serial stdio
 * terminal: Ctrl-] (1Dh), as telnet's escape character. */
#define TERM_QUIT_BYTE 0x1D
#endif
