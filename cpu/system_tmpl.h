/* system_tmpl.h - the system instructions that come in operand sizes (see
 * size_tmpl.h and system.c): IN and OUT (8/16/32), SMSW, SGDT/SIDT and
 * LGDT/LIDT (16/32). */
#include "size_tmpl.h"

/* ---- IN / OUT (SDM vol. 2, IN and OUT; real mode has no I/O permission
 * check) ----------------------------------------------------------------
 * The 8086 and 80186 move a word at an odd port in two bus cycles: 4 more
 * clocks (8086 Family User's Manual, table 2-21 note). */
static inline void SZN(io_clocks)(struct cpu *c, uint32_t port)
{
    if (BITS == 16 && (port & 1) && c->model <= CPU_80186)
        c->cycles += 4;
}
static inline void SZN(in)(struct cpu *c, uint32_t port)
{
    SZN(io_clocks)(c, port);
    WR_R(R_EAX, port_in(c, (uint16_t)port, BITS / 8));
}
static inline void SZN(out)(struct cpu *c, uint32_t port)
{
    SZN(io_clocks)(c, port);
    port_out(c, (uint16_t)port, RD_R(R_EAX), BITS / 8);
}
void HNX(IN_ALIb, IN_eAXIb)(struct cpu *c, const struct insn *i) { SZN(in)(c, i->imm & 0xFF); }
void HNX(IN_ALDX, IN_eAXDX)(struct cpu *c, const struct insn *i) { (void)i; SZN(in)(c, r16(c, R_EDX)); }
void HNX(OUT_IbAL, OUT_IbeAX)(struct cpu *c, const struct insn *i) { SZN(out)(c, i->imm & 0xFF); }
void HNX(OUT_DXAL, OUT_DXeAX)(struct cpu *c, const struct insn *i) { (void)i; SZN(out)(c, r16(c, R_EDX)); }

#if OSZ != 8
/* ---- SMSW (0F 01 /4) -----------------------------------------------
 * The register form with a 32-bit operand stores all of CR0 (SDM vol. 2,
 * SMSW; the 80386 leaves the high half undefined, we give CR0); the memory
 * form always stores 16 bits. */
void HN(SMSW_Ew, SMSW_Ew, R)(struct cpu *c, const struct insn *i) { WR_R(i->rm, c->cr0); }
void HN(SMSW_Ew, SMSW_Ew, M)(struct cpu *c, const struct insn *i)
{
    wr16(c, i->seg, ea(c, i), c->cr0);
}

/* ---- SGDT / SIDT / LGDT / LIDT (0F 01 /0-/3) -------------------------
 * The operand is a 16-bit limit and a base. With a 16-bit operand size
 * only 24 bits of base are loaded, and the stored sixth byte is 0 on the
 * 80386 and later but FFh on the 80286, whose base has only 24 bits
 * (SDM vol. 2, SGDT/LGDT; iAPX 286 PRM, SGDT). */
static inline void SZN(store_dt)(struct cpu *c, const struct insn *i, uint32_t base, uint16_t limit)
{
    uint32_t o = ea(c, i);
    if (OSZ == 16)
        base = (base & 0xFFFFFFu) | (c->model == CPU_80286 ? 0xFF000000u : 0);
    /* the base first: if it fits, the limit below it does too */
    wr32(c, i->seg, (o + 2) & i->amask, base);
    wr16(c, i->seg, o, limit);
}
static inline void SZN(load_dt)(struct cpu *c, const struct insn *i, uint32_t *base, uint16_t *limit)
{
    uint32_t o = ea(c, i);
    uint32_t lim = rd16(c, i->seg, o);
    uint32_t b = rd32(c, i->seg, (o + 2) & i->amask);
    *base = OSZ == 16 ? b & 0xFFFFFFu : b;
    *limit = (uint16_t)lim;
}
void HN(SGDT_Ms, SGDT_Ms, M)(struct cpu *c, const struct insn *i) { SZN(store_dt)(c, i, c->gdt_base, c->gdt_limit); }
void HN(SIDT_Ms, SIDT_Ms, M)(struct cpu *c, const struct insn *i) { SZN(store_dt)(c, i, c->idt_base, c->idt_limit); }
void HN(LGDT_Ms, LGDT_Ms, M)(struct cpu *c, const struct insn *i) { SZN(load_dt)(c, i, &c->gdt_base, &c->gdt_limit); }
void HN(LIDT_Ms, LIDT_Ms, M)(struct cpu *c, const struct insn *i) { SZN(load_dt)(c, i, &c->idt_base, &c->idt_limit); }
#endif
#include "size_tmpl_end.h"
