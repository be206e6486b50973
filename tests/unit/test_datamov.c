/* test_datamov.c - the data-movement family (cpu/datamov.*): MOV in its
 * register, memory, moffs and immediate forms at 8/16/32 bits, MOV to and
 * from segment registers (the 8086's two-bit segment field and MOV CS
 * against #UD from the 80286 on, the interrupt shadow after MOV SS), XCHG
 * and NOP, LEA with 16- and 32-bit addresses, LDS/LES/LSS, MOVZX/MOVSX,
 * XLAT, LAHF/SAHF and the flag instructions. */
#include <check.h>
#include <stdio.h>
#include <string.h>
#define TM_FLAG_NAMES
#include "../testmach.h"

#define CODE 0x1000u
#define UD_HANDLER 0x3000u
#define DB_HANDLER 0x3100u

/* #UD (6) and #DB (1) go to a HLT of their own */
static const struct tm_trap traps[] = { { 6, UD_HANDLER }, { 1, DB_HANDLER } };
static struct testmach *mk(enum cpu_model model) { return tm_create_traps(model, traps, TM_NTRAPS(traps)); }

/* Load hex bytes at 0000:1000 and point CS:IP there (SS:SP = 0000:8000). */
static void load(struct testmach *m, const char *hex) { tm_load_hex(m, CODE, hex); }

static void step(struct testmach *m, const char *hex)
{
    load(m, hex);
    ck_assert_int_eq(cpu_step(m->cpu), CPU_STOP_BUDGET);
}

static const enum cpu_model all_models[] = TM_ALL_MODELS;
#define NMODELS (sizeof all_models / sizeof all_models[0])

/* ---- MOV register/memory, 8 and 16 bits (every model) ----------------- */
START_TEST(mov_basic)
{
    struct testmach *m = mk(all_models[_i]);
    tm_set(m, REG_EAX, 0x1234);
    step(m, "88 E3");                       /* mov bl,ah */
    ck_assert_uint_eq(tm_reg(m, REG_EBX) & 0xFF, 0x12);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);

    tm_set(m, REG_DS, 0x0100);                   /* DS base 1000h */
    tm_set(m, REG_ESI, 0x0010);
    tm_set(m, REG_ECX, 0xBEEF);
    step(m, "89 4C 02");                    /* mov [si+2],cx */
    ck_assert_uint_eq(tm_rd(m, 0x1012, 2), 0xBEEF);
    step(m, "8A 54 03");                    /* mov dl,[si+3] */
    ck_assert_uint_eq(tm_reg(m, REG_EDX) & 0xFF, 0xBE);
    tm_wr(m, 0x1020, 0xCAFE, 2);
    step(m, "8B 3E 20 00");                 /* mov di,[0020] */
    ck_assert_uint_eq(tm_reg(m, REG_EDI) & 0xFFFF, 0xCAFE);

    /* A word at offset FFFFh: the 8086/80186 wrap inside the segment,
     * later models raise #GP (13). */
    tm_set(m, REG_DS, 0x0200);
    tm_set(m, REG_EBX, 0xFFFF);
    tm_wr(m, 0x2000 + 0xFFFF, 0x11, 1);
    tm_wr(m, 0x2000, 0x22, 1);
    mem_write(&m->mem, 13 * 4, UD_HANDLER, 2);
    mem_write(&m->mem, 13 * 4 + 2, 0, 2);
    step(m, "8B 07");                       /* mov ax,[bx] */
    if (all_models[_i] <= CPU_80186) {
        ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x2211);
    } else {
        ck_assert_uint_eq(tm_reg(m, REG_EIP), UD_HANDLER);
        ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x1234);
    }
    /* segment override */
    tm_set(m, REG_ES, 0x0400);
    tm_set(m, REG_EBX, 0x0004);
    tm_wr(m, 0x4004, 0x77, 1);
    step(m, "26 8A 07");                    /* mov al,[es:bx] */
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFF, 0x77);
    tm_destroy(m);
}
END_TEST

START_TEST(mov_imm_moffs)
{
    struct testmach *m = mk(all_models[_i]);
    tm_set(m, REG_EAX, 0xFFFFFFFF);
    step(m, "B4 80");                       /* mov ah,80h */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xFFFF80FF);
    step(m, "BD 34 12");                    /* mov bp,1234h */
    ck_assert_uint_eq(tm_reg(m, REG_EBP) & 0xFFFF, 0x1234);
    tm_set(m, REG_DS, 0x0300);
    tm_set(m, REG_EBX, 0x10);
    step(m, "C6 47 01 9A");                 /* mov byte [bx+1],9Ah */
    ck_assert_uint_eq(tm_rd(m, 0x3011, 1), 0x9A);
    step(m, "C7 07 FE CA");                 /* mov word [bx],0CAFEh */
    ck_assert_uint_eq(tm_rd(m, 0x3010, 2), 0xCAFE);
    step(m, "C7 C1 55 AA");                 /* mov cx,0AA55h (register form) */
    ck_assert_uint_eq(tm_reg(m, REG_ECX) & 0xFFFF, 0xAA55);

    step(m, "A0 10 00");                    /* mov al,[0010] */
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFF, 0xFE);
    step(m, "A1 10 00");                    /* mov ax,[0010] */
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0xCAFE);
    tm_set(m, REG_EAX, 0x5A);
    step(m, "A2 20 00");                    /* mov [0020],al */
    ck_assert_uint_eq(tm_rd(m, 0x3020, 1), 0x5A);
    tm_set(m, REG_ES, 0x0400);
    tm_set(m, REG_EAX, 0x4321);
    step(m, "26 A3 02 00");                 /* mov [es:0002],ax */
    ck_assert_uint_eq(tm_rd(m, 0x4002, 2), 0x4321);
    tm_destroy(m);
}
END_TEST

/* ---- 32-bit forms through 66h/67h (80386+) ------------------------------ */
START_TEST(mov_32)
{
    struct testmach *m = mk((enum cpu_model)(CPU_80386 + _i));   /* 386 .. P6 */
    step(m, "66 B8 78 56 34 12");           /* mov eax,12345678h */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x12345678);
    step(m, "66 89 C6");                    /* mov esi,eax */
    ck_assert_uint_eq(tm_reg(m, REG_ESI), 0x12345678);
    tm_set(m, REG_DS, 0x0100);
    tm_set(m, REG_EBX, 0x20);
    step(m, "66 89 07");                    /* mov [bx],eax */
    ck_assert_uint_eq(tm_rd(m, 0x1020, 4), 0x12345678);
    step(m, "66 C7 47 04 EF BE AD DE");     /* mov dword [bx+4],0DEADBEEFh */
    ck_assert_uint_eq(tm_rd(m, 0x1024, 4), 0xDEADBEEF);
    step(m, "66 A1 24 00");                 /* mov eax,[0024] */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xDEADBEEF);
    /* 67h: a 32-bit moffs */
    tm_set(m, REG_EAX, 0xA5);
    step(m, "67 A2 30 00 00 00");           /* mov [dword 30h],al */
    ck_assert_uint_eq(tm_rd(m, 0x1030, 1), 0xA5);
    /* 32-bit address: [ebx+ecx*4+8] */
    tm_set(m, REG_EBX, 0x100);
    tm_set(m, REG_ECX, 0x3);
    tm_wr(m, 0x1000 + 0x100 + 12 + 8, 0x0BADF00D, 4);
    step(m, "67 66 8B 44 8B 08");           /* mov eax,[ebx+ecx*4+8] */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x0BADF00D);
    tm_destroy(m);
}
END_TEST

/* ---- segment registers ---------------------------------------------------- */
START_TEST(mov_sreg)
{
    struct testmach *m = mk(all_models[_i]);
    tm_set(m, REG_EAX, 0x0500);
    step(m, "8E D8");                       /* mov ds,ax */
    ck_assert_uint_eq(tm_reg(m, REG_DS), 0x0500);
    tm_wr(m, 0x5000 + 0x10, 0x99, 1);
    step(m, "8A 0E 10 00");                 /* mov cl,[0010]: DS base 5000h */
    ck_assert_uint_eq(tm_reg(m, REG_ECX) & 0xFF, 0x99);
    tm_set(m, REG_ES, 0x1234);
    step(m, "8C C3");                       /* mov bx,es */
    ck_assert_uint_eq(tm_reg(m, REG_EBX) & 0xFFFF, 0x1234);
    step(m, "8C 0E 20 00");                 /* mov [0020],cs */
    ck_assert_uint_eq(tm_rd(m, 0x5020, 2), 0x0000);
    tm_set(m, REG_ESI, 0x30);
    tm_wr(m, 0x5030, 0x0600, 2);
    step(m, "8E 04");                       /* mov es,[si] */
    ck_assert_uint_eq(tm_reg(m, REG_ES), 0x0600);

    /* reg field 4: alias of ES on the 8086/80186, #UD later (SST vectors) */
    tm_set(m, REG_EBX, 0);
    step(m, "8C E3");
    if (all_models[_i] <= CPU_80186) {
        ck_assert_uint_eq(tm_reg(m, REG_EBX) & 0xFFFF, 0x0600);
        ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);
    } else if (all_models[_i] == CPU_80286) {
        ck_assert_uint_eq(tm_reg(m, REG_EIP), UD_HANDLER);
    } else {
        /* 80386+: reg 4 is FS */
        ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);
        ck_assert_uint_eq(tm_reg(m, REG_EBX) & 0xFFFF, tm_reg(m, REG_FS));
    }
    tm_destroy(m);
}
END_TEST

/* MOV CS,AX: a jump on the 8086, #UD from the 80286 on. */
START_TEST(mov_cs)
{
    struct testmach *m = mk(all_models[_i]);
    tm_set(m, REG_EAX, 0x0010);                  /* CS base 100h: CS:1002 = linear 1102h */
    mem_write8(&m->mem, 0x1102, 0x40);      /* inc ax */
    step(m, "8E C8");
    if (all_models[_i] <= CPU_80186) {
        ck_assert_uint_eq(tm_reg(m, REG_CS), 0x0010);
        ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);
        ck_assert_int_eq(cpu_step(m->cpu), CPU_STOP_BUDGET);
        ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x0011);
    } else {
        ck_assert_uint_eq(tm_reg(m, REG_CS), 0);
        ck_assert_uint_eq(tm_reg(m, REG_EIP), UD_HANDLER);
    }
    tm_destroy(m);
}
END_TEST

/* MOV SS holds off the single-step trap for one instruction; MOV DS does not. */
START_TEST(mov_ss_shadow)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "8E D0 90 90");                 /* mov ss,ax; nop; nop */
    tm_set(m, REG_EAX, 0);
    tm_set(m, REG_EFLAGS, 0x0002 | TF);
    cpu_step(m->cpu);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);        /* no trap after MOV SS */
    cpu_step(m->cpu);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), DB_HANDLER);      /* trap after the NOP */
    ck_assert_uint_eq(tm_rd(m, 0x8000 - 6, 2), CODE + 3);  /* pushed IP: after the NOP */

    load(m, "8E D8 90");                    /* mov ds,ax; nop */
    tm_set(m, REG_EFLAGS, 0x0002 | TF);
    cpu_step(m->cpu);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), DB_HANDLER);
    ck_assert_uint_eq(tm_rd(m, 0x8000 - 6, 2), CODE + 2);
    tm_destroy(m);
}
END_TEST

/* ---- XCHG, NOP ------------------------------------------------------------ */
START_TEST(xchg)
{
    struct testmach *m = mk(all_models[_i]);
    tm_set(m, REG_EAX, 0x1122);
    tm_set(m, REG_EBX, 0x3344);
    step(m, "86 C7");                       /* xchg bh,al */
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x1133);
    ck_assert_uint_eq(tm_reg(m, REG_EBX) & 0xFFFF, 0x2244);
    tm_set(m, REG_DS, 0x0100);
    tm_wr(m, 0x1040, 0xABCD, 2);
    tm_set(m, REG_ECX, 0x5555);
    step(m, "87 0E 40 00");                 /* xchg [0040],cx */
    ck_assert_uint_eq(tm_reg(m, REG_ECX) & 0xFFFF, 0xABCD);
    ck_assert_uint_eq(tm_rd(m, 0x1040, 2), 0x5555);
    step(m, "F0 86 1E 40 00");              /* lock xchg [0040],bl */
    ck_assert_uint_eq(tm_rd(m, 0x1040, 1), 0x44);
    ck_assert_uint_eq(tm_reg(m, REG_EBX) & 0xFF, 0x55);
    load(m, "94");                          /* xchg ax,sp */
    tm_set(m, REG_EAX, 0x0001);
    tm_set(m, REG_ESP, 0x0002);
    cpu_step(m->cpu);
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x0002);
    ck_assert_uint_eq(tm_reg(m, REG_ESP) & 0xFFFF, 0x0001);
    tm_set(m, REG_EDI, 0x7777);
    step(m, "97");                          /* xchg ax,di */
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x7777);
    ck_assert_uint_eq(tm_reg(m, REG_EDI) & 0xFFFF, 0x0002);
    uint32_t a = tm_reg(m, REG_EAX), f = tm_reg(m, REG_EFLAGS);
    step(m, "90");                          /* nop */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), a);
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS), f);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 1);
    tm_destroy(m);
}
END_TEST

START_TEST(xchg_32)
{
    struct testmach *m = mk((enum cpu_model)(CPU_80386 + _i));
    tm_set(m, REG_EAX, 0x11111111);
    tm_set(m, REG_EDX, 0x22222222);
    step(m, "66 92");                       /* xchg eax,edx */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x22222222);
    ck_assert_uint_eq(tm_reg(m, REG_EDX), 0x11111111);
    step(m, "92");                          /* xchg ax,dx: upper halves stay */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x22221111);
    ck_assert_uint_eq(tm_reg(m, REG_EDX), 0x11112222);
    /* LOCK with a register operand is #UD from the 80386 on */
    step(m, "F0 87 C1");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), UD_HANDLER);
    tm_destroy(m);
}
END_TEST

/* ---- LEA, LDS/LES/LSS ------------------------------------------------------ */
START_TEST(lea_far)
{
    struct testmach *m = mk(all_models[_i]);
    tm_set(m, REG_EBX, 0xFFF0);
    tm_set(m, REG_ESI, 0x0020);
    step(m, "8D 40 05");                    /* lea ax,[bx+si+5]: wraps at 16 bits */
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFFFF, 0x0015);
    tm_set(m, REG_EBP, 0x1000);
    step(m, "8D 56 FE");                    /* lea dx,[bp-2] */
    ck_assert_uint_eq(tm_reg(m, REG_EDX) & 0xFFFF, 0x0FFE);

    tm_set(m, REG_DS, 0x0200);
    tm_wr(m, 0x2010, 0x5678, 2);
    tm_wr(m, 0x2012, 0x0900, 2);
    tm_set(m, REG_EBX, 0x10);
    step(m, "C4 3F");                       /* les di,[bx] */
    ck_assert_uint_eq(tm_reg(m, REG_EDI) & 0xFFFF, 0x5678);
    ck_assert_uint_eq(tm_reg(m, REG_ES), 0x0900);
    step(m, "C5 37");                       /* lds si,[bx] */
    ck_assert_uint_eq(tm_reg(m, REG_ESI) & 0xFFFF, 0x5678);
    ck_assert_uint_eq(tm_reg(m, REG_DS), 0x0900);

    /* register forms: #UD from the 80286 on (the 8086 vectors do not
     * test them and the machine stops, so only the later models here) */
    if (all_models[_i] >= CPU_80186) {
        step(m, "8D C0");
        ck_assert_uint_eq(tm_reg(m, REG_EIP), UD_HANDLER);
        step(m, "C4 C0");
        ck_assert_uint_eq(tm_reg(m, REG_EIP), UD_HANDLER);
    } else if (all_models[_i] == CPU_8086) {
        load(m, "8D C0");
        ck_assert_int_eq(cpu_step(m->cpu), CPU_STOP_UNIMPL);
    }
    tm_destroy(m);
}
END_TEST

START_TEST(lea_far_32)
{
    struct testmach *m = mk((enum cpu_model)(CPU_80386 + _i));
    tm_set(m, REG_EBX, 0x10000000);
    tm_set(m, REG_ECX, 0x00000010);
    step(m, "67 66 8D 44 4B 7F");           /* lea eax,[ebx+ecx*2+7Fh] */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x1000009F);
    step(m, "67 8D 44 4B 7F");              /* lea ax,[...]: low 16 bits */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x1000009F);
    tm_set(m, REG_EAX, 0xFFFFFFFF);
    tm_set(m, REG_EBX, 0x0001FFFF);
    step(m, "66 8D 47 02");                 /* lea eax,[bx+2]: 16-bit address */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x00000001);

    tm_set(m, REG_DS, 0x0200);
    tm_wr(m, 0x2010, 0x87654321, 4);
    tm_wr(m, 0x2014, 0x0700, 2);
    tm_set(m, REG_EBX, 0x10);
    step(m, "66 0F B2 27");                 /* lss esp,[bx] */
    ck_assert_uint_eq(tm_reg(m, REG_ESP), 0x87654321);
    ck_assert_uint_eq(tm_reg(m, REG_SS), 0x0700);
    step(m, "0F B4 0F");                    /* lfs cx,[bx] */
    ck_assert_uint_eq(tm_reg(m, REG_ECX) & 0xFFFF, 0x4321);
    ck_assert_uint_eq(tm_reg(m, REG_FS), 0x8765);
    step(m, "66 0F B5 17");                 /* lgs edx,[bx] */
    ck_assert_uint_eq(tm_reg(m, REG_EDX), 0x87654321);
    ck_assert_uint_eq(tm_reg(m, REG_GS), 0x0700);
    tm_destroy(m);
}
END_TEST

/* ---- MOVZX/MOVSX (80386+) ---------------------------------------------------- */
START_TEST(movzx_movsx)
{
    struct testmach *m = mk((enum cpu_model)(CPU_80386 + _i));
    tm_set(m, REG_EBX, 0x00000080);
    tm_set(m, REG_EAX, 0xFFFFFFFF);
    step(m, "66 0F B6 C3");                 /* movzx eax,bl */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x80);
    step(m, "66 0F BE C3");                 /* movsx eax,bl */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xFFFFFF80);
    tm_set(m, REG_EAX, 0x12345678);
    step(m, "0F BE C3");                    /* movsx ax,bl */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x1234FF80);
    tm_set(m, REG_DS, 0x0100);
    tm_wr(m, 0x1010, 0x8001, 2);
    step(m, "66 0F B7 0E 10 00");           /* movzx ecx,word [0010] */
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 0x8001);
    step(m, "66 0F BF 0E 10 00");           /* movsx ecx,word [0010] */
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 0xFFFF8001);
    step(m, "0F B6 0E 11 00");              /* movzx cx,byte [0011] */
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 0xFFFF0080);
    tm_destroy(m);
}
END_TEST

/* ---- XLAT, LAHF/SAHF, flag instructions ---------------------------------------- */
START_TEST(xlat)
{
    struct testmach *m = mk(all_models[_i]);
    tm_set(m, REG_DS, 0x0100);
    tm_set(m, REG_EBX, 0x0200);
    tm_set(m, REG_EAX, 0x00F3);
    tm_wr(m, 0x1000 + 0x2F3, 0x42, 1);
    step(m, "D7");
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFF, 0x42);
    /* BX + AL wraps at 16 bits */
    tm_set(m, REG_EBX, 0xFFF0);
    tm_set(m, REG_EAX, 0x0020);
    tm_wr(m, 0x1000 + 0x10, 0x24, 1);
    step(m, "D7");
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFF, 0x24);
    /* override */
    tm_set(m, REG_ES, 0x0300);
    tm_set(m, REG_EBX, 0x0000);
    tm_set(m, REG_EAX, 0x0005);
    tm_wr(m, 0x3005, 0x66, 1);
    step(m, "26 D7");
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFF, 0x66);
    tm_destroy(m);
}
END_TEST

START_TEST(xlat_32)
{
    struct testmach *m = mk((enum cpu_model)(CPU_80386 + _i));
    tm_set(m, REG_DS, 0x0100);
    tm_set(m, REG_EBX, 0x0000FFF0);
    tm_set(m, REG_EAX, 0x0020);
    tm_wr(m, 0x1000 + 0x10010, 0x3C, 1);
    tm_wr(m, 0x1000 + 0x10, 0x11, 1);
    step(m, "D7");                          /* 16-bit: BX+AL wraps to 0010h */
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFF, 0x11);
    tm_set(m, REG_EAX, 0x0020);
    /* 32-bit: EBX+AL = 10010h; beyond the 64K real-mode limit, so #GP */
    mem_write(&m->mem, 13 * 4, UD_HANDLER, 2);
    mem_write(&m->mem, 13 * 4 + 2, 0, 2);
    step(m, "67 D7");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), UD_HANDLER);
    tm_set(m, REG_EBX, 0x00000100);
    tm_wr(m, 0x1000 + 0x120, 0x5E, 1);
    step(m, "67 D7");
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFF, 0x5E);
    tm_destroy(m);
}
END_TEST

START_TEST(lahf_sahf_flags)
{
    struct testmach *m = mk(all_models[_i]);
    tm_set(m, REG_EFLAGS, 0x0002 | CF | PF | AF | ZF | SF | OF);
    step(m, "9F");                          /* lahf */
    ck_assert_uint_eq((tm_reg(m, REG_EAX) >> 8) & 0xFF, 0xD7);  /* bit 1 set, 3 and 5 clear */
    tm_set(m, REG_EAX, 0x2A00);                  /* AH = 2Ah: only bits 1, 3 and 5 */
    step(m, "9E");                          /* sahf */
    /* the five flags clear, the reserved bits are ignored, OF stays */
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & (CF | PF | AF | ZF | SF | OF), OF);
    tm_set(m, REG_EAX, 0xD500);
    step(m, "9E");
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & (CF | PF | AF | ZF | SF | OF), CF | PF | AF | ZF | SF | OF);

    tm_set(m, REG_EFLAGS, 0x0002 | ZF | SF);
    step(m, "F9");                          /* stc */
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & (CF | ZF | SF | OF), CF | ZF | SF);
    step(m, "F5");                          /* cmc */
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & (CF | ZF | SF | OF), ZF | SF);
    step(m, "F5");
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & CF, CF);
    step(m, "F8");                          /* clc */
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & (CF | ZF | SF), ZF | SF);
    /* OF survives CF changes */
    tm_set(m, REG_EFLAGS, 0x0002 | OF);
    step(m, "F9");
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & (CF | OF), CF | OF);
    step(m, "F8");
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & (CF | OF), OF);
    step(m, "FD");                          /* std */
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & DF, DF);
    step(m, "FC");                          /* cld */
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & DF, 0);
    tm_destroy(m);
}
END_TEST

/* The decoder charges the table's clocks: a few spot checks per model. */
START_TEST(clocks)
{
    struct testmach *m = mk(all_models[_i]);
    static const unsigned mov_rr[7] = { 2, 2, 2, 2, 1, 1, 1 };
    static const unsigned xlat_clk[7] = { 11, 11, 5, 5, 4, 4, 4 };
    load(m, "89 C3");
    uint64_t c0 = cpu_cycles(m->cpu);
    cpu_step(m->cpu);
    ck_assert_uint_eq(cpu_cycles(m->cpu) - c0, mov_rr[_i]);
    load(m, "D7");
    c0 = cpu_cycles(m->cpu);
    cpu_step(m->cpu);
    ck_assert_uint_eq(cpu_cycles(m->cpu) - c0, xlat_clk[_i]);
    tm_destroy(m);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("datamov");
    TCase *t = tcase_create("all");
    tcase_add_loop_test(t, mov_basic, 0, NMODELS);
    tcase_add_loop_test(t, mov_imm_moffs, 0, NMODELS);
    tcase_add_loop_test(t, mov_32, 0, 4);
    tcase_add_loop_test(t, mov_sreg, 0, NMODELS);
    tcase_add_loop_test(t, mov_cs, 0, NMODELS);
    tcase_add_loop_test(t, mov_ss_shadow, 0, NMODELS);
    tcase_add_loop_test(t, xchg, 0, NMODELS);
    tcase_add_loop_test(t, xchg_32, 0, 4);
    tcase_add_loop_test(t, lea_far, 0, NMODELS);
    tcase_add_loop_test(t, lea_far_32, 0, 4);
    tcase_add_loop_test(t, movzx_movsx, 0, 4);
    tcase_add_loop_test(t, xlat, 0, NMODELS);
    tcase_add_loop_test(t, xlat_32, 0, 4);
    tcase_add_loop_test(t, lahf_sahf_flags, 0, NMODELS);
    tcase_add_loop_test(t, clocks, 0, NMODELS);
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
