/* test_bit.c - the bit family (cpu/bit.*): BT/BTS/BTR/BTC with register
 * and immediate offsets (including memory operands addressed beyond the
 * operand by a negative or large register offset), BSF/BSR (zero source
 * leaves the destination), SETcc, BSWAP (16-bit form clears the word) and
 * CMOVcc (P6 only; the source is read even when the condition is false),
 * for 16- and 32-bit operands, and #UD on models that lack them. */
#include <check.h>
#include <stdio.h>
#include <string.h>
#define TM_FLAG_NAMES
#include "../testmach.h"

#define CODE 0x1000u
#define UD_HANDLER 0x3000u
#define GP_HANDLER 0x3100u

static const struct tm_trap traps[] = { { 6, UD_HANDLER }, { 13, GP_HANDLER } };
static struct testmach *mk(enum cpu_model model) { return tm_create_traps(model, traps, TM_NTRAPS(traps)); }

static void load(struct testmach *m, const char *hex) { tm_load_hex(m, CODE, hex); }

static uint32_t run(struct testmach *m, const char *hex, uint32_t flags_in)
{
    load(m, hex);
    tm_set(m, REG_EFLAGS, 0x0002 | flags_in);
    cpu_step(m->cpu);
    return tm_reg(m, REG_EFLAGS) & ARITH;
}

static const enum cpu_model m386up[] = { CPU_80386, CPU_80486, CPU_PENTIUM, CPU_P6 };
#define N386 (sizeof m386up / sizeof m386up[0])

/* ---- BT family, register operands ----------------------------------- */
START_TEST(bt_registers)
{
    struct testmach *m = mk(m386up[_i]);
    tm_set(m, REG_EAX, 0x8001); tm_set(m, REG_ECX, 15);
    uint32_t f = run(m, "0F A3 C8", ZF | SF);          /* bt ax,cx */
    ck_assert_uint_eq(f, CF | ZF | SF);                /* only CF changes */
    tm_set(m, REG_ECX, 31);                                 /* offset mod 16 = 15 */
    f = run(m, "0F AB C8", 0);                         /* bts ax,cx */
    ck_assert_uint_eq(f & CF, CF);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x8001);
    tm_set(m, REG_ECX, 4);
    f = run(m, "0F AB C8", CF);                        /* bts ax,cx */
    ck_assert_uint_eq(f & CF, 0);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x8011);
    f = run(m, "0F B3 C8", 0);                         /* btr ax,cx */
    ck_assert_uint_eq(f & CF, CF);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x8001);
    tm_set(m, REG_ECX, 0);
    f = run(m, "0F BB C8", 0);                         /* btc ax,cx */
    ck_assert_uint_eq(f & CF, CF);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x8000);
    /* 32-bit with an immediate: bts eax,35 = bit 3 */
    tm_set(m, REG_EAX, 0x80000000);
    f = run(m, "66 0F BA E8 23", 0);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x80000008);
    ck_assert_uint_eq(f & CF, 0);
    f = run(m, "66 0F BA E0 1F", 0);                   /* bt eax,31 */
    ck_assert_uint_eq(f & CF, CF);
    f = run(m, "66 0F BA F8 1F", 0);                   /* btc eax,31 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x00000008);
    f = run(m, "66 0F BA F0 03", 0);                   /* btr eax,3 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0);
    ck_assert_uint_eq(f & CF, CF);
    tm_destroy(m);
}
END_TEST

/* ---- BT family, memory operands ------------------------------------- */
START_TEST(bt_memory_offsets)
{
    struct testmach *m = mk(m386up[_i]);
    tm_set(m, REG_EBX, 0x2010);
    /* bt [bx],ax with ax = -1: the word at bx-2, bit 15 */
    mem_write(&m->mem, 0x200E, 0x8000, 2);
    tm_set(m, REG_EAX, 0xFFFF);
    uint32_t f = run(m, "0F A3 07", 0);
    ck_assert_uint_eq(f & CF, CF);
    /* bts [bx],ax with ax = 0x23: the word at bx+4, bit 3 */
    mem_write(&m->mem, 0x2014, 0, 2);
    tm_set(m, REG_EAX, 0x23);
    f = run(m, "0F AB 07", CF);
    ck_assert_uint_eq(f & CF, 0);
    ck_assert_uint_eq(mem_read(&m->mem, 0x2014, 2), 0x0008);
    /* 32-bit: btr dword [bx],eax with eax = 100: dword at bx+12, bit 4 */
    mem_write(&m->mem, 0x201C, 0xFFFFFFFFu, 4);
    tm_set(m, REG_EAX, 100);
    f = run(m, "66 0F B3 07", 0);
    ck_assert_uint_eq(f & CF, CF);
    ck_assert_uint_eq(mem_read(&m->mem, 0x201C, 4), 0xFFFFFFEFu);
    /* 32-bit, negative: btc dword [bx],eax with eax = -33: dword at bx-8, bit 31 */
    mem_write(&m->mem, 0x2008, 0, 4);
    tm_set(m, REG_EAX, (uint32_t)-33);
    f = run(m, "66 0F BB 07", 0);
    ck_assert_uint_eq(f & CF, 0);
    ck_assert_uint_eq(mem_read(&m->mem, 0x2008, 4), 0x80000000u);
    /* an immediate offset stays inside the operand: bt word [bx],0x13 = bit 3 */
    mem_write(&m->mem, 0x2010, 0x0008, 2);
    f = run(m, "0F BA 27 13", 0);
    ck_assert_uint_eq(f & CF, CF);
    tm_destroy(m);
}
END_TEST

/* ---- BSF / BSR ------------------------------------------------------ */
START_TEST(bsf_bsr)
{
    struct testmach *m = mk(m386up[_i]);
    tm_set(m, REG_EAX, 0x1111); tm_set(m, REG_ECX, 0x0180);
    uint32_t f = run(m, "0F BC C1", ZF | CF);          /* bsf ax,cx */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x0007);
    ck_assert_uint_eq(f, CF);
    f = run(m, "0F BD C1", 0);                         /* bsr ax,cx */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x0008);
    ck_assert_uint_eq(f & ZF, 0);
    /* zero source: ZF = 1, destination unchanged */
    tm_set(m, REG_EAX, 0xDEADBEEF); tm_set(m, REG_ECX, 0xFFFF0000);
    f = run(m, "0F BC C1", 0);
    ck_assert_uint_eq(f & ZF, ZF);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xDEADBEEF);
    f = run(m, "66 0F BD C1", 0);                      /* bsr eax,ecx */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 31);
    ck_assert_uint_eq(f & ZF, 0);
    f = run(m, "66 0F BC C1", 0);                      /* bsf eax,ecx */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 16);
    /* memory source */
    tm_set(m, REG_EBX, 0x2000);
    mem_write(&m->mem, 0x2000, 0x00400000u, 4);
    run(m, "66 0F BD 07", 0);                          /* bsr eax,[bx] */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 22);
    tm_destroy(m);
}
END_TEST

START_TEST(bsf_clocks_386)
{
    struct testmach *m = mk(CPU_80386);
    tm_set(m, REG_ECX, 0x0010);
    load(m, "0F BC C1");
    uint64_t c0 = cpu_cycles(m->cpu);
    cpu_step(m->cpu);
    ck_assert_uint_eq(cpu_cycles(m->cpu) - c0, 10 + 3 * 4);   /* 10+3n */
    tm_destroy(m);
}
END_TEST

/* ---- SETcc ---------------------------------------------------------- */
START_TEST(setcc)
{
    struct testmach *m = mk(m386up[_i]);
    tm_set(m, REG_EAX, 0x5555);
    run(m, "0F 94 C0", ZF);                            /* sete al */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x5501);
    run(m, "0F 95 C4", ZF);                            /* setne ah */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x0001);
    run(m, "0F 9C C0", SF);                            /* setl al: SF != OF */
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFF, 1);
    run(m, "0F 9C C0", SF | OF);
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFF, 0);
    run(m, "0F 97 C0", 0);                             /* seta al */
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFF, 1);
    run(m, "0F 9A C0", PF);                            /* setp al */
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFF, 1);
    tm_set(m, REG_EBX, 0x2000);
    mem_write8(&m->mem, 0x2000, 0x77);
    run(m, "0F 92 07", CF);                            /* setb [bx] */
    ck_assert_uint_eq(mem_read8(&m->mem, 0x2000), 1);
    run(m, "0F 9E 37", 0);                             /* setle [bx] (reg field ignored) */
    ck_assert_uint_eq(mem_read8(&m->mem, 0x2000), 0);
    tm_destroy(m);
}
END_TEST

/* ---- BSWAP ---------------------------------------------------------- */
START_TEST(bswap)
{
    struct testmach *m = mk(CPU_80486);
    tm_set(m, REG_EDX, 0x12345678);
    run(m, "66 0F CA", 0);                             /* bswap edx */
    ck_assert_uint_eq(tm_reg(m, REG_EDX), 0x78563412);
    run(m, "0F CA", 0);                                /* bswap dx: low word cleared */
    ck_assert_uint_eq(tm_reg(m, REG_EDX), 0x78560000);
    tm_destroy(m);
    m = mk(CPU_80386);                                 /* 486+ only */
    load(m, "66 0F CA");
    cpu_step(m->cpu);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), UD_HANDLER);
    tm_destroy(m);
}
END_TEST

/* ---- CMOVcc --------------------------------------------------------- */
START_TEST(cmov)
{
    struct testmach *m = mk(CPU_P6);
    tm_set(m, REG_EAX, 0x11112222); tm_set(m, REG_ECX, 0x33334444);
    run(m, "0F 44 C1", ZF);                            /* cmove ax,cx: taken */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x11114444);
    tm_set(m, REG_EAX, 0x11112222);
    run(m, "0F 44 C1", 0);                             /* not taken */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x11112222);
    run(m, "66 0F 4F C1", 0);                          /* cmovg eax,ecx: ZF=0, SF=OF */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x33334444);
    tm_set(m, REG_EAX, 0x11112222);
    run(m, "66 0F 42 C1", 0);                          /* cmovb: not taken, no write */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x11112222);
    /* memory source, taken */
    tm_set(m, REG_EBX, 0x2000);
    mem_write(&m->mem, 0x2000, 0xCAFEBABEu, 4);
    run(m, "66 0F 43 07", 0);                          /* cmovae eax,[bx] */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xCAFEBABEu);
    /* the source is read even when false: a word at offset FFFF faults */
    tm_set(m, REG_EBX, 0xFFFF);
    run(m, "0F 40 07", 0);                             /* cmovo ax,[bx]: false */
    ck_assert_uint_eq(tm_reg(m, REG_EIP), GP_HANDLER);
    tm_destroy(m);
    m = mk(CPU_PENTIUM);                               /* P6 only */
    load(m, "0F 44 C1");
    cpu_step(m->cpu);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), UD_HANDLER);
    tm_destroy(m);
}
END_TEST

/* ---- not on the 80286 ----------------------------------------------- */
START_TEST(ud_before_386)
{
    struct testmach *m = mk(CPU_80286);
    static const char *const ops[] = { "0F A3 C8", "0F BA E0 01", "0F BC C1", "0F 94 C0" };
    for (unsigned k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        load(m, ops[k]);
        cpu_step(m->cpu);
        ck_assert_uint_eq(tm_reg(m, REG_EIP), UD_HANDLER);
    }
    /* 0F BA /0-/3 are undefined on the 80386 too */
    tm_destroy(m);
    m = mk(CPU_80386);
    load(m, "0F BA C0 01");
    cpu_step(m->cpu);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), UD_HANDLER);
    tm_destroy(m);
}
END_TEST

static Suite *bit_suite(void)
{
    Suite *s = suite_create("bit");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, bt_registers, 0, N386);
    tcase_add_loop_test(tc, bt_memory_offsets, 0, N386);
    tcase_add_loop_test(tc, bsf_bsr, 0, N386);
    tcase_add_test(tc, bsf_clocks_386);
    tcase_add_loop_test(tc, setcc, 0, N386);
    tcase_add_test(tc, bswap);
    tcase_add_test(tc, cmov);
    tcase_add_test(tc, ud_before_386);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(bit_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
