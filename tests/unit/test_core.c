/* test_core.c - the interpreter's machinery: opcode table consistency,
 * decoder lengths and handler choice, lazy flags, the trace cache under
 * self-modifying code, exact event timing and determinism across trace
 * shapes (DESIGN.md invariants 1, 2 and 4). */
#include <check.h>
#include <string.h>
#include "../testmach.h"
#include "../../cpu/decode.h"

#ifndef GUEST_DIR
#define GUEST_DIR "build/guest"
#endif

/* ---- opcode table ----------------------------------------------------- */
START_TEST(table_builds_for_every_model)
{
    struct op_slot *maps = malloc(sizeof(struct op_slot) * 2 * 256 * 8);
    char err[200];
    for (int m = 0; m < CPU_NMODELS; m++)
        ck_assert_msg(optable_build((enum cpu_model)m, maps, err, sizeof err) == 0, "%s", err);
    free(maps);
}
END_TEST

START_TEST(table_rows_have_handlers)
{
    for (unsigned r = 1; r < op_nrows; r++) {
        const struct op_row *row = &op_rows[r];
        ck_assert_msg(row->h[0] || row->h[2], "row %s has no handler", row->name);
        ck_assert_msg(row->cmin <= row->cmax, "row %s: empty model range", row->name);
        ck_assert_msg(row->map == 1 || row->map == 2, "row %s: bad map", row->name);
    }
}
END_TEST

/* ---- decoder ---------------------------------------------------------- */
struct dcase {
    enum cpu_model model;
    const char *bytes;            /* hex */
    unsigned len;
    const char *row;              /* expected row name, or NULL for a #UD/#GP decode */
    int mem, o32;
};

static const struct dcase dcases[] = {
    { CPU_8086,  "00C0",               2, "ADD_EbGb", 0, 0 },
    { CPU_8086,  "0100",               2, "ADD_EvGv", 1, 0 },
    { CPU_8086,  "01063412",           4, "ADD_EvGv", 1, 0 },
    { CPU_8086,  "01463F",             3, "ADD_EvGv", 1, 0 },
    { CPU_8086,  "0186FFFF",           4, "ADD_EvGv", 1, 0 },
    { CPU_80386, "660100",             3, "ADD_EvGv", 1, 1 },
    { CPU_80386, "67010424",           4, "ADD_EvGv", 1, 0 },
    { CPU_80386, "6766018488443322 11", 9, "ADD_EvGv", 1, 1 },
    { CPU_80386, "67010578563412",     7, "ADD_EvGv", 1, 0 },
    { CPU_80386, "6701042578563412",   8, "ADD_EvGv", 1, 0 },
    { CPU_80386, "67014500",           4, "ADD_EvGv", 1, 0 },
    { CPU_8086,  "81C03412",           4, "ADD_EvIv", 0, 0 },
    { CPU_80386, "6681C078563412",     7, "ADD_EvIv", 0, 1 },
    { CPU_8086,  "83C0FF",             3, "ADD_EvIb", 0, 0 },
    { CPU_8086,  "82C0FF",             3, "ADD_EbIb", 0, 0 },
    { CPU_8086,  "2E3E260107",         5, "ADD_EvGv", 1, 0 },
    { CPU_8086,  "F6C012",             3, "TEST_EbIb", 0, 0 },
    { CPU_8086,  "F6C812",             3, "TEST_EbIb", 0, 0 },
    { CPU_8086,  "F7C03412",           4, "TEST_EvIv", 0, 0 },
    { CPU_8086,  "F7063412CDAB",       6, "TEST_EvIv", 1, 0 },
    { CPU_8086,  "F6D0",               2, "NOT_Eb", 0, 0 },
    { CPU_8086,  "40",                 1, "INC_Zv", 0, 0 },
    { CPU_8086,  "4F",                 1, "DEC_Zv", 0, 0 },
    { CPU_8086,  "FE06 3412",          4, "INC_Eb", 1, 0 },
    { CPU_80486, "0FC1C8",             3, "XADD_EvGv", 0, 0 },
    { CPU_80486, "F00FB10E3412",       6, "CMPXCHG_EvGv", 1, 0 },
    /* prefixes the model does not know: 66 on the 80286 is not a prefix */
    { CPU_80286, "6601C0",             1, NULL, 0, 0 },
    /* LOCK on a register destination is #UD from the 80386 on */
    { CPU_80386, "F001C0",             3, NULL, 0, 0 },
    /* 0F 0B on the 80386: no such instruction */
    { CPU_80386, "0FFF",               2, NULL, 0, 0 },
    /* 16 prefixes: longer than 15 bytes is #GP on the 80386+ */
    { CPU_80386, "2E2E2E2E2E2E2E2E2E2E2E2E2E2E2E01C0", 15, NULL, 0, 0 },
};

START_TEST(decode_lengths_and_handlers)
{
    const struct dcase *d = &dcases[_i];
    struct testmach *m = tm_create(d->model);
    uint8_t code[32];
    unsigned n = tm_hex(d->bytes, code, sizeof code);
    tm_load(m, 0x1000, code, n);
    struct insn i;
    int unc = 0;
    decode_insn(m->cpu, 0x1000, &i, &unc);
    ck_assert_msg(i.len == d->len, "%s: length %u, expected %u", d->bytes, i.len, d->len);
    if (!d->row) {
        ck_assert_msg(i.fn == op_decode_fault, "%s: expected a decode fault", d->bytes);
    } else {
        ck_assert_msg(i.fn != op_decode_fault, "%s: unexpected decode fault", d->bytes);
        ck_assert_str_eq(op_rows[i.op].name, d->row);
        ck_assert_ptr_eq((void *)i.fn, (void *)op_rows[i.op].h[d->mem * 2 + d->o32]);
    }
    tm_destroy(m);
}
END_TEST

/* Handler choice for every row of the table on every model it applies to:
 * encode the row (register form mod=3, memory form [bx+si]; 16- and, from
 * the 80386 on, 32-bit operand size) and check that decoding picks that row
 * and the handler for that form, or a decode fault where the row has no
 * handler for the form. */
START_TEST(decode_every_row_every_model)
{
    unsigned checked = 0;
    for (int m = 0; m < CPU_NMODELS; m++) {
        struct testmach *tmach = tm_create((enum cpu_model)m);
        for (unsigned r = 1; r < op_nrows; r++) {
            const struct op_row *row = &op_rows[r];
            if ((unsigned)m < row->cmin || (unsigned)m > row->cmax) continue;
            int has_modrm = row->ext >= 0;
            for (const char *p = row->ops; *p; p++)   /* a ModR/M operand: E G M S C D R T + size */
                if ((p == row->ops || p[-1] == ',') && p[0] && strchr("EGMSCDRT", p[0]) &&
                    p[1] >= 'a' && p[1] <= 'z')
                    has_modrm = 1;
            for (unsigned o32 = 0; o32 < (m >= CPU_80386 ? 2u : 1u); o32++) {
                for (unsigned mem = 0; mem < (has_modrm ? 2u : 1u); mem++) {
                    uint8_t code[16] = { 0 };
                    unsigned n = 0;
                    if (o32) code[n++] = 0x66;
                    if (row->map == 2) code[n++] = 0x0F;
                    code[n++] = row->opc;
                    if (has_modrm)
                        code[n++] = (uint8_t)((mem ? 0x00 : 0xC0) | ((row->ext > 0 ? row->ext : 0) << 3));
                    tm_load(tmach, 0x1000, code, sizeof code);
                    struct insn i;
                    int unc;
                    decode_insn(tmach->cpu, 0x1000, &i, &unc);
                    exec_fn want = row->h[mem * 2 + o32];
                    /* a register form may legitimately take the memory
                     * handler's slot only if the table says so: none do */
                    if (!want) {
                        ck_assert_msg(i.fn == op_decode_fault, "%s on %s (mem %u o32 %u): expected #UD",
                                      row->name, cpu_model_name((enum cpu_model)m), mem, o32);
                    } else {
                        ck_assert_msg(i.op == r, "%s on %s (mem %u o32 %u): decoded as %s",
                                      row->name, cpu_model_name((enum cpu_model)m), mem, o32,
                                      op_rows[i.op].name);
                        ck_assert_msg(i.fn == want, "%s on %s (mem %u o32 %u): wrong handler",
                                      row->name, cpu_model_name((enum cpu_model)m), mem, o32);
                    }
                    checked++;
                }
            }
        }
        tm_destroy(tmach);
    }
    ck_assert_uint_gt(checked, 3000);
}
END_TEST

START_TEST(decode_address_forms)
{
    struct testmach *m = tm_create(CPU_80386);
    uint8_t code[16];
    struct insn i;
    int unc;
    /* 8B 42 FE: mov ax,[bp+si-2] -> base BP, index SI, SS, disp FFFE */
    unsigned n = tm_hex("0342FE", code, sizeof code);
    tm_load(m, 0x1000, code, n);
    decode_insn(m->cpu, 0x1000, &i, &unc);
    ck_assert_uint_eq(i.base, R_EBP);
    ck_assert_uint_eq(i.index, R_ESI);
    ck_assert_uint_eq(i.seg, S_SS);
    ck_assert_uint_eq(i.disp, 0xFFFE);
    /* 67 03 44 8D 10: add ax,[ebp+ecx*4+10h] -> SS, scale 2 */
    n = tm_hex("6703448D10", code, sizeof code);
    tm_load(m, 0x1000, code, n);
    decode_insn(m->cpu, 0x1000, &i, &unc);
    ck_assert_uint_eq(i.len, 5);
    ck_assert_uint_eq(i.base, R_EBP);
    ck_assert_uint_eq(i.index, R_ECX);
    ck_assert_uint_eq(i.scale, 2);
    ck_assert_uint_eq(i.seg, S_SS);
    ck_assert_uint_eq(i.disp, 0x10);
    /* 64 67 03 04 65 ...: fs override wins over the SS default of no-base
     * forms; [none + esp index] means no index */
    n = tm_hex("646703042578563412", code, sizeof code);
    tm_load(m, 0x1000, code, n);
    decode_insn(m->cpu, 0x1000, &i, &unc);
    ck_assert_uint_eq(i.len, 9);
    ck_assert_uint_eq(i.base, R_NONE);
    ck_assert_uint_eq(i.index, R_NONE);
    ck_assert_uint_eq(i.seg, S_FS);
    ck_assert_uint_eq(i.disp, 0x12345678);
    tm_destroy(m);
}
END_TEST

/* ---- lazy flags ------------------------------------------------------- */
static uint32_t run_flags(enum cpu_model model, const char *hex, uint32_t eax, uint32_t ebx)
{
    struct testmach *m = tm_create(model);
    uint8_t code[32];
    unsigned n = tm_hex(hex, code, sizeof code);
    tm_load(m, 0x1000, code, n);
    cpu_set_reg(m->cpu, REG_EAX, eax);
    cpu_set_reg(m->cpu, REG_EBX, ebx);
    cpu_step(m->cpu);
    uint32_t f = cpu_get_reg(m->cpu, REG_EFLAGS) & 0x8D5;
    tm_destroy(m);
    return f;
}

START_TEST(flags_add_sub_edges)
{
    /* add al,bl: 7F + 01 = 80: OF SF AF */
    ck_assert_uint_eq(run_flags(CPU_8086, "00D8", 0x7F, 0x01), 0x800 | 0x80 | 0x10);
    /* add al,bl: FF + 01 = 00: CF ZF AF PF */
    ck_assert_uint_eq(run_flags(CPU_8086, "00D8", 0xFF, 0x01), 0x1 | 0x40 | 0x10 | 0x4);
    /* sub ax,bx: 8000 - 0001 = 7FFF: OF AF PF */
    ck_assert_uint_eq(run_flags(CPU_8086, "29D8", 0x8000, 0x0001), 0x800 | 0x10 | 0x4);
    /* cmp eax,ebx: 0 - 1: CF SF AF PF */
    ck_assert_uint_eq(run_flags(CPU_80386, "6639D8", 0, 1), 0x1 | 0x80 | 0x10 | 0x4);
    /* add eax,ebx: 80000000 + 80000000 = 0: CF OF ZF PF */
    ck_assert_uint_eq(run_flags(CPU_80386, "6601D8", 0x80000000u, 0x80000000u),
                      0x1 | 0x800 | 0x40 | 0x4);
    /* xor ax,ax: ZF PF */
    ck_assert_uint_eq(run_flags(CPU_8086, "31C0", 0x1234, 0), 0x40 | 0x4);
    /* neg al of 80: CF OF SF (AF 0) */
    ck_assert_uint_eq(run_flags(CPU_8086, "F6D8", 0x80, 0), 0x1 | 0x800 | 0x80);
    /* inc ax: 7FFF -> 8000: OF SF AF PF (CF untouched: 0 after reset) */
    ck_assert_uint_eq(run_flags(CPU_8086, "40", 0x7FFF, 0), 0x800 | 0x80 | 0x10 | 0x4);
}
END_TEST

/* ---- trace cache ------------------------------------------------------ */
static void run_to_halt(struct testmach *m)
{
    cpu_set_stop_on_halt(m->cpu, 1);
    enum cpu_stop s = cpu_run(m->cpu, 10000000);
    ck_assert_msg(s == CPU_STOP_HALT, "stopped with %d: %s", s, cpu_stop_message(m->cpu));
}

START_TEST(smc_same_trace)
{
    /* mov byte [cs:patch+1], 42h ; patch: mov al, 00h ; hlt
     * The store rewrites an instruction later in the same trace; the new
     * value must be the one executed. */
    static const uint8_t code[] = { 0x2E, 0xC6, 0x06, 0x07, 0x10, 0x42,   /* mov byte [cs:1007h],42h */
                                    0xB0, 0x00,                           /* 1006: mov al,0 */
                                    0xF4 };
    for (int pass = 0; pass < 2; pass++) {
        struct testmach *m = tm_create(CPU_80386);
        tm_load(m, 0x1000, code, sizeof code);
        if (pass) {
            /* warm the cache with the unpatched trace first */
            run_to_halt(m);
            ck_assert_uint_eq(cpu_get_reg(m->cpu, REG_EAX) & 0xFF, 0x42);
            cpu_set_reg(m->cpu, REG_EIP, 0x1000);
            cpu_set_reg(m->cpu, REG_EAX, 0);
            mem_poke(&m->mem, 0x1007, (const uint8_t[]){ 0x00 }, 1);
        }
        run_to_halt(m);
        ck_assert_uint_eq(cpu_get_reg(m->cpu, REG_EAX) & 0xFF, 0x42);
        tm_destroy(m);
    }
}
END_TEST

START_TEST(smc_other_page_and_crossing)
{
    /* Code at 1FFC..2003 straddles a page boundary: mov ax,1234h at 1FFE
     * has its immediate split across the pages. The code first runs it,
     * then patches the byte in the second page and runs it again. */
    static const uint8_t prog[] = {
        /* 1000: call 1FFC */        0xE8, 0xF9, 0x0F,
        /* 1003: mov byte [2000h],56h */ 0xC6, 0x06, 0x00, 0x20, 0x56,
        /* 1008: call 1FFC */        0xE8, 0xF1, 0x0F,
        /* 100B: hlt */              0xF4,
    };
    static const uint8_t sub[] = { 0x90, 0x90, 0xB8, 0x34, 0x12, 0xC3 }; /* 1FFC: nop nop mov ax,1234h ret */
    struct testmach *m = tm_create(CPU_8086);
    tm_load(m, 0x1000, prog, sizeof prog);
    mem_poke(&m->mem, 0x1FFC, sub, sizeof sub);
    run_to_halt(m);
    ck_assert_uint_eq(cpu_get_reg(m->cpu, REG_EAX) & 0xFFFF, 0x5634);
    tm_destroy(m);
}
END_TEST

START_TEST(smc_data_in_code_page_keeps_traces)
{
    /* Writes to bytes of a code page that hold no code must not change
     * results (and should not invalidate; that is a speed property). */
    static const uint8_t prog[] = {
        0xB9, 0x10, 0x00,                 /* mov cx,16 */
        0x89, 0x0E, 0x00, 0x11,           /* l: mov [1100h],cx */
        0xE2, 0xFA,                       /* loop l */
        0xF4 };
    struct testmach *m = tm_create(CPU_8086);
    tm_load(m, 0x1000, prog, sizeof prog);
    run_to_halt(m);
    ck_assert_uint_eq(mem_read(&m->mem, 0x1100, 2), 1);
    struct cpu_stats st;
    cpu_get_stats(m->cpu, &st);
    ck_assert_uint_lt(st.traces_decoded, 6);
    tm_destroy(m);
}
END_TEST

/* ---- timing and determinism ------------------------------------------- */
struct ticker {
    struct testmach *m;
    int id;
    uint64_t period;
    uint64_t fired_at[64];
    unsigned nfired;
};

static void tick(void *opaque, uint64_t now)
{
    struct ticker *t = opaque;
    if (t->nfired < 64) t->fired_at[t->nfired++] = now;
    cpu_set_intr(t->m->cpu, 1);
    sched_set(&t->m->sched, t->id, now + t->period);
}

static int ack(void *opaque)
{
    struct ticker *t = opaque;
    cpu_set_intr(t->m->cpu, 0);
    return 0x20;
}

static uint64_t run_det(const struct cpu_config *cfg, int stepping, uint64_t *cycles,
                        unsigned *ticks)
{
    uint32_t len;
    uint8_t *bin = tm_read_file(GUEST_DIR "/determinism.bin", &len);
    ck_assert_msg(bin != NULL, "cannot read %s/determinism.bin (run make)", GUEST_DIR);
    struct testmach *m = tm_create_cfg(cfg, 1u << 20);
    tm_load(m, 0x1000, bin, len);
    free(bin);
    struct ticker t = { m, 0, 997, { 0 }, 0 };
    t.id = sched_add(&m->sched, "ticker", tick, &t);
    sched_set(&m->sched, t.id, 997);
    struct cpu_intc ic = { ack, &t };
    cpu_set_intc(m->cpu, &ic);
    cpu_set_stop_on_halt(m->cpu, 1);
    enum cpu_stop s;
    if (stepping == 1) {
        do s = cpu_step(m->cpu); while (s == CPU_STOP_BUDGET);
    } else if (stepping == 2) {
        /* the run cut into budgets of 37 clocks: REP instructions pause at
         * each budget end and must neither cost nor count extra */
        do s = cpu_run(m->cpu, 37); while (s == CPU_STOP_BUDGET);
    } else {
        s = cpu_run(m->cpu, 100000000);
    }
    ck_assert_msg(s == CPU_STOP_HALT, "stop %d: %s", s, cpu_stop_message(m->cpu));
    *cycles = cpu_cycles(m->cpu);
    uint64_t h = cpu_state_hash(m->cpu);
    *ticks = t.nfired;
    tm_destroy(m);
    return h;
}

START_TEST(determinism_across_trace_shapes)
{
    static const struct { unsigned max; int off; int step; } shapes[] = {
        { 16, 0, 0 }, { 1, 0, 0 }, { 4, 0, 0 }, { 7, 0, 0 }, { 16, 1, 0 }, { 16, 0, 1 },
        { 16, 0, 2 }, { 3, 0, 2 },
    };
    enum cpu_model model = _i ? CPU_80386 : CPU_8086;
    uint64_t ref = 0, refc = 0;
    unsigned reft = 0;
    for (unsigned k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
        struct cpu_config cfg = { model, shapes[k].max, 0, shapes[k].off };
        uint64_t cyc;
        unsigned ticks;
        uint64_t h = run_det(&cfg, shapes[k].step, &cyc, &ticks);
        if (k == 0) {
            ref = h, refc = cyc, reft = ticks;
            ck_assert_uint_gt(ticks, 10);      /* the timer really interrupted the work */
        } else {
            ck_assert_msg(h == ref && cyc == refc && ticks == reft,
                          "shape %u (max %u off %d step %d): hash %llx cycles %llu ticks %u, "
                          "expected %llx %llu %u", k, shapes[k].max, shapes[k].off, shapes[k].step,
                          (unsigned long long)h, (unsigned long long)cyc, ticks,
                          (unsigned long long)ref, (unsigned long long)refc, reft);
        }
    }
}
END_TEST

START_TEST(interrupt_at_first_boundary_after_deadline)
{
    /* A loop of 2-clock INC AX instructions (8086: 2 clocks each, jmp 15):
     * an INTR raised by a timer at cycle 1001 must be taken at the first
     * boundary at or after 1001, with the same result in every shape. */
    static const uint8_t prog[] = {
        0xFB,                                             /* sti */
        0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40,   /* inc ax x8 */
        0xEB, 0xF6,                                       /* jmp 1001 */
    };
    static const uint8_t isr[] = { 0xF4 };               /* hlt at 2000 */
    uint64_t ref = 0;
    for (unsigned shape = 0; shape < 3; shape++) {
        struct cpu_config cfg = { CPU_8086, shape == 0 ? 16 : shape == 1 ? 1 : 3, 0, 0 };
        struct testmach *m = tm_create_cfg(&cfg, 1u << 20);
        tm_load(m, 0x1000, prog, sizeof prog);
        mem_poke(&m->mem, 0x20 * 4, (const uint8_t[]){ 0x00, 0x20, 0x00, 0x00 }, 4);
        mem_poke(&m->mem, 0x2000, isr, 1);
        struct ticker t = { m, 0, 1u << 30, { 0 }, 0 };
        t.id = sched_add(&m->sched, "ticker", tick, &t);
        sched_set(&m->sched, t.id, 1001);
        struct cpu_intc ic = { ack, &t };
        cpu_set_intc(m->cpu, &ic);
        cpu_set_stop_on_halt(m->cpu, 1);
        ck_assert_int_eq(cpu_run(m->cpu, 100000), CPU_STOP_HALT);
        /* the timer fired at the first boundary at or after its deadline:
         * within one instruction (INC 2 clocks, JMP 15) */
        ck_assert_uint_ge(t.fired_at[0], 1001);
        ck_assert_uint_lt(t.fired_at[0], 1001 + 15);
        uint64_t ax = cpu_get_reg(m->cpu, REG_EAX) & 0xFFFF;
        if (shape == 0) ref = ax;
        else ck_assert_uint_eq(ax, ref);
        tm_destroy(m);
    }
}
END_TEST

/* 8086/80186: a word at an odd address costs 4 more clocks; not on the 80286 */
static uint64_t clocks_of(enum cpu_model model, uint32_t bx)
{
    static const uint8_t code[] = { 0x8B, 0x07 };     /* mov ax,[bx] */
    struct testmach *m = tm_create(model);
    tm_load(m, 0x1000, code, sizeof code);
    cpu_set_reg(m->cpu, REG_EBX, bx);
    uint64_t before = cpu_cycles(m->cpu);
    cpu_step(m->cpu);
    uint64_t d = cpu_cycles(m->cpu) - before;
    tm_destroy(m);
    return d;
}

START_TEST(odd_word_access_clocks)
{
    ck_assert_uint_eq(clocks_of(CPU_8086, 0x2001), clocks_of(CPU_8086, 0x2000) + 4);
    ck_assert_uint_eq(clocks_of(CPU_80186, 0x2001), clocks_of(CPU_80186, 0x2000) + 4);
    ck_assert_uint_eq(clocks_of(CPU_80286, 0x2001), clocks_of(CPU_80286, 0x2000));
    /* 8086 MOV r16,m16: 8 + EA ([BX] = 5) */
    ck_assert_uint_eq(clocks_of(CPU_8086, 0x2000), 13);
}
END_TEST

/* A second NMI waits for the IRET that ends the first handler. */
START_TEST(nmi_blocked_until_iret)
{
    static const uint8_t prog[] = { 0x90, 0x90, 0x90, 0x90, 0xF4 };       /* nop x4; hlt */
    static const uint8_t isr[] = { 0x40, 0x40, 0xCF };                     /* inc ax x2; iret */
    struct testmach *m = tm_create(CPU_8086);
    tm_load(m, 0x1000, prog, sizeof prog);
    mem_poke(&m->mem, 2 * 4, (const uint8_t[]){ 0x00, 0x20, 0x00, 0x00 }, 4);
    mem_poke(&m->mem, 0x2000, isr, sizeof isr);
    cpu_set_reg(m->cpu, REG_EAX, 0);
    cpu_nmi(m->cpu);
    cpu_step(m->cpu);                        /* NMI taken, first INC runs */
    ck_assert_uint_eq(cpu_get_reg(m->cpu, REG_EAX), 1);
    cpu_nmi(m->cpu);                         /* arrives inside the handler */
    cpu_step(m->cpu);                        /* second INC: not interrupted */
    ck_assert_uint_eq(cpu_get_reg(m->cpu, REG_EIP), 0x2002);
    cpu_step(m->cpu);                        /* IRET back to 1000 */
    ck_assert_uint_eq(cpu_get_reg(m->cpu, REG_EIP), 0x1000);
    cpu_step(m->cpu);                        /* now the held NMI is taken */
    ck_assert_uint_eq(cpu_get_reg(m->cpu, REG_EAX), 3);
    tm_destroy(m);
}
END_TEST

START_TEST(two_machines_one_process)
{
    static const uint8_t a[] = { 0xB8, 0x11, 0x11, 0xF4 };
    static const uint8_t b[] = { 0xB8, 0x22, 0x22, 0xF4 };
    struct testmach *m1 = tm_create(CPU_8086), *m2 = tm_create(CPU_P6);
    tm_load(m1, 0x1000, a, sizeof a);
    tm_load(m2, 0x1000, b, sizeof b);
    run_to_halt(m1);
    run_to_halt(m2);
    ck_assert_uint_eq(cpu_get_reg(m1->cpu, REG_EAX), 0x1111);
    ck_assert_uint_eq(cpu_get_reg(m2->cpu, REG_EAX), 0x2222);
    tm_destroy(m1);
    tm_destroy(m2);
}
END_TEST

START_TEST(reset_state_per_model)
{
    struct testmach *m = tm_create(CPU_8086);
    ck_assert_uint_eq(cpu_get_reg(m->cpu, REG_CS), 0xFFFF);
    ck_assert_uint_eq(cpu_get_reg(m->cpu, REG_EIP), 0);
    ck_assert_uint_eq(cpu_get_reg(m->cpu, REG_EFLAGS), 0xF002);
    tm_destroy(m);
    m = tm_create(CPU_80386);
    ck_assert_uint_eq(cpu_get_reg(m->cpu, REG_CS), 0xF000);
    ck_assert_uint_eq(cpu_get_reg(m->cpu, REG_EIP), 0xFFF0);
    ck_assert_uint_eq(cpu_get_reg(m->cpu, REG_EDX), 0x0308);
    ck_assert_uint_eq(cpu_get_reg(m->cpu, REG_EFLAGS), 0x0002);
    tm_destroy(m);
}
END_TEST

static Suite *core_suite(void)
{
    Suite *s = suite_create("core");
    TCase *tc = tcase_create("table");
    tcase_add_test(tc, table_builds_for_every_model);
    tcase_add_test(tc, table_rows_have_handlers);
    suite_add_tcase(s, tc);
    tc = tcase_create("decode");
    tcase_add_loop_test(tc, decode_lengths_and_handlers, 0, sizeof dcases / sizeof dcases[0]);
    tcase_add_test(tc, decode_address_forms);
    tcase_add_test(tc, decode_every_row_every_model);
    suite_add_tcase(s, tc);
    tc = tcase_create("flags");
    tcase_add_test(tc, flags_add_sub_edges);
    suite_add_tcase(s, tc);
    tc = tcase_create("trace");
    tcase_add_test(tc, smc_same_trace);
    tcase_add_test(tc, smc_other_page_and_crossing);
    tcase_add_test(tc, smc_data_in_code_page_keeps_traces);
    suite_add_tcase(s, tc);
    tc = tcase_create("time");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, determinism_across_trace_shapes, 0, 2);
    tcase_add_test(tc, interrupt_at_first_boundary_after_deadline);
    tcase_add_test(tc, two_machines_one_process);
    tcase_add_test(tc, odd_word_access_clocks);
    tcase_add_test(tc, nmi_blocked_until_iret);
    tcase_add_test(tc, reset_state_per_model);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(core_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
