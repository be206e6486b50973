/* sched.c - the cycle-timed event scheduler (DESIGN.md, "Time").
 *
 * At most SCHED_MAX_TIMERS timers, each with an absolute cycle deadline.
 * next_deadline is recomputed by a linear scan whenever a timer changes or
 * fires: with <= 32 timers that is cheaper than keeping a heap, and it only
 * happens on events, never on the per-trace check the CPU does (which reads
 * next_deadline alone). Order is a pure function of deadlines and timer ids,
 * so it never depends on host state. */
#include "sched.h"

#include <assert.h>
#include <stddef.h>

static void sched_recompute(struct sched *s)
{
    uint64_t min = SCHED_NEVER;
    unsigned i;

    for (i = 0; i < s->ntimers; i++)
        if (s->timers[i].deadline < min)
            min = s->timers[i].deadline;
    s->next_deadline = min;
}

void sched_init(struct sched *s)
{
    unsigned i;

    s->next_deadline = SCHED_NEVER;
    s->ntimers = 0;
    for (i = 0; i < SCHED_MAX_TIMERS; i++) {
        s->timers[i].name = NULL;
        s->timers[i].fn = NULL;
        s->timers[i].opaque = NULL;
        s->timers[i].deadline = SCHED_NEVER;
    }
}

/* Ids are handed out in creation order, so ties at one cycle fire in the
 * order the board created the devices. A new timer is idle. Returns -1 when
 * the table is full or fn is NULL. */
int sched_add(struct sched *s, const char *name, sched_fn fn, void *opaque)
{
    struct sched_timer *t;

    if (!fn || s->ntimers >= SCHED_MAX_TIMERS)
        return -1;
    t = &s->timers[s->ntimers];
    t->name = name;
    t->fn = fn;
    t->opaque = opaque;
    t->deadline = SCHED_NEVER;
    return (int)s->ntimers++;
}

/* Arms (or re-arms) timer id at an absolute cycle; SCHED_NEVER disarms it.
 * A deadline already in the past is legal and fires at the next
 * sched_run_due. */
void sched_set(struct sched *s, int id, uint64_t deadline)
{
    struct sched_timer *t;
    uint64_t old;

    assert(id >= 0 && (unsigned)id < s->ntimers);
    t = &s->timers[id];
    old = t->deadline;
    t->deadline = deadline;
    if (deadline <= s->next_deadline)
        s->next_deadline = deadline;   /* may only have moved earlier */
    else if (old == s->next_deadline)
        sched_recompute(s);            /* this timer may have held the minimum */
}

void sched_cancel(struct sched *s, int id)
{
    sched_set(s, id, SCHED_NEVER);
}

/* Each round picks the due timer with the earliest deadline, lowest id on a
 * tie, disarms it, then calls it, so the callback sees itself idle and may
 * re-arm itself or any other timer; one re-armed at <= now fires in a later
 * round of this same call, after anything already due earlier. The callback
 * gets now (the cycle at which events are being delivered, >= its deadline);
 * a device that needs drift-free periods keeps its own deadline.
 * A callback that keeps re-arming at <= now never lets this return: that is
 * a device bug, not something to hide here. */
void sched_run_due(struct sched *s, uint64_t now)
{
    /* SCHED_NEVER means idle even when now is UINT64_MAX. */
    while (s->next_deadline != SCHED_NEVER && s->next_deadline <= now) {
        struct sched_timer *t = NULL;
        unsigned i;

        for (i = 0; i < s->ntimers; i++)
            if (s->timers[i].deadline <= now && s->timers[i].deadline != SCHED_NEVER &&
                (!t || s->timers[i].deadline < t->deadline))
                t = &s->timers[i];
        assert(t != NULL);             /* next_deadline <= now promised one */
        if (!t)
            break;
        t->deadline = SCHED_NEVER;
        sched_recompute(s);
        t->fn(t->opaque, now);
    }
}
