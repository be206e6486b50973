/* ctrl.c - control transfers: JMP, Jcc, CALL, RET, RETF, IRET, LOOP and
 * JCXZ, INT3, INT n, INTO, BOUND (rows in ctrl.def). Every form that
 * depends on the operand size (the width of the new IP and of the stack
 * slots) comes from ctrl_tmpl.h, included for 16 and 32 bits; the forms
 * whose width is fixed at decode (JMP ptr16:16/32, INT) are here.
 *
 * Behaviour follows the real-address-mode branches of the Intel SDM vol. 2
 * pseudocode of each instruction (JMP, Jcc, CALL, RET, IRET, LOOP, JCXZ,
 * INT n/INTO/INT3, BOUND) and the 8086 Family User's Manual for the 8086.
 * Protected-mode transfers (through descriptors, gates, tasks) are not
 * modelled yet: far loads of CS go through seg_load, which stops the
 * machine in protected mode, and IRET with CR0.PE set stops it too.
 *
 * Faults: everything that can fault (stack reads, the operand in memory,
 * the code-segment limit check) happens before the first register or SP
 * write, so a fault restarts the instruction cleanly (cpu_impl.h). Far
 * calls write both stack slots before committing SP.
 */
#include "decode.h"

/* The new IP must lie within the CS limit (SDM vol. 2, JMP/CALL/RET/IRET:
 * "#GP If the target operand is beyond the code segment limit", which holds
 * in real mode too). From the 80286 on; the 8086 has no limits. With 16-bit
 * operands IP is masked to 16 bits and the real-mode limit is 64K, so only
 * 32-bit operand size (66h) or a shrunken limit can trip it - the 80286
 * vectors (which never hit it) cannot tell the difference. */
static inline void cs_check(struct cpu *c, uint32_t ip)
{
    if (UNLIKELY(ip > c->seg[S_CS].limit) && c->model >= CPU_80286)
        cpu_fault(c, EX_GP, 1, 0);
}

/* Load CS:IP for a far transfer whose offset is already checked and sized.
 * seg_load handles real mode and stops the machine in protected mode;
 * cpu_mode_changed recomputes what depends on CS and ends the trace. */
static void far_to(struct cpu *c, uint32_t sel, uint32_t ip)
{
    seg_load(c, S_CS, (uint16_t)sel);
    c->eip = ip;
    cpu_mode_changed(c);
}

/* EA: JMP ptr16:16 / ptr16:32. The decoder read an offset of the operand
 * size, so i->imm needs no mask. */
void JMPF_Ap(struct cpu *c, const struct insn *i)
{
    cs_check(c, i->imm);
    far_to(c, i->imm2, i->imm);
}

/* INT n, INT3 and INTO are traps: the pushed IP is the next instruction
 * (SDM vol. 3, 6.5). cpu_interrupt adds the delivery clocks. */
void INT3(struct cpu *c, const struct insn *i)
{
    (void)i;
    cpu_interrupt(c, EX_BP, c->eip);
}

void INT_Ib(struct cpu *c, const struct insn *i)
{
    cpu_interrupt(c, i->imm & 0xFF, c->eip);
}

void INTO(struct cpu *c, const struct insn *i)
{
    (void)i;
    if (get_of(c))
        cpu_interrupt(c, EX_OF, c->eip);
}

#define OSZ 16
#include "ctrl_tmpl.h"
#define OSZ 32
#include "ctrl_tmpl.h"
