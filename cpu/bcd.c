/* bcd.c - decimal adjust after addition/subtraction (DAA, DAS), ASCII
 * adjust (AAA, AAS, AAM, AAD), SALC and the accumulator sign extensions
 * CBW/CWDE and CWD/CDQ (rows in bcd.def).
 *
 * Definitions: Intel SDM vol. 2 for each instruction; SALC (D6) is
 * undocumented on every model up to the P6 (AL = CF ? FFh : 00h, flags
 * unchanged). Where the 8086 differs from the 80286 the SingleStepTests
 * hardware vectors were the judge; the differences are small, so one
 * handler checks the model (see each function).
 */
#include "decode.h"

/* SF, ZF and PF from an 8-bit result, with the given CF, OF and AF. */
static void flags8(struct cpu *c, uint32_t al, unsigned cf, unsigned of, unsigned af)
{
    lf_res_co(c, sx8(al), cf, of, af);
}

/* DAA/DAS: SDM vol. 2, with two 8086 differences the vectors show: the
 * old AL is compared with 9Fh instead of 99h when AF was set, and the
 * borrow of DAS's low-nibble step (AL < 6) does not reach CF, which only
 * the high-nibble step sets. OF is undefined (masked in both suites); we
 * clear it. */
void DAA(struct cpu *c, const struct insn *i)
{
    uint32_t al = r8(c, R_EAX), old = al;
    unsigned cf = get_cf(c), af = get_af(c), hi = (c->model <= CPU_80186 && af) ? 0x9F : 0x99;
    unsigned ncf = 0, naf = 0;
    (void)i;
    if ((al & 0xF) > 9 || af) {
        al = (al + 6) & 0xFF;
        naf = 1;
    }
    if (old > hi || cf) {
        al = (al + 0x60) & 0xFF;
        ncf = 1;
    }
    w8(c, R_EAX, al);
    flags8(c, al, ncf, 0, naf);
}

void DAS(struct cpu *c, const struct insn *i)
{
    uint32_t al = r8(c, R_EAX), old = al;
    unsigned cf = get_cf(c), af = get_af(c), hi = (c->model <= CPU_80186 && af) ? 0x9F : 0x99;
    unsigned ncf = 0, naf = 0;
    (void)i;
    if ((al & 0xF) > 9 || af) {
        ncf = c->model >= CPU_80286 && (cf || al < 6);
        al = (al - 6) & 0xFF;
        naf = 1;
    }
    if (old > hi || cf) {
        al = (al - 0x60) & 0xFF;
        ncf = 1;
    }
    w8(c, R_EAX, al);
    flags8(c, al, ncf, 0, naf);
}

/* AAA/AAS: the 80286 and later adjust AX as a whole (AX +- 6 carries into
 * AH, then AH +- 1: SDM vol. 2); the 8086 adjusts AL and AH separately. */
void AAA(struct cpu *c, const struct insn *i)
{
    uint32_t ax = r16(c, R_EAX);
    unsigned adj = (ax & 0xF) > 9 || get_af(c);
    (void)i;
    if (adj) {
        if (c->model >= CPU_80286) ax += 0x106;
        else ax = (((ax >> 8) + 1) << 8) | ((ax + 6) & 0xFF);
    }
    w16(c, R_EAX, ax & 0xFF0F);
    flags8(c, ax & 0x0F, adj, 0, adj);
}

void AAS(struct cpu *c, const struct insn *i)
{
    uint32_t ax = r16(c, R_EAX);
    unsigned adj = (ax & 0xF) > 9 || get_af(c);
    (void)i;
    if (adj) {
        if (c->model >= CPU_80286) ax = ax - 6 - 0x100;
        else ax = (((ax >> 8) - 1) << 8) | ((ax - 6) & 0xFF);
    }
    w16(c, R_EAX, ax & 0xFF0F);
    flags8(c, ax & 0x0F, adj, 0, adj);
}

/* AAM: AH = AL / imm, AL = AL % imm (SDM vol. 2). An immediate of 0 raises
 * #DE: a fault on the 80286 and later; on the 8086 the microcode's divide
 * routine raises INT 0 at the end of the instruction (pushed IP = next
 * instruction) with the flags of its trial subtraction 0 - 0. */
void AAM_Ib(struct cpu *c, const struct insn *i)
{
    uint32_t al = r8(c, R_EAX), d = i->imm & 0xFF;
    if (d == 0) {
        if (c->model <= CPU_80186) {
            lf_cv(c, 0, 0, 8);
            cpu_interrupt(c, EX_DE, c->eip);
            return;
        }
        cpu_fault(c, EX_DE, 0, 0);
    }
    w8(c, 4, al / d);
    w8(c, R_EAX, al % d);
    flags8(c, al % d, 0, 0, 0);
}

/* AAD: AL = AL + AH * imm, AH = 0; the flags are those of the final
 * addition (SF, ZF, PF defined; CF, OF, AF undefined). */
void AAD_Ib(struct cpu *c, const struct insn *i)
{
    uint32_t a = r8(c, R_EAX), b = (r8(c, 4) * (i->imm & 0xFF)) & 0xFF;
    uint32_t r = (a + b) & 0xFF;
    w16(c, R_EAX, r);
    lf_cv(c, sx8(r), (a & b) | ((a | b) & ~r), 8);
}

void SALC(struct cpu *c, const struct insn *i)
{
    (void)i;
    w8(c, R_EAX, get_cf(c) ? 0xFF : 0x00);
}

/* Sign-extend the low half of the accumulator (bits = operand size) into
 * its upper half: CBW (AL -> AX), CWDE (AX -> EAX). */
static void acc_extend(struct cpu *c, unsigned bits)
{
    unsigned h = bits / 2;
    uint32_t v = c->gpr[R_EAX], top = 1u << (h - 1), low = (top << 1) - 1;
    uint32_t r = ((v & low) ^ top) - top;
    if (bits == 32) w32(c, R_EAX, r);
    else w16(c, R_EAX, r);
}
/* Fill the data register with the accumulator's sign: CWD (DX), CDQ (EDX). */
static void acc_sign_to_d(struct cpu *c, unsigned bits)
{
    uint32_t sign = (c->gpr[R_EAX] >> (bits - 1)) & 1;
    if (bits == 32) w32(c, R_EDX, 0u - sign);
    else w16(c, R_EDX, 0u - sign);
}
void CBW_16(struct cpu *c, const struct insn *i) { (void)i; acc_extend(c, 16); }
void CBW_32(struct cpu *c, const struct insn *i) { (void)i; acc_extend(c, 32); }
void CWD_16(struct cpu *c, const struct insn *i) { (void)i; acc_sign_to_d(c, 16); }
void CWD_32(struct cpu *c, const struct insn *i) { (void)i; acc_sign_to_d(c, 32); }
