/* test_shift.c - the shift/rotate family (cpu/shift.*): results and flags
 * of ROL ROR RCL RCR SHL SHR SAR for 8/16/32-bit register and memory forms,
 * the count rules (8086 full CL, 80186+ five bits, RCL/RCR through
 * width+1 bits), zero counts, the undefined flags as the 8086 and 80286
 * vectors show them (OF for counts > 1, AF), the 8086's SETMO/SETMOC (/6)
 * against SHL on later models, SHLD/SHRD, and the per-bit clocks. */
#include <check.h>
#include <stdio.h>
#include <string.h>
#define TM_FLAG_NAMES
#include "../testmach.h"

#define CODE 0x1000u
#define UD_HANDLER 0x3000u

static const struct tm_trap traps[] = { { 6, UD_HANDLER } };
static struct testmach *mk(enum cpu_model model) { return tm_create_traps(model, traps, TM_NTRAPS(traps)); }

/* Load hex bytes at 0000:1000 and point CS:IP there. */
static void load(struct testmach *m, const char *hex) { tm_load_hex(m, CODE, hex); }

static uint32_t FL(struct testmach *m) { return tm_reg(m, REG_EFLAGS) & ARITH; }

/* Run one instruction with the given arithmetic flags and return the
 * arithmetic flags after it. */
static uint32_t run(struct testmach *m, const char *hex, uint32_t flags_in)
{
    load(m, hex);
    tm_set(m, REG_EFLAGS, 0x0002 | flags_in);
    cpu_step(m->cpu);
    return FL(m);
}

static const enum cpu_model all_models[] = TM_ALL_MODELS;
#define NMODELS (sizeof all_models / sizeof all_models[0])

/* ---- by 1, every operation, byte register --------------------------- */
START_TEST(by_one_byte)
{
    struct testmach *m = mk(all_models[_i]);
    tm_set(m, REG_EAX, 0x81);
    uint32_t f = run(m, "D0 C0", PF | ZF | SF | AF);   /* rol al,1 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x03);
    /* CF = bit rotated in; OF = MSB ^ CF; the rest is untouched */
    ck_assert_uint_eq(f, CF | OF | PF | ZF | SF | AF);

    tm_set(m, REG_EAX, 0x81);
    f = run(m, "D0 C8", 0);                            /* ror al,1 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xC0);
    ck_assert_uint_eq(f, CF);                          /* top bits 11: OF = 0 */

    tm_set(m, REG_EAX, 0x40);
    f = run(m, "D0 D0", CF);                           /* rcl al,1 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x81);
    ck_assert_uint_eq(f, OF);

    tm_set(m, REG_EAX, 0x01);
    f = run(m, "D0 D8", 0);                            /* rcr al,1 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x00);
    ck_assert_uint_eq(f, CF);

    tm_set(m, REG_EAX, 0x80);
    f = run(m, "D0 E0", 0);                            /* shl al,1 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x00);
    ck_assert_uint_eq(f, CF | OF | ZF | PF);

    tm_set(m, REG_EAX, 0x81);
    f = run(m, "D0 E8", 0);                            /* shr al,1 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x40);
    /* OF = the original MSB; AF: 0 on the 8086/80186, 1 from the 80286 */
    ck_assert_uint_eq(f & ~(uint32_t)AF, CF | OF);
    ck_assert_uint_eq(f & AF, all_models[_i] >= CPU_80286 ? AF : 0);

    tm_set(m, REG_EAX, 0x81);
    f = run(m, "D0 F8", OF);                           /* sar al,1 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xC0);
    ck_assert_uint_eq(f & ~(uint32_t)AF, CF | SF | PF);
    tm_destroy(m);
}
END_TEST

/* ---- 16-bit, memory forms ------------------------------------------- */
START_TEST(word_memory)
{
    struct testmach *m = mk(all_models[_i]);
    tm_set(m, REG_EBX, 0x2000);
    mem_write(&m->mem, 0x2000, 0x8421, 2);
    uint32_t f = run(m, "D1 27", 0);                   /* shl word [bx],1 */
    ck_assert_uint_eq(mem_read(&m->mem, 0x2000, 2), 0x0842);
    ck_assert_uint_eq(f & (CF | OF | ZF | SF), CF | OF);
    mem_write(&m->mem, 0x2000, 0x8421, 2);
    tm_set(m, REG_ECX, 4);
    f = run(m, "D3 0F", 0);                            /* ror word [bx],cl */
    ck_assert_uint_eq(mem_read(&m->mem, 0x2000, 2), 0x1842);
    ck_assert_uint_eq(f, 0);                           /* CF = MSB = 0, OF = 0^0 */
    tm_destroy(m);
}
END_TEST

/* ---- count rules ---------------------------------------------------- */
START_TEST(count_masking)
{
    /* shl ax,cl with CL = 33: the 8086 shifts 33 times (0, CF = 0), the
     * 80186 and later shift once. */
    struct testmach *m = mk(all_models[_i]);
    tm_set(m, REG_EAX, 0xC001); tm_set(m, REG_ECX, 33);
    uint32_t f = run(m, "D3 E0", 0);
    if (all_models[_i] == CPU_8086) {
        ck_assert_uint_eq(tm_reg(m, REG_EAX), 0);
        ck_assert_uint_eq(f & (CF | ZF), ZF);
    } else {
        ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x8002);
        ck_assert_uint_eq(f & (CF | ZF | SF), CF | SF);
    }
    /* CL = 32: a zero count after masking changes nothing, flags included */
    tm_set(m, REG_EAX, 0x1234); tm_set(m, REG_ECX, 32);
    f = run(m, "D3 E0", OF | AF | CF);
    if (all_models[_i] == CPU_8086) {
        ck_assert_uint_eq(tm_reg(m, REG_EAX), 0);
    } else {
        ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x1234);
        ck_assert_uint_eq(f, OF | AF | CF);
    }
    /* shl al,cl with CL = 8: everything out, CF = the last bit (bit 0) */
    tm_set(m, REG_EAX, 0x01); tm_set(m, REG_ECX, 8);
    f = run(m, "D2 E0", 0);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0);
    ck_assert_uint_eq(f & (CF | ZF | OF), CF | ZF | OF);
    /* sar al,cl with CL = 20: all sign bits, CF = sign */
    tm_set(m, REG_EAX, 0x80); tm_set(m, REG_ECX, 20);
    f = run(m, "D2 F8", 0);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xFF);
    ck_assert_uint_eq(f & (CF | SF | OF), CF | SF);
    tm_destroy(m);
}
END_TEST

START_TEST(rcl_rcr_wide_counts)
{
    struct testmach *m = mk(all_models[_i]);
    /* rcl ax,cl by 17 rotates through all 17 bits: nothing moves */
    tm_set(m, REG_EAX, 0x8001); tm_set(m, REG_ECX, 17);
    uint32_t f = run(m, "D3 D0", CF);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x8001);
    ck_assert_uint_eq(f & CF, CF);
    ck_assert_uint_eq(f & OF, 0);                      /* MSB 1 ^ CF 1 */
    /* rcr al,cl by 9 likewise; by 10 moves one step */
    tm_set(m, REG_EAX, 0x01); tm_set(m, REG_ECX, 9);
    f = run(m, "D2 D8", 0);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x01);
    ck_assert_uint_eq(f & CF, 0);
    tm_set(m, REG_ECX, 10);
    f = run(m, "D2 D8", 0);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x00);
    ck_assert_uint_eq(f & CF, CF);
    /* rol al,cl by 8: same value, CF = bit 0, OF = MSB ^ CF */
    tm_set(m, REG_EAX, 0x81); tm_set(m, REG_ECX, 8);
    f = run(m, "D2 C0", 0);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x81);
    ck_assert_uint_eq(f, CF);
    tm_destroy(m);
}
END_TEST

/* OF for counts > 1 follows the final state on the 8086 and 80286
 * (SingleStepTests vectors, no flag masked). */
START_TEST(of_multi_count)
{
    struct testmach *m = mk(all_models[_i]);
    tm_set(m, REG_EAX, 0x60); tm_set(m, REG_ECX, 2);
    uint32_t f = run(m, "D2 E0", 0);                   /* shl al,2 -> 0x80, CF 1 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x80);
    ck_assert_uint_eq(f & (CF | OF), CF);              /* OF = 1 ^ 1 */
    tm_set(m, REG_EAX, 0xC0); tm_set(m, REG_ECX, 3);
    f = run(m, "D2 E8", 0);                            /* shr al,3 -> 0x18 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x18);
    ck_assert_uint_eq(f & OF, 0);                      /* bit 6 of 0x18 */
    tm_set(m, REG_EAX, 0x30); tm_set(m, REG_ECX, 2);
    f = run(m, "D2 C8", 0);                            /* ror al,2 -> 0x0C */
    ck_assert_uint_eq(f & (CF | OF), 0);
    tm_set(m, REG_EAX, 0x03); tm_set(m, REG_ECX, 2);
    f = run(m, "D2 C8", 0);                            /* ror al,2 -> 0xC0 */
    ck_assert_uint_eq(f & (CF | OF), CF);
    /* SHL sets AF to bit 4 of the result */
    tm_set(m, REG_EAX, 0x08); tm_set(m, REG_ECX, 1);
    f = run(m, "D2 E0", 0);
    ck_assert_uint_eq(f & AF, AF);
    tm_destroy(m);
}
END_TEST

/* ---- /6 ------------------------------------------------------------- */
START_TEST(group_ext6)
{
    struct testmach *m = mk(all_models[_i]);
    tm_set(m, REG_EAX, 0x1242);
    uint32_t f = run(m, "D0 F0", CF | ZF | OF);        /* /6 al,1 */
    if (all_models[_i] == CPU_8086) {
        ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x12FF);      /* SETMO */
        ck_assert_uint_eq(f, SF | PF);
    } else {
        ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x1284);      /* SHL */
        ck_assert_uint_eq(f & (CF | OF | SF | ZF), OF | SF);
    }
    /* D3 /6 with CL = 0: nothing happens on any model */
    tm_set(m, REG_EAX, 0x1242); tm_set(m, REG_ECX, 0);
    f = run(m, "D3 F0", CF);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x1242);
    ck_assert_uint_eq(f, CF);
    tm_set(m, REG_ECX, 1);
    run(m, "D3 F0", 0);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), all_models[_i] == CPU_8086 ? 0xFFFF : 0x2484);
    tm_destroy(m);
}
END_TEST

/* ---- C0/C1 ---------------------------------------------------------- */
START_TEST(imm_forms)
{
    struct testmach *m = mk(CPU_80286);
    tm_set(m, REG_EAX, 0x0001);
    run(m, "C1 E0 0F", 0);                             /* shl ax,15 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x8000);
    tm_set(m, REG_EAX, 0x00F0);
    run(m, "C0 C0 24", 0);                             /* rol al,36 = rol al,4 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x000F);
    tm_destroy(m);
}
END_TEST

/* ---- 32-bit forms --------------------------------------------------- */
START_TEST(dword_forms)
{
    struct testmach *m = mk(CPU_80386);
    tm_set(m, REG_EAX, 0x80000001);
    uint32_t f = run(m, "66 D1 E0", 0);                /* shl eax,1 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 2);
    ck_assert_uint_eq(f & (CF | OF | ZF), CF | OF);
    tm_set(m, REG_EAX, 0x80000000);
    run(m, "66 C1 F8 1F", 0);                          /* sar eax,31 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xFFFFFFFF);
    tm_set(m, REG_EAX, 0x12345678); tm_set(m, REG_ECX, 8);
    run(m, "66 D3 C8", 0);                             /* ror eax,cl */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x78123456);
    tm_set(m, REG_EAX, 0x00000001); tm_set(m, REG_ECX, 32);
    f = run(m, "66 D3 D0", CF);                        /* rcl eax,cl: count 0 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 1);
    ck_assert_uint_eq(f, CF);
    tm_set(m, REG_ECX, 31);
    f = run(m, "66 D3 D8", CF);                        /* rcr eax,31 through 33 bits */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x00000006);
    ck_assert_uint_eq(f & CF, 0);
    tm_set(m, REG_EBX, 0x3000);
    mem_write(&m->mem, 0x3000, 0xF0000000u, 4);
    run(m, "66 C1 2F 04", 0);                          /* shr dword [bx],4 */
    ck_assert_uint_eq(mem_read(&m->mem, 0x3000, 4), 0x0F000000u);
    tm_destroy(m);
}
END_TEST

/* ---- SHLD / SHRD ---------------------------------------------------- */
START_TEST(shld_shrd)
{
    struct testmach *m = mk(CPU_80386);
    tm_set(m, REG_EAX, 0x12345678); tm_set(m, REG_EBX, 0x9ABCDEF0);
    uint32_t f = run(m, "66 0F A4 D8 08", 0);          /* shld eax,ebx,8 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x3456789A);
    ck_assert_uint_eq(f & CF, 0);                      /* bit 24 of old eax = 0 */
    tm_set(m, REG_EAX, 0x12345678);
    f = run(m, "66 0F AC D8 04", 0);                   /* shrd eax,ebx,4 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x01234567);
    ck_assert_uint_eq(f & CF, CF);                     /* bit 3 of old eax */
    tm_set(m, REG_EAX, 0x12345678); tm_set(m, REG_ECX, 0x20);
    f = run(m, "66 0F A5 D8", OF);                     /* shld by CL=32: count 0 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x12345678);
    ck_assert_uint_eq(f, OF);
    /* 16 bits, count 4, and a count beyond 16 (undefined: dest:src:dest) */
    tm_set(m, REG_EAX, 0x1234); tm_set(m, REG_EBX, 0xABCD);
    run(m, "0F A4 D8 04", 0);                          /* shld ax,bx,4 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x234A);
    tm_set(m, REG_EAX, 0x1234); tm_set(m, REG_ECX, 20);
    run(m, "0F A5 D8", 0);                             /* shld ax,bx,20 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0xBCD1);
    tm_set(m, REG_EAX, 0x1234);
    run(m, "0F AD D8", 0);                             /* shrd ax,bx,20 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x4ABC);
    /* memory form */
    tm_set(m, REG_ESI, 0x2000);
    mem_write(&m->mem, 0x2000, 0x8000, 2);
    tm_set(m, REG_EBX, 0xFFFF);
    run(m, "0F AC 1C 01", 0);                          /* shrd [si],bx,1 */
    ck_assert_uint_eq(mem_read(&m->mem, 0x2000, 2), 0xC000);
    tm_destroy(m);
    /* not on the 80286: #UD */
    m = mk(CPU_80286);
    load(m, "0F A4 D8 04");
    cpu_step(m->cpu);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), UD_HANDLER);
    tm_destroy(m);
}
END_TEST

/* ---- clocks --------------------------------------------------------- */
START_TEST(clocks)
{
    struct testmach *m = mk(CPU_8086);
    tm_set(m, REG_EAX, 1); tm_set(m, REG_ECX, 5);
    load(m, "D3 E0");                                  /* 8 + 4n */
    uint64_t c0 = cpu_cycles(m->cpu);
    cpu_step(m->cpu);
    ck_assert_uint_eq(cpu_cycles(m->cpu) - c0, 8 + 4 * 5);
    tm_set(m, REG_ECX, 200);                                /* no masking on the 8086 */
    load(m, "D3 E0");
    c0 = cpu_cycles(m->cpu);
    cpu_step(m->cpu);
    ck_assert_uint_eq(cpu_cycles(m->cpu) - c0, 8 + 4 * 200);
    load(m, "D1 E0");
    c0 = cpu_cycles(m->cpu);
    cpu_step(m->cpu);
    ck_assert_uint_eq(cpu_cycles(m->cpu) - c0, 2);
    tm_destroy(m);

    m = mk(CPU_80286);
    tm_set(m, REG_ECX, 0x25);                               /* masked to 5 */
    load(m, "D3 E0");
    c0 = cpu_cycles(m->cpu);
    cpu_step(m->cpu);
    ck_assert_uint_eq(cpu_cycles(m->cpu) - c0, 5 + 5);
    load(m, "C1 E0 07");
    c0 = cpu_cycles(m->cpu);
    cpu_step(m->cpu);
    ck_assert_uint_eq(cpu_cycles(m->cpu) - c0, 5 + 7);
    tm_destroy(m);

    m = mk(CPU_80386);
    tm_set(m, REG_ECX, 31);
    load(m, "D3 E0");
    c0 = cpu_cycles(m->cpu);
    cpu_step(m->cpu);
    ck_assert_uint_eq(cpu_cycles(m->cpu) - c0, 3);
    tm_destroy(m);
}
END_TEST

static Suite *shift_suite(void)
{
    Suite *s = suite_create("shift");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, by_one_byte, 0, NMODELS);
    tcase_add_loop_test(tc, word_memory, 0, NMODELS);
    tcase_add_loop_test(tc, count_masking, 0, NMODELS);
    tcase_add_loop_test(tc, rcl_rcr_wide_counts, 0, NMODELS);
    tcase_add_loop_test(tc, of_multi_count, 0, NMODELS);
    tcase_add_loop_test(tc, group_ext6, 0, NMODELS);
    tcase_add_test(tc, imm_forms);
    tcase_add_test(tc, dword_forms);
    tcase_add_test(tc, shld_shrd);
    tcase_add_test(tc, clocks);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(shift_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
