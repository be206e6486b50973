/* shift.c - the shift and rotate family: ROL ROR RCL RCR SHL/SAL SHR SAR
 * by 1, by CL and by imm8, the 8086's undocumented SETMO/SETMOC (/6), and
 * SHLD/SHRD (rows in shift.def; each size from shift_tmpl.h).
 *
 * Semantics: Intel SDM vol. 2 (RCL/RCR/ROL/ROR, SAL/SAR/SHL/SHR,
 * SHLD, SHRD) and the 8086 Family User's Manual. What the manuals leave
 * undefined was measured against the SingleStepTests vectors of a real
 * 8086 and 80286 (every test of C0-D3 matches with no flag masked at all):
 *
 *  - Count: the 8086 executes the whole CL (up to 255 steps, 4 clocks
 *    each); the 80186 and later mask CL or imm8 to five bits. A count that
 *    is zero after masking changes neither the operand nor any flag.
 *  - The result and CF are those of executing the steps one by one, also
 *    for counts beyond the operand width (the 80286 vectors cover counts
 *    up to 31 on bytes): SHL/SHR then leave 0 with CF = 0 (CF = the last
 *    bit out when the count equals the width), SAR leaves the sign.
 *    RCL/RCR rotate through width+1 bits, so only count mod 9/17/33
 *    matters for the result, but the flags are still written.
 *  - OF is computed from the final state for every count, not only for 1:
 *    ROL/RCL and SHL: MSB(result) xor CF; ROR/RCR and SHR: xor of the two
 *    top bits of the result (for SHR by 1 that is the original MSB); SAR: 0.
 *  - Rotates change only CF and OF. Shifts set SF/ZF/PF from the result.
 *  - AF (undefined): SHL sets it to bit 4 of the result on both chips (the
 *    8086 shifts by adding the operand to itself, so AF is the carry out
 *    of bit 3); SHR/SAR clear it on the 8086 and set it on the 80286. The
 *    80186 is taken to behave like the 8086 here and the 80386 and later
 *    like the 80286 (no vectors for them).
 *  - 8086 /6 (SETMO, SETMOC when CL != 0): the operand becomes all ones,
 *    flags as for a logical result (CF = OF = AF = 0, SF = 1, ZF = 0,
 *    PF = 1); with CL = 0 nothing changes. Clocks as the shifts, including
 *    4 per CL step. From the 80186 on /6 is SHL.
 */
#include "decode.h"

/* The count a shift by CL or imm8 executes, with its per-step clocks
 * (8086 manual: 4 per bit; 286 PRM: 1 per bit; the 80386 and later have
 * fixed clocks). */
static inline unsigned sh_count(struct cpu *c, uint32_t n)
{
    n &= c->model >= CPU_80186 ? 31u : 0xFFu;
    c->cycles += (uint64_t)c->tm->shift_per_bit * n;
    return n;
}

/* Rotates write CF and OF and leave SF, ZF, AF and PF alone: lf_aux keeps
 * CF in bit 31 and CF^OF in bit 30 (cpu_impl.h). */
static inline void lf_set_co(struct cpu *c, unsigned cf, unsigned of)
{
    c->lf_aux = (c->lf_aux & 0x3FFFFFFFu) | (uint32_t)cf << 31 | (uint32_t)(cf ^ of) << 30;
}

/* AF after SHR and SAR (see the top of this file). */
static inline unsigned sh_right_af(const struct cpu *c) { return c->model >= CPU_80286; }

#define OSZ 8
#include "shift_tmpl.h"
#define OSZ 16
#include "shift_tmpl.h"
#define OSZ 32
#include "shift_tmpl.h"
