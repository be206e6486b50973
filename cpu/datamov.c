/* datamov.c - the data-movement family: MOV (registers, memory, immediates,
 * moffs, segment registers), XCHG, NOP, LEA, LDS/LES/LSS/LFS/LGS,
 * MOVZX/MOVSX, XLAT, LAHF/SAHF and CLC STC CMC CLD STD (rows and clocks in
 * datamov.def). Semantics: Intel SDM vol. 2 for each instruction; 8086
 * differences from the 8086 Family User's Manual and the SingleStepTests
 * vectors (see datamov.def). Size variants come from datamov_tmpl.h. */
#include "decode.h"

#define OSZ 8
#include "datamov_tmpl.h"
#define OSZ 16
#include "datamov_tmpl.h"
#define OSZ 32
#include "datamov_tmpl.h"

/* The 8086 decodes only two bits of the segment register field: 8C/8E
 * /4-/7 alias /0-/3, and MOV CS,Ew is a far jump to CS:IP (the row ends
 * the trace). */
void MOV86_EwSw_R(struct cpu *c, const struct insn *i) { w16(c, i->rm, c->seg[i->reg & 3].sel); }
void MOV86_EwSw_M(struct cpu *c, const struct insn *i)
{ wr16(c, i->seg, ea(c, i), c->seg[i->reg & 3].sel); }

/* Loading SS holds off interrupts (and the single-step trap) until the
 * next instruction has run, so that MOV SS / MOV SP pairs are atomic
 * (SDM vol. 2, MOV; 8086 manual, "Interrupts"); the row ends the trace so
 * the run loop sees c->shadow. */
static void mov_sreg(struct cpu *c, unsigned s, uint32_t v)
{
    seg_load(c, s, (uint16_t)v);
    if (s == S_SS) c->shadow = 1;
}
void MOV86_SwEw_R(struct cpu *c, const struct insn *i) { mov_sreg(c, i->reg & 3, r16(c, i->rm)); }
void MOV86_SwEw_M(struct cpu *c, const struct insn *i)
{ mov_sreg(c, i->reg & 3, rd16(c, i->seg, ea(c, i))); }
/* 80286+: only ES SS DS (FS GS) have rows, the others are #UD at decode. */
void MOV_SwEw_R(struct cpu *c, const struct insn *i) { mov_sreg(c, i->reg, r16(c, i->rm)); }
void MOV_SwEw_M(struct cpu *c, const struct insn *i)
{ mov_sreg(c, i->reg, rd16(c, i->seg, ea(c, i))); }

void NOP(struct cpu *c, const struct insn *i) { (void)c; (void)i; }

/* XLAT: AL = [seg:eBX + AL], BX or EBX by the address size. */
void XLAT(struct cpu *c, const struct insn *i)
{
    uint32_t o = (c->gpr[R_EBX] + r8(c, R_EAX)) & i->amask;
    w8(c, R_EAX, rd8(c, i->seg, o));
}

/* LAHF: AH = SF ZF 0 AF 0 PF 1 CF (bits 1/3/5 as FLAGS reads them).
 * SAHF: the same five flags back from AH. AH is byte register 4. */
void LAHF(struct cpu *c, const struct insn *i) { (void)i; w8(c, 4, cpu_get_flags(c) & 0xFF); }
void SAHF(struct cpu *c, const struct insn *i)
{
    (void)i;
    cpu_load_flags(c, r8(c, 4), F_SF | F_ZF | F_AF | F_PF | F_CF);
}

void CLC(struct cpu *c, const struct insn *i) { (void)i; lf_set_cf(c, 0); }
void STC(struct cpu *c, const struct insn *i) { (void)i; lf_set_cf(c, 1); }
void CMC(struct cpu *c, const struct insn *i) { (void)i; lf_set_cf(c, !get_cf(c)); }
void CLD(struct cpu *c, const struct insn *i) { (void)i; c->eflags &= ~(uint32_t)F_DF; }
void STD(struct cpu *c, const struct insn *i) { (void)i; c->eflags |= F_DF; }
