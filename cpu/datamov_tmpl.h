/* datamov_tmpl.h - the data-movement instructions of one operand size (see
 * size_tmpl.h): MOV, XCHG, and for 16/32 bits MOV to/from segment registers,
 * LEA, the far-pointer loads and MOVZX/MOVSX. None of them changes a flag. */
#include "size_tmpl.h"

void HN(MOV_EbGb, MOV_EvGv, R)(struct cpu *c, const struct insn *i) { WR_R(i->rm, RD_R(i->reg)); }
void HN(MOV_EbGb, MOV_EvGv, M)(struct cpu *c, const struct insn *i)
{ WR_M(i->seg, ea(c, i), RD_R(i->reg)); }
void HN(MOV_GbEb, MOV_GvEv, R)(struct cpu *c, const struct insn *i) { WR_R(i->reg, RD_R(i->rm)); }
void HN(MOV_GbEb, MOV_GvEv, M)(struct cpu *c, const struct insn *i)
{ WR_R(i->reg, RD_M(i->seg, ea(c, i))); }
/* moffs: the decoder put the offset in disp and cleared base and index, so
 * ea() gives it masked to the address size. */
void HNX(MOV_ALOb, MOV_eAXOv)(struct cpu *c, const struct insn *i)
{ WR_R(R_EAX, RD_M(i->seg, ea(c, i))); }
void HNX(MOV_ObAL, MOV_OveAX)(struct cpu *c, const struct insn *i)
{ WR_M(i->seg, ea(c, i), RD_R(R_EAX)); }
void HNX(MOV_ZbIb, MOV_ZvIv)(struct cpu *c, const struct insn *i) { WR_R(i->reg, i->imm); }
void HN(MOV_EbIb, MOV_EvIv, R)(struct cpu *c, const struct insn *i) { WR_R(i->rm, i->imm); }
void HN(MOV_EbIb, MOV_EvIv, M)(struct cpu *c, const struct insn *i)
{ WR_M(i->seg, ea(c, i), i->imm); }

void HN(XCHG_EbGb, XCHG_EvGv, R)(struct cpu *c, const struct insn *i)
{
    uint32_t a = RD_R(i->rm), b = RD_R(i->reg);
    WR_R(i->rm, b);
    WR_R(i->reg, a);
}
void HN(XCHG_EbGb, XCHG_EvGv, M)(struct cpu *c, const struct insn *i)
{
    uint32_t o = ea(c, i), a = RD_M(i->seg, o);
    WR_M(i->seg, o, RD_R(i->reg));
    WR_R(i->reg, a);
}

#if OSZ != 8
/* 91-97: XCHG eAX with a fixed register (one row each, see datamov.def). */
#define XCHG_AX(N, r)                                                        \
void HNX(XCHG_eAX##N, XCHG_eAX##N)(struct cpu *c, const struct insn *i)       \
{ uint32_t t = RD_R(R_EAX); (void)i; WR_R(R_EAX, RD_R(r)); WR_R(r, t); }
XCHG_AX(eCX, R_ECX)
XCHG_AX(eDX, R_EDX)
XCHG_AX(eBX, R_EBX)
XCHG_AX(eSP, R_ESP)
XCHG_AX(eBP, R_EBP)
XCHG_AX(eSI, R_ESI)
XCHG_AX(eDI, R_EDI)
#undef XCHG_AX

/* MOV Ew,Sw from the 80286 on. A 32-bit register destination gets the
 * selector zero-extended (Pentium and later document this; the 80386/80486
 * leave the upper half undefined), a memory destination is always a word. */
void HN(MOV_EwSw, MOV_EwSw, R)(struct cpu *c, const struct insn *i)
{ WR_R(i->rm, c->seg[i->reg].sel); }
void HN(MOV_EwSw, MOV_EwSw, M)(struct cpu *c, const struct insn *i)
{ wr16(c, i->seg, ea(c, i), c->seg[i->reg].sel); }

/* LEA: the offset at the address size, stored at the operand size. */
void HN(LEA_GvM, LEA_GvM, M)(struct cpu *c, const struct insn *i) { WR_R(i->reg, ea(c, i)); }

/* LDS LES LSS LFS LGS: offset, then selector, both read before anything is
 * loaded. The selector's offset is not wrapped here: the 8086 wraps it
 * inside the segment in the memory slow path, later models fault there
 * (an offset of FFFFh is #GP on the 80286, as the vectors show). */
static inline void SZN(load_far)(struct cpu *c, const struct insn *i, unsigned s)
{
    uint32_t o = ea(c, i);
    uint32_t off = RD_M(i->seg, o);
    uint32_t sel = rd16(c, i->seg, o + BITS / 8);
    seg_load(c, s, (uint16_t)sel);
    WR_R(i->reg, off);
}
void HN(LES_GvMp, LES_GvMp, M)(struct cpu *c, const struct insn *i) { SZN(load_far)(c, i, S_ES); }
void HN(LDS_GvMp, LDS_GvMp, M)(struct cpu *c, const struct insn *i) { SZN(load_far)(c, i, S_DS); }
void HN(LSS_GvMp, LSS_GvMp, M)(struct cpu *c, const struct insn *i) { SZN(load_far)(c, i, S_SS); }
void HN(LFS_GvMp, LFS_GvMp, M)(struct cpu *c, const struct insn *i) { SZN(load_far)(c, i, S_FS); }
void HN(LGS_GvMp, LGS_GvMp, M)(struct cpu *c, const struct insn *i) { SZN(load_far)(c, i, S_GS); }

/* MOVZX/MOVSX (80386+); the word forms at 16-bit operand size are plain moves. */
void HN(MOVZX_GvEb, MOVZX_GvEb, R)(struct cpu *c, const struct insn *i) { WR_R(i->reg, r8(c, i->rm)); }
void HN(MOVZX_GvEb, MOVZX_GvEb, M)(struct cpu *c, const struct insn *i)
{ WR_R(i->reg, rd8(c, i->seg, ea(c, i))); }
void HN(MOVZX_GvEw, MOVZX_GvEw, R)(struct cpu *c, const struct insn *i) { WR_R(i->reg, r16(c, i->rm)); }
void HN(MOVZX_GvEw, MOVZX_GvEw, M)(struct cpu *c, const struct insn *i)
{ WR_R(i->reg, rd16(c, i->seg, ea(c, i))); }
void HN(MOVSX_GvEb, MOVSX_GvEb, R)(struct cpu *c, const struct insn *i) { WR_R(i->reg, sx8(r8(c, i->rm))); }
void HN(MOVSX_GvEb, MOVSX_GvEb, M)(struct cpu *c, const struct insn *i)
{ WR_R(i->reg, sx8(rd8(c, i->seg, ea(c, i)))); }
void HN(MOVSX_GvEw, MOVSX_GvEw, R)(struct cpu *c, const struct insn *i) { WR_R(i->reg, sx16(r16(c, i->rm))); }
void HN(MOVSX_GvEw, MOVSX_GvEw, M)(struct cpu *c, const struct insn *i)
{ WR_R(i->reg, sx16(rd16(c, i->seg, ea(c, i)))); }
#endif
#include "size_tmpl_end.h"
