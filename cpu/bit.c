/* bit.c - the bit family (80386 and later): BT, BTS, BTR, BTC with a
 * register or an immediate bit offset, BSF/BSR, SETcc, BSWAP (80486+) and
 * CMOVcc (P6). Rows in bit.def; the 16- and 32-bit forms come from
 * bit_tmpl.h, SETcc (byte only) is here.
 *
 * Semantics: Intel SDM vol. 2 (BT, BTS, BTR, BTC, BSF, BSR, SETcc, BSWAP,
 * CMOVcc) and the 80386 PRM chapter 17.
 *  - BT* with a register bit offset and a memory operand address beyond the
 *    operand: the offset is signed (-2^15..2^15-1 for 16 bits, -2^31..2^31-1
 *    for 32), the operand is the word/dword at EA + (offset >> 4 or 5) x 2
 *    or 4 bytes (wrapping within the address size) and the bit is offset
 *    mod 16/32. An immediate offset is taken mod the operand size.
 *    CF = the bit before any change; ZF is unchanged; OF, SF, AF, PF are
 *    undefined and we leave them as they were.
 *  - BSF/BSR with a zero source set ZF and leave the destination alone (what
 *    Intel processors do; the SDM calls the destination undefined); the
 *    other flags (undefined) are left as they were.
 *  - BSWAP of a 16-bit register is undefined; Intel processors clear the
 *    low word, and so do we.
 *  - CMOVcc always reads its source (a memory operand can fault even when
 *    the condition is false) and writes nothing when it is false.
 *
 * BSF/BSR clocks: 80386 PRM "10+3n", n the number of bits scanned before
 * the set one (0 for a zero source, which the PRM's operation tests first).
 * The i486 (BSF 6-42, BSR 6-103) and Pentium (BSF 6-34 / 6-42, BSR 7-39 /
 * 7-71 for 16 / 32 bits) publish only ranges: a zero source costs the
 * minimum (the row's clocks) and otherwise we interpolate linearly from the
 * minimum to the maximum over the bits scanned.
 */
#include "decode.h"

/* Arithmetic right shift of a two's complement value, without relying on
 * >> of a negative signed integer. */
static inline uint32_t bit_asr(uint32_t x, unsigned k)
{
    return (x >> k) | ((x & 0x80000000u) ? ~(0xFFFFFFFFu >> k) : 0);
}

/* ZF alone (BSF/BSR): the other five flags keep their values. */
static inline void lf_set_zf(struct cpu *c, unsigned zf)
{
    lf_set6(c, (lf_get6(c) & ~(uint32_t)F_ZF) | (zf ? F_ZF : 0));
}

/* Extra clocks of BSF (fwd) / BSR on a non-zero source after scanning n
 * zero bits of a bits-wide operand (see the top of this file). */
static unsigned bs_clocks(const struct cpu *c, int fwd, unsigned bits, unsigned n)
{
    unsigned lo, hi;
    switch (c->model) {
    case CPU_80386: return 3 * n;
    case CPU_80486: lo = 6; hi = fwd ? 42 : 103; break;
    default:
        lo = fwd ? 6 : 7;
        hi = fwd ? (bits == 16 ? 34 : 42) : (bits == 16 ? 39 : 71);
        break;
    }
    return (hi - lo) * (n + 1) / bits;
}

/* 0F BA /0 (see bit.def). */
void UD_0FBA_R(struct cpu *c, const struct insn *i) { (void)i; cpu_ud(c); }
void UD_0FBA_M(struct cpu *c, const struct insn *i) { (void)i; cpu_ud(c); }

/* SETcc Eb: the ModR/M reg field is ignored (SDM vol. 2, SETcc). */
#define SETCC_FORMS(N, cc)                                                        \
void SET##N##_Eb_R(struct cpu *c, const struct insn *i)                           \
{ w8(c, i->rm, (uint32_t)cond(c, cc)); }                                         \
void SET##N##_Eb_M(struct cpu *c, const struct insn *i)                           \
{ wr8(c, i->seg, ea(c, i), (uint32_t)cond(c, cc)); }
SETCC_FORMS(O, 0x0)
SETCC_FORMS(NO, 0x1)
SETCC_FORMS(B, 0x2)
SETCC_FORMS(AE, 0x3)
SETCC_FORMS(E, 0x4)
SETCC_FORMS(NE, 0x5)
SETCC_FORMS(BE, 0x6)
SETCC_FORMS(A, 0x7)
SETCC_FORMS(S, 0x8)
SETCC_FORMS(NS, 0x9)
SETCC_FORMS(P, 0xA)
SETCC_FORMS(NP, 0xB)
SETCC_FORMS(L, 0xC)
SETCC_FORMS(GE, 0xD)
SETCC_FORMS(LE, 0xE)
SETCC_FORMS(G, 0xF)
#undef SETCC_FORMS

#define OSZ 16
#include "bit_tmpl.h"
#define OSZ 32
#include "bit_tmpl.h"
