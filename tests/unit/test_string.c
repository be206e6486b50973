/* test_string.c - the string family (cpu/string.*): MOVS CMPS STOS LODS
 * SCAS INS OUTS at 8/16/32 bits, DF, segment overrides (source only),
 * REP/REPE/REPNE and their end conditions, 16- against 32-bit address
 * size, REP clocks, a REP loop that stops for a timer event or a run
 * budget and resumes with the same result and the same clocks, the
 * single-step trap after each iteration, and the 80286's registers when a
 * string access faults at offset FFFFh. */
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

/* Load hex bytes at 0000:1000 and point CS:IP there (SS:SP = 0000:8000);
 * DS = 0200h (base 2000h) and ES = 0400h (base 4000h). */
static void load(struct testmach *m, const char *hex)
{
    tm_load_hex(m, CODE, hex);
    cpu_set_reg(m->cpu, REG_DS, 0x0200);
    cpu_set_reg(m->cpu, REG_ES, 0x0400);
}

static void step(struct testmach *m) { ck_assert_int_eq(cpu_step(m->cpu), CPU_STOP_BUDGET); }
static uint32_t R16(struct testmach *m, enum cpu_reg r) { return tm_reg(m, r) & 0xFFFF; }

static const enum cpu_model all_models[] = TM_ALL_MODELS;
#define NMODELS (sizeof all_models / sizeof all_models[0])
#define MODEL386 ((enum cpu_model)(CPU_80386 + _i))

/* ---- single iterations -------------------------------------------------------- */
START_TEST(movs_lods_stos)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "A4");                          /* movsb */
    tm_set(m, REG_ESI, 0x10);
    tm_set(m, REG_EDI, 0x20);
    tm_wr(m, 0x2010, 0x5A, 1);
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x4020, 1), 0x5A);
    ck_assert_uint_eq(R16(m, REG_ESI), 0x11);
    ck_assert_uint_eq(R16(m, REG_EDI), 0x21);

    load(m, "A5");                          /* movsw, DF=1 */
    tm_set(m, REG_EFLAGS, 0x0002 | DF);
    tm_set(m, REG_ESI, 0x10);
    tm_set(m, REG_EDI, 0x20);
    tm_wr(m, 0x2010, 0x1234, 2);
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x4020, 2), 0x1234);
    ck_assert_uint_eq(R16(m, REG_ESI), 0x0E);
    ck_assert_uint_eq(R16(m, REG_EDI), 0x1E);

    load(m, "2E A4");                       /* cs: movsb: the override moves the source only */
    tm_set(m, REG_EFLAGS, 0x0002);
    tm_set(m, REG_ESI, 0x0000);                  /* CS:0 = linear 0 */
    tm_set(m, REG_EDI, 0x30);
    tm_wr(m, 0x0000, 0xC3, 1);
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x4030, 1), 0xC3);

    load(m, "AC AD");                       /* lodsb; lodsw */
    tm_set(m, REG_ESI, 0x40);
    tm_set(m, REG_EAX, 0xFFFF);
    tm_wr(m, 0x2040, 0x7711, 2);
    tm_wr(m, 0x2042, 0x8899, 2);
    step(m);
    ck_assert_uint_eq(R16(m, REG_EAX), 0xFF11);
    step(m);
    ck_assert_uint_eq(R16(m, REG_EAX), 0x9977);        /* the word at SI=41h */
    ck_assert_uint_eq(R16(m, REG_ESI), 0x43);

    load(m, "AA AB");                       /* stosb; stosw */
    tm_set(m, REG_EDI, 0x50);
    tm_set(m, REG_EAX, 0xABCD);
    step(m);
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x4050, 1), 0xCD);
    ck_assert_uint_eq(tm_rd(m, 0x4051, 2), 0xABCD);
    ck_assert_uint_eq(R16(m, REG_EDI), 0x53);

    /* SI wraps at 16 bits (byte access: no fault on any model) */
    load(m, "A4");
    tm_set(m, REG_ESI, 0xFFFF);
    tm_set(m, REG_EDI, 0x60);
    tm_wr(m, 0x2000 + 0xFFFF, 0x4E, 1);
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x4060, 1), 0x4E);
    ck_assert_uint_eq(tm_reg(m, REG_ESI), 0x0000);
    tm_destroy(m);
}
END_TEST

START_TEST(cmps_scas)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "A6");                          /* cmpsb: [si] - [di] */
    tm_set(m, REG_ESI, 0x10);
    tm_set(m, REG_EDI, 0x10);
    tm_wr(m, 0x2010, 0x01, 1);
    tm_wr(m, 0x4010, 0x02, 1);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & (CF | ZF | SF | OF), CF | SF);
    ck_assert_uint_eq(R16(m, REG_ESI), 0x11);
    ck_assert_uint_eq(R16(m, REG_EDI), 0x11);

    load(m, "A7");                          /* cmpsw: 8000h - 0001h overflows */
    tm_set(m, REG_ESI, 0x20);
    tm_set(m, REG_EDI, 0x20);
    tm_wr(m, 0x2020, 0x8000, 2);
    tm_wr(m, 0x4020, 0x0001, 2);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & (CF | ZF | SF | OF | AF), OF | AF);

    load(m, "AE");                          /* scasb: AL - [di] */
    tm_set(m, REG_EAX, 0x42);
    tm_set(m, REG_EDI, 0x30);
    tm_wr(m, 0x4030, 0x42, 1);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & (CF | ZF), ZF);
    ck_assert_uint_eq(R16(m, REG_EDI), 0x31);
    tm_destroy(m);
}
END_TEST

/* ---- REP ---------------------------------------------------------------------- */
START_TEST(rep_movs_stos)
{
    static const unsigned clk5[7] = { 9 + 5 * 17, 9 + 5 * 17, 5 + 5 * 4, 5 + 5 * 4, 7 + 5 * 3,
                                      6 + 5 * 1, 6 + 5 * 1 };
    struct testmach *m = mk(all_models[_i]);
    load(m, "F3 A4");                       /* rep movsb */
    tm_set(m, REG_ECX, 5);
    tm_set(m, REG_ESI, 0x100);
    tm_set(m, REG_EDI, 0x200);
    for (unsigned k = 0; k < 6; k++) tm_wr(m, 0x2100 + k, 0x10 + k, 1);
    uint64_t c0 = cpu_cycles(m->cpu);
    step(m);
    ck_assert_uint_eq(cpu_cycles(m->cpu) - c0, clk5[_i]);
    for (unsigned k = 0; k < 5; k++) ck_assert_uint_eq(tm_rd(m, 0x4200 + k, 1), 0x10 + k);
    ck_assert_uint_eq(tm_rd(m, 0x4205, 1), 0);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 0);
    ck_assert_uint_eq(R16(m, REG_ESI), 0x105);
    ck_assert_uint_eq(R16(m, REG_EDI), 0x205);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);

    /* CX=0: nothing moves */
    load(m, "F3 A5");
    tm_set(m, REG_ECX, 0);
    tm_set(m, REG_ESI, 0x100);
    step(m);
    ck_assert_uint_eq(R16(m, REG_ESI), 0x100);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), CODE + 2);

    /* F2 (REPNE) on MOVS/STOS repeats like F3 (8086 vectors) */
    load(m, "F2 AB");                       /* repne stosw */
    tm_set(m, REG_ECX, 3);
    tm_set(m, REG_EDI, 0x300);
    tm_set(m, REG_EAX, 0x55AA);
    tm_set(m, REG_EFLAGS, 0x0002 | ZF);
    step(m);
    for (unsigned k = 0; k < 3; k++) ck_assert_uint_eq(tm_rd(m, 0x4300 + 2 * k, 2), 0x55AA);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 0);
    ck_assert_uint_eq(R16(m, REG_EDI), 0x306);

    /* REP LODSB leaves the last byte */
    load(m, "F3 AC");
    tm_set(m, REG_ECX, 3);
    tm_set(m, REG_ESI, 0x100);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX) & 0xFF, 0x12);
    tm_destroy(m);
}
END_TEST

START_TEST(repe_repne)
{
    struct testmach *m = mk(all_models[_i]);
    static const char a[] = "HELLO WORLD", b[] = "HELLO THERE";
    for (unsigned k = 0; k < sizeof a; k++) {
        tm_wr(m, 0x2100 + k, (uint8_t)a[k], 1);
        tm_wr(m, 0x4100 + k, (uint8_t)b[k], 1);
    }
    load(m, "F3 A6");                       /* repe cmpsb: stops after the mismatch */
    tm_set(m, REG_ECX, 11);
    tm_set(m, REG_ESI, 0x100);
    tm_set(m, REG_EDI, 0x100);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 11 - 7);          /* 'W' vs 'T' at index 6 */
    ck_assert_uint_eq(R16(m, REG_ESI), 0x107);
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & (ZF | CF), 0); /* 'W' > 'T' */

    load(m, "F2 AE");                       /* repne scasb: find ' ' */
    tm_set(m, REG_ECX, 11);
    tm_set(m, REG_EDI, 0x100);
    tm_set(m, REG_EAX, ' ');
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 11 - 6);
    ck_assert_uint_eq(R16(m, REG_EDI), 0x106);
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & ZF, ZF);

    load(m, "F2 AE");                       /* not found: runs out, ZF=0 */
    tm_set(m, REG_ECX, 5);
    tm_set(m, REG_EDI, 0x100);
    tm_set(m, REG_EAX, 'Z');
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 0);
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & ZF, 0);

    load(m, "F3 A6");                       /* equal throughout: ZF=1, CX=0 */
    tm_set(m, REG_ECX, 5);
    tm_set(m, REG_ESI, 0x100);
    tm_set(m, REG_EDI, 0x100);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 0);
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & ZF, ZF);
    tm_destroy(m);
}
END_TEST

/* ---- 32-bit operand and address sizes (80386+) ---------------------------------- */
START_TEST(string_32)
{
    struct testmach *m = mk(MODEL386);
    load(m, "66 A5");                       /* movsd */
    tm_set(m, REG_ESI, 0x10);
    tm_set(m, REG_EDI, 0x20);
    tm_wr(m, 0x2010, 0xDEADBEEF, 4);
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x4020, 4), 0xDEADBEEF);
    ck_assert_uint_eq(tm_reg(m, REG_ESI), 0x14);

    /* 16-bit address size: only CX counts and only CX/DI change */
    load(m, "F3 AA");
    tm_set(m, REG_ECX, 0x00010002);
    tm_set(m, REG_EDI, 0x12340100);
    tm_set(m, REG_EAX, 0x77);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 0x00010000);
    ck_assert_uint_eq(tm_reg(m, REG_EDI), 0x12340102);
    ck_assert_uint_eq(tm_rd(m, 0x4101, 1), 0x77);

    /* 67h: ECX/ESI/EDI */
    load(m, "67 F3 66 AB");                 /* rep stosd (a32) */
    tm_set(m, REG_ECX, 3);
    tm_set(m, REG_EDI, 0x200);
    tm_set(m, REG_EAX, 0x01020304);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 0);
    ck_assert_uint_eq(tm_reg(m, REG_EDI), 0x20C);
    ck_assert_uint_eq(tm_rd(m, 0x4208, 4), 0x01020304);
    load(m, "67 66 AD");                    /* lodsd (a32) */
    tm_set(m, REG_ESI, 0x1800);
    tm_wr(m, 0x3800, 0xAABBCCDD, 4);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EAX), 0xAABBCCDD);
    ck_assert_uint_eq(tm_reg(m, REG_ESI), 0x1804);
    load(m, "67 66 AF");                    /* scasd (a32), DF=1 */
    tm_set(m, REG_EFLAGS, 0x0002 | DF);
    tm_set(m, REG_EDI, 0x208);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EFLAGS) & ZF, 0);
    ck_assert_uint_eq(tm_reg(m, REG_EDI), 0x204);
    tm_destroy(m);
}
END_TEST

/* ---- INS/OUTS (80186+) ----------------------------------------------------------- */
struct port_dev { uint8_t next; uint8_t out[16]; uint32_t outw[8]; unsigned nout, noutw; };

static uint32_t port_rd(void *opaque, uint16_t port, unsigned width)
{
    struct port_dev *d = opaque;
    (void)port;
    uint32_t v = 0;
    for (unsigned k = 0; k < width; k++) v |= (uint32_t)d->next++ << (8 * k);
    return v;
}
static void port_wr(void *opaque, uint16_t port, uint32_t val, unsigned width)
{
    struct port_dev *d = opaque;
    (void)port;
    if (width == 1 && d->nout < 16) d->out[d->nout++] = (uint8_t)val;
    else if (d->noutw < 8) d->outw[d->noutw++] = val;
}

START_TEST(ins_outs)
{
    struct testmach *m = mk(all_models[_i + 1]);    /* 80186 .. P6 */
    struct port_dev d = { 0x40, { 0 }, { 0 }, 0, 0 };
    char err[128];
    ck_assert_int_eq(io_register(&m->io, "test", 0x60, 4, IO_W8 | IO_W16 | IO_W32, port_rd,
                                 port_wr, &d, err, sizeof err), 0);
    load(m, "F3 6C");                       /* rep insb */
    tm_set(m, REG_EDX, 0x60);
    tm_set(m, REG_ECX, 4);
    tm_set(m, REG_EDI, 0x100);
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x4100, 4), 0x43424140);
    ck_assert_uint_eq(R16(m, REG_EDI), 0x104);
    load(m, "6D");                          /* insw */
    tm_set(m, REG_EDI, 0x110);
    step(m);
    ck_assert_uint_eq(tm_rd(m, 0x4110, 2), 0x4544);

    load(m, "F3 6E");                       /* rep outsb from DS:SI */
    tm_set(m, REG_ECX, 3);
    tm_set(m, REG_ESI, 0x10);
    tm_wr(m, 0x2010, 0x00434241, 4);
    step(m);
    ck_assert_uint_eq(d.nout, 3);
    ck_assert_uint_eq(d.out[0], 'A');
    ck_assert_uint_eq(d.out[2], 'C');
    load(m, "26 6F");                       /* es: outsw */
    tm_set(m, REG_ESI, 0x110);
    step(m);
    ck_assert_uint_eq(d.noutw, 1);
    ck_assert_uint_eq(d.outw[0], 0x4544);
    ck_assert_uint_eq(R16(m, REG_ESI), 0x112);
    if (all_models[_i + 1] >= CPU_80386) {
        load(m, "66 6F");                   /* outsd */
        tm_set(m, REG_ESI, 0x10);
        step(m);
        ck_assert_uint_eq(d.outw[1], 0x00434241);
    }
    tm_destroy(m);
}
END_TEST

/* ---- REP against time ---------------------------------------------------------------- */
/* A 1000-byte REP MOVSB then HLT, run three ways: in one go, in slices of
 * 37 clocks, and with a timer in the middle. The loop stops for the slice
 * ends and the timer and resumes where it was; the result and the total
 * clocks do not change. */
struct probe { struct testmach *m; uint64_t now; uint32_t cx, ip; int fired; };

static void probe_fire(void *opaque, uint64_t now)
{
    struct probe *p = opaque;
    p->now = now;
    p->cx = cpu_get_reg(p->m->cpu, REG_ECX);
    p->ip = cpu_get_reg(p->m->cpu, REG_EIP);
    p->fired++;
}

static struct testmach *rep_machine(enum cpu_model md)
{
    struct testmach *m = mk(md);
    cpu_set_stop_on_halt(m->cpu, 1);
    load(m, "26 F3 A4 F4");                 /* es: rep movsb; hlt */
    tm_set(m, REG_ECX, 1000);
    tm_set(m, REG_ESI, 0);
    tm_set(m, REG_EDI, 0x2000);
    for (unsigned k = 0; k < 1000; k++) tm_wr(m, 0x4000 + k, (uint8_t)(k * 7), 1);
    return m;
}

START_TEST(rep_resume)
{
    enum cpu_model md = all_models[_i];
    struct testmach *a = rep_machine(md), *b = rep_machine(md), *c = rep_machine(md);
    ck_assert_int_eq(cpu_run(a->cpu, 1000000), CPU_STOP_HALT);

    /* slices: the REP stops at the slice ends, EIP back on the prefix */
    ck_assert_int_eq(cpu_run(b->cpu, 37), CPU_STOP_BUDGET);
    ck_assert_uint_eq(tm_reg(b, REG_EIP), CODE);
    ck_assert_uint_gt(tm_reg(b, REG_ECX), 0);
    ck_assert_uint_lt(tm_reg(b, REG_ECX), 1000);
    unsigned slices = 1;
    while (cpu_run(b->cpu, 37) != CPU_STOP_HALT) slices++;
    ck_assert_uint_gt(slices, 5);

    /* a timer: it fires between iterations, at or after its deadline */
    struct probe p = { c, 0, 0, 0, 0 };
    int id = sched_add(&c->sched, "probe", probe_fire, &p);
    uint64_t at = cpu_cycles(c->cpu) + cpu_cycles(a->cpu) / 2;
    sched_set(&c->sched, id, at);
    ck_assert_int_eq(cpu_run(c->cpu, 1000000), CPU_STOP_HALT);
    ck_assert_int_eq(p.fired, 1);
    ck_assert_uint_ge(p.now, at);
    ck_assert_uint_gt(p.cx, 0);
    ck_assert_uint_lt(p.cx, 1000);
    ck_assert_uint_eq(p.ip, CODE);

    struct testmach *ms[2] = { b, c };
    for (unsigned k = 0; k < 2; k++) {
        struct testmach *x = ms[k];
        ck_assert_uint_eq(cpu_cycles(x->cpu), cpu_cycles(a->cpu));
        ck_assert_uint_eq(tm_reg(x, REG_ECX), 0);
        ck_assert_uint_eq(tm_reg(x, REG_ESI), 1000);
        ck_assert_uint_eq(tm_reg(x, REG_EDI), 0x2000 + 1000);
        ck_assert_uint_eq(tm_reg(x, REG_EIP), tm_reg(a, REG_EIP));
        ck_assert_int_eq(memcmp(x->mem.ram + 0x6000, a->mem.ram + 0x6000, 1000), 0);
    }
    ck_assert_int_eq(memcmp(a->mem.ram + 0x6000, a->mem.ram + 0x4000, 1000), 0);
    tm_destroy(a);
    tm_destroy(b);
    tm_destroy(c);
}
END_TEST

/* TF: a trap after each iteration, with the return address on the first
 * prefix while iterations remain (SDM vol. 3, 17.3.1.4). */
START_TEST(rep_single_step)
{
    struct testmach *m = mk(all_models[_i]);
    load(m, "26 F3 A4 90");
    tm_set(m, REG_ECX, 3);
    tm_set(m, REG_ESI, 0);
    tm_set(m, REG_EDI, 0x100);
    tm_set(m, REG_EFLAGS, 0x0002 | TF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), DB_HANDLER);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 2);
    ck_assert_uint_eq(tm_rd(m, 0x8000 - 6, 2), CODE);      /* pushed IP */
    /* the last iteration: the trap returns past the instruction */
    load(m, "26 F3 A4 90");
    tm_set(m, REG_ECX, 1);
    tm_set(m, REG_EFLAGS, 0x0002 | TF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 0);
    ck_assert_uint_eq(tm_rd(m, 0x8000 - 6, 2), CODE + 3);
    tm_destroy(m);
}
END_TEST

/* ---- faults at offset FFFFh ------------------------------------------------------- */
/* The 80286 has already stepped the registers of the faulting access (and
 * CX under REP) when the #GP is taken (SST 80286 vectors); the 80386 and
 * later leave the registers at the start of the iteration. */
START_TEST(fault_regs)
{
    enum cpu_model md = all_models[_i + 2];         /* 80286 .. P6 */
    int q = md == CPU_80286;
    struct testmach *m = mk(md);
    load(m, "A5");                          /* movsw, source at FFFFh */
    tm_set(m, REG_ESI, 0xFFFF);
    tm_set(m, REG_EDI, 0x0100);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_EIP), GP_HANDLER);
    ck_assert_uint_eq(tm_reg(m, REG_ESI), q ? 0x0001 : 0xFFFF);
    ck_assert_uint_eq(tm_reg(m, REG_EDI), 0x0100);
    ck_assert_uint_eq(tm_rd(m, 0x8000 - 6, 2), CODE);

    load(m, "A5");                          /* movsw, destination at FFFFh */
    tm_set(m, REG_ESI, 0x0100);
    tm_set(m, REG_EDI, 0xFFFF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ESI), q ? 0x0102 : 0x0100);
    ck_assert_uint_eq(tm_reg(m, REG_EDI), q ? 0x0001 : 0xFFFF);

    load(m, "F3 AB");                       /* rep stosw: CX down by 2 on the 80286 */
    tm_set(m, REG_ECX, 5);
    tm_set(m, REG_EDI, 0xFFFF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), q ? 3 : 5);
    ck_assert_uint_eq(tm_reg(m, REG_EDI), q ? 0x0001 : 0xFFFF);

    load(m, "F3 A7");                       /* repe cmpsw: ES:DI is read first */
    tm_set(m, REG_ECX, 5);
    tm_set(m, REG_ESI, 0xFFFF);
    tm_set(m, REG_EDI, 0xFFFF);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), 5);
    ck_assert_uint_eq(tm_reg(m, REG_ESI), 0xFFFF);
    ck_assert_uint_eq(tm_reg(m, REG_EDI), q ? 0x0001 : 0xFFFF);

    load(m, "F3 AD");                       /* rep lodsw: the 3rd read faults */
    tm_set(m, REG_ECX, 5);
    tm_set(m, REG_ESI, 0xFFFB);
    step(m);
    ck_assert_uint_eq(tm_reg(m, REG_ECX), q ? 2 : 3);
    ck_assert_uint_eq(tm_reg(m, REG_ESI), q ? 0x0001 : 0xFFFF);
    tm_destroy(m);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("string");
    TCase *t = tcase_create("all");
    tcase_add_loop_test(t, movs_lods_stos, 0, NMODELS);
    tcase_add_loop_test(t, cmps_scas, 0, NMODELS);
    tcase_add_loop_test(t, rep_movs_stos, 0, NMODELS);
    tcase_add_loop_test(t, repe_repne, 0, NMODELS);
    tcase_add_loop_test(t, string_32, 0, 4);
    tcase_add_loop_test(t, ins_outs, 0, NMODELS - 1);
    tcase_add_loop_test(t, rep_resume, 0, NMODELS);
    tcase_add_loop_test(t, rep_single_step, 0, NMODELS);
    tcase_add_loop_test(t, fault_regs, 0, NMODELS - 2);
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
