/* timing.h - the data-dependent part of the clock counts (the static part
 * is in the opcode table). */
#ifndef TICK86_TIMING_H
#define TICK86_TIMING_H
#include "cpu_impl.h"

/* Upper bound on the clocks a variable-time instruction (A_VAR rows: MUL,
 * DIV, shifts by a count, ...) adds to its static figure: the 8086's
 * shift by CL=255 (4 x 255) plus its slowest IDIV, rounded up. The run loop
 * uses it only to decide whether a whole trace surely ends before the next
 * deadline, so a loose bound costs speed near deadlines, never accuracy. */
#define TIMING_VAR_MAX 1300u

const struct timing_dyn *timing_dyn_for(enum cpu_model m);
unsigned timing_max(const struct cpu *c, const struct insn *i);

/* Clocks of a multiply by multiplier m of the given width (8/16/32):
 * 8086: min + (max - min) x popcount(m) / width (its microcode adds once per
 * set bit); 80386/80486: early-out by the most significant bit of |m|
 * (80386 PRM, MUL: "9 + max(ceil(log2 |m|), 3)"); 80286, Pentium and P6 fixed. */
unsigned timing_mul(const struct cpu *c, const uint8_t range[2], uint32_t m, unsigned width);
#endif
