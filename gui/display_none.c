/* display_none.c - the headless display: no picture, no keyboard; the
 * guest runs as fast as the host allows until -max-cycles, a debug exit,
 * a stop, or a signal. -sendkeys, -screenshot-at and -serial stdio input
 * still reach it at their cycles, which is what makes scripted runs and
 * tests possible. In a build without SDL it also answers for the SDL
 * display, so display_sdl.c need not be compiled at all. */
#include <inttypes.h>
#include <stdio.h>

#include "pc.h"
#include "display.h"

/* Guest time between looks at stdin for -serial stdio input. */
#define NONE_SLICE_HZ_DIV 100        /* 10 ms */

int display_none_run(struct fe *fe, char *err, size_t errlen)
{
    struct pc *pc = fe_pc(fe);
    uint64_t slice = pc_cpu_hz(pc) / NONE_SLICE_HZ_DIV;

    (void)err;
    (void)errlen;
    if (!slice)
        slice = 1;
    while (!fe_over(fe)) {
        fe_poll_serial(fe);
        fe_run_until(fe, pc_cycles(pc) + slice);
        if (fe_guest_stopped(fe)) {
            /* Nothing can wake a CPU halted with interrupts off, and
             * nobody is watching a screen: end the run. */
            fprintf(stderr, "tick86: the guest halted with interrupts disabled (cycle %" PRIu64 ")\n",
                    pc_cycles(pc));
            fe_end(fe, 0);
        }
    }
    return 0;
}

#if !HAVE_SDL
int display_sdl_available(void) { return 0; }

int display_sdl_run(struct fe *fe, char *err, size_t errlen)
{
    (void)fe;
    snprintf(err, errlen, "-display sdl: this tick86 was built without SDL");
    return -1;
}
#endif
