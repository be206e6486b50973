/* bit_tmpl.h - the 16- and 32-bit forms of the bit family (see
 * size_tmpl.h, and bit.c for the rules followed). */
#include "size_tmpl.h"

/* Byte displacement of the operand that holds bit g (a register bit
 * offset, sign-extended): (g >> log2(BITS)) x BITS/8. */
static inline uint32_t SZN(bt_disp)(uint32_t g)
{
    return bit_asr(SX(g) & ~(uint32_t)(BITS - 1), 3);
}

#define BT_OP_BT(v, m)  (v)
#define BT_OP_BTS(v, m) ((v) | (m))
#define BT_OP_BTR(v, m) ((v) & ~(m))
#define BT_OP_BTC(v, m) ((v) ^ (m))
/* The four forms of one bit operation; wb = 0 for BT (no write-back). The
 * destination is written before CF so a faulting write changes nothing. */
#define BT_FORMS(N, OPB, wb)                                                              \
void HN(N, N##_EvGv, R)(struct cpu *c, const struct insn *i)                              \
{ uint32_t v = RD_R(i->rm), m = (uint32_t)1 << (RD_R(i->reg) & (BITS - 1));                \
  if (wb) { WR_R(i->rm, OPB(v, m)); } lf_set_cf(c, (v & m) != 0); }                           \
void HN(N, N##_EvGv, M)(struct cpu *c, const struct insn *i)                              \
{ uint32_t g = RD_R(i->reg), o = (ea(c, i) + SZN(bt_disp)(g)) & i->amask;                 \
  uint32_t v = RD_M(i->seg, o), m = (uint32_t)1 << (g & (BITS - 1));                      \
  if (wb) { WR_M(i->seg, o, OPB(v, m)); } lf_set_cf(c, (v & m) != 0); }                       \
void HN(N, N##_EvIb, R)(struct cpu *c, const struct insn *i)                              \
{ uint32_t v = RD_R(i->rm), m = (uint32_t)1 << (i->imm & (BITS - 1));                      \
  if (wb) { WR_R(i->rm, OPB(v, m)); } lf_set_cf(c, (v & m) != 0); }                           \
void HN(N, N##_EvIb, M)(struct cpu *c, const struct insn *i)                              \
{ uint32_t o = ea(c, i), v = RD_M(i->seg, o), m = (uint32_t)1 << (i->imm & (BITS - 1));    \
  if (wb) { WR_M(i->seg, o, OPB(v, m)); } lf_set_cf(c, (v & m) != 0); }
BT_FORMS(BT,  BT_OP_BT,  0)
BT_FORMS(BTS, BT_OP_BTS, 1)
BT_FORMS(BTR, BT_OP_BTR, 1)
BT_FORMS(BTC, BT_OP_BTC, 1)
#undef BT_FORMS
#undef BT_OP_BT
#undef BT_OP_BTS
#undef BT_OP_BTR
#undef BT_OP_BTC

static inline void SZN(bsf)(struct cpu *c, const struct insn *i, uint32_t v)
{
    if (!v) { lf_set_zf(c, 1); return; }
    unsigned k = 0;
    while (!((v >> k) & 1)) k++;
    WR_R(i->reg, k);
    lf_set_zf(c, 0);
    c->cycles += bs_clocks(c, 1, BITS, k);
}
static inline void SZN(bsr)(struct cpu *c, const struct insn *i, uint32_t v)
{
    if (!v) { lf_set_zf(c, 1); return; }
    unsigned k = BITS - 1;
    while (!((v >> k) & 1)) k--;
    WR_R(i->reg, k);
    lf_set_zf(c, 0);
    c->cycles += bs_clocks(c, 0, BITS, BITS - 1 - k);
}
void HN(BSF_GvEv, BSF_GvEv, R)(struct cpu *c, const struct insn *i) { SZN(bsf)(c, i, RD_R(i->rm)); }
void HN(BSF_GvEv, BSF_GvEv, M)(struct cpu *c, const struct insn *i) { SZN(bsf)(c, i, RD_M(i->seg, ea(c, i))); }
void HN(BSR_GvEv, BSR_GvEv, R)(struct cpu *c, const struct insn *i) { SZN(bsr)(c, i, RD_R(i->rm)); }
void HN(BSR_GvEv, BSR_GvEv, M)(struct cpu *c, const struct insn *i) { SZN(bsr)(c, i, RD_M(i->seg, ea(c, i))); }

#define CMOV_FORMS(N, cc)                                                                 \
void HN(CMOV##N##_GvEv, CMOV##N##_GvEv, R)(struct cpu *c, const struct insn *i)           \
{ uint32_t v = RD_R(i->rm); if (cond(c, cc)) WR_R(i->reg, v); }                           \
void HN(CMOV##N##_GvEv, CMOV##N##_GvEv, M)(struct cpu *c, const struct insn *i)           \
{ uint32_t v = RD_M(i->seg, ea(c, i)); if (cond(c, cc)) WR_R(i->reg, v); }
CMOV_FORMS(O, 0x0)
CMOV_FORMS(NO, 0x1)
CMOV_FORMS(B, 0x2)
CMOV_FORMS(AE, 0x3)
CMOV_FORMS(E, 0x4)
CMOV_FORMS(NE, 0x5)
CMOV_FORMS(BE, 0x6)
CMOV_FORMS(A, 0x7)
CMOV_FORMS(S, 0x8)
CMOV_FORMS(NS, 0x9)
CMOV_FORMS(P, 0xA)
CMOV_FORMS(NP, 0xB)
CMOV_FORMS(L, 0xC)
CMOV_FORMS(GE, 0xD)
CMOV_FORMS(LE, 0xE)
CMOV_FORMS(G, 0xF)
#undef CMOV_FORMS

/* BSWAP: 32 bits reverse the bytes; 16 bits clear the low word. */
static inline uint32_t SZN(bswap)(uint32_t v)
{
    return BITS == 16 ? 0 : (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
}
void HNX(BSWAP_Zv, BSWAP_Zv)(struct cpu *c, const struct insn *i)
{ WR_R(i->reg, SZN(bswap)(c->gpr[i->reg])); }
#include "size_tmpl_end.h"
