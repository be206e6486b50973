/* timing.c - per-model data-dependent clock counts.
 *
 * Sources: 8086 Family User's Manual (1979) table 2-21; iAPX 286
 * Programmer's Reference Manual appendix B; 80386 Programmer's Reference
 * Manual chapter 17; i486 Programmer's Reference Manual chapter 26;
 * Pentium Processor Family Developer's Manual vol. 3, chapter 25.
 * Where a manual gives "7+m" (m = components of the next instruction) we
 * count m as 1. The 80186 uses the 8086 figures and the P6 the Pentium
 * figures: Intel published no per-instruction clock tables for the P6 and
 * the 80186 differs mainly in EA time, which the 8086 model adds separately.
 */
#include "timing.h"
#include "decode.h"

static const struct timing_dyn tm_8086 = {
    .jcc_taken = 12, .loop_taken = 12, .shift_per_bit = 4, .rep_setup = 9,
    .movs = 17, .stos = 10, .lods = 13, .cmps = 22, .scas = 15, .ins = 8, .outs = 8,
    .mul8 = { 70, 77 }, .mul16 = { 118, 133 }, .mul32 = { 118, 133 },
    .imul8 = { 80, 98 }, .imul16 = { 128, 154 }, .imul32 = { 128, 154 },
    .div8 = 85, .div16 = 153, .div32 = 153, .idiv8 = 106, .idiv16 = 174, .idiv32 = 174,
    .intr = 51,
};
static const struct timing_dyn tm_80286 = {
    .jcc_taken = 5, .loop_taken = 5, .shift_per_bit = 1, .rep_setup = 5,
    .movs = 4, .stos = 3, .lods = 4, .cmps = 9, .scas = 8, .ins = 4, .outs = 4,
    .mul8 = { 13, 13 }, .mul16 = { 21, 21 }, .mul32 = { 21, 21 },
    .imul8 = { 13, 13 }, .imul16 = { 21, 21 }, .imul32 = { 21, 21 },
    .div8 = 14, .div16 = 22, .div32 = 22, .idiv8 = 17, .idiv16 = 25, .idiv32 = 25,
    .intr = 23,
};
static const struct timing_dyn tm_80386 = {
    .jcc_taken = 5, .loop_taken = 1, .shift_per_bit = 0, .rep_setup = 5,
    .movs = 4, .stos = 5, .lods = 6, .cmps = 9, .scas = 8, .ins = 6, .outs = 5,
    .mul8 = { 9, 14 }, .mul16 = { 9, 22 }, .mul32 = { 9, 38 },
    .imul8 = { 9, 14 }, .imul16 = { 9, 22 }, .imul32 = { 9, 38 },
    .div8 = 14, .div16 = 22, .div32 = 38, .idiv8 = 19, .idiv16 = 27, .idiv32 = 43,
    .intr = 37,
};
static const struct timing_dyn tm_80486 = {
    .jcc_taken = 2, .loop_taken = 1, .shift_per_bit = 0, .rep_setup = 7,
    .movs = 3, .stos = 4, .lods = 4, .cmps = 7, .scas = 5, .ins = 8, .outs = 10,
    .mul8 = { 13, 18 }, .mul16 = { 13, 26 }, .mul32 = { 13, 42 },
    .imul8 = { 13, 18 }, .imul16 = { 13, 26 }, .imul32 = { 13, 42 },
    .div8 = 16, .div16 = 24, .div32 = 40, .idiv8 = 19, .idiv16 = 27, .idiv32 = 43,
    .intr = 26,
};
static const struct timing_dyn tm_pentium = {
    .jcc_taken = 0, .loop_taken = 1, .shift_per_bit = 0, .rep_setup = 6,
    .movs = 1, .stos = 1, .lods = 2, .cmps = 4, .scas = 4, .ins = 9, .outs = 13,
    .mul8 = { 11, 11 }, .mul16 = { 11, 11 }, .mul32 = { 10, 10 },
    .imul8 = { 11, 11 }, .imul16 = { 11, 11 }, .imul32 = { 10, 10 },
    .div8 = 17, .div16 = 25, .div32 = 41, .idiv8 = 22, .idiv16 = 30, .idiv32 = 46,
    .intr = 16,
};

const struct timing_dyn *timing_dyn_for(enum cpu_model m)
{
    switch (m) {
    case CPU_8086: case CPU_80186: return &tm_8086;
    case CPU_80286: return &tm_80286;
    case CPU_80386: return &tm_80386;
    case CPU_80486: return &tm_80486;
    default: return &tm_pentium;
    }
}

unsigned timing_max(const struct cpu *c, const struct insn *i)
{
    (void)c;
    return i->cycles + ((op_rows[i->op].attrs & A_VAR) ? TIMING_VAR_MAX : 0);
}

static unsigned popcount32(uint32_t v)
{
    unsigned n = 0;
    for (; v; v &= v - 1) n++;
    return n;
}

unsigned timing_mul(const struct cpu *c, const uint8_t range[2], uint32_t m, unsigned width)
{
    unsigned lo = range[0], hi = range[1];
    if (lo == hi) return lo;
    if (c->model <= CPU_80186)
        return lo + (hi - lo) * popcount32(m) / width;
    unsigned bits = 0;
    while (bits < 32 && (m >> bits)) bits++;
    unsigned t = lo + (bits > 3 ? bits : 3) - 3;
    return t > hi ? hi : t;
}
