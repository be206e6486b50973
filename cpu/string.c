/* string.c - the string family: MOVS CMPS STOS LODS SCAS INS OUTS with
 * REP/REPE/REPNE (rows and clocks in string.def; semantics per Intel SDM
 * vol. 2, "REP/REPE/REPZ/REPNE/REPNZ" and each instruction). The element
 * sizes come from string_tmpl.h.
 *
 * Source DS:eSI (or the override the decoder put in i->seg), destination
 * always ES:eDI; the address size picks CX/SI/DI or ECX/ESI/EDI.
 *
 * Long REP loops and time (DESIGN.md invariant 2): after each iteration,
 * when the count is not exhausted and an event is due, the instruction
 * stops with EIP back on its first prefix; the run loop services the event
 * and runs the instruction again, which continues with the registers where
 * they were. This is how the chips themselves let an interrupt in between
 * iterations (SDM vol. 2, REP; 8086 manual, "String Instructions"). */
#include "decode.h"

/* Write an address-size part of a register (CX vs ECX ...). */
static inline void str_set(struct cpu *c, unsigned r, uint32_t v, uint32_t am)
{
    c->gpr[r] = (c->gpr[r] & ~am) | (v & am);
}

/* An access of n bytes at off stays inside the segment limit. */
static inline int str_fits(const struct seg *sg, uint32_t off, unsigned n)
{
    return off <= sg->limit && sg->limit - off >= n - 1;
}

/* A REP form replaces the row's static clocks by the REP set-up. */
static inline void rep_start(struct cpu *c, const struct insn *i)
{
    c->cycles = c->cycles - i->cycles + c->tm->rep_setup;
}

/* Called between iterations with iterations left: returns 1 (and rewinds
 * EIP) when the run loop must get control first: the deadline of the next
 * event (or of the run budget) has come, an NMI or an unmasked interrupt
 * is waiting (an OUTS or an MMIO store may have raised it), or TF asks for
 * a trap after this iteration (SDM vol. 3, 17.3.1.4).
 *
 * The restart pays the REP set-up again through rep_start; that set-up is
 * taken back here, so the total is set-up + n x per-iteration however
 * often the loop stops. The clocks then do not depend on where the run
 * budget happens to end, which would make runs with different budgets (or
 * a debugger stepping) drift apart. The deadline test uses that corrected
 * count, so when we stop the event is really due. */
static inline int rep_pause(struct cpu *c)
{
    uint64_t net = c->cycles - c->tm->rep_setup;
    if (net >= c->deadline || (c->eflags & F_TF) || c->nmi_pending ||
        (c->intr_line && (c->eflags & F_IF))) {
        c->cycles = net;
        cpu_restart_insn(c);
        return 1;
    }
    return 0;
}

/* INS/OUTS in protected mode: allowed outright when CPL <= IOPL outside
 * virtual-8086 mode; otherwise the TSS I/O permission bitmap decides
 * (SDM vol. 1, 18.5), which is not modelled yet. */
static inline void io_check(struct cpu *c)
{
    if (!(c->cr0 & 1)) return;
    if (!(c->eflags & F_VM) && (c->seg[S_CS].sel & 3) <= ((c->eflags >> 12) & 3)) return;
    cpu_unimpl(c, "INS/OUTS with the I/O permission bitmap");
}

#define OSZ 8
#include "string_tmpl.h"
#define OSZ 16
#include "string_tmpl.h"
#define OSZ 32
#include "string_tmpl.h"
