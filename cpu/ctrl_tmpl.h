/* ctrl_tmpl.h - the control transfers of one operand size, 16 or 32 (see
 * size_tmpl.h and ctrl.c). The operand size sets the width of the new
 * IP (SDM vol. 2, JMP: "tempEIP AND 0000FFFFH" for 16-bit operands, also
 * for Jcc, LOOP, CALL, RET, IRET) and of every stack slot pushed or
 * popped; MASK is that IP mask and SLOT the slot size. The address size
 * picks CX or ECX as LOOP's counter (i->amask). */
#include "size_tmpl.h"

#define SLOT (OSZ / 8)
/* HV(n): the handler of an XV row (n_16, n_32); HM(n): of an MV/RMV memory
 * form (n_M16, n_M32); HR(n): of an RMV register form. */
#define HV(n) HNX(n, n)
#define HM(n) HN(n, n, M)
#define HR(n) HN(n, n, R)
#if OSZ == 16
#define PUSHV(v) push16(c, (v))
/* IRET loads FLAGS bits 0-15 (SDM vol. 2, IRET, real-address mode). */
#define IRET_MASK 0xFFFFu
#else
#define PUSHV(v) push32(c, (v))
/* IRETD: "EFLAGS <- (tempEFLAGS AND 257FD5H) OR (EFLAGS AND 1A0000H)":
 * VM, VIF and VIP stay as they were. */
#define IRET_MASK 0x257FD5u
#endif

/* Near transfer to t (already relative-resolved). */
static inline void SZN(jump)(struct cpu *c, uint32_t t)
{
    t &= MASK;
    cs_check(c, t);
    c->eip = t;
}

/* Push the return CS and IP, writing both slots before SP moves. */
static inline void SZN(push_far)(struct cpu *c, uint32_t sel, uint32_t ip)
{
    uint32_t m = sp_mask(c), sp = get_sp(c);
    uint32_t s1 = (sp - SLOT) & m, s2 = (sp - 2 * SLOT) & m;
    WR_M(S_SS, s1, sel);
    WR_M(S_SS, s2, ip);
    set_sp(c, s2);
}

/* ---- Jcc: 70-7F rel8, 0F 80-8F rel16/32 (and the 8086's 60-6F) -------- */
static inline void SZN(jcc)(struct cpu *c, const struct insn *i, int taken)
{
    if (taken) {
        SZN(jump)(c, c->eip + i->imm);
        c->cycles += c->tm->jcc_taken;
    }
}
#define JCC(N, cc)                                                            \
    void HV(N##_Jb)(struct cpu *c, const struct insn *i) { SZN(jcc)(c, i, cond(c, cc)); } \
    void HV(N##_Jv)(struct cpu *c, const struct insn *i) { SZN(jcc)(c, i, cond(c, cc)); }
JCC(JO, 0x0)
JCC(JNO, 0x1)
JCC(JB, 0x2)
JCC(JNB, 0x3)
JCC(JZ, 0x4)
JCC(JNZ, 0x5)
JCC(JBE, 0x6)
JCC(JNBE, 0x7)
JCC(JS, 0x8)
JCC(JNS, 0x9)
JCC(JP, 0xA)
JCC(JNP, 0xB)
JCC(JL, 0xC)
JCC(JNL, 0xD)
JCC(JLE, 0xE)
JCC(JNLE, 0xF)
#undef JCC

/* ---- JMP ----------------------------------------------------------- */
void HV(JMP_Jb)(struct cpu *c, const struct insn *i) { SZN(jump)(c, c->eip + i->imm); }
void HV(JMP_Jv)(struct cpu *c, const struct insn *i) { SZN(jump)(c, c->eip + i->imm); }
void HR(JMP_Ev)(struct cpu *c, const struct insn *i) { SZN(jump)(c, RD_R(i->rm)); }
void HM(JMP_Ev)(struct cpu *c, const struct insn *i) { SZN(jump)(c, RD_M(i->seg, ea(c, i))); }

/* FF /5: the pointer in memory is the offset (operand size) then the
 * selector; the selector's offset wraps with the address size. */
void HM(JMPF_Mp)(struct cpu *c, const struct insn *i)
{
    uint32_t o = ea(c, i);
    uint32_t ip = RD_M(i->seg, o);
    uint32_t sel = rd16(c, i->seg, (o + SLOT) & i->amask);
    cs_check(c, ip);
    far_to(c, sel, ip);
}

/* ---- CALL ---------------------------------------------------------- */
/* The target is read (register forms: before the push changes SP, so
 * CALL SP jumps to the old SP) and checked before anything is pushed. */
static inline void SZN(call_near)(struct cpu *c, uint32_t t)
{
    t &= MASK;
    cs_check(c, t);
    PUSHV(c->eip);
    c->eip = t;
}
void HV(CALL_Jv)(struct cpu *c, const struct insn *i) { SZN(call_near)(c, c->eip + i->imm); }
void HR(CALL_Ev)(struct cpu *c, const struct insn *i) { SZN(call_near)(c, RD_R(i->rm)); }
void HM(CALL_Ev)(struct cpu *c, const struct insn *i) { SZN(call_near)(c, RD_M(i->seg, ea(c, i))); }

void HV(CALLF_Ap)(struct cpu *c, const struct insn *i)
{
    cs_check(c, i->imm);
    SZN(push_far)(c, c->seg[S_CS].sel, c->eip);
    far_to(c, i->imm2, i->imm);
}

void HM(CALLF_Mp)(struct cpu *c, const struct insn *i)
{
    uint32_t o = ea(c, i);
    uint32_t ip = RD_M(i->seg, o);
    uint32_t sel = rd16(c, i->seg, (o + SLOT) & i->amask);
    cs_check(c, ip);
    SZN(push_far)(c, c->seg[S_CS].sel, c->eip);
    far_to(c, sel, ip);
}

/* ---- RET, RETF, IRET ------------------------------------------------ */
/* Each reads its slots at SP without moving it, checks, then commits SP;
 * the Iw forms release imm16 more bytes (SDM vol. 2, RET). */
static inline void SZN(ret_near)(struct cpu *c, uint32_t extra)
{
    uint32_t sp = get_sp(c);
    uint32_t ip = RD_M(S_SS, sp);
    cs_check(c, ip);
    set_sp(c, sp + SLOT + extra);
    c->eip = ip;
}
void HV(RET)(struct cpu *c, const struct insn *i) { (void)i; SZN(ret_near)(c, 0); }
void HV(RET_Iw)(struct cpu *c, const struct insn *i) { SZN(ret_near)(c, i->imm & 0xFFFF); }

static inline void SZN(ret_far)(struct cpu *c, uint32_t extra)
{
    uint32_t m = sp_mask(c), sp = get_sp(c);
    uint32_t ip = RD_M(S_SS, sp);
    uint32_t sel = RD_M(S_SS, (sp + SLOT) & m);
    cs_check(c, ip);
    seg_load(c, S_CS, (uint16_t)sel);
    set_sp(c, sp + 2 * SLOT + extra);
    c->eip = ip;
    cpu_mode_changed(c);
}
void HV(RETF)(struct cpu *c, const struct insn *i) { (void)i; SZN(ret_far)(c, 0); }
void HV(RETF_Iw)(struct cpu *c, const struct insn *i) { SZN(ret_far)(c, i->imm & 0xFFFF); }

/* Real-mode IRET: pop IP, CS, FLAGS. cpu_load_flags keeps the bits the
 * model cannot change (8086 bits 12-15, 80286 IOPL/NT in real mode). It
 * also ends NMI blocking. */
void HV(IRET)(struct cpu *c, const struct insn *i)
{
    (void)i;
    if (c->cr0 & 1)
        cpu_unimpl(c, "protected-mode IRET");
    uint32_t m = sp_mask(c), sp = get_sp(c);
    uint32_t ip = RD_M(S_SS, sp);
    uint32_t sel = RD_M(S_SS, (sp + SLOT) & m);
    uint32_t fl = RD_M(S_SS, (sp + 2 * SLOT) & m);
    cs_check(c, ip);
    seg_load(c, S_CS, (uint16_t)sel);
    set_sp(c, sp + 3 * SLOT);
    c->eip = ip;
    cpu_load_flags(c, fl, IRET_MASK);
    c->in_nmi = 0;
    cpu_mode_changed(c);
}

/* ---- LOOP, LOOPE, LOOPNE, JCXZ (E0-E3) ------------------------------- */
/* The counter is CX or ECX by address size (SDM vol. 2, LOOP); flags are
 * untouched. It is written after the branch so a #GP on the target leaves
 * it as it was (as Bochs does). */
static inline void SZN(loop)(struct cpu *c, const struct insn *i, int cond_ok)
{
    uint32_t m = i->amask, cx = (c->gpr[R_ECX] - 1) & m;
    if (cx && cond_ok) {
        SZN(jump)(c, c->eip + i->imm);
        c->cycles += c->tm->loop_taken;
    }
    c->gpr[R_ECX] = (c->gpr[R_ECX] & ~m) | cx;
}
void HV(LOOP_Jb)(struct cpu *c, const struct insn *i) { SZN(loop)(c, i, 1); }
void HV(LOOPE_Jb)(struct cpu *c, const struct insn *i) { SZN(loop)(c, i, get_zf(c)); }
void HV(LOOPNE_Jb)(struct cpu *c, const struct insn *i) { SZN(loop)(c, i, !get_zf(c)); }
/* JCXZ takes Jcc's taken penalty: its taken/not-taken figures track Jcc's
 * on the 8086 (18/6), 80286 (8+m/4) and 80386 (9+m/5), not LOOP's. */
void HV(JCXZ_Jb)(struct cpu *c, const struct insn *i)
{
    SZN(jcc)(c, i, (c->gpr[R_ECX] & i->amask) == 0);
}

/* ---- BOUND (62, 80186+) --------------------------------------------- */
/* Signed bounds at [ea] and [ea + size]; out of range raises #BR, a fault
 * (the pushed IP is BOUND's own). */
void HM(BOUND_GvMa)(struct cpu *c, const struct insn *i)
{
    uint32_t o = ea(c, i);
    int32_t lo = (int32_t)SX(RD_M(i->seg, o));
    int32_t hi = (int32_t)SX(RD_M(i->seg, (o + SLOT) & i->amask));
    int32_t v = (int32_t)SX(RD_R(i->reg));
    if (v < lo || v > hi)
        cpu_fault(c, EX_BR, 0, 0);
}

#undef SLOT
#undef HV
#undef HM
#undef HR
#undef PUSHV
#undef IRET_MASK
#include "size_tmpl_end.h"
