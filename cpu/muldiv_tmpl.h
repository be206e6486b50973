/* muldiv_tmpl.h - MUL, IMUL, DIV and IDIV for one operand size (see
 * size_tmpl.h and muldiv.c, which says what is modelled and why).
 *
 * The accumulator pair: AL/AH (the dividend AX) for bytes, AX/DX and
 * EAX/EDX otherwise. ACC_HI names the high half in RD_R/WR_R numbering
 * (register 4 is AH in byte form). Double-width values are uint64_t for
 * every size; DMASK masks them to 2 x BITS. */
#include "size_tmpl.h"

#if OSZ == 8
#define ACC_HI 4u
#else
#define ACC_HI R_EDX
#endif
#define DMASK ((uint64_t)MASK << BITS | MASK)
/* TMF(mul) is c->tm->mul8 / mul16 / mul32 (struct timing_dyn). */
#define TMF(f) GLUE3(f, OSZ, )

static inline uint64_t SZN(acc_pair)(const struct cpu *c)
{
    return (uint64_t)RD_R(ACC_HI) << BITS | RD_R(R_EAX);
}
static inline uint32_t SZN(magnitude)(uint32_t v)
{
    return (v & MSB) ? (0u - v) & MASK : v;
}

/* ---- 80286 and later: the architectural definition --------------------
 * CF = OF = "the high half is significant" (SDM vol. 2, MUL/IMUL). SF, ZF,
 * PF and AF are undefined; we derive SF/ZF/PF from the low half and clear
 * AF (the 80286 vectors mask all four). */
static void SZN(op_mul)(struct cpu *c, uint32_t m)
{
    uint64_t p = (uint64_t)RD_R(R_EAX) * m;
    uint32_t lo = (uint32_t)p & MASK, hi = (uint32_t)(p >> BITS) & MASK;
    c->cycles += timing_mul(c, c->tm->TMF(mul), m, BITS);
    WR_R(R_EAX, lo);
    WR_R(ACC_HI, hi);
    lf_res_co(c, SX(lo), hi != 0, hi != 0, 0);
}

/* The signed product of a and b, truncated; CF = OF = it did not fit. */
static uint32_t SZN(imul_trunc)(struct cpu *c, uint32_t a, uint32_t b, uint32_t *hi)
{
    int64_t p = sext32(SX(a)) * sext32(SX(b));
    uint32_t lo = (uint32_t)(uint64_t)p & MASK;
    unsigned ov = sext32(SX(lo)) != p;
    *hi = (uint32_t)((uint64_t)p >> BITS) & MASK;
    lf_res_co(c, SX(lo), ov, ov, 0);
    return lo;
}

static void SZN(op_imul)(struct cpu *c, uint32_t m)
{
    uint32_t hi, lo = SZN(imul_trunc)(c, RD_R(R_EAX), m, &hi);
    c->cycles += timing_mul(c, c->tm->TMF(imul), SZN(magnitude)(m), BITS);
    WR_R(R_EAX, lo);
    WR_R(ACC_HI, hi);
}

/* DIV/IDIV raise #DE with the DIV's own address (a fault, unlike the
 * 8086) when the divisor is 0 or the quotient does not fit; the 80286
 * and later can return the most negative quotient (80h, 8000h), which
 * the 8086 cannot (80286 PRM, IDIV; the 80286 vectors at hand contain no
 * such case).
 *
 * The flags are undefined and we leave them unchanged. What the 80286
 * vectors show, for whoever wants to go further: after a DIV that
 * completes, SF/ZF/PF follow the remainder, AF = 1 and CF = OF = the
 * borrow of the last w-bit trial subtraction (1 when the quotient is
 * even; when it is odd, 1 iff remainder + divisor overflows w bits);
 * for a divisor of 0, SF/ZF/PF follow bits 1..w of the dividend and
 * CF = OF = AF = 0. Quotient overflow and IDIV follow no rule found so
 * far. Both suites mask all six flags, and the 80286 suite gives the
 * address of the FLAGS an exception pushes so a runner can mask it too. */
static void SZN(op_div)(struct cpu *c, uint32_t m)
{
    uint64_t d = SZN(acc_pair)(c);
    c->cycles += c->tm->TMF(div);
    if (m == 0 || d / m > MASK) cpu_fault(c, EX_DE, 0, 0);
    WR_R(R_EAX, (uint32_t)(d / m));
    WR_R(ACC_HI, (uint32_t)(d % m));
}

static void SZN(op_idiv)(struct cpu *c, uint32_t m)
{
    uint64_t d = SZN(acc_pair)(c);
    unsigned dneg = (unsigned)(d >> (2 * BITS - 1)) & 1, qneg = dneg ^ ((m & MSB) != 0);
    uint64_t ad = dneg ? (0 - d) & DMASK : d;
    uint32_t am = SZN(magnitude)(m);
    c->cycles += c->tm->TMF(idiv);
    if (am == 0 || ad / am > (qneg ? MSB : MSB - 1)) cpu_fault(c, EX_DE, 0, 0);
    uint32_t q = (uint32_t)(ad / am), r = (uint32_t)(ad % am);
    WR_R(R_EAX, qneg ? 0u - q : q);
    WR_R(ACC_HI, dneg ? 0u - r : r);
}

void HN(MUL_Eb, MUL_Ev, R)(struct cpu *c, const struct insn *i) { SZN(op_mul)(c, RD_R(i->rm)); }
void HN(MUL_Eb, MUL_Ev, M)(struct cpu *c, const struct insn *i) { SZN(op_mul)(c, RD_M(i->seg, ea(c, i))); }
void HN(IMUL_Eb, IMUL_Ev, R)(struct cpu *c, const struct insn *i) { SZN(op_imul)(c, RD_R(i->rm)); }
void HN(IMUL_Eb, IMUL_Ev, M)(struct cpu *c, const struct insn *i) { SZN(op_imul)(c, RD_M(i->seg, ea(c, i))); }
void HN(DIV_Eb, DIV_Ev, R)(struct cpu *c, const struct insn *i) { SZN(op_div)(c, RD_R(i->rm)); }
void HN(DIV_Eb, DIV_Ev, M)(struct cpu *c, const struct insn *i) { SZN(op_div)(c, RD_M(i->seg, ea(c, i))); }
void HN(IDIV_Eb, IDIV_Ev, R)(struct cpu *c, const struct insn *i) { SZN(op_idiv)(c, RD_R(i->rm)); }
void HN(IDIV_Eb, IDIV_Ev, M)(struct cpu *c, const struct insn *i) { SZN(op_idiv)(c, RD_M(i->seg, ea(c, i))); }

/* IMUL with two or three operands (80186+, 0F AF 80386+): the product is
 * truncated to the destination size; no byte form. The 80386 early-out
 * counts the bits of the multiplier, taken here as the immediate or, for
 * 0F AF, the r/m operand (80386 PRM, IMUL). */
#if OSZ != 8
static uint32_t SZN(op_imul3)(struct cpu *c, uint32_t a, uint32_t b)
{
    uint32_t hi, lo = SZN(imul_trunc)(c, a, b, &hi);
    c->cycles += timing_mul(c, c->tm->TMF(imul), SZN(magnitude)(b), BITS);
    return lo;
}
void HN(IMUL_GvEvIv, IMUL_GvEvIv, R)(struct cpu *c, const struct insn *i)
{ WR_R(i->reg, SZN(op_imul3)(c, RD_R(i->rm), i->imm & MASK)); }
void HN(IMUL_GvEvIv, IMUL_GvEvIv, M)(struct cpu *c, const struct insn *i)
{ WR_R(i->reg, SZN(op_imul3)(c, RD_M(i->seg, ea(c, i)), i->imm & MASK)); }
void HN(IMUL_GvEvIb, IMUL_GvEvIb, R)(struct cpu *c, const struct insn *i)
{ WR_R(i->reg, SZN(op_imul3)(c, RD_R(i->rm), i->imm & MASK)); }
void HN(IMUL_GvEvIb, IMUL_GvEvIb, M)(struct cpu *c, const struct insn *i)
{ WR_R(i->reg, SZN(op_imul3)(c, RD_M(i->seg, ea(c, i)), i->imm & MASK)); }
void HN(IMUL_GvEv, IMUL_GvEv, R)(struct cpu *c, const struct insn *i)
{ WR_R(i->reg, SZN(op_imul3)(c, RD_R(i->reg), RD_R(i->rm))); }
void HN(IMUL_GvEv, IMUL_GvEv, M)(struct cpu *c, const struct insn *i)
{ WR_R(i->reg, SZN(op_imul3)(c, RD_R(i->reg), RD_M(i->seg, ea(c, i)))); }
#endif

/* ---- 8086 and 80186: the microcode, step for step where it shows ------
 * Multiply (8086 microcode routines PREIMUL, CORX, NEGATE, IMULCOF): the
 * signed forms multiply magnitudes and negate the double-width product
 * when the internal flag F1 says so; F1 starts set when the instruction
 * carries a REP/REPNE prefix (the prefix logic shares the latch), so a
 * prefixed MUL/IMUL returns the negated product. CF = OF = the high half
 * is significant; ZF/SF/PF come from the value tested for that (the high
 * half, or for IMUL the high half plus the low half's sign bit), AF from
 * that addition. */
static void SZN(mc_mul)(struct cpu *c, uint32_t m, unsigned sgn, unsigned f1)
{
    uint32_t tc = RD_R(R_EAX), tb = m;
    if (sgn) {
        if (tc & MSB) { tc = (0u - tc) & MASK; f1 ^= 1; }
        if (tb & MSB) { tb = (0u - tb) & MASK; f1 ^= 1; }
    }
    /* 8086 manual ranges, spread by the number of additions (set bits) */
    c->cycles += timing_mul(c, sgn ? c->tm->TMF(imul) : c->tm->TMF(mul), tc, BITS);
    uint64_t p = (uint64_t)tc * tb;
    if (f1) p = (0 - p) & DMASK;
    uint32_t lo = (uint32_t)p & MASK, hi = (uint32_t)(p >> BITS) & MASK, t = hi;
    unsigned af = 0;
    if (sgn) {
        t = (hi + (lo >> (BITS - 1))) & MASK;
        af = ((hi ^ t) >> 4) & 1;
    }
    WR_R(R_EAX, lo);
    WR_R(ACC_HI, hi);
    lf_res_co(c, SX(t), t != 0, t != 0, af);
}

/* Divide (PREIDIV, CORD, POSTIDIV). The signed forms divide magnitudes,
 * F1 as for multiply. CORD first compares the high half with the divisor
 * and raises INT 0 unless it is smaller (divisor 0 included), then runs a
 * restoring shift-and-subtract loop that collects the complemented
 * quotient; each loop step whose shifted-out bit is clear updates the
 * flags with its trial subtraction. POSTIDIV raises INT 0 when the
 * magnitude of the quotient has its top bit set, so -80h / -8000h cannot
 * be produced. Returns 0 for INT 0, with the flags as the microcode left
 * them (they are pushed). */
static int SZN(mc_div)(struct cpu *c, uint32_t hi, uint32_t lo, uint32_t m, unsigned sgn,
                       unsigned f1, uint32_t *quo, uint32_t *rem)
{
    uint32_t ta = hi, tc = lo, tb = m, fa, co;
    unsigned cf;
    if (sgn) {
        if (ta & MSB) {
            ta = (tc ? ~ta : 0u - ta) & MASK;
            tc = (0u - tc) & MASK;
            f1 ^= 1;
        }
        if (tb & MSB) { tb = (0u - tb) & MASK; f1 ^= 1; }
    }
    fa = ta;                      /* minuend of the last flag-setting subtraction */
    if (ta >= tb) {
        mc_sub_flags(c, fa, tb, BITS);
        return 0;
    }
    cf = 1;
    for (unsigned k = 0; k < BITS; k++) {
        co = tc >> (BITS - 1);
        tc = (tc << 1 | cf) & MASK;
        cf = ta >> (BITS - 1);
        ta = (ta << 1 | co) & MASK;
        if (cf) {
            cf = 0;
            ta = (ta - tb) & MASK;
        } else {
            fa = ta;
            cf = ta < tb;
            if (!cf) ta = (ta - tb) & MASK;
        }
    }
    tc = (tc << 1 | cf) & MASK;
    cf = tc >> (BITS - 1);
    mc_sub_flags(c, fa, tb, BITS);
    lf_set_cf(c, cf);
    if (sgn) {
        if (!cf) return 0;
        if (hi & MSB) ta = (0u - ta) & MASK;
        *quo = f1 ? (tc + 1) & MASK : ~tc & MASK;
        lf_set_cf(c, 0);
        mc_clear_of(c);
    } else {
        *quo = ~tc & MASK;
    }
    *rem = ta;
    return 1;
}

/* INT 0 from the 8086 microcode comes at the end of the instruction: the
 * pushed IP is that of the next instruction (8086 Family User's Manual,
 * "Interrupts"; the 80286 PRM lists this as a difference). */
static void SZN(div86)(struct cpu *c, const struct insn *i, uint32_t m, unsigned sgn)
{
    uint32_t q, r;
    c->cycles += sgn ? c->tm->TMF(idiv) : c->tm->TMF(div);
    if (!SZN(mc_div)(c, RD_R(ACC_HI), RD_R(R_EAX), m, sgn, i->rep != 0, &q, &r)) {
        cpu_interrupt(c, EX_DE, c->eip);
        return;
    }
    WR_R(R_EAX, q);
    WR_R(ACC_HI, r);
}

void HN(MUL_Eb86, MUL_Ev86, R)(struct cpu *c, const struct insn *i)
{ SZN(mc_mul)(c, RD_R(i->rm), 0, i->rep != 0); }
void HN(MUL_Eb86, MUL_Ev86, M)(struct cpu *c, const struct insn *i)
{ SZN(mc_mul)(c, RD_M(i->seg, ea(c, i)), 0, i->rep != 0); }
void HN(IMUL_Eb86, IMUL_Ev86, R)(struct cpu *c, const struct insn *i)
{ SZN(mc_mul)(c, RD_R(i->rm), 1, i->rep != 0); }
void HN(IMUL_Eb86, IMUL_Ev86, M)(struct cpu *c, const struct insn *i)
{ SZN(mc_mul)(c, RD_M(i->seg, ea(c, i)), 1, i->rep != 0); }
void HN(DIV_Eb86, DIV_Ev86, R)(struct cpu *c, const struct insn *i) { SZN(div86)(c, i, RD_R(i->rm), 0); }
void HN(DIV_Eb86, DIV_Ev86, M)(struct cpu *c, const struct insn *i)
{ SZN(div86)(c, i, RD_M(i->seg, ea(c, i)), 0); }
void HN(IDIV_Eb86, IDIV_Ev86, R)(struct cpu *c, const struct insn *i) { SZN(div86)(c, i, RD_R(i->rm), 1); }
void HN(IDIV_Eb86, IDIV_Ev86, M)(struct cpu *c, const struct insn *i)
{ SZN(div86)(c, i, RD_M(i->seg, ea(c, i)), 1); }

#undef ACC_HI
#undef DMASK
#undef TMF
#include "size_tmpl_end.h"
