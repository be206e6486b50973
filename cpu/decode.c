/* decode.c - expands opcodes.def into the row array, builds the per-model
 * decode maps from it and decodes one instruction into a struct insn.
 *
 * Instruction format: Intel SDM vol. 2, chapter 2 (prefixes, ModR/M, SIB,
 * displacement, immediate), tables 2-1 (16-bit) and 2-2/2-3 (32-bit).
 * 8086 effective-address clocks: 8086 Family User's Manual, table 2-20.
 */
#include <stdio.h>
#include <string.h>
#include "decode.h"

/* ---- the row array ---------------------------------------------------- */
#define SHAPE_H_RM(n)  { n##_R, n##_R, n##_M, n##_M }
#define SHAPE_H_RMV(n) { n##_R16, n##_R32, n##_M16, n##_M32 }
#define SHAPE_H_X(n)   { n, n, NULL, NULL }
#define SHAPE_H_XV(n)  { n##_16, n##_32, NULL, NULL }
#define SHAPE_H_M(n)   { NULL, NULL, n##_M, n##_M }
#define SHAPE_H_MV(n)  { NULL, NULL, n##_M16, n##_M32 }
#define T(a, b, c, d, e, f, g, h, i, j) { { a, b }, { c, d }, { e, f }, { g, h }, { i, j } }
#define OP(name, map, opc, ext, ops, shape, cmin, cmax, attrs, clk) \
    { #name, ops, map, opc, ext, cmin, cmax, attrs, SHAPE_H_##shape(name), clk },
const struct op_row op_rows[] = {
    { "(none)", "", 0, 0, -1, 0, 0, 0, { NULL, NULL, NULL, NULL }, { { 0, 0 } } },
#include "opcodes.def"
};
#undef OP
#undef T
const unsigned op_nrows = sizeof op_rows / sizeof op_rows[0];

/* The row index must fit the 16-bit insn.op field. */
_Static_assert(sizeof op_rows / sizeof op_rows[0] < 65536, "opcode table too large");

/* ---- map building ----------------------------------------------------- */
static unsigned imm_kind(char sz)
{
    switch (sz) {
    case 'b': return IMM_B;
    case 'w': return IMM_W;
    case 'd': return IMM_D;
    default: return IMM_V;        /* v, z */
    }
}

/* Parse the operand notation of a row into its decode format. */
static void parse_ops(const char *ops, struct op_slot *s)
{
    const char *p = ops;
    s->fmt = 0;
    s->imm1 = s->imm2 = IMM_NONE;
    while (*p) {
        char k = p[0], z = p[1];
        int typed = z >= 'a' && z <= 'z';
        if (typed) {
            switch (k) {
            case 'E': case 'G': case 'M': case 'S': case 'C': case 'D': case 'R': case 'T':
                s->fmt |= DF_MODRM;
                break;
            case 'I':
                if (s->imm1 == IMM_NONE) s->imm1 = (uint8_t)imm_kind(z);
                else s->imm2 = (uint8_t)imm_kind(z);
                break;
            case 'J':
                s->fmt |= DF_REL;
                s->imm1 = (uint8_t)imm_kind(z);
                break;
            case 'A': s->fmt |= DF_PTR; break;
            case 'O': s->fmt |= DF_MOFFS; break;
            case 'Z': s->fmt |= DF_PLUSR; break;
            default: break;
            }
        }
        while (*p && *p != ',') p++;
        if (*p == ',') p++;
    }
}

static unsigned model_col(enum cpu_model m)
{
    switch (m) {
    case CPU_8086: case CPU_80186: return 0;
    case CPU_80286: return 1;
    case CPU_80386: return 2;
    case CPU_80486: return 3;
    default: return 4;
    }
}

int optable_build(enum cpu_model m, struct op_slot *maps, char *err, size_t errlen)
{
    memset(maps, 0, sizeof(struct op_slot) * 2 * 256 * 8);
    for (unsigned r = 1; r < op_nrows; r++) {
        const struct op_row *row = &op_rows[r];
        if ((unsigned)m < row->cmin || (unsigned)m > row->cmax)
            continue;
        struct op_slot s;
        s.row = (uint16_t)r;
        parse_ops(row->ops, &s);
        if (row->ext >= 0) s.fmt |= DF_MODRM;
        unsigned nop = (s.fmt & DF_PLUSR) ? 8 : 1;
        for (unsigned k = 0; k < nop; k++) {
            unsigned opc = row->opc + k;
            for (unsigned e = 0; e < 8; e++) {
                struct op_slot *d = &maps[((row->map - 1) * 256 + opc) * 8 + e];
                /* a group: every slot reads ModR/M, rows or not, so the
                 * decoder finds the reg field even for an undefined /0 */
                if (row->ext >= 0) d->fmt |= DF_MODRM;
                if (row->ext >= 0 && (unsigned)row->ext != e) continue;
                if (d->row) {
                    snprintf(err, errlen, "opcode table: %s and %s both claim %s%02X /%u on %s",
                             op_rows[d->row].name, row->name, row->map == 2 ? "0F " : "",
                             opc, e, cpu_model_name(m));
                    return -1;
                }
                *d = s;
            }
        }
    }
    return 0;
}

/* ---- decoding --------------------------------------------------------- */
struct fetch {
    struct cpu *c;
    uint32_t start, ip, n;
    uint32_t first_phys;
    int uncacheable;
    int fault;                    /* vector of a decode-time fault, or -1 */
};

static uint8_t fetch8(struct fetch *f)
{
    struct cpu *c = f->c;
    uint32_t ip = f->ip & c->ip_mask;
    const struct seg *cs = &c->seg[S_CS];
    if (ip > cs->limit) {
        if (c->model >= CPU_80286 && f->fault < 0) f->fault = EX_GP;
        ip &= 0xFFFF;
    }
    uint32_t phys = (cs->base + ip) & c->addr_mask;
    if (f->n == 0) f->first_phys = phys;
    else if (phys != f->first_phys + f->n || (phys & 0xFFF) == 0) f->uncacheable = 1;
    /* 80386+: an instruction longer than 15 bytes raises #GP (SDM vol. 2, 2.3.11);
     * the 80286 limit is 10 bytes. The 8086 has none: prefixes may repeat forever. */
    if ((c->model >= CPU_80386 && f->n >= 15) || (c->model == CPU_80286 && f->n >= 10)) {
        /* stop reading: the rest decodes as zeros and the insn raises #GP */
        if (f->fault < 0) f->fault = EX_GP;
        return 0;
    }
    f->n++;
    f->ip++;
    return mem_read8(c->mem, phys);
}
static uint32_t fetch16(struct fetch *f) { uint32_t lo = fetch8(f); return lo | (uint32_t)fetch8(f) << 8; }
static uint32_t fetch32(struct fetch *f) { uint32_t lo = fetch16(f); return lo | fetch16(f) << 16; }

static uint32_t fetch_imm(struct fetch *f, unsigned kind, int o32)
{
    switch (kind) {
    case IMM_B: return sx8(fetch8(f));
    case IMM_W: return fetch16(f);
    case IMM_D: return fetch32(f);
    case IMM_V: return o32 ? fetch32(f) : fetch16(f);
    default: return 0;
    }
}

/* 16-bit ModR/M rm field: base and index registers (SDM vol. 2, table 2-1). */
static const uint8_t rm16_base[8]  = { R_EBX, R_EBX, R_EBP, R_EBP, R_NONE, R_NONE, R_EBP, R_EBX };
static const uint8_t rm16_index[8] = { R_ESI, R_EDI, R_ESI, R_EDI, R_ESI,  R_EDI,  R_NONE, R_NONE };
/* 8086 EA clocks for mod 00 (no displacement) and with a displacement,
 * by rm (8086 Family User's Manual, table 2-20). */
static const uint8_t ea86_nodisp[8] = { 7, 8, 8, 7, 5, 5, 0, 5 };
static const uint8_t ea86_disp[8]   = { 11, 12, 12, 11, 9, 9, 9, 9 };

static unsigned decode_modrm(struct fetch *f, struct insn *i, int seg_ovr)
{
    struct cpu *c = f->c;
    unsigned mod = i->modrm >> 6, rm = i->modrm & 7;
    unsigned defseg = S_DS, ea_clk = 0;
    i->rm = (uint8_t)rm;
    if (mod == 3) return 0;
    if (!i->a32) {
        i->amask = 0xFFFF;
        i->base = rm16_base[rm];
        i->index = rm16_index[rm];
        i->scale = 0;
        if (mod == 0 && rm == 6) {
            i->base = R_NONE;
            i->disp = fetch16(f);
            ea_clk = 6;
        } else {
            if (mod == 1) i->disp = sx8(fetch8(f)) & 0xFFFF;
            else if (mod == 2) i->disp = fetch16(f);
            else i->disp = 0;
            ea_clk = mod ? ea86_disp[rm] : ea86_nodisp[rm];
            if (i->base == R_EBP) defseg = S_SS;
        }
    } else {
        i->amask = 0xFFFFFFFFu;
        i->index = R_NONE;
        i->scale = 0;
        i->base = (uint8_t)rm;
        if (rm == 4) {
            unsigned sib = fetch8(f);
            unsigned b = sib & 7, x = (sib >> 3) & 7;
            i->scale = (uint8_t)(sib >> 6);
            i->index = x == 4 ? R_NONE : (uint8_t)x;
            i->base = (uint8_t)b;
            if (b == 5 && mod == 0) {
                i->base = R_NONE;
                i->disp = fetch32(f);
            }
        } else if (rm == 5 && mod == 0) {
            i->base = R_NONE;
            i->disp = fetch32(f);
        }
        if (mod == 1) i->disp = sx8(fetch8(f));
        else if (mod == 2) i->disp = fetch32(f);
        else if (i->base != R_NONE) i->disp = 0;
        if (i->base == R_EBP || i->base == R_ESP) defseg = S_SS;
    }
    i->seg = (uint8_t)(seg_ovr >= 0 ? (unsigned)seg_ovr : defseg);
    (void)c;
    return ea_clk;
}

unsigned decode_insn(struct cpu *c, uint32_t eip, struct insn *i, int *uncacheable)
{
    struct fetch f = { c, eip, eip, 0, 0, 0, -1 };
    int seg_ovr = -1, o32 = c->seg[S_CS].big, a32 = c->seg[S_CS].big;
    unsigned rep = 0, lock = 0, b, nprefix = 0;
    const struct op_slot *map = c->map1;
    int is386 = c->model >= CPU_80386;

    memset(i, 0, sizeof *i);
    for (;;) {
        b = fetch8(&f);
        switch (b) {
        case 0x26: seg_ovr = S_ES; continue;
        case 0x2E: seg_ovr = S_CS; continue;
        case 0x36: seg_ovr = S_SS; continue;
        case 0x3E: seg_ovr = S_DS; continue;
        case 0x64: if (!is386) break; seg_ovr = S_FS; continue;
        case 0x65: if (!is386) break; seg_ovr = S_GS; continue;
        case 0x66: if (!is386) break; o32 = !c->seg[S_CS].big; continue;
        case 0x67: if (!is386) break; a32 = !c->seg[S_CS].big; continue;
        case 0xF0: lock = 1; continue;
        case 0xF1: if (c->model >= CPU_80286) break; lock = 1; continue; /* 8086/186: alias of LOCK */
        case 0xF2: case 0xF3: rep = b; continue;
        default: break;
        }
        break;
    }
    nprefix = f.n - 1;
    if (b == 0x0F && c->model >= CPU_80286) {
        map = c->map2;
        b = fetch8(&f);
    }
    const struct op_slot *s = &map[b * 8];
    i->o32 = (uint8_t)o32;
    i->a32 = (uint8_t)a32;
    i->amask = a32 ? 0xFFFFFFFFu : 0xFFFF;
    i->rep = (uint8_t)rep;
    i->lock = (uint8_t)lock;
    i->base = i->index = R_NONE;
    i->seg = (uint8_t)(seg_ovr >= 0 ? seg_ovr : S_DS);
    unsigned ea_clk = 0, mem = 0;
    if (s->fmt & DF_MODRM) {
        i->modrm = fetch8(&f);
        s += (i->modrm >> 3) & 7;
        i->reg = (i->modrm >> 3) & 7;
        mem = (i->modrm >> 6) != 3;
        ea_clk = decode_modrm(&f, i, seg_ovr);
    } else if (s->fmt & DF_PLUSR) {
        i->reg = b & 7;
    }
    if (!s->row) {
        if (f.fault < 0) f.fault = EX_UD;
        goto fault;
    }
    const struct op_row *row = &op_rows[s->row];
    i->op = s->row;
    if (s->fmt & DF_MOFFS) {
        i->disp = a32 ? fetch32(&f) : fetch16(&f);
        i->base = i->index = R_NONE;
    }
    if (s->fmt & DF_PTR) {
        i->imm = o32 ? fetch32(&f) : fetch16(&f);
        i->imm2 = fetch16(&f);
    }
    if (s->imm1 != IMM_NONE) i->imm = fetch_imm(&f, s->imm1, o32);
    if (s->imm2 != IMM_NONE) i->imm2 = fetch_imm(&f, s->imm2, o32);
    i->fn = row->h[mem * 2 + (unsigned)o32];
    /* A form that does not exist (LEA with a register operand, ...) is #UD;
     * so is LOCK on anything but a lockable instruction with a memory
     * destination (SDM vol. 2, LOCK); the 8086-80286 accept LOCK anywhere. */
    if ((!i->fn || (lock && c->model >= CPU_80386 && (!(row->attrs & A_LOCK) || !mem))) &&
        f.fault < 0)
        f.fault = EX_UD;
    if (f.fault >= 0) goto fault;
    unsigned col = model_col(c->model);
    unsigned clk = row->clk[col][mem];
    /* 8086: EA time for memory forms, and 2 clocks per prefix byte (the
     * manual's "+2 for a segment override" is that prefix's own cost). */
    if (c->model == CPU_8086) clk += (mem ? ea_clk : 0) + 2 * nprefix;
    i->cycles = (uint16_t)clk;
    i->len = (uint8_t)f.n;
    *uncacheable = f.uncacheable;
    unsigned attrs = row->attrs;
    if ((attrs & A_STR) && rep) attrs |= A_END;
    return attrs;
fault:
    i->fn = op_decode_fault;
    i->imm = (uint32_t)f.fault;
    i->len = (uint8_t)f.n;
    i->cycles = 0;
    *uncacheable = f.uncacheable;
    return A_END;
}

void op_decode_fault(struct cpu *c, const struct insn *i)
{
    if (i->imm == EX_UD) cpu_ud(c);
    cpu_fault(c, i->imm, 1, 0);
}
