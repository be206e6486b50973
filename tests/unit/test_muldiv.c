/* test_muldiv.c - MUL, IMUL, DIV, IDIV (cpu/muldiv.*): results and the
 * defined flags for 8/16/32-bit forms, divide errors (where the pushed IP
 * points on each model), the 8086 microcode quirks (no most negative
 * IDIV quotient, REP negation, flags at INT 0) and the clock convention
 * (row surcharge + the model's register-form time). */
#include <check.h>
#include <string.h>
#include "../testmach.h"

#define CODE 0x1000u
#define DE_HANDLER 0x3000u

/* IVT vector 0 -> 0000:3000, where a HLT waits */
static const struct tm_trap traps[] = { { 0, DE_HANDLER } };
static struct testmach *mk(enum cpu_model model) { return tm_create_traps(model, traps, TM_NTRAPS(traps)); }

/* Load the hex bytes at 0000:1000 and point CS:IP there (registers other
 * than CS/IP/SS/SP keep what the test set). */
static unsigned load(struct testmach *m, const char *hex)
{
    return tm_load_hex(m, CODE, hex);
}

static void step(struct testmach *m) { cpu_step(m->cpu); }
static unsigned CF(struct testmach *m) { return tm_reg(m, REG_EFLAGS) & 1; }
static unsigned OF(struct testmach *m) { return (tm_reg(m, REG_EFLAGS) >> 11) & 1; }

/* After a divide error delivered through vector 0: the IP it pushed. */
static uint32_t pushed_ip(struct testmach *m)
{
    ck_assert_uint_eq(tm_reg(m, REG_EIP), DE_HANDLER);
    ck_assert_uint_eq(tm_reg(m, REG_CS), 0);
    return mem_read(&m->mem, tm_reg(m, REG_ESP) & 0xFFFF, 2);
}
static uint32_t pushed_flags(struct testmach *m)
{
    return mem_read(&m->mem, (tm_reg(m, REG_ESP) + 4) & 0xFFFF, 2);
}

static const enum cpu_model all_models[] = TM_ALL_MODELS;
#define NMODELS (sizeof all_models / sizeof all_models[0])

/* ---- MUL / IMUL, one operand --------------------------------------- */
START_TEST(mul8_all_models)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "F6 E3");                          /* mul bl */
    tm_set(m, REG_EAX, 0x12340080); tm_set(m, REG_EBX, 0x02);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x12340100);
    ck_assert(CF(m) && OF(m));
    load(m, "F6 E3");
    tm_set(m, REG_EAX, 0x0007); tm_set(m, REG_EBX, 0x09);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 63);
    ck_assert(!CF(m) && !OF(m));
    tm_destroy(m);
}
END_TEST

START_TEST(mul16_and_memory_form)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "F7 E1");                          /* mul cx */
    tm_set(m, REG_EAX, 0xFFFF); tm_set(m, REG_ECX, 0xFFFF); tm_set(m, REG_EDX, 0xAAAA5555);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x0001);
    ck_assert_uint_eq(tm_reg(m, REG_EDX), 0xAAAAFFFE);
    ck_assert(CF(m) && OF(m));
    load(m, "F7 27");                          /* mul word [bx] */
    mem_write(&m->mem, 0x5000, 0x0100, 2);
    tm_set(m, REG_DS, 0); tm_set(m, REG_EBX, 0x5000); tm_set(m, REG_EAX, 0x0034);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x3400);
    ck_assert_uint_eq(tm_reg(m, REG_EDX) & 0xFFFF, 0);
    ck_assert(!CF(m) && !OF(m));
    tm_destroy(m);
}
END_TEST

START_TEST(imul_one_operand)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "F6 EB");                          /* imul bl: -2 * 3 */
    tm_set(m, REG_EAX, 0xFE); tm_set(m, REG_EBX, 0x03);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0xFFFA);
    ck_assert(!CF(m) && !OF(m));
    load(m, "F6 EB");                          /* -128 * -1 = 128 does not fit */
    tm_set(m, REG_EAX, 0x80); tm_set(m, REG_EBX, 0xFF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x0080);
    ck_assert(CF(m) && OF(m));
    load(m, "F7 EB");                          /* imul bx: -300 * 200 */
    tm_set(m, REG_EAX, 0xFED4); tm_set(m, REG_EBX, 200);
    step(m);
    ck_assert_uint_eq(((tm_reg(m, REG_EDX) & 0xFFFF) << 16) | (tm_reg(m, REG_EAX) & 0xFFFF),
                      (uint32_t)-60000);
    ck_assert(CF(m) && OF(m));
    tm_destroy(m);
}
END_TEST

START_TEST(muldiv_32bit)
{
    struct testmach *m = mk(CPU_80386 + _i);
    load(m, "66 F7 E1");                       /* mul ecx */
    tm_set(m, REG_EAX, 0xFFFFFFFF); tm_set(m, REG_ECX, 0xFFFFFFFF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 1);
    ck_assert_uint_eq(tm_reg(m, REG_EDX), 0xFFFFFFFE);
    ck_assert(CF(m) && OF(m));
    load(m, "66 F7 E9");                       /* imul ecx: -1 * 5 */
    tm_set(m, REG_EAX, 0xFFFFFFFF); tm_set(m, REG_ECX, 5);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), (uint32_t)-5);
    ck_assert_uint_eq(tm_reg(m, REG_EDX), 0xFFFFFFFF);
    ck_assert(!CF(m) && !OF(m));
    load(m, "66 F7 F1");                       /* div ecx */
    tm_set(m, REG_EDX, 1); tm_set(m, REG_EAX, 0); tm_set(m, REG_ECX, 0x10);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x10000000);
    ck_assert_uint_eq(tm_reg(m, REG_EDX), 0);
    load(m, "66 F7 F9");                       /* idiv ecx: -7 / 2 */
    tm_set(m, REG_EDX, 0xFFFFFFFF); tm_set(m, REG_EAX, (uint32_t)-7); tm_set(m, REG_ECX, 2);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), (uint32_t)-3);
    ck_assert_uint_eq(tm_reg(m, REG_EDX), (uint32_t)-1);
    load(m, "66 F7 F9");                       /* INT64_MIN / -1: #DE, no host trap */
    tm_set(m, REG_EDX, 0x80000000); tm_set(m, REG_EAX, 0); tm_set(m, REG_ECX, 0xFFFFFFFF);
    step(m);
    ck_assert_uint_eq(pushed_ip(m), CODE);
    ck_assert_uint_eq(tm_reg(m, REG_EDX), 0x80000000);
    load(m, "66 F7 F9");                       /* -2^31 is a valid quotient here */
    tm_set(m, REG_EDX, 0xFFFFFFFF); tm_set(m, REG_EAX, 0x80000000); tm_set(m, REG_ECX, 1);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x80000000);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 3);
    tm_destroy(m);
}
END_TEST

/* ---- IMUL with two and three operands ------------------------------- */
START_TEST(imul_immediate_forms)
{
    struct testmach *m = mk(CPU_80186 + _i);
    load(m, "69 C3 E8 03");                    /* imul ax,bx,1000 */
    tm_set(m, REG_EBX, 30);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 30000);
    ck_assert(!CF(m) && !OF(m));
    load(m, "69 C3 E8 03");                    /* 40 * 1000 overflows 16 bits */
    tm_set(m, REG_EBX, 40);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 40000 & 0xFFFF);
    ck_assert(CF(m) && OF(m));
    load(m, "6B 0F FD");                       /* imul cx,[bx],-3 */
    mem_write(&m->mem, 0x5000, 7, 2);
    tm_set(m, REG_DS, 0); tm_set(m, REG_EBX, 0x5000);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX) & 0xFFFF, 0xFFEB);
    ck_assert(!CF(m) && !OF(m));
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 3);
    tm_destroy(m);
}
END_TEST

START_TEST(imul_two_operand_386)
{
    struct testmach *m = mk(CPU_80386 + _i);
    load(m, "0F AF C3");                       /* imul ax,bx */
    tm_set(m, REG_EAX, 0x1234FFFF); tm_set(m, REG_EBX, 0xFFFF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x12340001);
    ck_assert(!CF(m) && !OF(m));
    load(m, "66 0F AF C3");                    /* imul eax,ebx */
    tm_set(m, REG_EAX, 0x10000); tm_set(m, REG_EBX, 0x10000);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0);
    ck_assert(CF(m) && OF(m));
    load(m, "66 6B C3 FF");                    /* imul eax,ebx,-1 */
    tm_set(m, REG_EBX, 0x80000000);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x80000000);
    ck_assert(CF(m) && OF(m));
    tm_destroy(m);
}
END_TEST

/* ---- DIV / IDIV ------------------------------------------------------ */
START_TEST(div_results)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "F6 F3");                          /* div bl */
    tm_set(m, REG_EAX, 0x0100); tm_set(m, REG_EBX, 2);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x0080);
    load(m, "F7 F3");                          /* div bx: 0x12345 / 0x10 */
    tm_set(m, REG_EDX, 1); tm_set(m, REG_EAX, 0x2345); tm_set(m, REG_EBX, 0x10);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x1234);
    ck_assert_uint_eq(tm_reg(m, REG_EDX) & 0xFFFF, 5);
    load(m, "F6 FB");                          /* idiv bl: -7 / 2 */
    tm_set(m, REG_EAX, 0xFFF9); tm_set(m, REG_EBX, 2);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0xFFFD);
    load(m, "F7 FB");                          /* idiv bx: 7 / -2 */
    tm_set(m, REG_EDX, 0); tm_set(m, REG_EAX, 7); tm_set(m, REG_EBX, 0xFFFE);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0xFFFD);
    ck_assert_uint_eq(tm_reg(m, REG_EDX) & 0xFFFF, 1);
    tm_destroy(m);
}
END_TEST

/* The 8086/80186 push the address after the DIV, the 80286+ the DIV's own. */
START_TEST(divide_error_return_address)
{
    enum cpu_model model = all_models[_i];
    struct testmach *m = mk(model);
    unsigned len = load(m, "26 F6 F3");        /* es: div bl, by zero */
    tm_set(m, REG_EAX, 0x1234); tm_set(m, REG_EBX, 0);
    step(m);
    ck_assert_uint_eq(pushed_ip(m), model <= CPU_80186 ? CODE + len : CODE);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x1234);
    load(m, "F7 F3");                          /* quotient too big */
    tm_set(m, REG_EDX, 0x10); tm_set(m, REG_EAX, 0); tm_set(m, REG_EBX, 0x10);
    step(m);
    ck_assert_uint_eq(pushed_ip(m), model <= CPU_80186 ? CODE + 2 : CODE);
    ck_assert_uint_eq(tm_reg(m, REG_EDX), 0x10);
    tm_destroy(m);
}
END_TEST

/* -128 / 1: INT 0 on the 8086 (its microcode checks the magnitude), a
 * valid quotient from the 80286 on. */
START_TEST(idiv_most_negative_quotient)
{
    enum cpu_model model = all_models[_i];
    struct testmach *m = mk(model);
    load(m, "F6 FB");
    tm_set(m, REG_EAX, 0xFF80); tm_set(m, REG_EBX, 1);
    step(m);
    if (model <= CPU_80186) {
        ck_assert_uint_eq(pushed_ip(m), CODE + 2);
        ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xFF80);
    } else {
        ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x0080);
        ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);
    }
    load(m, "F7 FB");                          /* 8000h / -1 = -8000h */
    tm_set(m, REG_EDX, 0); tm_set(m, REG_EAX, 0x8000); tm_set(m, REG_EBX, 0xFFFF);
    step(m);
    if (model <= CPU_80186) {
        ck_assert_uint_eq(pushed_ip(m), CODE + 2);
    } else {
        ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x8000);
        ck_assert_uint_eq(tm_reg(m, REG_EDX) & 0xFFFF, 0);
    }
    load(m, "F7 FB");                          /* +8000h does not fit anywhere */
    tm_set(m, REG_EDX, 0xFFFF); tm_set(m, REG_EAX, 0x8000); tm_set(m, REG_EBX, 0xFFFF);
    step(m);
    ck_assert_uint_eq(pushed_ip(m), model <= CPU_80186 ? CODE + 2 : CODE);
    tm_destroy(m);
}
END_TEST

/* 8086 microcode: a REP prefix negates the IMUL product and the IDIV
 * quotient (the remainder keeps the dividend's sign). */
START_TEST(rep_negates_on_8086)
{
    struct testmach *m = mk(CPU_8086);
    load(m, "F3 F6 FB");                       /* rep idiv bl: 7 / 2 */
    tm_set(m, REG_EAX, 7); tm_set(m, REG_EBX, 2);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x01FD);
    load(m, "F2 F6 EB");                       /* repne imul bl: 3 * 4 */
    tm_set(m, REG_EAX, 3); tm_set(m, REG_EBX, 4);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xFFF4);
    ck_assert(!CF(m) && !OF(m));
    tm_destroy(m);
    m = mk(CPU_80286);                         /* the 80286 ignores the prefix */
    load(m, "F3 F6 FB");
    tm_set(m, REG_EAX, 7); tm_set(m, REG_EBX, 2);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x0103);
    tm_destroy(m);
}
END_TEST

/* 8086 INT 0 flags: those of the microcode's first trial subtraction
 * (high half - divisor) when that one already fails; here 5 - 0. */
START_TEST(flags_pushed_by_8086_divide_error)
{
    struct testmach *m = mk(CPU_8086);
    load(m, "F6 F3");
    tm_set(m, REG_EFLAGS, 0x0001); tm_set(m, REG_EAX, 0x0500); tm_set(m, REG_EBX, 0);
    step(m);
    /* 05h - 00h: CF=0 PF=1 AF=0 ZF=0 SF=0 OF=0 */
    ck_assert_uint_eq(pushed_flags(m) & 0x08D5, 0x0004);
    tm_destroy(m);
}
END_TEST

/* Clocks: the row holds the memory surcharge, the handler adds the
 * register-form time (80286 PRM: MUL r8 13, m8 16; DIV r16 22). */
START_TEST(clocks_80286)
{
    struct testmach *m = mk(CPU_80286);
    load(m, "F6 E3");
    uint64_t c0 = cpu_cycles(m->cpu);
    step(m);
    ck_assert_uint_eq(cpu_cycles(m->cpu) - c0, 13);
    load(m, "F6 27");
    tm_set(m, REG_DS, 0); tm_set(m, REG_EBX, 0x5000);
    c0 = cpu_cycles(m->cpu);
    step(m);
    ck_assert_uint_eq(cpu_cycles(m->cpu) - c0, 16);
    load(m, "F7 F3");
    tm_set(m, REG_EDX, 0); tm_set(m, REG_EAX, 100); tm_set(m, REG_EBX, 7);
    c0 = cpu_cycles(m->cpu);
    step(m);
    ck_assert_uint_eq(cpu_cycles(m->cpu) - c0, 22);
    tm_destroy(m);
}
END_TEST

static Suite *muldiv_suite(void)
{
    Suite *s = suite_create("muldiv");
    TCase *t = tcase_create("core");
    tcase_add_loop_test(t, mul8_all_models, 0, NMODELS);
    tcase_add_loop_test(t, mul16_and_memory_form, 0, NMODELS);
    tcase_add_loop_test(t, imul_one_operand, 0, NMODELS);
    tcase_add_loop_test(t, muldiv_32bit, 0, CPU_P6 - CPU_80386 + 1);
    tcase_add_loop_test(t, imul_immediate_forms, 0, CPU_P6 - CPU_80186 + 1);
    tcase_add_loop_test(t, imul_two_operand_386, 0, CPU_P6 - CPU_80386 + 1);
    tcase_add_loop_test(t, div_results, 0, NMODELS);
    tcase_add_loop_test(t, divide_error_return_address, 0, NMODELS);
    tcase_add_loop_test(t, idiv_most_negative_quotient, 0, NMODELS);
    tcase_add_test(t, rep_negates_on_8086);
    tcase_add_test(t, flags_pushed_by_8086_divide_error);
    tcase_add_test(t, clocks_80286);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(muldiv_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
