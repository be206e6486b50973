/* arith.c - the integer ALU family: ADD, OR, ADC, SBB, AND, SUB, XOR, CMP,
 * TEST, NOT, NEG, INC, DEC, XADD, CMPXCHG (rows in arith.def). Each size
 * comes from one template, arith_tmpl.h. */
#include "decode.h"

#define OSZ 8
#include "arith_tmpl.h"
#define OSZ 16
#include "arith_tmpl.h"
#define OSZ 32
#include "arith_tmpl.h"
