/* disasm.c - renders a decoded instruction (struct insn) in Intel syntax,
 * close to what nasm's ndisasm prints, for the debugger and error messages.
 *
 * Everything comes from the opcode table (opcodes.def): the mnemonic is the
 * row's handler base name (the part before the first '_', lower-cased:
 * ADD_EvGv -> "add") and the operands follow the row's operand notation
 * (Intel SDM vol. 2, appendix A.2) filled in from the decoded fields. No
 * byte is read again, so what is shown is exactly what was decoded.
 *
 * Syntax (nasm): memory as "word [es:bx+si+0x12]", with the size keyword
 * only when no register operand of the same size fixes it; a segment only
 * when it is not the default one of the base register; relative targets as
 * "$+N" from the instruction's first byte (the instruction's address is not
 * known here); string instructions as "rep movsb" without operands.
 *
 * Row names that do not follow the convention, and the few forms whose
 * text depends on more than the notation, get these rules:
 *  - a base name ending in "86" is the 8086/80186 variant of the same
 *    instruction (MOV86, PUSH86): the suffix is dropped;
 *  - CALLF/JMPF are "call"/"jmp": the operand (Ap, Mp -> "far") shows it;
 *  - UD_xxx rows are placeholders that raise #UD: "(bad)", as for an
 *    instruction that failed to decode;
 *  - ESC_Ev/FPU_Ev (D8-DF) print as "esc N,operand", N = the six opcode
 *    bits of the 8086 ESC instruction;
 *  - a fixed operand the name already carries (INT3's "3") is not repeated;
 *    AAM/AAD with the default base 10 print without their operand;
 *  - operand-less rows whose size is not visible in the text use their
 *    16/32-bit names (cwde, pushad, iretd ... see size_names) when the
 *    operand size differs from the code segment's default, and other
 *    size-dependent rows get an "o32"/"o16" prefix, as ndisasm does;
 *  - JCXZ with 32-bit addressing is "jecxz"; LOOPxx with a non-default
 *    address size gets nasm's ",ecx"/",cx" count operand;
 *  - Jcc/SETcc keep the table's names (jnbe, setae), all valid nasm.
 */
#include <stdio.h>
#include <string.h>
#include "decode.h"

/* A bounded string builder: output is truncated, never overrun. */
struct sbuf {
    char *p;
    size_t len, n;
};

static void sb_puts(struct sbuf *b, const char *s)
{
    while (*s) {
        if (b->n + 1 < b->len) b->p[b->n] = *s;
        b->n++;
        s++;
    }
    if (b->len) b->p[b->n < b->len ? b->n : b->len - 1] = '\0';
}

static void sb_hex(struct sbuf *b, uint32_t v)
{
    char t[16];
    snprintf(t, sizeof t, "0x%x", (unsigned)v);
    sb_puts(b, t);
}

/* "+0x12" / "-0x10": a signed displacement or sign-extended immediate. */
static void sb_signed(struct sbuf *b, int32_t v)
{
    char t[16];
    if (v < 0) snprintf(t, sizeof t, "-0x%x", (unsigned)(-(int64_t)v));
    else snprintf(t, sizeof t, "+0x%x", (unsigned)v);
    sb_puts(b, t);
}

static const char *const reg8[8]  = { "al", "cl", "dl", "bl", "ah", "ch", "dh", "bh" };
static const char *const reg16[8] = { "ax", "cx", "dx", "bx", "sp", "bp", "si", "di" };
static const char *const reg32[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };
static const char *const sreg[8]  = { "es", "cs", "ss", "ds", "fs", "gs", "?", "?" };

static const char *gpr_name(unsigned n, unsigned size)
{
    n &= 7;
    return size == 1 ? reg8[n] : size == 4 ? reg32[n] : reg16[n];
}

/* Names of operand-less size-dependent rows: [row base, 16-bit, 32-bit]. */
static const char *const size_names[][3] = {
    { "CBW", "cbw", "cwde" }, { "CWD", "cwd", "cdq" },
    { "PUSHA", "pushaw", "pushad" }, { "POPA", "popaw", "popad" },
    { "PUSHF", "pushfw", "pushfd" }, { "POPF", "popfw", "popfd" },
    { "IRET", "iretw", "iretd" }, { "RET", "retw", "retd" }, { "RETF", "retfw", "retfd" },
};

/* One operand of the notation: kind letter and size letter (0 when the
 * token is fixed text such as "AL", "eAX", "CS", "1"). */
struct opnd {
    char kind, size;
    char text[8];
};

static int parse_ops(const char *ops, struct opnd *o, int max)
{
    int n = 0;
    while (*ops && n < max) {
        size_t k = 0;
        memset(&o[n], 0, sizeof o[n]);
        while (ops[k] && ops[k] != ',') {
            if (k + 1 < sizeof o[n].text) o[n].text[k] = ops[k];
            k++;
        }
        const char *t = o[n].text;
        if (strchr("EGMSCDRTIJAOZXY", t[0]) && (t[1] == '\0' || (t[1] >= 'a' && t[1] <= 'z'))) {
            o[n].kind = t[0];
            o[n].size = t[1];
        }
        n++;
        ops += k;
        if (*ops == ',') ops++;
    }
    return n;
}

/* Operand size in bytes of a typed size letter (0: none or not a plain size). */
static unsigned size_bytes(char s, int o32)
{
    switch (s) {
    case 'b': return 1;
    case 'w': return 2;
    case 'd': return 4;
    case 'q': return 8;
    case 'v': return o32 ? 4 : 2;
    default: return 0;
    }
}

/* Size of the register a typed operand names, or 0 when it is not a
 * register. Fixed registers (CL, DX) never pair with a memory operand of
 * their size in the table except as a count (shl byte [bx],cl), so they do
 * not count as fixing the memory operand's size. */
static unsigned reg_size(const struct opnd *o, int o32, int mem)
{
    switch (o->kind) {
    case 'G': case 'Z': return size_bytes(o->size, o32);
    case 'E': return mem ? 0 : size_bytes(o->size, o32);
    case 'S': return 2;
    case 'C': case 'D': case 'R': case 'T': return 4;
    default: return 0;
    }
}

/* Index of a fixed register text ("AX" of "eAX", "CL", "DX") in reg8/reg16. */
static int fixed_reg(const char *t, const char *const names[8])
{
    char lc[4] = { 0 };
    for (int k = 0; k < 3 && t[k]; k++) lc[k] = (char)(t[k] | 0x20);
    for (int r = 0; r < 8; r++)
        if (!strcmp(lc, names[r])) return r;
    return -1;
}

static void put_fixed(struct sbuf *b, const char *t, int o32)
{
    if (t[0] == 'e' && t[1] >= 'A' && t[1] <= 'Z') {          /* eAX: by operand size */
        int r = fixed_reg(t + 1, reg16);
        sb_puts(b, r >= 0 ? (o32 ? reg32[r] : reg16[r]) : t);
        return;
    }
    char lc[8];
    size_t k;
    for (k = 0; t[k] && k + 1 < sizeof lc; k++)
        lc[k] = (char)(t[k] >= 'A' && t[k] <= 'Z' ? t[k] | 0x20 : t[k]);
    lc[k] = '\0';
    sb_puts(b, lc);
}

/* Memory operand of a ModR/M form: "[es:bx+si+0x12]". */
static void put_mem(struct sbuf *b, const struct insn *i)
{
    static const char *const rm16[8] = { "bx+si", "bx+di", "bp+si", "bp+di", "si", "di", "bp", "bx" };
    unsigned mod = i->modrm >> 6, rm = i->modrm & 7;
    unsigned defseg = (i->base == R_EBP || i->base == R_ESP) ? S_SS : S_DS;
    sb_puts(b, "[");
    if (i->seg != defseg) {
        sb_puts(b, sreg[i->seg & 7]);
        sb_puts(b, ":");
    }
    if (!i->a32) {
        if (i->base == R_NONE && i->index == R_NONE) {
            sb_hex(b, i->disp & 0xFFFF);
        } else {
            sb_puts(b, rm16[rm]);
            if (mod) sb_signed(b, (int16_t)(i->disp & 0xFFFF));
        }
    } else if (i->base == R_NONE && i->index == R_NONE) {
        sb_hex(b, i->disp);
    } else {
        if (i->base != R_NONE) sb_puts(b, reg32[i->base]);
        if (i->index != R_NONE) {
            if (i->base != R_NONE) sb_puts(b, "+");
            sb_puts(b, reg32[i->index]);
            if (i->scale) {
                char t[4] = { '*', (char)('0' + (1 << i->scale)), 0, 0 };
                sb_puts(b, t);
            }
        }
        if (mod || i->base == R_NONE) sb_signed(b, (int32_t)i->disp);
    }
    sb_puts(b, "]");
}

static void put_size_kw(struct sbuf *b, unsigned bytes)
{
    switch (bytes) {
    case 1: sb_puts(b, "byte "); break;
    case 2: sb_puts(b, "word "); break;
    case 4: sb_puts(b, "dword "); break;
    case 8: sb_puts(b, "qword "); break;
    default: break;
    }
}

void disasm(struct cpu *c, const struct insn *i, char *buf, size_t len)
{
    struct sbuf b = { buf, len, 0 };
    if (len) buf[0] = '\0';
    if (i->fn == op_decode_fault || i->op == 0 || i->op >= op_nrows) {
        sb_puts(&b, "(bad)");
        return;
    }
    const struct op_row *row = &op_rows[i->op];
    int big = c->seg[S_CS].big;
    int o32 = i->o32, a32 = i->a32, mem = (i->modrm >> 6) != 3;

    /* the mnemonic: the base name, lower-cased, with the rules above */
    char base[24], mn[24];
    size_t bl = strcspn(row->name, "_");
    if (bl >= sizeof base) bl = sizeof base - 1;
    memcpy(base, row->name, bl);
    base[bl] = '\0';
    if (bl > 2 && !strcmp(base + bl - 2, "86")) base[bl -= 2] = '\0';
    if (!strcmp(base, "CALLF") || !strcmp(base, "JMPF")) base[--bl] = '\0';
    if (!strcmp(base, "UD")) {
        sb_puts(&b, "(bad)");
        return;
    }
    int esc = !strcmp(base, "ESC") || !strcmp(base, "FPU");
    for (size_t k = 0; k <= bl; k++) mn[k] = (char)(base[k] >= 'A' && base[k] <= 'Z' ? base[k] | 0x20 : base[k]);
    if (esc) strcpy(mn, "esc");

    struct opnd o[4];
    int n = parse_ops(row->ops, o, 4);
    int is_str = 0, has_x = 0, cmp_str = 0, visible = 0;
    for (int k = 0; k < n; k++) {
        if (o[k].kind == 'X' || o[k].kind == 'Y') is_str = 1;
        if (o[k].kind == 'X') has_x = 1;
        /* a Y operand that is not the destination: CMPS, SCAS (REPE/REPNE) */
        if (o[k].kind == 'Y' && k > 0) cmp_str = 1;
        if (o[k].size == 'v' || o[k].kind == 'A' || (o[k].kind == 'M' && o[k].size == 'p') ||
            (o[k].kind == 0 && o[k].text[0] == 'e'))
            visible = 1;
    }
    int size_dep = row->h[0] != row->h[1] || row->h[2] != row->h[3];

    /* prefixes */
    if (i->lock) sb_puts(&b, "lock ");
    if (i->rep == 0xF2) sb_puts(&b, "repne ");
    else if (i->rep == 0xF3) sb_puts(&b, cmp_str ? "repe " : "rep ");
    if (is_str || !strcmp(base, "XLAT")) {
        if ((has_x || !strcmp(base, "XLAT")) && i->seg != S_DS) {
            sb_puts(&b, sreg[i->seg & 7]);
            sb_puts(&b, " ");
        }
        if (a32 != big) sb_puts(&b, a32 ? "a32 " : "a16 ");
        if (!strcmp(base, "XLAT")) strcpy(mn, "xlatb");
    }

    if (is_str) {
        char sfx = 'b';
        for (int k = 0; k < n; k++)
            if ((o[k].kind == 'X' || o[k].kind == 'Y') && o[k].size == 'v') sfx = o32 ? 'd' : 'w';
        size_t ml = strlen(mn);
        mn[ml] = sfx;
        mn[ml + 1] = '\0';
        sb_puts(&b, mn);
        return;
    }
    if (size_dep && !visible && o32 != big) {
        const char *alt = NULL;
        for (size_t k = 0; k < sizeof size_names / sizeof size_names[0]; k++)
            if (n == 0 && !strcmp(size_names[k][0], base)) alt = size_names[k][o32 ? 2 : 1];
        if (alt) strcpy(mn, alt);
        else sb_puts(&b, o32 ? "o32 " : "o16 ");
    }
    if (!strcmp(base, "JCXZ") && a32) strcpy(mn, "jecxz");
    if ((!strcmp(base, "AAM") || !strcmp(base, "AAD")) && (i->imm & 0xFF) == 10) n = 0;
    sb_puts(&b, mn);

    /* operands */
    int first = 1;
    unsigned nimm = 0;
    if (esc) {
        sb_puts(&b, " ");
        sb_hex(&b, (uint32_t)((row->opc & 7) << 3 | i->reg));
        first = 0;
    }
    for (int k = 0; k < n; k++) {
        const struct opnd *p = &o[k];
        /* a fixed operand the name carries already (INT3) */
        if (!p->kind && p->text[0] >= '0' && p->text[0] <= '9' &&
            strstr(base, p->text) && !strcmp(base + bl - strlen(p->text), p->text))
            continue;
        sb_puts(&b, first ? " " : ",");
        first = 0;
        unsigned sz = size_bytes(p->size, o32);
        /* does another operand name a register of this operand's size? */
        int fixed = 0;
        for (int q = 0; q < n; q++)
            if (q != k && reg_size(&o[q], o32, mem) == sz) fixed = 1;
        switch (p->kind) {
        case 'G': sb_puts(&b, gpr_name(i->reg, sz)); break;
        case 'Z': sb_puts(&b, gpr_name(i->reg, sz)); break;
        case 'S': sb_puts(&b, sreg[c->model < CPU_80286 ? i->reg & 3 : i->reg & 7]); break;
        case 'C': case 'D': case 'T': {
            char t[8];
            snprintf(t, sizeof t, "%sr%u", p->kind == 'C' ? "c" : p->kind == 'D' ? "d" : "t", i->reg & 7u);
            sb_puts(&b, t);
            break;
        }
        case 'R': sb_puts(&b, reg32[i->rm & 7]); break;
        case 'E': case 'M':
            if (!mem) {
                sb_puts(&b, gpr_name(i->rm, sz ? sz : (o32 ? 4u : 2u)));
                break;
            }
            if (p->size == 'p' && n == 1) {           /* call far [bx] */
                if (o32 != big) sb_puts(&b, o32 ? "dword " : "word ");
                sb_puts(&b, "far ");
            } else if (!fixed && !esc) {
                put_size_kw(&b, sz);
            }
            put_mem(&b, i);
            break;
        case 'O': {
            unsigned defseg = S_DS;
            sb_puts(&b, "[");
            if (i->seg != defseg) {
                sb_puts(&b, sreg[i->seg & 7]);
                sb_puts(&b, ":");
            }
            sb_hex(&b, i->disp & i->amask);
            sb_puts(&b, "]");
            break;
        }
        case 'A':
            if (o32 != big) sb_puts(&b, o32 ? "dword " : "word ");
            sb_hex(&b, i->imm2 & 0xFFFF);
            sb_puts(&b, ":");
            sb_hex(&b, o32 ? i->imm : i->imm & 0xFFFF);
            break;
        case 'J': {
            int32_t rel = p->size == 'b' ? (int32_t)sx8(i->imm)
                        : o32 ? (int32_t)i->imm : (int32_t)(int16_t)i->imm;
            char t[24];
            if (!strcmp(base, "JMP") && p->size == 'b') sb_puts(&b, "short ");
            if (p->size == 'v' && o32 != big) sb_puts(&b, o32 ? "dword " : "word ");
            snprintf(t, sizeof t, "$%+ld", (long)rel + (long)i->len);
            sb_puts(&b, t);
            if (!strncmp(base, "LOOP", 4) && a32 != big) sb_puts(&b, a32 ? ",ecx" : ",cx");
            break;
        }
        case 'I': {
            uint32_t v = nimm++ ? i->imm2 : i->imm;
            int other_v = 0;
            for (int q = 0; q < n; q++)
                if (q != k && o[q].size == 'v') other_v = 1;
            if (p->size == 'b' && (other_v || (n == 1 && size_dep))) {
                /* sign-extended imm8 of a word/dword operation */
                sb_puts(&b, "byte ");
                sb_signed(&b, (int32_t)sx8(v));
            } else {
                if (n == 1 && p->size == 'v') put_size_kw(&b, sz);   /* push word 0x1234 */
                sb_hex(&b, sz == 4 ? v : sz == 2 ? v & 0xFFFF : v & 0xFF);
            }
            break;
        }
        default:
            put_fixed(&b, p->text, o32);
            break;
        }
    }
}
