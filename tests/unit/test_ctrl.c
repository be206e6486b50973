/* test_ctrl.c - the control-transfer family (cpu/ctrl.*): Jcc on every
 * condition (and the 8086's 60-6F aliases), JMP/CALL near, far, indirect,
 * RET/RETF with and without Iw (and the 8086's C0/C1/C8/C9 aliases), IRET
 * with the model's FLAGS rules, LOOP/LOOPE/LOOPNE/JCXZ with CX and ECX,
 * INT3/INT n/INTO as traps, BOUND and #BR, 16-bit IP wrap, 32-bit operand
 * forms (66h/67h on the 80386) and their #GP beyond the CS limit, and the
 * taken-branch clocks. */
#include <check.h>
#include <stdio.h>
#include <string.h>
#define TM_FLAG_NAMES
#include "../testmach.h"

#define CODE 0x1000u
/* Vector v is handled at 0000:VEC_BASE + 16 v, where a HLT waits, so the
 * IP after a step names the vector that was delivered. */
#define VEC_BASE 0x3000u
#define VEC(v) (VEC_BASE + 16u * (v))

static struct testmach *mk(enum cpu_model model)
{
    struct testmach *m = tm_create(model);
    tm_trap_all(m, VEC_BASE);
    return m;
}

/* Load hex bytes at 0000:1000 (SS:SP = 0000:8000) and point CS:IP there. */
static void load(struct testmach *m, const char *hex) { tm_load_hex(m, CODE, hex); }
static uint32_t M16(struct testmach *m, uint32_t a) { return mem_read(&m->mem, a, 2); }
static uint32_t M32(struct testmach *m, uint32_t a) { return mem_read(&m->mem, a, 4); }
static void W16(struct testmach *m, uint32_t a, uint32_t v) { mem_write(&m->mem, a, v, 2); }
static void W32(struct testmach *m, uint32_t a, uint32_t v) { mem_write(&m->mem, a, v, 4); }

/* One instruction; returns the clocks it took. */
static uint64_t step(struct testmach *m)
{
    uint64_t c0 = cpu_cycles(m->cpu);
    ck_assert_int_eq(cpu_step(m->cpu), CPU_STOP_BUDGET);
    return cpu_cycles(m->cpu) - c0;
}

static const enum cpu_model all_models[] = TM_ALL_MODELS;
#define NMODELS (sizeof all_models / sizeof all_models[0])

/* ---- Jcc ------------------------------------------------------------ */
/* For each condition code, flags that make it true and false. */
static const struct { uint32_t yes, no; } cc_flags[16] = {
    { OF, 0 }, { 0, OF }, { CF, 0 }, { 0, CF }, { ZF, 0 }, { 0, ZF },
    { CF, 0 }, { 0, ZF }, { SF, 0 }, { 0, SF }, { PF, 0 }, { 0, PF },
    { SF, SF | OF }, { SF | OF, OF }, { ZF, SF | OF }, { SF | OF, SF },
};

static void check_jcc(struct testmach *m, const char *prefix_op, unsigned cc, unsigned oplen,
                      const char *disp, uint32_t taken_ip)
{
    char hex[32];
    snprintf(hex, sizeof hex, "%s%X %s", prefix_op, cc, disp);
    load(m, hex);
    tm_set(m, REG_EFLAGS, 2 | cc_flags[cc].yes);
    step(m);
    ck_assert_msg(tm_reg(m, REG_EIP) == taken_ip, "%s taken: ip %X", hex, tm_reg(m, REG_EIP));
    load(m, hex);
    tm_set(m, REG_EFLAGS, 2 | cc_flags[cc].no);
    step(m);
    ck_assert_msg(tm_reg(m, REG_EIP) == CODE + oplen, "%s not taken: ip %X", hex, tm_reg(m, REG_EIP));
}

START_TEST(jcc_rel8_all_conditions)
{
    struct testmach *m = mk(all_models[_i]);
    for (unsigned cc = 0; cc < 16; cc++) {
        check_jcc(m, "7", cc, 2, "10", CODE + 2 + 0x10);
        check_jcc(m, "7", cc, 2, "F0", CODE + 2 - 0x10);
    }
    tm_destroy(m);
}
END_TEST

START_TEST(jcc_8086_aliases_60_6f)
{
    struct testmach *m = mk(CPU_8086);
    for (unsigned cc = 0; cc < 16; cc++)
        check_jcc(m, "6", cc, 2, "7F", CODE + 2 + 0x7F);
    tm_destroy(m);
}
END_TEST

START_TEST(jcc_rel16_386)
{
    struct testmach *m = mk(CPU_80386);
    for (unsigned cc = 0; cc < 16; cc++)
        check_jcc(m, "0F8", cc, 4, "0020", CODE + 4 + 0x2000);
    /* rel16 wraps IP at 64K: 1004 + F000 = 10004 -> 0004 */
    check_jcc(m, "0F8", 4, 4, "00F0", 0x0004);
    tm_destroy(m);
}
END_TEST

START_TEST(jcc_rel32_beyond_limit_is_gp)
{
    struct testmach *m = mk(CPU_80386);
    /* 66 0F 84 rel32: EIP = 1007 + 10000 is beyond the 64K CS limit */
    load(m, "66 0F 84 00 00 01 00");
    tm_set(m, REG_EFLAGS, 2 | ZF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(13));
    ck_assert_uint_eq(M16(m, 0x7FFA), CODE);          /* a fault: IP of the Jcc */
    /* within the limit, a 32-bit displacement that lands below 64K works */
    load(m, "66 0F 84 F9 EF FF FF");
    tm_set(m, REG_EFLAGS, 2 | ZF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x0000);
    tm_destroy(m);
}
END_TEST

/* Taken Jcc costs the model's extra clocks (8086 manual: 16 / 4). */
START_TEST(jcc_clocks_8086)
{
    struct testmach *m = mk(CPU_8086);
    load(m, "74 10");
    tm_set(m, REG_EFLAGS, 2 | ZF);
    ck_assert_uint_eq(step(m), 16);
    load(m, "74 10");
    tm_set(m, REG_EFLAGS, 2);
    ck_assert_uint_eq(step(m), 4);
    tm_destroy(m);
}
END_TEST

/* ---- JMP ------------------------------------------------------------ */
START_TEST(jmp_near_forms)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "EB FE");                                 /* jmp $ */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE);
    load(m, "E9 FD 0F");                              /* jmp rel16 */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x2000);
    /* 16-bit IP wraps: code at FFF0, EB 20 -> 0012 */
    tm_load_hex(m, 0xFFF0, "EB 20");
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x0012);
    load(m, "FF E3");                                 /* jmp bx */
    tm_set(m, REG_EBX, 0xABCD1234);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x1234);
    load(m, "FF 26 00 50");                           /* jmp [5000] */
    W16(m, 0x5000, 0x4321);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x4321);
    tm_destroy(m);
}
END_TEST

START_TEST(jmp_far_forms)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "EA 34 12 00 01");                        /* jmp 0100:1234 */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_CS), 0x0100);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x1234);
    load(m, "FF 2E 00 50");                           /* jmp far [5000] */
    W16(m, 0x5000, 0x5678);
    W16(m, 0x5002, 0x0200);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_CS), 0x0200);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x5678);
    tm_destroy(m);
}
END_TEST

/* FF /3 and /5 with a register operand: #UD from the 80186 on. */
START_TEST(far_indirect_register_form_ud)
{
    struct testmach *m = mk(CPU_80286);
    load(m, "FF E8");
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(6));
    load(m, "FF D8");
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(6));
    tm_destroy(m);
}
END_TEST

START_TEST(jmp_32bit_operands_386)
{
    struct testmach *m = mk(CPU_80386);
    load(m, "66 FF E3");                              /* jmp ebx, beyond 64K */
    tm_set(m, REG_EBX, 0x00012345);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(13));
    load(m, "66 FF E3");
    tm_set(m, REG_EBX, 0x00002345);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x2345);
    load(m, "66 EA 78 56 00 00 00 03");               /* jmp 0300:00005678 */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_CS), 0x0300);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x5678);
    load(m, "66 FF 2E 00 50");                        /* jmp far dword [5000] */
    W32(m, 0x5000, 0x00009ABC);
    W16(m, 0x5004, 0x0400);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_CS), 0x0400);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x9ABC);
    tm_destroy(m);
}
END_TEST

/* ---- CALL / RET ------------------------------------------------------ */
START_TEST(call_ret_near)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "E8 FD 0F");                              /* call 2000 */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x2000);
    ck_assert_uint_eq(tm_reg(m, REG_ESP), 0x7FFE);
    ck_assert_uint_eq(M16(m, 0x7FFE), CODE + 3);
    mem_write8(&m->mem, 0x2000, 0xC3);                /* ret */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 3);
    ck_assert_uint_eq(tm_reg(m, REG_ESP), 0x8000);

    load(m, "FF D4");                                 /* call sp: the old SP */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x8000);
    ck_assert_uint_eq(M16(m, 0x7FFE), CODE + 2);

    load(m, "FF 16 00 50");                           /* call [5000] */
    W16(m, 0x5000, 0x2222);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x2222);
    ck_assert_uint_eq(M16(m, 0x7FFE), CODE + 4);

    load(m, "C2 06 00");                              /* ret 6 */
    tm_set(m, REG_ESP, 0x7000);
    W16(m, 0x7000, 0x3333);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x3333);
    ck_assert_uint_eq(tm_reg(m, REG_ESP), 0x7008);
    tm_destroy(m);
}
END_TEST

START_TEST(call_retf_far)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "9A 00 20 00 00");                        /* call 0000:2000 */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x2000);
    ck_assert_uint_eq(tm_reg(m, REG_ESP), 0x7FFC);
    ck_assert_uint_eq(M16(m, 0x7FFE), 0);             /* CS */
    ck_assert_uint_eq(M16(m, 0x7FFC), CODE + 5);      /* IP */

    load(m, "FF 1E 00 50");                           /* call far [5000] */
    W16(m, 0x5000, 0x0010);
    W16(m, 0x5002, 0x0300);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_CS), 0x0300);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x0010);
    ck_assert_uint_eq(M16(m, 0x7FFC), CODE + 4);

    load(m, "CB");                                    /* retf */
    tm_set(m, REG_ESP, 0x7000);
    W16(m, 0x7000, 0x1111);
    W16(m, 0x7002, 0x0500);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_CS), 0x0500);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x1111);
    ck_assert_uint_eq(tm_reg(m, REG_ESP), 0x7004);

    load(m, "CA 10 00");                              /* retf 10h */
    tm_set(m, REG_ESP, 0x7000);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_CS), 0x0500);
    ck_assert_uint_eq(tm_reg(m, REG_ESP), 0x7014);
    tm_destroy(m);
}
END_TEST

/* SP wraps inside the 64K stack segment. */
START_TEST(call_sp_wrap)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "9A 00 20 00 00");
    tm_set(m, REG_ESP, 0x0002);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ESP), 0xFFFE);
    ck_assert_uint_eq(M16(m, 0x0000), 0);
    ck_assert_uint_eq(M16(m, 0xFFFE), CODE + 5);
    tm_destroy(m);
}
END_TEST

START_TEST(ret_8086_aliases)
{
    struct testmach *m = mk(CPU_8086);
    static const struct { const char *hex; uint32_t cs, ip, sp; } t[] = {
        { "C1", 0, 0x1111, 0x7002 },                  /* = C3 ret */
        { "C0 04 00", 0, 0x1111, 0x7006 },            /* = C2 ret 4 */
        { "C9", 0x0500, 0x1111, 0x7004 },             /* = CB retf */
        { "C8 04 00", 0x0500, 0x1111, 0x7008 },       /* = CA retf 4 */
    };
    for (unsigned k = 0; k < 4; k++) {
        load(m, t[k].hex);
        tm_set(m, REG_ESP, 0x7000);
        W16(m, 0x7000, 0x1111);
        W16(m, 0x7002, 0x0500);
        step(m);
        ck_assert_uint_eq(tm_reg(m, REG_CS), t[k].cs);
        ck_assert_uint_eq(tm_reg(m, REG_EIP), t[k].ip);
        ck_assert_uint_eq(tm_reg(m, REG_ESP), t[k].sp);
    }
    tm_destroy(m);
}
END_TEST

START_TEST(call_ret_32bit_386)
{
    struct testmach *m = mk(CPU_80386);
    load(m, "66 E8 FA 0F 00 00");                     /* call rel32 -> 2000 */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x2000);
    ck_assert_uint_eq(tm_reg(m, REG_ESP), 0x7FFC);
    ck_assert_uint_eq(M32(m, 0x7FFC), CODE + 6);
    mem_write(&m->mem, 0x2000, 0xC366, 2);            /* retd */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 6);
    ck_assert_uint_eq(tm_reg(m, REG_ESP), 0x8000);

    load(m, "66 9A 00 20 00 00 00 01");               /* call 0100:00002000 */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ESP), 0x7FF8);
    ck_assert_uint_eq(M32(m, 0x7FFC), 0);             /* CS in a dword slot */
    ck_assert_uint_eq(M32(m, 0x7FF8), CODE + 8);
    load(m, "66 CB");                                 /* retfd */
    tm_set(m, REG_ESP, 0x7FF8);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_CS), 0);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 8);
    ck_assert_uint_eq(tm_reg(m, REG_ESP), 0x8000);

    /* a 32-bit return address beyond the CS limit: #GP, SP untouched */
    load(m, "66 C3");
    tm_set(m, REG_ESP, 0x7000);
    W32(m, 0x7000, 0x00010000);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(13));
    ck_assert_uint_eq(M16(m, 0x6FFA), CODE);          /* pushed IP: the RET */
    tm_destroy(m);
}
END_TEST

/* ---- IRET ------------------------------------------------------------ */
START_TEST(iret_16)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "CF");
    tm_set(m, REG_ESP, 0x7000);
    W16(m, 0x7000, 0x1234);
    W16(m, 0x7002, 0x0600);
    W16(m, 0x7004, 0xFFFF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_CS), 0x0600);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x1234);
    ck_assert_uint_eq(tm_reg(m, REG_ESP), 0x7006);
    uint32_t f = tm_reg(m, REG_EFLAGS);
    /* 8086/80186: bits 12-15 read as 1; 80286+ real mode: IOPL/NT stay 0
     * on the 80286, bit 15 is always 0 from the 80286 on */
    if (all_models[_i] <= CPU_80186) ck_assert_uint_eq(f & 0xFFFF, 0xFFD7);
    else if (all_models[_i] == CPU_80286) ck_assert_uint_eq(f & 0xFFFF, 0x0FD7);
    else ck_assert_uint_eq(f & 0xFFFF, 0x7FD7);
    tm_destroy(m);
}
END_TEST

START_TEST(iretd_386)
{
    struct testmach *m = mk(CPU_80386);
    load(m, "66 CF");
    tm_set(m, REG_ESP, 0x7000);
    W32(m, 0x7000, 0x00001234);
    W32(m, 0x7004, 0x00000700);
    W32(m, 0x7008, 0x00030ED5);                       /* VM and RF set in the image */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_CS), 0x0700);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x1234);
    ck_assert_uint_eq(tm_reg(m, REG_ESP), 0x700C);
    /* VM is kept as it was (0); RF is loaded */
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS), 0x00010ED7);
    tm_destroy(m);
}
END_TEST

/* ---- LOOP family ------------------------------------------------------ */
START_TEST(loop_forms)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "E2 10");                                 /* loop */
    tm_set(m, REG_ECX, 0xABCD0002);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 0xABCD0001);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 0x12);
    load(m, "E2 10");
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 0xABCD0000);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);
    load(m, "E2 10");                                 /* CX = 0 -> FFFF, taken */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 0xABCDFFFF);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 0x12);

    load(m, "E1 10");                                 /* loope, ZF=0: falls through */
    tm_set(m, REG_ECX, 5);
    tm_set(m, REG_EFLAGS, 2);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 4);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);
    load(m, "E1 10");
    tm_set(m, REG_EFLAGS, 2 | ZF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 0x12);
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & ZF, ZF);     /* flags untouched */
    load(m, "E0 10");                                 /* loopne, ZF=1: falls through */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 2);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);
    load(m, "E0 10");
    tm_set(m, REG_EFLAGS, 2);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 0x12);

    load(m, "E3 10");                                 /* jcxz */
    tm_set(m, REG_ECX, 0x10000);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 0x12);
    load(m, "E3 10");
    tm_set(m, REG_ECX, 1);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 1);
    tm_destroy(m);
}
END_TEST

START_TEST(loop_ecx_386)
{
    struct testmach *m = mk(CPU_80386);
    load(m, "67 E2 10");                              /* loop with ECX */
    tm_set(m, REG_ECX, 0x00010000);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 0x0000FFFF);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 0x13);
    load(m, "E2 10");                                 /* CX only: 0000 -> FFFF */
    tm_set(m, REG_ECX, 0x00010000);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 0x0001FFFF);
    load(m, "67 E3 10");                              /* jecxz */
    tm_set(m, REG_ECX, 0x00010000);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 3);
    load(m, "E3 10");                                 /* jcxz sees CX = 0 */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 0x12);
    tm_destroy(m);
}
END_TEST

/* LOOP taken: 8086 17 clocks, not taken 5 (8086 manual table 2-21). */
START_TEST(loop_clocks_8086)
{
    struct testmach *m = mk(CPU_8086);
    load(m, "E2 10");
    tm_set(m, REG_ECX, 2);
    ck_assert_uint_eq(step(m), 17);
    load(m, "E2 10");
    ck_assert_uint_eq(step(m), 5);
    tm_destroy(m);
}
END_TEST

/* ---- INT, INT3, INTO ---------------------------------------------------- */
START_TEST(int_forms_are_traps)
{
    struct testmach *m = mk(all_models[_i]);
    mem_write(&m->mem, 0x21 * 4, 0x4000, 2);
    mem_write(&m->mem, 0x21 * 4 + 2, 0x0010, 2);
    load(m, "CD 21");
    tm_set(m, REG_EFLAGS, 2 | IF | CF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_CS), 0x0010);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x4000);
    ck_assert_uint_eq(tm_reg(m, REG_ESP), 0x7FFA);
    ck_assert_uint_eq(M16(m, 0x7FFA), CODE + 2);      /* next instruction */
    ck_assert_uint_eq(M16(m, 0x7FFC), 0);
    ck_assert_uint_eq(M16(m, 0x7FFE) & 0x0FFF, 2 | IF | CF);
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & (IF | TF), 0);

    load(m, "CC");
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(3));
    ck_assert_uint_eq(M16(m, 0x7FFA), CODE + 1);

    load(m, "CE");                                    /* into, OF = 0: nothing */
    tm_set(m, REG_EFLAGS, 2);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 1);
    ck_assert_uint_eq(tm_reg(m, REG_ESP), 0x8000);
    load(m, "CE");
    tm_set(m, REG_EFLAGS, 2 | OF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(4));
    ck_assert_uint_eq(M16(m, 0x7FFA), CODE + 1);
    tm_destroy(m);
}
END_TEST

/* ---- BOUND ------------------------------------------------------------ */
START_TEST(bound_16)
{
    struct testmach *m = mk(all_models[_i]);
    W16(m, 0x5000, 0xFFF0);                           /* -16 */
    W16(m, 0x5002, 0x0010);                           /* +16 */
    static const struct { uint16_t v; int fault; } t[] = {
        { 0xFFF0, 0 }, { 0x0010, 0 }, { 0x0000, 0 }, { 0xFFEF, 1 }, { 0x0011, 1 }, { 0x8000, 1 },
    };
    for (unsigned k = 0; k < sizeof t / sizeof t[0]; k++) {
        load(m, "62 06 00 50");                       /* bound ax, [5000] */
        tm_set(m, REG_EAX, t[k].v);
        step(m);
        if (t[k].fault) {
            ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(5));
            ck_assert_uint_eq(M16(m, 0x7FFA), CODE);  /* a fault: BOUND's IP */
        } else {
            ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 4);
        }
    }
    load(m, "62 C0");                                 /* register form: #UD */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(6));
    tm_destroy(m);
}
END_TEST

START_TEST(bound_32_386)
{
    struct testmach *m = mk(CPU_80386);
    W32(m, 0x5000, 0x80000000u);
    W32(m, 0x5004, 0x00010000u);
    load(m, "66 62 1E 00 50");                        /* bound ebx, [5000] */
    tm_set(m, REG_EBX, 0x00010000u);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 5);
    load(m, "66 62 1E 00 50");
    tm_set(m, REG_EBX, 0x00010001u);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(5));
    tm_destroy(m);
}
END_TEST

/* On the 8086, 62 is JC (alias of 72). */
START_TEST(bound_opcode_on_8086_is_jc)
{
    struct testmach *m = mk(CPU_8086);
    load(m, "62 06");
    tm_set(m, REG_EFLAGS, 2 | CF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 8);
    tm_destroy(m);
}
END_TEST

static Suite *ctrl_suite(void)
{
    Suite *s = suite_create("ctrl");
    TCase *t = tcase_create("ctrl");
    tcase_add_loop_test(t, jcc_rel8_all_conditions, 0, NMODELS);
    tcase_add_test(t, jcc_8086_aliases_60_6f);
    tcase_add_test(t, jcc_rel16_386);
    tcase_add_test(t, jcc_rel32_beyond_limit_is_gp);
    tcase_add_test(t, jcc_clocks_8086);
    tcase_add_loop_test(t, jmp_near_forms, 0, NMODELS);
    tcase_add_loop_test(t, jmp_far_forms, 0, NMODELS);
    tcase_add_test(t, far_indirect_register_form_ud);
    tcase_add_test(t, jmp_32bit_operands_386);
    tcase_add_loop_test(t, call_ret_near, 0, NMODELS);
    tcase_add_loop_test(t, call_retf_far, 0, NMODELS);
    tcase_add_loop_test(t, call_sp_wrap, 0, NMODELS);
    tcase_add_test(t, ret_8086_aliases);
    tcase_add_test(t, call_ret_32bit_386);
    tcase_add_loop_test(t, iret_16, 0, NMODELS);
    tcase_add_test(t, iretd_386);
    tcase_add_loop_test(t, loop_forms, 0, NMODELS);
    tcase_add_test(t, loop_ecx_386);
    tcase_add_test(t, loop_clocks_8086);
    tcase_add_loop_test(t, int_forms_are_traps, 0, NMODELS);
    tcase_add_loop_test(t, bound_16, 1, NMODELS);
    tcase_add_test(t, bound_32_386);
    tcase_add_test(t, bound_opcode_on_8086_is_jc);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(ctrl_suite());
    srunner_run_all(sr, CK_NORMAL);
    int nf = srunner_ntests_failed(sr);
    srunner_free(sr);
    return nf ? 1 : 0;
}
