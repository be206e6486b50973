/* arith_tmpl.h - the ALU operations for one operand size (see size_tmpl.h).
 * Flags per SDM vol. 2 for each instruction; the carry-vector formulas
 * that feed the lazy flags are in cpu_impl.h. */
#include "size_tmpl.h"

static inline uint32_t SZN(op_add)(struct cpu *c, uint32_t a, uint32_t b)
{
    uint32_t r = (a + b) & MASK;
    lf_cv(c, SX(r), (a & b) | ((a | b) & ~r), BITS);
    return r;
}
static inline uint32_t SZN(op_adc)(struct cpu *c, uint32_t a, uint32_t b)
{
    uint32_t r = (a + b + get_cf(c)) & MASK;
    lf_cv(c, SX(r), (a & b) | ((a | b) & ~r), BITS);
    return r;
}
static inline uint32_t SZN(op_sub)(struct cpu *c, uint32_t a, uint32_t b)
{
    uint32_t r = (a - b) & MASK;
    lf_cv(c, SX(r), (~a & b) | ((~a | b) & r), BITS);
    return r;
}
static inline uint32_t SZN(op_sbb)(struct cpu *c, uint32_t a, uint32_t b)
{
    uint32_t r = (a - b - get_cf(c)) & MASK;
    lf_cv(c, SX(r), (~a & b) | ((~a | b) & r), BITS);
    return r;
}
/* Logical operations clear CF, OF and AF (AF is undefined; the 8086 and
 * 80286 vectors mask it). */
static inline uint32_t SZN(op_or)(struct cpu *c, uint32_t a, uint32_t b)
{ uint32_t r = a | b; c->lf_res = SX(r); c->lf_aux = 0; return r; }
static inline uint32_t SZN(op_and)(struct cpu *c, uint32_t a, uint32_t b)
{ uint32_t r = a & b; c->lf_res = SX(r); c->lf_aux = 0; return r; }
static inline uint32_t SZN(op_xor)(struct cpu *c, uint32_t a, uint32_t b)
{ uint32_t r = a ^ b; c->lf_res = SX(r); c->lf_aux = 0; return r; }
#define SZN_op_cmp SZN(op_sub)

/* The ten forms of one ALU operation; wb = 0 for CMP (no write-back). */
#define ALU_FORMS(N, OPF, wb)                                                        \
void HN(N##_EbGb, N##_EvGv, R)(struct cpu *c, const struct insn *i)                   \
{ uint32_t r = OPF(c, RD_R(i->rm), RD_R(i->reg)); if (wb) WR_R(i->rm, r); }            \
void HN(N##_EbGb, N##_EvGv, M)(struct cpu *c, const struct insn *i)                   \
{ uint32_t o = ea(c, i); uint32_t r = OPF(c, RD_M(i->seg, o), RD_R(i->reg));           \
  if (wb) WR_M(i->seg, o, r); }                                                        \
void HN(N##_GbEb, N##_GvEv, R)(struct cpu *c, const struct insn *i)                   \
{ uint32_t r = OPF(c, RD_R(i->reg), RD_R(i->rm)); if (wb) WR_R(i->reg, r); }           \
void HN(N##_GbEb, N##_GvEv, M)(struct cpu *c, const struct insn *i)                   \
{ uint32_t r = OPF(c, RD_R(i->reg), RD_M(i->seg, ea(c, i))); if (wb) WR_R(i->reg, r); } \
void HNX(N##_ALIb, N##_eAXIv)(struct cpu *c, const struct insn *i)                    \
{ uint32_t r = OPF(c, RD_R(R_EAX), i->imm & MASK); if (wb) WR_R(R_EAX, r); }            \
void HN(N##_EbIb, N##_EvIv, R)(struct cpu *c, const struct insn *i)                   \
{ uint32_t r = OPF(c, RD_R(i->rm), i->imm & MASK); if (wb) WR_R(i->rm, r); }            \
void HN(N##_EbIb, N##_EvIv, M)(struct cpu *c, const struct insn *i)                   \
{ uint32_t o = ea(c, i); uint32_t r = OPF(c, RD_M(i->seg, o), i->imm & MASK);          \
  if (wb) WR_M(i->seg, o, r); }                                                        \
ALU_FORMS_IB(N, OPF, wb)

/* 83 /n: Ev,Ib with the byte sign-extended; no byte-size form. */
#if OSZ == 8
#define ALU_FORMS_IB(N, OPF, wb)
#else
#define ALU_FORMS_IB(N, OPF, wb)                                                     \
void HN(N##_EvIb, N##_EvIb, R)(struct cpu *c, const struct insn *i)                   \
{ uint32_t r = OPF(c, RD_R(i->rm), i->imm & MASK); if (wb) WR_R(i->rm, r); }            \
void HN(N##_EvIb, N##_EvIb, M)(struct cpu *c, const struct insn *i)                   \
{ uint32_t o = ea(c, i); uint32_t r = OPF(c, RD_M(i->seg, o), i->imm & MASK);          \
  if (wb) WR_M(i->seg, o, r); }
#endif

ALU_FORMS(ADD, SZN(op_add), 1)
ALU_FORMS(OR,  SZN(op_or),  1)
ALU_FORMS(ADC, SZN(op_adc), 1)
ALU_FORMS(SBB, SZN(op_sbb), 1)
ALU_FORMS(AND, SZN(op_and), 1)
ALU_FORMS(SUB, SZN(op_sub), 1)
ALU_FORMS(XOR, SZN(op_xor), 1)
ALU_FORMS(CMP, SZN(op_sub), 0)
#undef ALU_FORMS
#undef ALU_FORMS_IB
#undef SZN_op_cmp

void HN(TEST_EbGb, TEST_EvGv, R)(struct cpu *c, const struct insn *i)
{ SZN(op_and)(c, RD_R(i->rm), RD_R(i->reg)); }
void HN(TEST_EbGb, TEST_EvGv, M)(struct cpu *c, const struct insn *i)
{ SZN(op_and)(c, RD_M(i->seg, ea(c, i)), RD_R(i->reg)); }
void HNX(TEST_ALIb, TEST_eAXIv)(struct cpu *c, const struct insn *i)
{ SZN(op_and)(c, RD_R(R_EAX), i->imm & MASK); }
void HN(TEST_EbIb, TEST_EvIv, R)(struct cpu *c, const struct insn *i)
{ SZN(op_and)(c, RD_R(i->rm), i->imm & MASK); }
void HN(TEST_EbIb, TEST_EvIv, M)(struct cpu *c, const struct insn *i)
{ SZN(op_and)(c, RD_M(i->seg, ea(c, i)), i->imm & MASK); }

void HN(NOT_Eb, NOT_Ev, R)(struct cpu *c, const struct insn *i)
{ WR_R(i->rm, ~RD_R(i->rm)); }
void HN(NOT_Eb, NOT_Ev, M)(struct cpu *c, const struct insn *i)
{ uint32_t o = ea(c, i); WR_M(i->seg, o, ~RD_M(i->seg, o)); }
void HN(NEG_Eb, NEG_Ev, R)(struct cpu *c, const struct insn *i)
{ WR_R(i->rm, SZN(op_sub)(c, 0, RD_R(i->rm))); }
void HN(NEG_Eb, NEG_Ev, M)(struct cpu *c, const struct insn *i)
{ uint32_t o = ea(c, i); WR_M(i->seg, o, SZN(op_sub)(c, 0, RD_M(i->seg, o))); }

/* INC/DEC leave CF alone: keep it and let the rest follow the result. */
static inline uint32_t SZN(op_inc)(struct cpu *c, uint32_t a)
{
    unsigned cf = get_cf(c);
    uint32_t r = (a + 1) & MASK;
    lf_res_co(c, SX(r), cf, r == MSB, (r & 0xF) == 0);
    return r;
}
static inline uint32_t SZN(op_dec)(struct cpu *c, uint32_t a)
{
    unsigned cf = get_cf(c);
    uint32_t r = (a - 1) & MASK;
    lf_res_co(c, SX(r), cf, r == MSB - 1, (r & 0xF) == 0xF);
    return r;
}
#if OSZ != 8
void HNX(INC_Zv, INC_Zv)(struct cpu *c, const struct insn *i) { WR_R(i->reg, SZN(op_inc)(c, RD_R(i->reg))); }
void HNX(DEC_Zv, DEC_Zv)(struct cpu *c, const struct insn *i) { WR_R(i->reg, SZN(op_dec)(c, RD_R(i->reg))); }
#endif
void HN(INC_Eb, INC_Ev, R)(struct cpu *c, const struct insn *i) { WR_R(i->rm, SZN(op_inc)(c, RD_R(i->rm))); }
void HN(INC_Eb, INC_Ev, M)(struct cpu *c, const struct insn *i)
{ uint32_t o = ea(c, i); WR_M(i->seg, o, SZN(op_inc)(c, RD_M(i->seg, o))); }
void HN(DEC_Eb, DEC_Ev, R)(struct cpu *c, const struct insn *i) { WR_R(i->rm, SZN(op_dec)(c, RD_R(i->rm))); }
void HN(DEC_Eb, DEC_Ev, M)(struct cpu *c, const struct insn *i)
{ uint32_t o = ea(c, i); WR_M(i->seg, o, SZN(op_dec)(c, RD_M(i->seg, o))); }

/* XADD (486+): exchange, then add; the register gets the old destination. */
void HN(XADD_EbGb, XADD_EvGv, R)(struct cpu *c, const struct insn *i)
{
    uint32_t d = RD_R(i->rm), s = RD_R(i->reg);
    uint32_t r = SZN(op_add)(c, d, s);
    WR_R(i->reg, d);
    WR_R(i->rm, r);
}
void HN(XADD_EbGb, XADD_EvGv, M)(struct cpu *c, const struct insn *i)
{
    uint32_t o = ea(c, i), d = RD_M(i->seg, o), s = RD_R(i->reg);
    uint32_t r = SZN(op_add)(c, d, s);
    WR_M(i->seg, o, r);
    WR_R(i->reg, d);
}
/* CMPXCHG (486+): compare the accumulator with the destination (SDM vol. 2). */
void HN(CMPXCHG_EbGb, CMPXCHG_EvGv, R)(struct cpu *c, const struct insn *i)
{
    uint32_t d = RD_R(i->rm);
    SZN(op_sub)(c, RD_R(R_EAX), d);
    if (get_zf(c)) WR_R(i->rm, RD_R(i->reg));
    else WR_R(R_EAX, d);
}
void HN(CMPXCHG_EbGb, CMPXCHG_EvGv, M)(struct cpu *c, const struct insn *i)
{
    uint32_t o = ea(c, i), d = RD_M(i->seg, o);
    SZN(op_sub)(c, RD_R(R_EAX), d);
    /* the processor always writes the destination (SDM vol. 2, CMPXCHG) */
    if (get_zf(c)) WR_M(i->seg, o, RD_R(i->reg));
    else { WR_M(i->seg, o, d); WR_R(R_EAX, d); }
}
#include "size_tmpl_end.h"
