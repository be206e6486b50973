/* test_stack.c - the stack family (cpu/stack.*): PUSH/POP of registers,
 * segment registers, memory and immediates at 16 and 32 bits, the PUSH SP
 * difference between the 8086/80186 and later models, POP CS on the 8086,
 * the interrupt shadow after POP SS, FF /7 as PUSH up to the 80286,
 * PUSHA/POPA (with the wrap at the bottom of the stack), PUSHF/POPF and
 * the FLAGS bits each model fixes, ENTER/LEAVE with nesting levels and
 * their clocks, and the fault a stack access past FFFFh raises. */
#include <check.h>
#include <stdio.h>
#include <string.h>
#define TM_FLAG_NAMES
#include "../testmach.h"

#define CODE 0x1000u
#define UD_HANDLER 0x3000u
#define DB_HANDLER 0x3100u
#define GP_HANDLER 0x3200u

static const struct tm_trap traps[] = {
    { 6, UD_HANDLER }, { 1, DB_HANDLER }, { 12, GP_HANDLER }, { 13, GP_HANDLER }
};
static struct testmach *mk(enum cpu_model model) { return tm_create_traps(model, traps, TM_NTRAPS(traps)); }

/* Load hex bytes at 0000:1000 and point CS:IP there (SS:SP = 0000:8000). */
static void load(struct testmach *m, const char *hex) { tm_load_hex(m, CODE, hex); }

static uint32_t SP(struct testmach *m) { return tm_reg(m, REG_ESP) & 0xFFFF; }

/* Run the instruction with SP already set (load() resets it to 8000h). */
static void step(struct testmach *m) { ck_assert_int_eq(cpu_step(m->cpu), CPU_STOP_BUDGET); }

static const enum cpu_model all_models[] = TM_ALL_MODELS;
#define NMODELS (sizeof all_models / sizeof all_models[0])
#define MODEL386 ((enum cpu_model)(CPU_80386 + _i))

/* ---- PUSH/POP registers, PUSH SP ----------------------------------------- */
START_TEST(push_pop_reg)
{
    struct testmach *m = mk(all_models[_i]);
    int old_sp = all_models[_i] >= CPU_80286;
    load(m, "50 5B");                       /* push ax; pop bx */
    tm_set(m, REG_EAX, 0xA1B2);
    step(m);
    ck_assert_uint_eq(SP(m), 0x7FFE);
    ck_assert_uint_eq(tm_rd(m, 0x7FFE, 2), 0xA1B2);
    step(m);
    ck_assert_uint_eq(SP(m), 0x8000);
    ck_assert_uint_eq(tm_reg(m, REG_EBX) & 0xFFFF, 0xA1B2);

    load(m, "54");                          /* push sp */
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x7FFE, 2), old_sp ? 0x8000 : 0x7FFE);
    load(m, "FF F4");                       /* push sp (r/m form) */
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x7FFE, 2), old_sp ? 0x8000 : 0x7FFE);
    load(m, "5C");                          /* pop sp: the popped value wins */
    tm_wr(m, 0x8000, 0x1234, 2);
    step(m);
    ck_assert_uint_eq(SP(m), 0x1234);
    load(m, "8F C4");                       /* pop sp (r/m form) */
    step(m);
    ck_assert_uint_eq(SP(m), 0x1234);
    load(m, "8F C1");                       /* pop cx */
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX) & 0xFFFF, 0x1234);
    ck_assert_uint_eq(SP(m), 0x8002);

    /* SP wraps at 16 bits: push at SP=0 writes FFFEh */
    load(m, "53");
    tm_set(m, REG_ESP, 0);
    tm_set(m, REG_EBX, 0x5678);
    step(m);
    ck_assert_uint_eq(SP(m), 0xFFFE);
    ck_assert_uint_eq(tm_rd(m, 0xFFFE, 2), 0x5678);
    tm_destroy(m);
}
END_TEST

/* POP at SP=FFFFh: the 8086/80186 read bytes FFFFh and 0000h; the 80286
 * raises #GP (13) and the 80386 on #SS (12), with SP and AX unchanged
 * (the three pushes of the exception then leave SP at FFF9h). */
START_TEST(stack_wrap_fault)
{
    struct testmach *m = mk(all_models[_i]);
    if (all_models[_i] >= CPU_80386) tm_trap_vector(m, 12, UD_HANDLER);
    load(m, "58");
    tm_set(m, REG_ESP, 0xFFFF);
    tm_set(m, REG_EAX, 0x1111);
    tm_wr(m, 0xFFFF, 0x34, 1);
    tm_wr(m, 0x0000, 0x12, 1);
    step(m);
    if (all_models[_i] <= CPU_80186) {
        ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x1234);
        ck_assert_uint_eq(SP(m), 0x0001);
    } else {
        ck_assert_uint_eq(tm_reg(m, REG_EIP), all_models[_i] == CPU_80286 ? GP_HANDLER : UD_HANDLER);
        ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x1111);
        ck_assert_uint_eq(SP(m), 0xFFF9);
        ck_assert_uint_eq(tm_rd(m, 0xFFF9, 2), CODE);   /* the pushed IP: the POP itself */
    }
    tm_destroy(m);
}
END_TEST

/* ---- segment registers -------------------------------------------------------- */
START_TEST(push_pop_sreg)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "06 0E 16 1E 07 1F");           /* push es/cs/ss/ds; pop es; pop ds */
    tm_set(m, REG_CS, 0x0100);                   /* same code at 0100:0000 */
    tm_set(m, REG_EIP, 0);
    tm_set(m, REG_ES, 0x1111);
    tm_set(m, REG_DS, 0x2222);
    for (int k = 0; k < 4; k++) step(m);
    ck_assert_uint_eq(SP(m), 0x7FF8);
    ck_assert_uint_eq(tm_rd(m, 0x7FFE, 2), 0x1111);
    ck_assert_uint_eq(tm_rd(m, 0x7FFC, 2), 0x0100);
    ck_assert_uint_eq(tm_rd(m, 0x7FFA, 2), 0x0000);
    ck_assert_uint_eq(tm_rd(m, 0x7FF8, 2), 0x2222);
    step(m);                                /* pop es <- DS's value */
    ck_assert_uint_eq(tm_reg(m, REG_ES), 0x2222);
    step(m);                                /* pop ds <- SS's value */
    ck_assert_uint_eq(tm_reg(m, REG_DS), 0x0000);
    ck_assert_uint_eq(SP(m), 0x7FFC);
    tm_destroy(m);
}
END_TEST

/* 0F: POP CS on the 8086 only; #UD on the 80186. */
START_TEST(pop_cs)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "0F");
    tm_wr(m, 0x8000, 0x0010, 2);
    mem_write8(&m->mem, 0x0100 + CODE + 1, 0x43);    /* inc bx at 0010:1001 */
    tm_set(m, REG_EBX, 0);
    step(m);
    if (all_models[_i] == CPU_8086) {
        ck_assert_uint_eq(tm_reg(m, REG_CS), 0x0010);
        ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 1);
        ck_assert_uint_eq(SP(m), 0x8002);
        step(m);
        ck_assert_uint_eq(tm_reg(m, REG_EBX), 1);
    } else {
        ck_assert_uint_eq(tm_reg(m, REG_CS), 0);
        ck_assert_uint_eq(tm_reg(m, REG_EIP), UD_HANDLER);
    }
    tm_destroy(m);
}
END_TEST

/* POP SS holds off the single-step trap for one instruction. */
START_TEST(pop_ss_shadow)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "17 90 90");
    tm_wr(m, 0x8000, 0x0000, 2);
    tm_set(m, REG_EFLAGS, 0x0002 | TF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 1);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), DB_HANDLER);
    load(m, "1F 90");                       /* pop ds: trap right away */
    tm_set(m, REG_EFLAGS, 0x0002 | TF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), DB_HANDLER);
    tm_destroy(m);
}
END_TEST

START_TEST(sreg_32)
{
    struct testmach *m = mk(MODEL386);
    load(m, "0F A0 66 0F A8 0F A1 66 0F A9");   /* push fs; push gs (32); pop fs; pop gs (32) */
    tm_set(m, REG_FS, 0x1234);
    tm_set(m, REG_GS, 0x5678);
    step(m);
    ck_assert_uint_eq(SP(m), 0x7FFE);
    ck_assert_uint_eq(tm_rd(m, 0x7FFE, 2), 0x1234);
    step(m);
    ck_assert_uint_eq(SP(m), 0x7FFA);
    ck_assert_uint_eq(tm_rd(m, 0x7FFA, 4), 0x5678);        /* zero-extended */
    step(m);                                           /* pop fs (16): low word of the dword */
    ck_assert_uint_eq(tm_reg(m, REG_FS), 0x5678);
    ck_assert_uint_eq(SP(m), 0x7FFC);
    tm_wr(m, 0x7FFC, 0x9ABC1234, 4);
    step(m);                                           /* pop gs (32) */
    ck_assert_uint_eq(tm_reg(m, REG_GS), 0x1234);
    ck_assert_uint_eq(SP(m), 0x8000);
    tm_destroy(m);
}
END_TEST

/* ---- memory and immediates ------------------------------------------------------- */
START_TEST(push_pop_mem)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "FF 36 10 00 8F 06 20 00");     /* push [0010]; pop [0020] */
    tm_set(m, REG_DS, 0x0400);
    tm_wr(m, 0x4010, 0xBEEF, 2);
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x7FFE, 2), 0xBEEF);
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x4020, 2), 0xBEEF);
    ck_assert_uint_eq(SP(m), 0x8000);
    /* FF /7: PUSH up to the 80286, #UD from the 80386 on */
    load(m, "FF 3E 10 00");
    step(m);
    if (all_models[_i] <= CPU_80286) {
        ck_assert_uint_eq(tm_rd(m, 0x7FFE, 2), 0xBEEF);
        ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 4);
    } else {
        ck_assert_uint_eq(tm_reg(m, REG_EIP), UD_HANDLER);
    }
    tm_destroy(m);
}
END_TEST

START_TEST(push_pop_32)
{
    struct testmach *m = mk(MODEL386);
    load(m, "66 50 66 FF 36 10 00 66 8F 06 20 00 66 5B");
    tm_set(m, REG_EAX, 0x11223344);
    tm_set(m, REG_DS, 0x0400);
    tm_wr(m, 0x4010, 0xCAFEBABE, 4);
    step(m);
    ck_assert_uint_eq(SP(m), 0x7FFC);
    ck_assert_uint_eq(tm_rd(m, 0x7FFC, 4), 0x11223344);
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x7FF8, 4), 0xCAFEBABE);
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x4020, 4), 0xCAFEBABE);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EBX), 0x11223344);
    ck_assert_uint_eq(SP(m), 0x8000);
    /* PUSH ESP stores the value before the push */
    load(m, "66 54");
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x7FFC, 4), 0x8000);
    /* POP [ESP+0]: the address uses ESP after the increment */
    load(m, "67 8F 04 24");
    tm_wr(m, 0x8000, 0x4455, 2);
    step(m);
    ck_assert_uint_eq(SP(m), 0x8002);
    ck_assert_uint_eq(tm_rd(m, 0x8002, 2), 0x4455);
    tm_destroy(m);
}
END_TEST

START_TEST(push_imm)
{
    struct testmach *m = mk(all_models[_i + 1]);    /* 80186 .. P6 */
    load(m, "68 34 12 6A 80 6A 7F");
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x7FFE, 2), 0x1234);
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x7FFC, 2), 0xFF80);     /* sign-extended */
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x7FFA, 2), 0x007F);
    ck_assert_uint_eq(SP(m), 0x7FFA);
    if (all_models[_i + 1] >= CPU_80386) {
        load(m, "66 6A FE 66 68 78 56 34 12");
        step(m);
        ck_assert_uint_eq(tm_rd(m, 0x7FFC, 4), 0xFFFFFFFE);
        step(m);
        ck_assert_uint_eq(tm_rd(m, 0x7FF8, 4), 0x12345678);
    }
    tm_destroy(m);
}
END_TEST

/* ---- PUSHA/POPA -------------------------------------------------------------- */
START_TEST(pusha_popa)
{
    struct testmach *m = mk(all_models[_i + 1]);
    load(m, "60 61");
    for (unsigned r = 0; r < 8; r++)
        if (r != REG_ESP) tm_set(m, (enum cpu_reg)r, 0x1000 + r);
    step(m);
    ck_assert_uint_eq(SP(m), 0x7FF0);
    /* AX CX DX BX, SP as it was, BP SI DI: register k at 7FFEh - 2k */
    for (unsigned k = 0; k < 8; k++)
        ck_assert_uint_eq(tm_rd(m, 0x7FFE - 2 * k, 2), k == REG_ESP ? 0x8000 : 0x1000 + k);
    for (unsigned r = 0; r < 8; r++)
        if (r != REG_ESP) tm_set(m, (enum cpu_reg)r, 0);
    tm_wr(m, 0x7FF6, 0xDEAD, 2);                /* the stored SP is skipped */
    step(m);
    ck_assert_uint_eq(SP(m), 0x8000);
    for (unsigned r = 0; r < 8; r++)
        if (r != REG_ESP) ck_assert_uint_eq(tm_reg(m, (enum cpu_reg)r) & 0xFFFF, 0x1000 + r);

    /* SP=0008h: the stores wrap to FFFEh..FFF8h without a fault (80286 vectors) */
    load(m, "60");
    tm_set(m, REG_ESP, 8);
    step(m);
    ck_assert_uint_eq(SP(m), 0xFFF8);
    ck_assert_uint_eq(tm_rd(m, 0x0006, 2), 0x1000);     /* AX */
    ck_assert_uint_eq(tm_rd(m, 0x0000, 2), 0x1003);     /* BX */
    ck_assert_uint_eq(tm_rd(m, 0xFFFE, 2), 0x0008);     /* SP */
    ck_assert_uint_eq(tm_rd(m, 0xFFF8, 2), 0x1007);     /* DI */
    tm_destroy(m);
}
END_TEST

START_TEST(pusha_popa_32)
{
    struct testmach *m = mk(MODEL386);
    load(m, "66 60 66 61");
    for (unsigned r = 0; r < 8; r++)
        if (r != REG_ESP) tm_set(m, (enum cpu_reg)r, 0xA0000000u + r);
    step(m);
    ck_assert_uint_eq(SP(m), 0x7FE0);
    ck_assert_uint_eq(tm_rd(m, 0x7FFC, 4), 0xA0000000u);
    ck_assert_uint_eq(tm_rd(m, 0x7FEC, 4), 0x8000);
    ck_assert_uint_eq(tm_rd(m, 0x7FE0, 4), 0xA0000007u);
    for (unsigned r = 0; r < 8; r++)
        if (r != REG_ESP) tm_set(m, (enum cpu_reg)r, 0);
    step(m);
    for (unsigned r = 0; r < 8; r++)
        if (r != REG_ESP) ck_assert_uint_eq(tm_reg(m, (enum cpu_reg)r), 0xA0000000u + r);
    tm_destroy(m);
}
END_TEST

/* POPA at SP=FFFFh on the 80286: #GP with every register unchanged. */
START_TEST(popa_fault_286)
{
    struct testmach *m = mk(CPU_80286);
    load(m, "61");
    tm_set(m, REG_ESP, 0xFFFF);
    tm_set(m, REG_EDI, 0x4444);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), GP_HANDLER);
    ck_assert_uint_eq(tm_reg(m, REG_EDI), 0x4444);
    ck_assert_uint_eq(SP(m), 0xFFF9);
    tm_destroy(m);
}
END_TEST

/* ---- PUSHF/POPF --------------------------------------------------------------- */
START_TEST(pushf_popf)
{
    enum cpu_model md = all_models[_i];
    struct testmach *m = mk(md);
    load(m, "9C 9D");
    tm_set(m, REG_EFLAGS, 0x0002 | CF | ZF | DF);
    step(m);
    uint32_t fixed = md <= CPU_80186 ? 0xF000 : 0;   /* 8086/80186: bits 12-15 read as 1 */
    ck_assert_uint_eq(tm_rd(m, 0x7FFE, 2), 0x0002 | CF | ZF | DF | fixed);
    tm_wr(m, 0x7FFE, 0xFFFF, 2);
    step(m);
    /* 8086/80186 and real-mode 80286 cannot set IOPL/NT; the 80386 can */
    uint32_t expect = md <= CPU_80186 ? 0xFFD7 : md == CPU_80286 ? 0x0FD7 : 0x7FD7;
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS), expect);
    ck_assert_uint_eq(SP(m), 0x8000);

    tm_wr(m, 0x7FFE, 0x0000, 2);
    load(m, "9D");
    tm_set(m, REG_ESP, 0x7FFE);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS), 0x0002 | fixed);
    tm_destroy(m);
}
END_TEST

START_TEST(pushf_popf_32)
{
    enum cpu_model md = MODEL386;
    struct testmach *m = mk(md);
    load(m, "66 9C 66 9D");
    tm_set(m, REG_EFLAGS, 0x0002 | CF | IF);
    step(m);
    ck_assert_uint_eq(SP(m), 0x7FFC);
    ck_assert_uint_eq(tm_rd(m, 0x7FFC, 4), 0x0002 | CF | IF);
    tm_wr(m, 0x7FFC, 0xFFFFFFFF, 4);
    step(m);
    /* VM, VIP and VIF are never loaded and RF is cleared (SDM vol. 2, POPF);
     * AC exists from the 80486 on, ID on the Pentium and later */
    uint32_t expect = 0x7FD7 | (md >= CPU_80486 ? 1u << 18 : 0) | (md >= CPU_PENTIUM ? 1u << 21 : 0);
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS), expect);
    /* the 16-bit POPF leaves the upper half alone */
    load(m, "9D");
    tm_set(m, REG_ESP, 0x7FFE);
    tm_wr(m, 0x7FFE, 0x0000, 2);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS), 0x0002 | (expect & 0xFFFF0000u));
    tm_destroy(m);
}
END_TEST

/* ---- ENTER/LEAVE ----------------------------------------------------------------- */
START_TEST(enter_leave)
{
    enum cpu_model md = all_models[_i + 1];
    struct testmach *m = mk(md);
    load(m, "C8 04 00 00 C9");              /* enter 4,0; leave */
    tm_set(m, REG_EBP, 0x7000);
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x7FFE, 2), 0x7000);
    ck_assert_uint_eq(tm_reg(m, REG_EBP) & 0xFFFF, 0x7FFE);
    ck_assert_uint_eq(SP(m), 0x7FFA);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EBP) & 0xFFFF, 0x7000);
    ck_assert_uint_eq(SP(m), 0x8000);

    load(m, "C8 00 00 01");                 /* enter 0,1 */
    tm_set(m, REG_EBP, 0x7000);
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x7FFC, 2), 0x7FFE);
    ck_assert_uint_eq(tm_reg(m, REG_EBP) & 0xFFFF, 0x7FFE);
    ck_assert_uint_eq(SP(m), 0x7FFC);

    /* level 3: two frame pointers copied from the old frame */
    static const unsigned clk3[6] = { 54, 20, 23, 26, 21, 21 };   /* 80186 .. P6 */
    load(m, "C8 02 00 03");
    tm_set(m, REG_EBP, 0x7100);
    tm_wr(m, 0x70FE, 0xAAAA, 2);
    tm_wr(m, 0x70FC, 0xBBBB, 2);
    uint64_t c0 = cpu_cycles(m->cpu);
    step(m);
    ck_assert_uint_eq(cpu_cycles(m->cpu) - c0, clk3[_i]);
    ck_assert_uint_eq(tm_rd(m, 0x7FFE, 2), 0x7100);
    ck_assert_uint_eq(tm_rd(m, 0x7FFC, 2), 0xAAAA);
    ck_assert_uint_eq(tm_rd(m, 0x7FFA, 2), 0xBBBB);
    ck_assert_uint_eq(tm_rd(m, 0x7FF8, 2), 0x7FFE);
    ck_assert_uint_eq(tm_reg(m, REG_EBP) & 0xFFFF, 0x7FFE);
    ck_assert_uint_eq(SP(m), 0x7FF6);
    /* the level is taken mod 32: 33 = 1 */
    load(m, "C8 00 00 21");
    tm_set(m, REG_EBP, 0x7000);
    step(m);
    ck_assert_uint_eq(SP(m), 0x7FFC);
    tm_destroy(m);
}
END_TEST

START_TEST(enter_leave_32)
{
    struct testmach *m = mk(MODEL386);
    load(m, "66 C8 08 00 01 66 C9");        /* enter 8,1 (32-bit); leave (32-bit) */
    tm_set(m, REG_EBP, 0x12347000);
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x7FFC, 4), 0x12347000);
    ck_assert_uint_eq(tm_rd(m, 0x7FF8, 4), 0x7FFC);
    ck_assert_uint_eq(tm_reg(m, REG_EBP), 0x7FFC);
    ck_assert_uint_eq(SP(m), 0x7FF0);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EBP), 0x12347000);
    ck_assert_uint_eq(SP(m), 0x8000);
    tm_destroy(m);
}
END_TEST

/* LEAVE with BP=FFFFh on the 80286: #GP, SP untouched by the LEAVE. */
START_TEST(leave_fault_286)
{
    struct testmach *m = mk(CPU_80286);
    load(m, "C9");
    tm_set(m, REG_EBP, 0xFFFF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), GP_HANDLER);
    ck_assert_uint_eq(SP(m), 0x8000 - 6);
    ck_assert_uint_eq(tm_reg(m, REG_EBP), 0xFFFF);
    tm_destroy(m);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("stack");
    TCase *t = tcase_create("all");
    tcase_add_loop_test(t, push_pop_reg, 0, NMODELS);
    tcase_add_loop_test(t, stack_wrap_fault, 0, NMODELS);
    tcase_add_loop_test(t, push_pop_sreg, 0, NMODELS);
    tcase_add_loop_test(t, pop_cs, 0, 2);
    tcase_add_loop_test(t, pop_ss_shadow, 0, NMODELS);
    tcase_add_loop_test(t, sreg_32, 0, 4);
    tcase_add_loop_test(t, push_pop_mem, 0, NMODELS);
    tcase_add_loop_test(t, push_pop_32, 0, 4);
    tcase_add_loop_test(t, push_imm, 0, NMODELS - 1);
    tcase_add_loop_test(t, pusha_popa, 0, NMODELS - 1);
    tcase_add_loop_test(t, pusha_popa_32, 0, 4);
    tcase_add_test(t, popa_fault_286);
    tcase_add_loop_test(t, pushf_popf, 0, NMODELS);
    tcase_add_loop_test(t, pushf_popf_32, 0, 4);
    tcase_add_loop_test(t, enter_leave, 0, NMODELS - 1);
    tcase_add_loop_test(t, enter_leave_32, 0, 4);
    tcase_add_test(t, leave_fault_286);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}
