/* string_tmpl.h - the string instructions of one element size (see
 * size_tmpl.h). One iteration reads what it needs, writes, then steps
 * eSI/eDI by the element size (down with DF=1), so a fault in an
 * iteration leaves the registers at the start of that iteration (the
 * 80286 differs: pre286 below).
 *
 * Without a prefix the row's static clocks are all; with REP/REPE/REPNE
 * the loop runs for eCX iterations (eCX, eSI, eDI by the address size),
 * costs the model's REP set-up plus a per-iteration figure (timing.c), and
 * may stop between iterations to let the run loop deliver an event
 * (rep_pause in string.c). CMPS/SCAS also stop when ZF disagrees with the
 * prefix (F3: stop on ZF=0, F2: stop on ZF=1); the others treat F2 as F3,
 * which the 8086 vectors confirm. */
#include "size_tmpl.h"

#define STEP ((c->eflags & F_DF) ? (uint32_t)0 - BITS / 8 : (uint32_t)BITS / 8)

/* CMPS/SCAS flags: those of SUB (SDM vol. 2, CMPS). */
static inline void SZN(str_cmp)(struct cpu *c, uint32_t a, uint32_t b)
{
    uint32_t r = (a - b) & MASK;
    lf_cv(c, SX(r), (~a & b) | ((~a | b) & r), BITS);
}

/* 80286 only: an access that would run past the segment limit faults
 * with the index registers already stepped, as the vectors show: the
 * faulting access's register and those of the accesses before it have
 * moved, and under REP CX has been decremented once for a read that
 * faults and twice for a store that faults (the chip works ahead on the
 * next iteration); CMPS reads ES:DI before DS:SI, and a fault on that
 * first read leaves CX alone. The 80386 and later leave the registers at
 * the start of the faulting iteration, as the SDM describes. regs: 1 = SI
 * stepped, 2 = DI stepped; cx: decrements under REP. */
static inline void SZN(pre286)(struct cpu *c, const struct insn *i, unsigned s, uint32_t off,
                               unsigned regs, uint32_t cx)
{
    uint32_t am = i->amask;
    if (c->model != CPU_80286 || str_fits(&c->seg[s], off, BITS / 8)) return;
    if (regs & 1) str_set(c, R_ESI, c->gpr[R_ESI] + STEP, am);
    if (regs & 2) str_set(c, R_EDI, c->gpr[R_EDI] + STEP, am);
    if (i->rep) str_set(c, R_ECX, c->gpr[R_ECX] - cx, am);
    (void)RD_M(s, off);                   /* the memory path raises the fault */
    cpu_fault(c, EX_GP, 1, 0);            /* not reached: same limit test */
}

static inline void SZN(movs1)(struct cpu *c, const struct insn *i)
{
    uint32_t am = i->amask, si = c->gpr[R_ESI] & am, di = c->gpr[R_EDI] & am;
    SZN(pre286)(c, i, i->seg, si, 1, 1);
    uint32_t v = RD_M(i->seg, si);
    SZN(pre286)(c, i, S_ES, di, 3, 2);
    WR_M(S_ES, di, v);
    str_set(c, R_ESI, si + STEP, am);
    str_set(c, R_EDI, di + STEP, am);
}
static inline void SZN(cmps1)(struct cpu *c, const struct insn *i)
{
    uint32_t am = i->amask, si = c->gpr[R_ESI] & am, di = c->gpr[R_EDI] & am;
    SZN(pre286)(c, i, S_ES, di, 2, 0);
    SZN(pre286)(c, i, i->seg, si, 3, 1);
    uint32_t a = RD_M(i->seg, si), b = RD_M(S_ES, di);
    SZN(str_cmp)(c, a, b);
    str_set(c, R_ESI, si + STEP, am);
    str_set(c, R_EDI, di + STEP, am);
}
static inline void SZN(stos1)(struct cpu *c, const struct insn *i)
{
    uint32_t am = i->amask, di = c->gpr[R_EDI] & am;
    SZN(pre286)(c, i, S_ES, di, 2, 2);
    WR_M(S_ES, di, RD_R(R_EAX));
    str_set(c, R_EDI, di + STEP, am);
}
static inline void SZN(lods1)(struct cpu *c, const struct insn *i)
{
    uint32_t am = i->amask, si = c->gpr[R_ESI] & am;
    SZN(pre286)(c, i, i->seg, si, 1, 1);
    WR_R(R_EAX, RD_M(i->seg, si));
    str_set(c, R_ESI, si + STEP, am);
}
static inline void SZN(scas1)(struct cpu *c, const struct insn *i)
{
    uint32_t am = i->amask, di = c->gpr[R_EDI] & am;
    SZN(pre286)(c, i, S_ES, di, 2, 1);
    SZN(str_cmp)(c, RD_R(R_EAX), RD_M(S_ES, di));
    str_set(c, R_EDI, di + STEP, am);
}
/* INS: the I/O read comes first, then the store (which may fault). */
static inline void SZN(ins1)(struct cpu *c, const struct insn *i)
{
    uint32_t am = i->amask, di = c->gpr[R_EDI] & am;
    uint32_t v = port_in(c, (uint16_t)c->gpr[R_EDX], BITS / 8);
    SZN(pre286)(c, i, S_ES, di, 2, 2);
    WR_M(S_ES, di, v);
    str_set(c, R_EDI, di + STEP, am);
}
static inline void SZN(outs1)(struct cpu *c, const struct insn *i)
{
    uint32_t am = i->amask, si = c->gpr[R_ESI] & am;
    SZN(pre286)(c, i, i->seg, si, 1, 1);
    port_out(c, (uint16_t)c->gpr[R_EDX], RD_M(i->seg, si), BITS / 8);
    str_set(c, R_ESI, si + STEP, am);
}

/* The handler of one instruction: a single iteration, or the REP loop.
 * cmp: 1 for CMPS/SCAS (REPE/REPNE end on ZF); pre: checks before the
 * first iteration (I/O permission). */
#define STR_HANDLER(B, V, ONE, PER, cmp, pre)                                   \
void HNX(B, V)(struct cpu *c, const struct insn *i)                              \
{                                                                                \
    pre;                                                                         \
    if (!i->rep) { ONE(c, i); return; }                                          \
    rep_start(c, i);                                                             \
    uint32_t am = i->amask;                                                      \
    for (uint32_t n = c->gpr[R_ECX] & am; n; ) {                                 \
        ONE(c, i);                                                               \
        str_set(c, R_ECX, --n, am);                                              \
        c->cycles += c->tm->PER;                                                 \
        if (cmp && get_zf(c) != (i->rep == 0xF3)) return;                        \
        if (n && rep_pause(c)) return;                                           \
    }                                                                            \
}
STR_HANDLER(MOVS_YbXb, MOVS_YvXv, SZN(movs1), movs, 0, (void)0)
STR_HANDLER(CMPS_XbYb, CMPS_XvYv, SZN(cmps1), cmps, 1, (void)0)
STR_HANDLER(STOS_YbAL, STOS_YveAX, SZN(stos1), stos, 0, (void)0)
STR_HANDLER(LODS_ALXb, LODS_eAXXv, SZN(lods1), lods, 0, (void)0)
STR_HANDLER(SCAS_ALYb, SCAS_eAXYv, SZN(scas1), scas, 1, (void)0)
STR_HANDLER(INS_YbDX, INS_YvDX, SZN(ins1), ins, 0, io_check(c))
STR_HANDLER(OUTS_DXXb, OUTS_DXXv, SZN(outs1), outs, 0, io_check(c))
#undef STR_HANDLER
#undef STEP
#include "size_tmpl_end.h"
