/* test_bcd.c - DAA DAS AAA AAS AAM AAD SALC CBW/CWDE CWD/CDQ (cpu/bcd.*):
 * results and defined flags, the 8086/80286 differences the hardware
 * vectors show, and AAM's divide error. */
#include <check.h>
#include <string.h>
#define TM_FLAG_NAMES
#include "../testmach.h"

#define CODE 0x1000u
#define DE_HANDLER 0x3000u

static const struct tm_trap traps[] = { { 0, DE_HANDLER } };
static struct testmach *mk(enum cpu_model model) { return tm_create_traps(model, traps, TM_NTRAPS(traps)); }

/* Run the hex bytes once at 0000:1000 with AX and FLAGS given. */
static void run(struct testmach *m, const char *hex, uint32_t eax, uint32_t flags)
{
    tm_load_hex(m, CODE, hex);
    cpu_set_reg(m->cpu, REG_EAX, eax);
    cpu_set_reg(m->cpu, REG_EFLAGS, flags | 2);
    cpu_step(m->cpu);
}
static uint32_t AX(struct testmach *m) { return tm_reg(m, REG_EAX) & 0xFFFF; }
static uint32_t FL(struct testmach *m, uint32_t mask) { return tm_reg(m, REG_EFLAGS) & mask; }

static const enum cpu_model all_models[] = TM_ALL_MODELS;
#define NMODELS (sizeof all_models / sizeof all_models[0])

START_TEST(daa_das_common)
{
    struct testmach *m = mk(all_models[_i]);
    run(m, "27", 0x0015 + 0x27, 0);            /* 15h + 27h = 3Ch -> 42h */
    ck_assert_uint_eq(AX(m), 0x0042);
    ck_assert_uint_eq(FL(m, CF | AF), AF);
    run(m, "27", 0x00A0, 0);                   /* 50h + 50h = A0h -> 00h, carry */
    ck_assert_uint_eq(AX(m), 0x0000);
    ck_assert_uint_eq(FL(m, CF | AF | ZF | PF), CF | ZF | PF);
    run(m, "2F", 0x0042 - 0x15, AF);           /* 42h - 15h = 2Dh (AF) -> 27h */
    ck_assert_uint_eq(AX(m), 0x0027);
    ck_assert_uint_eq(FL(m, CF | AF), AF);
    run(m, "2F", 0x00F0, CF);                  /* 10h - 20h = F0h (CF) -> 90h */
    ck_assert_uint_eq(AX(m), 0x0090);
    ck_assert_uint_eq(FL(m, CF | SF), CF | SF);
    tm_destroy(m);
}
END_TEST

/* With AF set the 8086 compares the old AL with 9Fh, not 99h, and DAS's
 * low-nibble borrow does not reach CF (SingleStepTests 8086 27/2F). */
START_TEST(daa_das_8086_differences)
{
    enum cpu_model model = all_models[_i];
    int is86 = model <= CPU_80186;
    struct testmach *m = mk(model);
    run(m, "27", 0x009A, AF);
    ck_assert_uint_eq(AX(m), is86 ? 0x00A0 : 0x0000);
    ck_assert_uint_eq(FL(m, CF), is86 ? 0 : CF);
    run(m, "2F", 0x0000, AF);
    ck_assert_uint_eq(AX(m), 0x00FA);
    ck_assert_uint_eq(FL(m, CF | AF), is86 ? AF : CF | AF);
    tm_destroy(m);
}
END_TEST

/* AAA/AAS: the 80286+ adjust AX as one word, the 8086 AL and AH apart. */
START_TEST(aaa_aas)
{
    enum cpu_model model = all_models[_i];
    int is86 = model <= CPU_80186;
    struct testmach *m = mk(model);
    run(m, "37", 0x0109, 0);                   /* no adjustment */
    ck_assert_uint_eq(AX(m), 0x0109);
    ck_assert_uint_eq(FL(m, CF | AF), 0);
    run(m, "37", 0x010C, 0);
    ck_assert_uint_eq(AX(m), 0x0202);
    ck_assert_uint_eq(FL(m, CF | AF), CF | AF);
    run(m, "37", 0x00FA, 0);                   /* AL + 6 carries into AH on 286+ */
    ck_assert_uint_eq(AX(m), is86 ? 0x0100 : 0x0200);
    run(m, "3F", 0x0205, AF);                  /* AL - 6 borrows from AH on 286+ */
    ck_assert_uint_eq(AX(m), is86 ? 0x010F : 0x000F);
    ck_assert_uint_eq(FL(m, CF | AF), CF | AF);
    run(m, "3F", 0x0303, 0);
    ck_assert_uint_eq(AX(m), 0x0303);
    ck_assert_uint_eq(FL(m, CF | AF), 0);
    tm_destroy(m);
}
END_TEST

START_TEST(aam_aad)
{
    struct testmach *m = mk(all_models[_i]);
    run(m, "D4 0A", 0x124F, 0);                /* 79 -> 07 09 */
    ck_assert_uint_eq(AX(m), 0x0709);
    ck_assert_uint_eq(FL(m, ZF | SF | PF), PF);
    run(m, "D4 10", 0x00FF, 0);                /* base 16 */
    ck_assert_uint_eq(AX(m), 0x0F0F);
    run(m, "D5 0A", 0x0709, 0);                /* 7 * 10 + 9 = 79 */
    ck_assert_uint_eq(AX(m), 0x004F);
    ck_assert_uint_eq(FL(m, ZF | SF | PF), 0);
    run(m, "D5 10", 0x0F0F, 0);
    ck_assert_uint_eq(AX(m), 0x00FF);
    ck_assert_uint_eq(FL(m, ZF | SF | PF), SF | PF);
    run(m, "D5 0A", 0x1A06, 0);                /* 26 * 10 + 6 = 266 -> 0Ah */
    ck_assert_uint_eq(AX(m), 0x000A);
    tm_destroy(m);
}
END_TEST

/* AAM 0: #DE. The 8086 raises it at the end of the instruction (pushed IP
 * = next) with the flags of its divide microcode's trial 0 - 0. */
START_TEST(aam_zero_divide_error)
{
    enum cpu_model model = all_models[_i];
    struct testmach *m = mk(model);
    run(m, "D4 00", 0x1234, CF | SF);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), DE_HANDLER);
    ck_assert_uint_eq(AX(m), 0x1234);
    uint32_t sp = tm_reg(m, REG_ESP) & 0xFFFF;
    ck_assert_uint_eq(mem_read(&m->mem, sp, 2), model <= CPU_80186 ? CODE + 2 : CODE);
    if (model <= CPU_80186)
        ck_assert_uint_eq(mem_read(&m->mem, sp + 4, 2) & 0x8D5, ZF | PF);
    tm_destroy(m);
}
END_TEST

START_TEST(salc)
{
    struct testmach *m = mk(all_models[_i]);
    run(m, "D6", 0x1234, CF | ZF);
    ck_assert_uint_eq(AX(m), 0x12FF);
    ck_assert_uint_eq(FL(m, CF | ZF), CF | ZF);
    run(m, "D6", 0x12FF, 0);
    ck_assert_uint_eq(AX(m), 0x1200);
    ck_assert_uint_eq(FL(m, CF | ZF), 0);
    tm_destroy(m);
}
END_TEST

START_TEST(sign_extensions)
{
    enum cpu_model model = all_models[_i];
    struct testmach *m = mk(model);
    run(m, "98", 0xABCD1280, 0);               /* cbw */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xABCDFF80);
    run(m, "98", 0xABCD127F, 0);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xABCD007F);
    cpu_set_reg(m->cpu, REG_EDX, 0x55550000);
    run(m, "99", 0x00008000, 0);               /* cwd */
    ck_assert_uint_eq(tm_reg(m, REG_EDX), 0x5555FFFF);
    run(m, "99", 0xFFFF7FFF, 0);
    ck_assert_uint_eq(tm_reg(m, REG_EDX), 0x55550000);
    if (model >= CPU_80386) {
        run(m, "66 98", 0x12348000, 0);        /* cwde */
        ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xFFFF8000);
        run(m, "66 99", 0x80000000, 0);        /* cdq */
        ck_assert_uint_eq(tm_reg(m, REG_EDX), 0xFFFFFFFF);
        run(m, "66 99", 0x7FFFFFFF, 0);
        ck_assert_uint_eq(tm_reg(m, REG_EDX), 0);
    }
    tm_destroy(m);
}
END_TEST

static Suite *bcd_suite(void)
{
    Suite *s = suite_create("bcd");
    TCase *t = tcase_create("core");
    tcase_add_loop_test(t, daa_das_common, 0, NMODELS);
    tcase_add_loop_test(t, daa_das_8086_differences, 0, NMODELS);
    tcase_add_loop_test(t, aaa_aas, 0, NMODELS);
    tcase_add_loop_test(t, aam_aad, 0, NMODELS);
    tcase_add_loop_test(t, aam_zero_divide_error, 0, NMODELS);
    tcase_add_loop_test(t, salc, 0, NMODELS);
    tcase_add_loop_test(t, sign_extensions, 0, NMODELS);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(bcd_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
