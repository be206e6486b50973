/* test_system.c - the system family (cpu/system.*): HLT, CLI/STI and the
 * STI interrupt shadow, WAIT and ESC without a coprocessor (#NM rules per
 * model), IN/OUT in 8/16/32 bits with the 8086's odd-port clocks, SMSW/
 * LMSW (PE cannot be cleared), SGDT/SIDT/LGDT/LIDT (the 80286's FFh byte,
 * 24-bit bases with 16-bit operands), the 0F 00 group's #UD in real mode,
 * MOV to/from CR0-CR4, CLTS, INVD/WBINVD/INVLPG, CPUID, RDTSC, RDMSR/WRMSR
 * on the TSC, CMPXCHG8B, UD2, the long NOP, and what stops the machine
 * (LOADALL, x87 on the 80386+, paging, debug registers). */
#include <check.h>
#include <stdio.h>
#include <string.h>
#define TM_FLAG_NAMES
#include "../testmach.h"

#define CODE 0x1000u
#define VEC_BASE 0x3000u
#define VEC(v) (VEC_BASE + 16u * (v))

static struct testmach *mk(enum cpu_model model)
{
    struct testmach *m = tm_create(model);
    tm_trap_all(m, VEC_BASE);
    return m;
}

static void load(struct testmach *m, const char *hex) { tm_load_hex(m, CODE, hex); }

static uint32_t M8(struct testmach *m, uint32_t a) { return mem_read(&m->mem, a, 1); }
static uint32_t M16(struct testmach *m, uint32_t a) { return mem_read(&m->mem, a, 2); }
static uint32_t M32(struct testmach *m, uint32_t a) { return mem_read(&m->mem, a, 4); }
static void W16(struct testmach *m, uint32_t a, uint32_t v) { mem_write(&m->mem, a, v, 2); }
static void W32(struct testmach *m, uint32_t a, uint32_t v) { mem_write(&m->mem, a, v, 4); }

static uint64_t step(struct testmach *m)
{
    uint64_t c0 = cpu_cycles(m->cpu);
    ck_assert_int_eq(cpu_step(m->cpu), CPU_STOP_BUDGET);
    return cpu_cycles(m->cpu) - c0;
}
/* Load and run one instruction. */
static void run(struct testmach *m, const char *hex) { load(m, hex); step(m); }

static const enum cpu_model all_models[] = TM_ALL_MODELS;
#define NMODELS (sizeof all_models / sizeof all_models[0])

/* ---- HLT, CLI, STI ----------------------------------------------------- */
START_TEST(hlt_cli_sti)
{
    struct testmach *m = mk(all_models[_i]);
    run(m, "F4");
    ck_assert_int_eq(cpu_halted(m->cpu), 1);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 1);
    tm_set(m, REG_EFLAGS, 2);
    run(m, "FB");
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & IF, IF);
    run(m, "FA");
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & IF, 0);
    tm_destroy(m);
}
END_TEST

static int ack_vec8(void *opaque) { (void)opaque; return 8; }

/* STI with IF clear delays a pending interrupt by one instruction; with IF
 * already set there is no window (SDM vol. 2, STI). */
START_TEST(sti_shadow)
{
    struct testmach *m = mk(all_models[_i]);
    struct cpu_intc intc = { ack_vec8, NULL };
    cpu_set_intc(m->cpu, &intc);
    load(m, "FB 9B 9B");                              /* sti; wait; wait */
    tm_set(m, REG_EFLAGS, 2);
    cpu_set_intr(m->cpu, 1);
    step(m);                                          /* sti */
    step(m);                                          /* wait, in the shadow */
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);
    step(m);                                          /* interrupt, then its HLT */
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(8) + 1);
    ck_assert_uint_eq(M16(m, 0x7FFA), CODE + 2);

    cpu_set_intr(m->cpu, 0);
    load(m, "FB 9B 9B");
    tm_set(m, REG_EFLAGS, 2 | IF);
    step(m);                                          /* sti: no new window */
    cpu_set_intr(m->cpu, 1);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(8) + 1);
    ck_assert_uint_eq(M16(m, 0x7FFA), CODE + 1);
    cpu_set_intr(m->cpu, 0);
    tm_destroy(m);
}
END_TEST

/* ---- IN / OUT ------------------------------------------------------------ */
struct fakeio {
    uint16_t port;
    unsigned width, n;
    uint32_t val;
    char dir;
};
static uint32_t fk_read(void *opaque, uint16_t port, unsigned width)
{
    struct fakeio *f = opaque;
    f->dir = 'r', f->port = port, f->width = width, f->n++;
    return 0x44332211u & (width == 4 ? 0xFFFFFFFFu : (1u << (8 * width)) - 1);
}
static void fk_write(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct fakeio *f = opaque;
    f->dir = 'w', f->port = port, f->width = width, f->val = val, f->n++;
}

START_TEST(in_out)
{
    struct testmach *m = mk(all_models[_i]);
    struct fakeio f = { 0, 0, 0, 0, 0 };
    char err[200];
    ck_assert_int_eq(io_register(&m->io, "fake", 0x60, 0x10, IO_W8 | IO_W16 | IO_W32, fk_read,
                                 fk_write, &f, err, sizeof err), 0);
    ck_assert_int_eq(io_register(&m->io, "fake-hi", 0x1230, 0x10, IO_W8 | IO_W16 | IO_W32,
                                 fk_read, fk_write, &f, err, sizeof err), 0);
    tm_set(m, REG_EAX, 0xAAAAAAAA);
    run(m, "E4 64");                                  /* in al, 64h */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xAAAAAA11);
    ck_assert(f.dir == 'r' && f.port == 0x64 && f.width == 1);
    run(m, "E5 66");                                  /* in ax, 66h */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xAAAA2211);
    ck_assert(f.port == 0x66 && f.width == 2);
    tm_set(m, REG_EDX, 0xFFFF1234);
    run(m, "EC");                                     /* in al, dx */
    ck_assert(f.port == 0x1234 && f.width == 1);
    run(m, "ED");                                     /* in ax, dx */
    ck_assert(f.port == 0x1234 && f.width == 2);
    tm_set(m, REG_EAX, 0x87654321);
    run(m, "E6 61");
    ck_assert(f.dir == 'w' && f.port == 0x61 && f.width == 1 && f.val == 0x21);
    run(m, "E7 62");
    ck_assert(f.port == 0x62 && f.width == 2 && f.val == 0x4321);
    run(m, "EE");
    ck_assert(f.port == 0x1234 && f.width == 1 && f.val == 0x21);
    run(m, "EF");
    ck_assert(f.port == 0x1234 && f.width == 2 && f.val == 0x4321);
    if (all_models[_i] >= CPU_80386) {
        run(m, "66 EF");
        ck_assert(f.width == 4 && f.val == 0x87654321);
        run(m, "66 E5 60");
        ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x44332211);
        ck_assert(f.dir == 'r' && f.width == 4);
    }
    tm_destroy(m);
}
END_TEST

/* 8086: a word at an odd port takes a second bus cycle, 4 clocks. */
START_TEST(io_clocks_8086)
{
    struct testmach *m = mk(CPU_8086);
    tm_set(m, REG_EDX, 0x60);
    load(m, "ED");
    ck_assert_uint_eq(step(m), 8);
    load(m, "ED");
    tm_set(m, REG_EDX, 0x61);
    ck_assert_uint_eq(step(m), 12);
    load(m, "EC");
    ck_assert_uint_eq(step(m), 8);
    load(m, "E7 61");
    ck_assert_uint_eq(step(m), 14);
    tm_destroy(m);
}
END_TEST

/* ---- WAIT and ESC without a coprocessor -------------------------------- */
START_TEST(esc_8086_decodes_and_does_nothing)
{
    struct testmach *m = mk(CPU_8086);
    tm_set(m, REG_EAX, 0x1111);
    run(m, "D8 06 00 50");                            /* fadd dword [5000] */
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 4);
    run(m, "DF C0");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);
    run(m, "DD 87 34 12");                            /* fld qword [bx+1234] */
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 4);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x1111);
    run(m, "9B");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 1);
    tm_destroy(m);
}
END_TEST

START_TEST(esc_wait_286)
{
    struct testmach *m = mk(CPU_80286);
    run(m, "D8 C0");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);
    /* operand at offset FFFF: the limit check still happens (#GP) */
    tm_set(m, REG_ESI, 0xFFFF);
    run(m, "D8 24");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(13));
    tm_set(m, REG_EAX, 0x0004);                            /* MSW.EM */
    run(m, "0F 01 F0");                               /* lmsw ax */
    run(m, "D8 C0");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(7));
    run(m, "9B");                                     /* WAIT ignores EM */
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 1);
    tm_set(m, REG_EAX, 0x000A);                            /* MP + TS */
    run(m, "0F 01 F0");
    run(m, "9B");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(7));
    run(m, "D8 C0");                                  /* TS: #NM */
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(7));
    run(m, "0F 06");                                  /* clts */
    run(m, "9B");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 1);
    tm_destroy(m);
}
END_TEST

START_TEST(x87_on_386_plus)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "D9 E8");                                 /* fld1 */
    ck_assert_int_eq(cpu_step(m->cpu), CPU_STOP_UNIMPL);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE);
    ck_assert_ptr_nonnull(strstr(cpu_stop_message(m->cpu), "x87"));
    tm_set(m, REG_EAX, 0x0004);
    run(m, "0F 01 F0");                               /* lmsw: EM */
    run(m, "D9 E8");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(7));
    tm_destroy(m);
}
END_TEST

/* ---- SMSW / LMSW ---------------------------------------------------------- */
START_TEST(smsw_lmsw_286)
{
    struct testmach *m = mk(CPU_80286);
    run(m, "0F 01 E0");                               /* smsw ax */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xFFF0);
    tm_set(m, REG_EAX, 0xFFFE);
    run(m, "0F 01 F0");                               /* lmsw ax: MP EM TS */
    run(m, "0F 01 26 00 50");                         /* smsw [5000] */
    ck_assert_uint_eq(M16(m, 0x5000), 0xFFFE);
    tm_set(m, REG_EAX, 0x0001);
    run(m, "0F 01 F0");                               /* set PE */
    run(m, "0F 01 E3");                               /* smsw bx */
    ck_assert_uint_eq(tm_reg(m, REG_EBX) & 0xF, 0x1);
    tm_set(m, REG_EAX, 0x0000);
    run(m, "0F 01 F0");                               /* PE cannot be cleared */
    run(m, "0F 01 E3");
    ck_assert_uint_eq(tm_reg(m, REG_EBX) & 0xF, 0x1);
    tm_destroy(m);
}
END_TEST

START_TEST(smsw_32_386)
{
    struct testmach *m = mk(CPU_80386);
    tm_set(m, REG_EAX, 0xFFFFFFFF);
    run(m, "66 0F 01 E0");                            /* smsw eax: all of CR0 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x00000010);
    tm_set(m, REG_EAX, 0xFFFFFFFF);
    run(m, "0F 01 E0");
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xFFFF0010);
    tm_destroy(m);
}
END_TEST

/* ---- descriptor-table registers ------------------------------------------ */
static void dt_image(struct testmach *m)
{
    W16(m, 0x5000, 0x1234);
    W32(m, 0x5002, 0x99563412);
}

START_TEST(lgdt_sgdt_286)
{
    struct testmach *m = mk(CPU_80286);
    dt_image(m);
    run(m, "0F 01 16 00 50");                         /* lgdt [5000] */
    run(m, "0F 01 06 00 60");                         /* sgdt [6000] */
    ck_assert_uint_eq(M16(m, 0x6000), 0x1234);
    ck_assert_uint_eq(M32(m, 0x6002), 0xFF563412);    /* 24-bit base, FF above */
    run(m, "0F 01 1E 00 50");                         /* lidt [5000] */
    run(m, "0F 01 0E 00 70");                         /* sidt [7000] */
    ck_assert_uint_eq(M16(m, 0x7000), 0x1234);
    ck_assert_uint_eq(M32(m, 0x7002), 0xFF563412);
    tm_destroy(m);
}
END_TEST

START_TEST(lgdt_sgdt_386)
{
    struct testmach *m = mk(all_models[_i]);
    dt_image(m);
    run(m, "0F 01 16 00 50");                         /* 16-bit: 24-bit base */
    run(m, "0F 01 06 00 60");
    ck_assert_uint_eq(M16(m, 0x6000), 0x1234);
    ck_assert_uint_eq(M32(m, 0x6002), 0x00563412);
    run(m, "66 0F 01 16 00 50");                      /* 32-bit: all of it */
    run(m, "66 0F 01 06 00 60");
    ck_assert_uint_eq(M32(m, 0x6002), 0x99563412);
    run(m, "0F 01 06 00 60");                         /* stored as 16-bit: top 0 */
    ck_assert_uint_eq(M8(m, 0x6005), 0);
    tm_destroy(m);
}
END_TEST

/* LIDT moves the real-mode interrupt table. */
START_TEST(lidt_moves_ivt)
{
    struct testmach *m = mk(all_models[_i]);
    W16(m, 0x5000, 0x03FF);
    W32(m, 0x5002, 0x00009000);
    W16(m, 0x9000 + 0x10 * 4, 0x4444);
    W16(m, 0x9000 + 0x10 * 4 + 2, 0x0020);
    run(m, "0F 01 1E 00 50");
    run(m, "CD 10");
    ck_assert_uint_eq(tm_reg(m, REG_CS), 0x0020);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), 0x4444);
    tm_destroy(m);
}
END_TEST

/* ---- 0F 00 group ------------------------------------------------------------ */
START_TEST(grp6_ud_in_real_mode)
{
    struct testmach *m = mk(all_models[_i]);
    static const char *const ops[] = {
        "0F 00 C0", "0F 00 0E 00 50", "0F 00 D0", "0F 00 D8", "0F 00 E0", "0F 00 E8", "0F 00 F0",
    };
    for (unsigned k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        run(m, ops[k]);
        ck_assert_msg(tm_reg(m, REG_EIP) == VEC(6), "%s: ip %X", ops[k], tm_reg(m, REG_EIP));
    }
    tm_destroy(m);
}
END_TEST

/* ---- MOV CRn ------------------------------------------------------------------ */
START_TEST(mov_cr_386_486)
{
    enum cpu_model model = all_models[_i];
    struct testmach *m = mk(model);
    run(m, "0F 20 C0");                               /* mov eax, cr0 */
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0x10);
    tm_set(m, REG_EBX, 0x0000000E);
    run(m, "0F 22 C3");                               /* mov cr0, ebx */
    run(m, "0F 20 C1");
    /* 80386: ET is writable; 80486+: hardwired to 1 */
    ck_assert_uint_eq(tm_reg(m, REG_ECX), model == CPU_80386 ? 0x0E : 0x1E);
    tm_set(m, REG_EBX, 0x12345678);
    run(m, "0F 22 D3");                               /* mov cr2, ebx */
    run(m, "0F 20 D2");                               /* mov edx, cr2 */
    ck_assert_uint_eq(tm_reg(m, REG_EDX), 0x12345678);
    tm_set(m, REG_EBX, 0x00123000);
    run(m, "0F 22 DB");                               /* mov cr3, ebx */
    run(m, "0F 20 DE");                               /* mov esi, cr3 */
    ck_assert_uint_eq(tm_reg(m, REG_ESI), 0x00123000);
    tm_set(m, REG_EBX, 0x80000000);                        /* PG without PE */
    run(m, "0F 22 C3");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(13));
    run(m, "0F 20 C8");                               /* CR1: #UD */
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(6));
    run(m, "0F 20 E0");                               /* CR4 */
    ck_assert_uint_eq(tm_reg(m, REG_EIP), model >= CPU_PENTIUM ? CODE + 3 : VEC(6));
    run(m, "0F 20 00");                               /* mod != 3: #UD here */
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(6));
    if (model >= CPU_80486) {
        tm_set(m, REG_EBX, 0x20000010);                    /* NW without CD */
        run(m, "0F 22 C3");
        ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(13));
    }
    /* enabling paging stops the machine (not modelled yet) */
    tm_set(m, REG_EBX, 0x80000011);
    load(m, "0F 22 C3");
    ck_assert_int_eq(cpu_step(m->cpu), CPU_STOP_UNIMPL);
    tm_destroy(m);
}
END_TEST

START_TEST(mov_cr4_pentium)
{
    struct testmach *m = mk(CPU_PENTIUM);
    tm_set(m, REG_EAX, 0x4);                               /* TSD */
    run(m, "0F 22 E0");
    run(m, "0F 20 E3");
    ck_assert_uint_eq(tm_reg(m, REG_EBX), 0x4);
    tm_set(m, REG_EAX, 0x10);                              /* PSE: not offered */
    run(m, "0F 22 E0");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(13));
    tm_destroy(m);
}
END_TEST

START_TEST(mov_dr_stops)
{
    struct testmach *m = mk(CPU_80386);
    load(m, "0F 21 F8");
    ck_assert_int_eq(cpu_step(m->cpu), CPU_STOP_UNIMPL);
    load(m, "0F 23 F8");
    ck_assert_int_eq(cpu_step(m->cpu), CPU_STOP_UNIMPL);
    tm_destroy(m);
}
END_TEST

/* PE set through MOV CR0 and LMSW is allowed in real-mode code. */
START_TEST(pe_set_allowed)
{
    struct testmach *m = mk(CPU_80386);
    tm_set(m, REG_EAX, 0x11);
    run(m, "0F 22 C0");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 3);
    run(m, "0F 20 C1");
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 0x11);
    /* a far jump would load CS the protected-mode way: not modelled yet */
    load(m, "EA 00 00 08 00");
    ck_assert_int_eq(cpu_step(m->cpu), CPU_STOP_UNIMPL);
    tm_destroy(m);
}
END_TEST

/* ---- 486: INVD, WBINVD, INVLPG ------------------------------------------------- */
START_TEST(cache_tlb_486)
{
    struct testmach *m = mk(CPU_80486);
    run(m, "0F 08");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);
    run(m, "0F 09");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);
    run(m, "0F 01 3E 00 50");                         /* invlpg [5000] */
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 5);
    run(m, "0F 01 F8");                               /* register form: #UD */
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(6));
    tm_destroy(m);
    m = mk(CPU_80386);
    run(m, "0F 08");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(6));
    tm_destroy(m);
}
END_TEST

/* ---- Pentium ----------------------------------------------------------------------- */
START_TEST(cpuid)
{
    struct testmach *m = mk(CPU_80486);
    run(m, "0F A2");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(6));
    tm_destroy(m);
    for (int p6 = 0; p6 < 2; p6++) {
        m = mk(p6 ? CPU_P6 : CPU_PENTIUM);
        tm_set(m, REG_EAX, 0);
        run(m, "0F A2");
        ck_assert_uint_eq(tm_reg(m, REG_EAX), 1);
        char v[13];
        uint32_t b = tm_reg(m, REG_EBX), d = tm_reg(m, REG_EDX), c = tm_reg(m, REG_ECX);
        memcpy(v, (char[12]){ (char)b, (char)(b >> 8), (char)(b >> 16), (char)(b >> 24),
                              (char)d, (char)(d >> 8), (char)(d >> 16), (char)(d >> 24),
                              (char)c, (char)(c >> 8), (char)(c >> 16), (char)(c >> 24) }, 12);
        v[12] = 0;
        ck_assert_str_eq(v, "GenuineIntel");
        tm_set(m, REG_EAX, 1);
        run(m, "0F A2");
        ck_assert_uint_eq(tm_reg(m, REG_EAX), p6 ? 0x619 : 0x52C);
        ck_assert_uint_eq(tm_reg(m, REG_EDX), p6 ? 0x8130 : 0x0130);
        ck_assert_uint_eq(tm_reg(m, REG_EBX), 0);
        tm_set(m, REG_EAX, 7);                             /* above the top leaf: leaf 1 */
        run(m, "0F A2");
        ck_assert_uint_eq(tm_reg(m, REG_EAX), p6 ? 0x619 : 0x52C);
        tm_destroy(m);
    }
}
END_TEST

START_TEST(tsc_and_msr)
{
    enum cpu_model model = all_models[_i];
    struct testmach *m = mk(model);
    run(m, "0F 31");                                  /* rdtsc */
    uint64_t t = (uint64_t)tm_reg(m, REG_EDX) << 32 | tm_reg(m, REG_EAX);
    ck_assert_uint_eq(t, cpu_cycles(m->cpu));
    tm_set(m, REG_ECX, 0x10);
    tm_set(m, REG_EDX, 0x00000001);
    tm_set(m, REG_EAX, 0x00000100);
    run(m, "0F 30");                                  /* wrmsr TSC */
    uint64_t c0 = cpu_cycles(m->cpu);
    run(m, "0F 32");                                  /* rdmsr TSC */
    t = (uint64_t)tm_reg(m, REG_EDX) << 32 | tm_reg(m, REG_EAX);
    /* the Pentium writes all 64 bits, the P6 clears the high half */
    uint64_t base = model == CPU_P6 ? 0x100u : 0x100000100ull;
    ck_assert_uint_eq(t, base + (cpu_cycles(m->cpu) - c0));
    tm_set(m, REG_ECX, 0x11);
    run(m, "0F 32");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(13));
    run(m, "0F 30");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(13));
    tm_destroy(m);
}
END_TEST

START_TEST(cmpxchg8b)
{
    struct testmach *m = mk(all_models[_i]);
    W32(m, 0x5000, 0x11111111);
    W32(m, 0x5004, 0x22222222);
    tm_set(m, REG_EAX, 0x11111111);
    tm_set(m, REG_EDX, 0x22222222);
    tm_set(m, REG_EBX, 0xBBBBBBBB);
    tm_set(m, REG_ECX, 0xCCCCCCCC);
    load(m, "0F C7 0E 00 50");
    tm_set(m, REG_EFLAGS, 2 | CF | PF);
    step(m);
    ck_assert_uint_eq(M32(m, 0x5000), 0xBBBBBBBB);
    ck_assert_uint_eq(M32(m, 0x5004), 0xCCCCCCCC);
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & (CF | PF | ZF), CF | PF | ZF);
    load(m, "0F C7 0E 00 50");                        /* now unequal */
    tm_set(m, REG_EFLAGS, 2 | ZF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xBBBBBBBB);
    ck_assert_uint_eq(tm_reg(m, REG_EDX), 0xCCCCCCCC);
    ck_assert_uint_eq(M32(m, 0x5000), 0xBBBBBBBB);
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & (CF | ZF), 0);
    run(m, "0F C7 C8");                               /* register form: #UD */
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(6));
    tm_destroy(m);
}
END_TEST

START_TEST(ud2_and_long_nop)
{
    struct testmach *m = mk(CPU_P6);
    run(m, "0F 0B");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(6));
    run(m, "0F 1F 00");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 3);
    run(m, "66 0F 1F 44 00");                         /* nop dword [si+0] */
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 5);
    tm_destroy(m);
    m = mk(CPU_PENTIUM);
    run(m, "0F 0B");
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(6));
    run(m, "0F 1F 00");                               /* not a NOP before the P6 */
    ck_assert_uint_eq(tm_reg(m, REG_EIP), VEC(6));
    tm_destroy(m);
}
END_TEST

START_TEST(loadall_stops)
{
    struct testmach *m = mk(CPU_80286);
    load(m, "0F 05");
    ck_assert_int_eq(cpu_step(m->cpu), CPU_STOP_UNIMPL);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE);
    tm_destroy(m);
}
END_TEST

static Suite *system_suite(void)
{
    Suite *s = suite_create("system");
    TCase *t = tcase_create("system");
    tcase_add_loop_test(t, hlt_cli_sti, 0, NMODELS);
    tcase_add_loop_test(t, sti_shadow, 0, NMODELS);
    tcase_add_loop_test(t, in_out, 0, NMODELS);
    tcase_add_test(t, io_clocks_8086);
    tcase_add_test(t, esc_8086_decodes_and_does_nothing);
    tcase_add_test(t, esc_wait_286);
    tcase_add_loop_test(t, x87_on_386_plus, 3, NMODELS);
    tcase_add_test(t, smsw_lmsw_286);
    tcase_add_test(t, smsw_32_386);
    tcase_add_test(t, lgdt_sgdt_286);
    tcase_add_loop_test(t, lgdt_sgdt_386, 3, NMODELS);
    tcase_add_loop_test(t, lidt_moves_ivt, 2, NMODELS);
    tcase_add_loop_test(t, grp6_ud_in_real_mode, 2, NMODELS);
    tcase_add_loop_test(t, mov_cr_386_486, 3, NMODELS);
    tcase_add_test(t, mov_cr4_pentium);
    tcase_add_test(t, mov_dr_stops);
    tcase_add_test(t, pe_set_allowed);
    tcase_add_test(t, cache_tlb_486);
    tcase_add_test(t, cpuid);
    tcase_add_loop_test(t, tsc_and_msr, 5, NMODELS);
    tcase_add_loop_test(t, cmpxchg8b, 5, NMODELS);
    tcase_add_test(t, ud2_and_long_nop);
    tcase_add_test(t, loadall_stops);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(system_suite());
    srunner_run_all(sr, CK_NORMAL);
    int nf = srunner_ntests_failed(sr);
    srunner_free(sr);
    return nf ? 1 : 0;
}
