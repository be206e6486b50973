/* test_sched.c - Check unit tests for devices/sched.c: firing order,
 * ties, re-arming from callbacks, cancel, next_deadline tracking,
 * SCHED_NEVER, and two schedulers in one process. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sched.h"

/* Shared by the timers of one test: the order they fired in. */
#define TRACE_MAX 64
struct trace {
    struct sched *s;
    unsigned n;
    int who[TRACE_MAX];
    uint64_t when[TRACE_MAX];
};

/* One per timer; what the callback does after logging. */
struct tm {
    struct trace *tr;
    int id;
    uint64_t rearm_delta;        /* re-arm self at now + delta if nonzero */
    unsigned rearm_times;        /* how many more times to re-arm */
    int other;                   /* another timer to arm, or -1 */
    uint64_t other_at;
    int cancel;                  /* another timer to cancel, or -1 */
    uint64_t seen_next;          /* next_deadline observed inside the callback */
    uint64_t seen_own;           /* own deadline observed inside the callback */
};

static void tm_fire(void *opaque, uint64_t now)
{
    struct tm *t = opaque;
    struct trace *tr = t->tr;

    ck_assert_uint_lt(tr->n, TRACE_MAX);
    tr->who[tr->n] = t->id;
    tr->when[tr->n] = now;
    tr->n++;
    t->seen_next = tr->s->next_deadline;
    t->seen_own = tr->s->timers[t->id].deadline;
    if (t->rearm_times) {
        t->rearm_times--;
        sched_set(tr->s, t->id, now + t->rearm_delta);
    }
    if (t->other >= 0) {
        sched_set(tr->s, t->other, t->other_at);
        t->other = -1;
    }
    if (t->cancel >= 0) {
        sched_cancel(tr->s, t->cancel);
        t->cancel = -1;
    }
}

static struct sched *new_sched(void)
{
    struct sched *s = malloc(sizeof *s);
    ck_assert_ptr_nonnull(s);
    memset(s, 0x5A, sizeof *s);  /* sched_init must not rely on zeroed memory */
    sched_init(s);
    return s;
}

static void add_timers(struct sched *s, struct trace *tr, struct tm *t, int n)
{
    int i;
    static const char *const names[] = {"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7"};

    memset(tr, 0, sizeof *tr);
    tr->s = s;
    for (i = 0; i < n; i++) {
        memset(&t[i], 0, sizeof t[i]);
        t[i].tr = tr;
        t[i].other = -1;
        t[i].cancel = -1;
        t[i].id = sched_add(s, names[i], tm_fire, &t[i]);
        ck_assert_int_eq(t[i].id, i);
    }
}

START_TEST(test_init_and_add)
{
    struct sched *s = new_sched();
    struct trace tr;
    struct tm t[1];
    int i;

    ck_assert_uint_eq(s->next_deadline, SCHED_NEVER);
    ck_assert_uint_eq(s->ntimers, 0);
    sched_run_due(s, 1000);          /* nothing to do */
    sched_run_due(s, SCHED_NEVER);   /* nothing armed: even the end of time fires nothing */

    add_timers(s, &tr, t, 1);
    ck_assert_uint_eq(s->timers[0].deadline, SCHED_NEVER);
    ck_assert_str_eq(s->timers[0].name, "t0");
    ck_assert_uint_eq(s->next_deadline, SCHED_NEVER);
    sched_run_due(s, SCHED_NEVER);   /* idle timers never fire */
    ck_assert_uint_eq(tr.n, 0);

    ck_assert_int_eq(sched_add(s, "null", NULL, NULL), -1);
    for (i = 1; i < SCHED_MAX_TIMERS; i++)
        ck_assert_int_eq(sched_add(s, "fill", tm_fire, &t[0]), i);
    ck_assert_int_eq(sched_add(s, "over", tm_fire, &t[0]), -1);
    ck_assert_uint_eq(s->ntimers, SCHED_MAX_TIMERS);
    free(s);
}
END_TEST

START_TEST(test_order)
{
    struct sched *s = new_sched();
    struct trace tr;
    struct tm t[4];

    add_timers(s, &tr, t, 4);
    sched_set(s, 0, 300);
    sched_set(s, 1, 100);
    sched_set(s, 2, 400);
    sched_set(s, 3, 200);
    ck_assert_uint_eq(s->next_deadline, 100);

    sched_run_due(s, 99);
    ck_assert_uint_eq(tr.n, 0);
    ck_assert_uint_eq(s->next_deadline, 100);

    sched_run_due(s, 250);
    ck_assert_uint_eq(tr.n, 2);
    ck_assert_int_eq(tr.who[0], 1);
    ck_assert_int_eq(tr.who[1], 3);
    ck_assert_uint_eq(tr.when[0], 250);        /* callbacks get now */
    ck_assert_uint_eq(s->timers[1].deadline, SCHED_NEVER);  /* one-shot */
    ck_assert_uint_eq(s->next_deadline, 300);

    sched_run_due(s, 1000);
    ck_assert_uint_eq(tr.n, 4);
    ck_assert_int_eq(tr.who[2], 0);
    ck_assert_int_eq(tr.who[3], 2);
    ck_assert_uint_eq(s->next_deadline, SCHED_NEVER);

    sched_run_due(s, 5000);                    /* nothing fires twice */
    ck_assert_uint_eq(tr.n, 4);
    free(s);
}
END_TEST

START_TEST(test_ties_by_id)
{
    struct sched *s = new_sched();
    struct trace tr;
    struct tm t[5];

    add_timers(s, &tr, t, 5);
    /* armed in reverse order; same deadline */
    sched_set(s, 4, 50);
    sched_set(s, 3, 50);
    sched_set(s, 2, 50);
    sched_set(s, 0, 50);
    sched_set(s, 1, 40);
    sched_run_due(s, 50);
    ck_assert_uint_eq(tr.n, 5);
    ck_assert_int_eq(tr.who[0], 1);            /* earliest deadline first */
    ck_assert_int_eq(tr.who[1], 0);            /* then ties by id */
    ck_assert_int_eq(tr.who[2], 2);
    ck_assert_int_eq(tr.who[3], 3);
    ck_assert_int_eq(tr.who[4], 4);
    free(s);
}
END_TEST

START_TEST(test_rearm_in_callback)
{
    struct sched *s = new_sched();
    struct trace tr;
    struct tm t[2];

    add_timers(s, &tr, t, 2);
    /* t0: periodic, every 10 cycles, 3 re-arms */
    t[0].rearm_delta = 10;
    t[0].rearm_times = 3;
    sched_set(s, 0, 10);
    sched_set(s, 1, 25);

    sched_run_due(s, 10);
    ck_assert_uint_eq(tr.n, 1);
    ck_assert_uint_eq(t[0].seen_own, SCHED_NEVER);  /* disarmed before the call */
    ck_assert_uint_eq(t[0].seen_next, 25);          /* and next_deadline already correct */
    ck_assert_uint_eq(s->timers[0].deadline, 20);
    ck_assert_uint_eq(s->next_deadline, 20);

    sched_run_due(s, 30);   /* t0@20 then t1@25; t0 re-arms relative to now (30) */
    ck_assert_uint_eq(tr.n, 3);
    ck_assert_int_eq(tr.who[1], 0);
    ck_assert_int_eq(tr.who[2], 1);
    ck_assert_uint_eq(s->timers[0].deadline, 40);
    ck_assert_uint_eq(s->next_deadline, 40);
    sched_run_due(s, 100);  /* t0@40, its last re-arm: 110 */
    ck_assert_uint_eq(tr.n, 4);
    ck_assert_uint_eq(s->next_deadline, 110);
    sched_run_due(s, 200);
    ck_assert_uint_eq(tr.n, 5);
    ck_assert_uint_eq(s->next_deadline, SCHED_NEVER);
    free(s);
}
END_TEST

START_TEST(test_rearm_at_now_fires_again)
{
    struct sched *s = new_sched();
    struct trace tr;
    struct tm t[2];

    add_timers(s, &tr, t, 2);
    t[1].rearm_delta = 0;       /* re-arm at now: fires again in this call */
    t[1].rearm_times = 2;
    sched_set(s, 0, 5);
    sched_set(s, 1, 5);
    sched_run_due(s, 5);
    ck_assert_uint_eq(tr.n, 4);
    ck_assert_int_eq(tr.who[0], 0);
    ck_assert_int_eq(tr.who[1], 1);
    ck_assert_int_eq(tr.who[2], 1);
    ck_assert_int_eq(tr.who[3], 1);
    ck_assert_uint_eq(s->next_deadline, SCHED_NEVER);
    free(s);
}
END_TEST

START_TEST(test_callback_arms_and_cancels_others)
{
    struct sched *s = new_sched();
    struct trace tr;
    struct tm t[4];

    add_timers(s, &tr, t, 4);
    /* t0 at 10 arms t1 in the past (fires in this call, after t0) and
     * cancels t2, which was due in the same call */
    t[0].other = 1;
    t[0].other_at = 3;
    t[0].cancel = 2;
    sched_set(s, 0, 10);
    sched_set(s, 2, 12);
    sched_set(s, 3, 500);
    sched_run_due(s, 20);
    ck_assert_uint_eq(tr.n, 2);
    ck_assert_int_eq(tr.who[0], 0);
    ck_assert_int_eq(tr.who[1], 1);
    ck_assert_uint_eq(s->timers[2].deadline, SCHED_NEVER);
    ck_assert_uint_eq(s->next_deadline, 500);
    free(s);
}
END_TEST

START_TEST(test_cancel_and_next_deadline)
{
    struct sched *s = new_sched();
    struct trace tr;
    struct tm t[3];

    add_timers(s, &tr, t, 3);
    sched_set(s, 0, 100);
    ck_assert_uint_eq(s->next_deadline, 100);
    sched_set(s, 1, 50);
    ck_assert_uint_eq(s->next_deadline, 50);
    sched_set(s, 2, 75);
    ck_assert_uint_eq(s->next_deadline, 50);

    sched_cancel(s, 1);                    /* the minimum goes away */
    ck_assert_uint_eq(s->next_deadline, 75);
    ck_assert_uint_eq(s->timers[1].deadline, SCHED_NEVER);
    sched_set(s, 2, 200);                  /* the minimum moves later */
    ck_assert_uint_eq(s->next_deadline, 100);
    sched_set(s, 0, 100);                  /* same again: unchanged */
    ck_assert_uint_eq(s->next_deadline, 100);
    sched_set(s, 0, 20);                   /* earlier */
    ck_assert_uint_eq(s->next_deadline, 20);
    sched_cancel(s, 1);                    /* cancelling an idle timer is harmless */
    ck_assert_uint_eq(s->next_deadline, 20);
    sched_set(s, 0, SCHED_NEVER);          /* SCHED_NEVER disarms, like cancel */
    ck_assert_uint_eq(s->next_deadline, 200);
    sched_cancel(s, 2);
    ck_assert_uint_eq(s->next_deadline, SCHED_NEVER);

    sched_run_due(s, 1000000);
    ck_assert_uint_eq(tr.n, 0);            /* cancelled timers never fire */

    /* a deadline already in the past fires at the next run */
    sched_set(s, 1, 5);
    ck_assert_uint_eq(s->next_deadline, 5);
    sched_run_due(s, 1000000);
    ck_assert_uint_eq(tr.n, 1);
    ck_assert_int_eq(tr.who[0], 1);
    ck_assert_uint_eq(tr.when[0], 1000000);
    free(s);
}
END_TEST

START_TEST(test_large_deadlines)
{
    struct sched *s = new_sched();
    struct trace tr;
    struct tm t[2];

    add_timers(s, &tr, t, 2);
    sched_set(s, 0, SCHED_NEVER - 1);      /* the last real cycle */
    sched_set(s, 1, UINT64_C(1) << 40);
    ck_assert_uint_eq(s->next_deadline, UINT64_C(1) << 40);
    sched_run_due(s, SCHED_NEVER - 2);
    ck_assert_uint_eq(tr.n, 1);
    ck_assert_uint_eq(s->next_deadline, SCHED_NEVER - 1);
    sched_run_due(s, SCHED_NEVER);
    ck_assert_uint_eq(tr.n, 2);
    ck_assert_int_eq(tr.who[1], 0);
    ck_assert_uint_eq(s->next_deadline, SCHED_NEVER);
    free(s);
}
END_TEST

START_TEST(test_two_schedulers)
{
    struct sched *a = new_sched(), *b = new_sched();
    struct trace ta, tb;
    struct tm xa[2], xb[2];

    add_timers(a, &ta, xa, 2);
    add_timers(b, &tb, xb, 2);
    sched_set(a, 0, 10);
    sched_set(b, 1, 5);
    ck_assert_uint_eq(a->next_deadline, 10);
    ck_assert_uint_eq(b->next_deadline, 5);
    sched_run_due(a, 100);
    ck_assert_uint_eq(ta.n, 1);
    ck_assert_uint_eq(tb.n, 0);
    ck_assert_uint_eq(b->next_deadline, 5);
    sched_run_due(b, 100);
    ck_assert_uint_eq(tb.n, 1);
    ck_assert_int_eq(tb.who[0], 1);
    free(a);
    free(b);
}
END_TEST

static Suite *sched_suite(void)
{
    Suite *s = suite_create("sched");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_init_and_add);
    tcase_add_test(tc, test_order);
    tcase_add_test(tc, test_ties_by_id);
    tcase_add_test(tc, test_rearm_in_callback);
    tcase_add_test(tc, test_rearm_at_now_fires_again);
    tcase_add_test(tc, test_callback_arms_and_cancels_others);
    tcase_add_test(tc, test_cancel_and_next_deadline);
    tcase_add_test(tc, test_large_deadlines);
    tcase_add_test(tc, test_two_schedulers);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(sched_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
