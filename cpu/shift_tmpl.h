/* shift_tmpl.h - the shift and rotate operations for one operand size (see
 * size_tmpl.h and, for the flag rules and where they come from, shift.c). */
#include "size_tmpl.h"

/* Each operation executes n >= 1 steps on v and sets the flags. */
static inline uint32_t SZN(sh_rol)(struct cpu *c, uint32_t v, unsigned n)
{
    unsigned k = n % BITS;
    uint32_t r = k ? ((v << k) | (v >> (BITS - k))) & MASK : v;
    unsigned cf = r & 1;
    lf_set_co(c, cf, ((r >> (BITS - 1)) & 1) ^ cf);
    return r;
}
static inline uint32_t SZN(sh_ror)(struct cpu *c, uint32_t v, unsigned n)
{
    unsigned k = n % BITS;
    uint32_t r = k ? ((v >> k) | (v << (BITS - k))) & MASK : v;
    unsigned cf = (r >> (BITS - 1)) & 1;
    lf_set_co(c, cf, cf ^ ((r >> (BITS - 2)) & 1));
    return r;
}
/* RCL/RCR rotate the BITS+1-bit value CF:v (at most 33 bits). */
static inline uint32_t SZN(sh_rcl)(struct cpu *c, uint32_t v, unsigned n)
{
    const unsigned w = BITS + 1;
    const uint64_t wmask = ((uint64_t)1 << w) - 1;
    unsigned k = n % w;
    uint64_t x = (uint64_t)get_cf(c) << BITS | v;
    if (k) x = ((x << k) | (x >> (w - k))) & wmask;
    uint32_t r = (uint32_t)x & MASK;
    unsigned cf = (unsigned)(x >> BITS) & 1;
    lf_set_co(c, cf, ((r >> (BITS - 1)) & 1) ^ cf);
    return r;
}
static inline uint32_t SZN(sh_rcr)(struct cpu *c, uint32_t v, unsigned n)
{
    const unsigned w = BITS + 1;
    const uint64_t wmask = ((uint64_t)1 << w) - 1;
    unsigned k = n % w;
    uint64_t x = (uint64_t)get_cf(c) << BITS | v;
    if (k) x = ((x >> k) | (x << (w - k))) & wmask;
    uint32_t r = (uint32_t)x & MASK;
    unsigned cf = (unsigned)(x >> BITS) & 1;
    lf_set_co(c, cf, ((r >> (BITS - 1)) ^ (r >> (BITS - 2))) & 1);
    return r;
}
static inline uint32_t SZN(sh_shl)(struct cpu *c, uint32_t v, unsigned n)
{
    uint32_t r = n < BITS ? (v << n) & MASK : 0;
    unsigned cf = n <= BITS ? (v >> (BITS - n)) & 1 : 0;
    lf_res_co(c, SX(r), cf, ((r >> (BITS - 1)) & 1) ^ cf, (r >> 4) & 1);
    return r;
}
static inline uint32_t SZN(sh_shr)(struct cpu *c, uint32_t v, unsigned n)
{
    uint32_t r = n < BITS ? v >> n : 0;
    unsigned cf = n <= BITS ? (v >> (n - 1)) & 1 : 0;
    /* the top bit of r is 0, so OF is its next bit (v's MSB for n = 1) */
    lf_res_co(c, SX(r), cf, (r >> (BITS - 2)) & 1, sh_right_af(c));
    return r;
}
static inline uint32_t SZN(sh_sar)(struct cpu *c, uint32_t v, unsigned n)
{
    uint32_t sign = (v & MSB) ? MASK : 0;
    uint32_t r, cf;
    if (n < BITS) {
        /* shift in copies of the sign without relying on >> of negatives */
        r = ((v >> n) | (sign << (BITS - 1 - n) << 1)) & MASK;
        cf = (v >> (n - 1)) & 1;
    } else {
        r = sign;
        cf = sign & 1;
    }
    lf_res_co(c, SX(r), cf, 0, sh_right_af(c));
    return r;
}
/* 8086 /6: all ones, flags of a logical result. */
static inline uint32_t SZN(sh_setmo)(struct cpu *c, uint32_t v, unsigned n)
{
    (void)v; (void)n;
    lf_res_co(c, SX(MASK), 0, 0, 0);
    return MASK;
}

/* The six forms of one operation: by 1, by CL, by imm8; register and
 * memory. The memory operand is read before the count is looked at (a
 * zero count still faults on a bad address), and not written back when
 * the count is zero. */
#define SHIFT_FORMS(N, OPF)                                                               \
void HN(N##_Eb1, N##_Ev1, R)(struct cpu *c, const struct insn *i)                         \
{ WR_R(i->rm, OPF(c, RD_R(i->rm), 1)); }                                                  \
void HN(N##_Eb1, N##_Ev1, M)(struct cpu *c, const struct insn *i)                         \
{ uint32_t o = ea(c, i); WR_M(i->seg, o, OPF(c, RD_M(i->seg, o), 1)); }                   \
void HN(N##_EbCL, N##_EvCL, R)(struct cpu *c, const struct insn *i)                       \
{ unsigned n = sh_count(c, r8(c, R_ECX)); if (n) WR_R(i->rm, OPF(c, RD_R(i->rm), n)); }   \
void HN(N##_EbCL, N##_EvCL, M)(struct cpu *c, const struct insn *i)                       \
{ uint32_t o = ea(c, i), v = RD_M(i->seg, o); unsigned n = sh_count(c, r8(c, R_ECX));     \
  if (n) WR_M(i->seg, o, OPF(c, v, n)); }                                                 \
void HN(N##_EbIb, N##_EvIb, R)(struct cpu *c, const struct insn *i)                       \
{ unsigned n = sh_count(c, i->imm); if (n) WR_R(i->rm, OPF(c, RD_R(i->rm), n)); }          \
void HN(N##_EbIb, N##_EvIb, M)(struct cpu *c, const struct insn *i)                       \
{ uint32_t o = ea(c, i), v = RD_M(i->seg, o); unsigned n = sh_count(c, i->imm);           \
  if (n) WR_M(i->seg, o, OPF(c, v, n)); }

SHIFT_FORMS(ROL, SZN(sh_rol))
SHIFT_FORMS(ROR, SZN(sh_ror))
SHIFT_FORMS(RCL, SZN(sh_rcl))
SHIFT_FORMS(RCR, SZN(sh_rcr))
SHIFT_FORMS(SHL, SZN(sh_shl))
SHIFT_FORMS(SHR, SZN(sh_shr))
SHIFT_FORMS(SAR, SZN(sh_sar))
#undef SHIFT_FORMS

/* SETMO / SETMOC (8086 only; the 32-bit handlers exist for the table). */
void HN(SETMO_Eb, SETMO_Ev, R)(struct cpu *c, const struct insn *i)
{ WR_R(i->rm, SZN(sh_setmo)(c, 0, 1)); }
void HN(SETMO_Eb, SETMO_Ev, M)(struct cpu *c, const struct insn *i)
{ uint32_t o = ea(c, i); WR_M(i->seg, o, SZN(sh_setmo)(c, RD_M(i->seg, o), 1)); }
void HN(SETMOC_Eb, SETMOC_Ev, R)(struct cpu *c, const struct insn *i)
{ unsigned n = sh_count(c, r8(c, R_ECX)); if (n) WR_R(i->rm, SZN(sh_setmo)(c, 0, n)); }
void HN(SETMOC_Eb, SETMOC_Ev, M)(struct cpu *c, const struct insn *i)
{
    uint32_t o = ea(c, i), v = RD_M(i->seg, o);
    unsigned n = sh_count(c, r8(c, R_ECX));
    if (n) WR_M(i->seg, o, SZN(sh_setmo)(c, v, n));
}

#if OSZ != 8
/* SHLD/SHRD (SDM vol. 2): the count is masked to five bits; zero changes
 * nothing. A 16-bit operand with a count of 17-31 has an undefined result;
 * we shift the 48-bit pattern dest:src:dest as Intel processors do (and
 * Bochs models), which also yields CF; OF follows SHL/SHR (MSB xor CF, and
 * the xor of the two top result bits); AF (undefined) is cleared. */
static inline uint32_t SZN(sh_shld)(struct cpu *c, uint32_t d, uint32_t s, unsigned n)
{
    /* dest in the top bits, then src, then (16-bit) dest again */
    uint64_t x = (uint64_t)d << (64 - BITS) | (uint64_t)s << (64 - 2 * BITS) |
                 (BITS == 16 ? (uint64_t)d << 16 : 0);
    uint32_t r = (uint32_t)((x << n) >> (64 - BITS)) & MASK;
    unsigned cf = (unsigned)(x >> (64 - n)) & 1;
    lf_res_co(c, SX(r), cf, ((r >> (BITS - 1)) & 1) ^ cf, 0);
    return r;
}
static inline uint32_t SZN(sh_shrd)(struct cpu *c, uint32_t d, uint32_t s, unsigned n)
{
    /* dest in the low bits, then src, then (16-bit) dest again */
    uint64_t x = (uint64_t)d | (uint64_t)s << BITS | (BITS == 16 ? (uint64_t)d << 32 : 0);
    uint32_t r = (uint32_t)(x >> n) & MASK;
    unsigned cf = (unsigned)(x >> (n - 1)) & 1;
    lf_res_co(c, SX(r), cf, ((r >> (BITS - 1)) ^ (r >> (BITS - 2))) & 1, 0);
    return r;
}
#define DSHIFT_FORMS(N, OPF, CNT)                                                          \
void HN(N, N, R)(struct cpu *c, const struct insn *i)                                      \
{ unsigned n = (CNT) & 31; if (n) WR_R(i->rm, OPF(c, RD_R(i->rm), RD_R(i->reg), n)); }      \
void HN(N, N, M)(struct cpu *c, const struct insn *i)                                      \
{ uint32_t o = ea(c, i), v = RD_M(i->seg, o); unsigned n = (CNT) & 31;                      \
  if (n) WR_M(i->seg, o, OPF(c, v, RD_R(i->reg), n)); }
DSHIFT_FORMS(SHLD_EvGvIb, SZN(sh_shld), i->imm)
DSHIFT_FORMS(SHLD_EvGvCL, SZN(sh_shld), c->gpr[R_ECX])
DSHIFT_FORMS(SHRD_EvGvIb, SZN(sh_shrd), i->imm)
DSHIFT_FORMS(SHRD_EvGvCL, SZN(sh_shrd), c->gpr[R_ECX])
#undef DSHIFT_FORMS
#endif
#include "size_tmpl_end.h"
