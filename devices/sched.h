/* sched.h - the cycle-timed event scheduler.
 *
 * The CPU cycle counter is the only clock (DESIGN.md, "Time"). Each device
 * owns timers that fire at an absolute cycle deadline; next_deadline is kept
 * up to date so the CPU reads one field to know how far it may run without
 * looking. Timers due at the same cycle fire in the order they were created,
 * so the order never depends on host state. */
#ifndef TICK86_SCHED_H
#define TICK86_SCHED_H
#include <stdint.h>

#define SCHED_NEVER UINT64_MAX
#define SCHED_MAX_TIMERS 32

typedef void (*sched_fn)(void *opaque, uint64_t now);

struct sched_timer {
    const char *name;
    sched_fn fn;
    void *opaque;
    uint64_t deadline;           /* SCHED_NEVER when idle */
};

struct sched {
    uint64_t next_deadline;      /* min over all timers; SCHED_NEVER if none */
    unsigned ntimers;
    struct sched_timer timers[SCHED_MAX_TIMERS];
};

void sched_init(struct sched *s);
int sched_add(struct sched *s, const char *name, sched_fn fn, void *opaque); /* id or -1 */
void sched_set(struct sched *s, int id, uint64_t deadline);
void sched_cancel(struct sched *s, int id);
/* Fire, in deadline order (ties by id), every timer whose deadline <= now.
 * A callback may re-arm its own or other timers; one re-armed at <= now
 * fires again in the same call. */
void sched_run_due(struct sched *s, uint64_t now);
#endif
