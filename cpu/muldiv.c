/* muldiv.c - MUL, IMUL, DIV, IDIV (rows in muldiv.def, one template for
 * the three operand sizes in muldiv_tmpl.h).
 *
 * 80286 and later follow the SDM vol. 2 definitions (MUL, IMUL, DIV,
 * IDIV). The 8086 and 80186 run a model of the 8086 microcode (Andrew
 * Jenner's disassembly, explained in Ken Shirriff's 2023 righto.com
 * articles on the 8086 multiplication and division microcode), because
 * several of its results are visible and the hardware vectors
 * (SingleStepTests 8086, F6/F7 /4-/7: all pass) pin them:
 *  - a divide error is raised at the end of the instruction, so the IP
 *    pushed for INT 0 is that of the next instruction;
 *  - IDIV cannot produce the most negative quotient (80h / 8000h): it
 *    raises INT 0 instead;
 *  - a REP or REPNE prefix on IDIV/IMUL negates the quotient/product (the
 *    vectors contain prefixed IDIVs; MUL shares the negation step in the
 *    microcode, but no prefixed MUL is in the vectors at hand);
 *  - the flags at a divide error, which are pushed, are those of the
 *    microcode's last flag-setting trial subtraction, with CF from its
 *    final rotate (IDIV's late overflow check then sees CF = 0).
 * The 80186 has its own, faster multiply/divide microcode; Intel's 80C186
 * manual documents the same IDIV quotient range (-127..127) and nothing
 * about the other quirks, so it shares the 8086 model until vectors say
 * otherwise.
 *
 * Clocks: the register-form time comes from c->tm (timing.c) and is added
 * here; the rows carry only the memory-form surcharge (muldiv.def).
 */
#include "decode.h"
#include "timing.h"

/* A 32-bit two's complement value as int64_t, without relying on the
 * implementation-defined conversion of large unsigned values. */
static inline int64_t sext32(uint32_t v)
{
    return (int64_t)(v & 0x7FFFFFFFu) - (int64_t)(v & 0x80000000u);
}

/* The six flags of the w-bit subtraction a - b, as the 8086 microcode's
 * "F" step records them after a trial subtraction. */
static void mc_sub_flags(struct cpu *c, uint32_t a, uint32_t b, unsigned w)
{
    uint32_t m = w == 32 ? 0xFFFFFFFFu : (1u << w) - 1;
    uint32_t r = (a - b) & m;
    uint32_t sx = w == 8 ? sx8(r) : w == 16 ? sx16(r) : r;
    lf_cv(c, sx, (~a & b) | ((~a | b) & r), w);
}

/* OF = 0, CF kept (the CCOF step of POSTIDIV clears both; CF via lf_set_cf). */
static void mc_clear_of(struct cpu *c)
{
    c->lf_aux = (c->lf_aux & ~0x40000000u) | (c->lf_aux >> 31) << 30;
}

#define OSZ 8
#include "muldiv_tmpl.h"
#define OSZ 16
#include "muldiv_tmpl.h"
#define OSZ 32
#include "muldiv_tmpl.h"
