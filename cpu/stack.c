/* stack.c - the stack family: PUSH/POP (registers, segment registers,
 * memory, immediates), PUSHA/POPA, PUSHF/POPF, ENTER/LEAVE (rows and clocks
 * in stack.def). Semantics: Intel SDM vol. 2 for each instruction; 8086
 * differences from the 8086 Family User's Manual and the SingleStepTests
 * vectors (see stack.def). The 16- and 32-bit forms come from stack_tmpl.h. */
#include "decode.h"

/* ENTER clocks beyond the level-0 figure of the row, by nesting level L
 * (level 1, and level L > 1): 80186 25 / 22+16(L-1) (80C186 data sheet),
 * 80286 15 / 12+4(L-1) (PRM), 80386 12 / 15+4(L-1) (PRM), 80486 17 / 17+3L
 * (PRM), Pentium 15 / 15+2L (Developer's Manual); P6 as Pentium. */
static unsigned enter_clocks(const struct cpu *c, unsigned level)
{
    static const unsigned l0[5] = { 15, 11, 10, 14, 11 }, l1[5] = { 25, 15, 12, 17, 15 };
    unsigned col = c->model <= CPU_80186 ? 0 : c->model == CPU_80286 ? 1
                 : c->model == CPU_80386 ? 2 : c->model == CPU_80486 ? 3 : 4;
    unsigned t;
    if (level == 0) return 0;
    if (level == 1) t = l1[col];
    else switch (col) {
    case 0: t = 22 + 16 * (level - 1); break;
    case 1: t = 12 + 4 * (level - 1); break;
    case 2: t = 15 + 4 * (level - 1); break;
    case 3: t = 17 + 3 * level; break;
    default: t = 15 + 2 * level; break;
    }
    return t - l0[col];
}

#define OSZ 16
#include "stack_tmpl.h"
#define OSZ 32
#include "stack_tmpl.h"

/* 8086/80186 PUSH reg and PUSH r/m with a register: the microcode
 * decrements SP before it reads the register, so PUSH SP stores the new
 * SP (8086 vectors for 54 and FF F4). Nothing can fault on these models. */
static void push86_reg(struct cpu *c, unsigned r)
{
    uint32_t sp = (get_sp(c) - 2) & sp_mask(c);
    wr16(c, S_SS, sp, r == R_ESP ? sp : r16(c, r));
    set_sp(c, sp);
}
void PUSH86_Zw(struct cpu *c, const struct insn *i) { push86_reg(c, i->reg); }
void PUSH86_Ev_R(struct cpu *c, const struct insn *i) { push86_reg(c, i->rm); }
void PUSH86_Ev_M(struct cpu *c, const struct insn *i) { push16(c, rd16(c, i->seg, ea(c, i))); }

/* 0F on the 8086: POP CS, a jump to the popped CS with IP unchanged. */
void POP_CS(struct cpu *c, const struct insn *i)
{
    uint32_t sp = get_sp(c), v = rd16(c, S_SS, sp);
    (void)i;
    set_sp(c, sp + 2);
    seg_load(c, S_CS, (uint16_t)v);
}
