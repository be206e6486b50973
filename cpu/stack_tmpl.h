/* stack_tmpl.h - the stack instructions of one operand size, 16 or 32 (see
 * size_tmpl.h). The operand size sets how much is pushed; the stack
 * pointer is SP or ESP as SS's B bit says (sp_mask, push16/32, pop16/32).
 *
 * Instructions that move the stack pointer more than once (POP to a
 * segment register or to memory, PUSHA, POPA, ENTER, LEAVE) read and write
 * at offsets computed from a copy of the stack pointer and commit it last,
 * so a fault leaves SP as it was (80286 vectors: POPA, POP ES and LEAVE
 * that hit offset FFFFh fault with SP unchanged). */
#include "size_tmpl.h"

#if OSZ == 16
#define PUSHV(v) push16(c, (v))
#define POPV() pop16(c)
#else
#define PUSHV(v) push32(c, (v))
#define POPV() pop32(c)
#endif
#define W (BITS / 8)

/* 80286+: the register is read before SP moves, so PUSH SP stores the old
 * value (80286 PRM, PUSH; SDM vol. 2, PUSH). */
void HNX(PUSH_Zv, PUSH_Zv)(struct cpu *c, const struct insn *i) { PUSHV(RD_R(i->reg)); }
/* POP SP/ESP: the popped value replaces the incremented pointer. */
void HNX(POP_Zv, POP_Zv)(struct cpu *c, const struct insn *i) { uint32_t v = POPV(); WR_R(i->reg, v); }

void HN(PUSH_Ev, PUSH_Ev, R)(struct cpu *c, const struct insn *i) { PUSHV(RD_R(i->rm)); }
void HN(PUSH_Ev, PUSH_Ev, M)(struct cpu *c, const struct insn *i) { PUSHV(RD_M(i->seg, ea(c, i))); }
void HN(POP_Ev, POP_Ev, R)(struct cpu *c, const struct insn *i) { uint32_t v = POPV(); WR_R(i->rm, v); }
/* POP to memory: an address based on ESP is computed after the increment
 * (SDM vol. 2, POP); SP is committed only after the store. */
void HN(POP_Ev, POP_Ev, M)(struct cpu *c, const struct insn *i)
{
    uint32_t sp = get_sp(c), v = RD_M(S_SS, sp), old = c->gpr[R_ESP];
    set_sp(c, sp + W);
    uint32_t o = ea(c, i);
    c->gpr[R_ESP] = old;
    WR_M(i->seg, o, v);
    set_sp(c, sp + W);
}

/* Segment registers: a 32-bit push stores the selector zero-extended. */
static inline void SZN(pop_seg)(struct cpu *c, unsigned s)
{
    uint32_t sp = get_sp(c), v = RD_M(S_SS, sp);
    seg_load(c, s, (uint16_t)v);
    set_sp(c, sp + W);
}
#define SEG_PUSH_POP(N, s)                                                               \
void HNX(PUSH_##N, PUSH_##N)(struct cpu *c, const struct insn *i) { (void)i; PUSHV(c->seg[s].sel); } \
void HNX(POP_##N, POP_##N)(struct cpu *c, const struct insn *i) { (void)i; SZN(pop_seg)(c, s); }
SEG_PUSH_POP(ES, S_ES)
SEG_PUSH_POP(DS, S_DS)
SEG_PUSH_POP(FS, S_FS)
SEG_PUSH_POP(GS, S_GS)
#undef SEG_PUSH_POP
void HNX(PUSH_CS, PUSH_CS)(struct cpu *c, const struct insn *i) { (void)i; PUSHV(c->seg[S_CS].sel); }
void HNX(PUSH_SS, PUSH_SS)(struct cpu *c, const struct insn *i) { (void)i; PUSHV(c->seg[S_SS].sel); }
/* POP SS: interrupts and the trap wait for the next instruction. */
void HNX(POP_SS, POP_SS)(struct cpu *c, const struct insn *i)
{
    (void)i;
    SZN(pop_seg)(c, S_SS);
    c->shadow = 1;
}

/* PUSH imm: Ib is stored sign-extended in imm. */
void HNX(PUSH_Iv, PUSH_Iv)(struct cpu *c, const struct insn *i) { PUSHV(i->imm & MASK); }
void HNX(PUSH_Ib, PUSH_Ib)(struct cpu *c, const struct insn *i) { PUSHV(i->imm & MASK); }

/* PUSHA: AX CX DX BX, the SP from before the instruction, BP SI DI. The
 * offsets wrap at the stack size (80286 vectors: PUSHA at SP=0008h writes
 * 0006h..0000h and FFFEh..FFF8h without a fault). */
void HNX(PUSHA, PUSHA)(struct cpu *c, const struct insn *i)
{
    uint32_t m = sp_mask(c), sp = get_sp(c);
    (void)i;
    for (unsigned k = 0; k < 8; k++)
        WR_M(S_SS, (sp - (k + 1) * W) & m, RD_R(k));
    set_sp(c, sp - 8 * W);
}
/* POPA: all eight read first; the stored SP is skipped. */
void HNX(POPA, POPA)(struct cpu *c, const struct insn *i)
{
    uint32_t m = sp_mask(c), sp = get_sp(c), v[8];
    (void)i;
    for (unsigned k = 0; k < 8; k++)
        v[k] = RD_M(S_SS, (sp + k * W) & m);
    for (unsigned k = 0; k < 8; k++)
        if (7 - k != R_ESP) WR_R(7 - k, v[k]);
    set_sp(c, sp + 8 * W);
}

/* PUSHF/POPF. Virtual-8086 mode without VME: only with IOPL 3, else #GP(0)
 * (SDM vol. 3, 20.2.7). PUSHFD stores VM and RF as 0 (SDM vol. 2, PUSHF). */
static inline void SZN(v86_iopl_check)(struct cpu *c)
{
    if ((c->eflags & F_VM) && (c->eflags & F_IOPL) != F_IOPL) cpu_fault(c, EX_GP, 1, 0);
}
void HNX(PUSHF, PUSHF)(struct cpu *c, const struct insn *i)
{
    (void)i;
    SZN(v86_iopl_check)(c);
    PUSHV(cpu_get_flags(c) & MASK & ~(uint32_t)(F_VM | F_RF));
}
/* POPF: which bits it may change (SDM vol. 2, POPF): never VM, VIP, VIF;
 * RF is cleared; IOPL only at CPL 0 and IF only at CPL <= IOPL in
 * protected mode. The 16-bit form leaves the upper half alone. */
void HNX(POPF, POPF)(struct cpu *c, const struct insn *i)
{
    uint32_t mask = MASK & ~(uint32_t)(F_VM | F_VIP | F_VIF);
    (void)i;
    SZN(v86_iopl_check)(c);
    if ((c->cr0 & 1) && !(c->eflags & F_VM)) {
        unsigned cpl = c->seg[S_CS].sel & 3, iopl = (c->eflags >> 12) & 3;
        if (cpl > 0) mask &= ~(uint32_t)F_IOPL;
        if (cpl > iopl) mask &= ~(uint32_t)F_IF;
    } else if (c->eflags & F_VM) {
        mask &= ~(uint32_t)F_IOPL;
    }
    uint32_t v = POPV();
    cpu_load_flags(c, v & ~(uint32_t)F_RF, mask);
}

/* ENTER alloc, level (SDM vol. 2, ENTER): push eBP, copy level-1 frame
 * pointers from the old frame, push the new frame pointer, then eBP = the
 * frame and eSP = frame - alloc. BP or EBP and the offsets follow the
 * stack size; the level is taken mod 32. Everything is written before the
 * registers change, so a fault leaves them as they were. */
void HNX(ENTER_IwIb, ENTER_IwIb)(struct cpu *c, const struct insn *i)
{
    uint32_t m = sp_mask(c), sp = get_sp(c), bp = c->gpr[R_EBP] & m;
    unsigned level = i->imm2 & 31;
    sp = (sp - W) & m;
    WR_M(S_SS, sp, RD_R(R_EBP));
    uint32_t frame = sp;
    if (level) {
        for (unsigned k = 1; k < level; k++) {
            bp = (bp - W) & m;
            uint32_t v = RD_M(S_SS, bp);
            sp = (sp - W) & m;
            WR_M(S_SS, sp, v);
        }
        sp = (sp - W) & m;
        WR_M(S_SS, sp, frame);
    }
    c->cycles += enter_clocks(c, level);
    WR_R(R_EBP, frame);
    set_sp(c, sp - (i->imm & 0xFFFF));
}
/* LEAVE: eSP = eBP (stack size), then eBP = pop; read before committing
 * (80286 vectors: BP=FFFFh faults with SP unchanged). */
void HNX(LEAVE, LEAVE)(struct cpu *c, const struct insn *i)
{
    uint32_t bp = c->gpr[R_EBP] & sp_mask(c), v = RD_M(S_SS, bp);
    (void)i;
    set_sp(c, bp + W);
    WR_R(R_EBP, v);
}

#undef PUSHV
#undef POPV
#undef W
#include "size_tmpl_end.h"
