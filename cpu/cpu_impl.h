/* cpu_impl.h - the CPU's private state and the inline helpers every
 * instruction family uses: register access, lazy flags, segment-checked
 * memory access through the TLB, and the fault mechanism.
 *
 * Faults: a handler calls cpu_fault(); it restores EIP to the start of the
 * instruction (committed in prev_eip before every instruction), delivers
 * the exception and longjmps back to the run loop with the jmp_buf held in
 * struct cpu (STYLE.md item 5). Nothing a handler did before the fault is
 * undone, so handlers read and check everything before they write.
 */
#ifndef TICK86_CPU_IMPL_H
#define TICK86_CPU_IMPL_H
#include <setjmp.h>
#include <stdint.h>
#include <stddef.h>
#include "cpu.h"
#include "../devices/memmap.h"
#include "../devices/ioport.h"
#include "../devices/sched.h"

#if defined(__GNUC__) || defined(__clang__)
#define LIKELY(x)   __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define NOINLINE    __attribute__((noinline))
#define NORETURN    __attribute__((noreturn))
#else
#define LIKELY(x)   (x)
#define UNLIKELY(x) (x)
#define NOINLINE
#define NORETURN    _Noreturn
#endif

#ifndef TRACE_MAX
#define TRACE_MAX 16              /* instructions per trace (DESIGN.md) */
#endif
#ifndef TRACE_ENTRIES_DEFAULT
#define TRACE_ENTRIES_DEFAULT 4096
#endif
#ifndef TLB_ENTRIES
#define TLB_ENTRIES 256
#endif

/* Register numbers as encoded in ModR/M. gpr[8] is always zero: it stands
 * for "no base" / "no index" so one address formula serves every form. */
enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI, R_NONE };
enum { S_ES, S_CS, S_SS, S_DS, S_FS, S_GS, S_NSEG };

/* EFLAGS bits (Intel SDM vol. 1, 3.4.3). */
enum {
    F_CF = 1u << 0, F_PF = 1u << 2, F_AF = 1u << 4, F_ZF = 1u << 6, F_SF = 1u << 7,
    F_TF = 1u << 8, F_IF = 1u << 9, F_DF = 1u << 10, F_OF = 1u << 11,
    F_IOPL = 3u << 12, F_NT = 1u << 14, F_RF = 1u << 16, F_VM = 1u << 17,
    F_AC = 1u << 18, F_VIF = 1u << 19, F_VIP = 1u << 20, F_ID = 1u << 21
};
#define F_ARITH (F_CF | F_PF | F_AF | F_ZF | F_SF | F_OF)

/* Exception vectors. */
enum { EX_DE = 0, EX_DB = 1, EX_NMI = 2, EX_BP = 3, EX_OF = 4, EX_BR = 5, EX_UD = 6,
       EX_NM = 7, EX_DF = 8, EX_TS = 10, EX_NP = 11, EX_SS = 12, EX_GP = 13, EX_PF = 14 };

struct cpu;
struct insn;
typedef void (*exec_fn)(struct cpu *c, const struct insn *i);

/* One pre-decoded instruction. Operand size and the address formula are
 * fixed here at decode; the handler never looks at prefixes again. */
struct insn {
    exec_fn fn;
    uint32_t disp;                /* address displacement (or moffs) */
    uint32_t imm;                 /* immediate, imm8 sign-extended; rel disp */
    uint32_t imm2;                /* second immediate: far segment, ENTER level */
    uint32_t amask;               /* 0xFFFF or 0xFFFFFFFF: address size */
    uint16_t cycles;              /* static clocks of this form on this model */
    uint16_t op;                  /* row of the opcode table (disassembler, debugger) */
    uint8_t len;                  /* bytes, prefixes included */
    uint8_t reg;                  /* ModR/M reg field (or +r register) */
    uint8_t rm;                   /* ModR/M rm register for register forms */
    uint8_t seg;                  /* effective segment of the memory operand */
    uint8_t base, index, scale;   /* address: gpr[base] + (gpr[index] << scale) + disp */
    uint8_t rep;                  /* 0, 0xF2 (REPNE) or 0xF3 (REP/REPE) */
    uint8_t o32, a32;             /* operand/address size is 32 bits */
    uint8_t modrm;
    uint8_t lock;
};

struct trace {
    uint32_t phys;                /* physical address of the first byte */
    uint32_t mode;                /* decode-relevant mode bits; ~0 = empty */
    uint32_t gen;                 /* code generation of the page at decode */
    uint32_t bound;               /* worst-case clocks of ins[0..n-2] */
    unsigned n;
    struct insn ins[TRACE_MAX];
};

struct seg {
    uint32_t base, limit;
    uint16_t sel;
    uint8_t big;                  /* D/B bit: 32-bit default operand size / stack */
    uint8_t rights;               /* access byte (protected mode) */
    uint32_t lim_w, lim_d;        /* highest offset a word / dword may start at */
};

struct tlb_entry {
    uint32_t tag;                 /* linear page number, or ~0 */
    uint8_t *r;                   /* host address of the page start for reads, or NULL */
    uint8_t *w;                   /* ... for writes (NULL: ROM, MMIO, decoded code) */
};

/* Clocks that depend on data, per model (see timing.c for sources). */
struct timing_dyn {
    uint8_t jcc_taken;            /* extra clocks when a conditional jump is taken */
    uint8_t loop_taken;           /* LOOP/JCXZ taken extra */
    uint8_t shift_per_bit;        /* per count bit for shifts by CL/imm */
    uint8_t rep_setup;            /* REP prefix start-up */
    uint8_t movs, stos, lods, cmps, scas, ins, outs;  /* per REP iteration */
    uint8_t mul8[2], mul16[2], mul32[2];   /* [min, max] */
    uint8_t imul8[2], imul16[2], imul32[2];
    uint8_t div8, div16, div32, idiv8, idiv16, idiv32;
    uint8_t intr;                 /* delivering an interrupt through the IVT */
};

struct cpu {
    /* hot: the register file and lazy flags first */
    uint32_t gpr[9];
    uint32_t eip, prev_eip, ip_mask;
    uint32_t lf_res, lf_aux;      /* lazy arithmetic flags, see flags below */
    uint32_t eflags;              /* all but the six arithmetic flags */
    uint64_t cycles;
    uint64_t deadline;            /* REP loops stop here (next event or budget end) */
    const struct insn *trace_end; /* the trace loop runs while the next insn < this */
    const struct insn *trace_first;  /* the running trace, NULL between traces */
    uint32_t trace_eip0;             /* EIP of its first instruction */
    struct seg seg[S_NSEG];
    uint32_t addr_mask;           /* physical address lines, with A20 applied */
    uint32_t mode;                /* decode mode bits (trace key), see cpu_mode_changed */
    uint32_t odd_clk;             /* extra clocks for a word at an odd address (8086/80186) */
    struct tlb_entry tlb[TLB_ENTRIES];

    struct memmap *mem;
    struct io_bus *io;
    struct sched *sched;
    struct cpu_intc intc;
    enum cpu_model model;
    const struct timing_dyn *tm;

    /* system state */
    uint32_t cr0, cr2, cr3, cr4;
    uint32_t gdt_base, idt_base;
    uint16_t gdt_limit, idt_limit;
    uint64_t tsc_offset;          /* TSC = cycles + tsc_offset (WRMSR 10h) */
    uint32_t model_addr_mask;     /* 20, 24 or 32 address lines */
    int a20;

    uint64_t icount;              /* instructions retired (counted per trace) */
    /* run state */
    int halted, stop_on_halt, shadow, intr_line, nmi_pending, in_nmi;
    int stop_requested, fault_depth;
    enum cpu_stop stop_reason;
    char stop_msg[256];
    jmp_buf jmp;
    uint64_t stop_cycle;

    /* decode tables (built from opcodes.def for this model) and the trace cache */
    const struct op_slot *map1;   /* one-byte map: 256 x 8 (ext) slots */
    const struct op_slot *map2;   /* 0F map */
    struct op_slot *maps;         /* owned */
    unsigned trace_max, trace_mask;
    int cache_off;
    struct trace *traces;
    struct trace scratch;
    struct cpu_stats stats;
};

/* ---- registers ------------------------------------------------------- */

static inline uint32_t r8(const struct cpu *c, unsigned n)
{ return (c->gpr[n & 3] >> ((n & 4) << 1)) & 0xFF; }
static inline void w8(struct cpu *c, unsigned n, uint32_t v)
{
    unsigned sh = (n & 4) << 1;
    c->gpr[n & 3] = (c->gpr[n & 3] & ~(0xFFu << sh)) | ((v & 0xFF) << sh);
}
static inline uint32_t r16(const struct cpu *c, unsigned n) { return c->gpr[n] & 0xFFFF; }
static inline void w16(struct cpu *c, unsigned n, uint32_t v)
{ c->gpr[n] = (c->gpr[n] & 0xFFFF0000u) | (v & 0xFFFF); }
static inline uint32_t r32(const struct cpu *c, unsigned n) { return c->gpr[n]; }
static inline void w32(struct cpu *c, unsigned n, uint32_t v) { c->gpr[n] = v; }

static inline uint32_t sx8(uint32_t v) { return ((v & 0xFF) ^ 0x80) - 0x80; }
static inline uint32_t sx16(uint32_t v) { return ((v & 0xFFFF) ^ 0x8000) - 0x8000; }

/* ---- lazy flags -------------------------------------------------------
 * lf_res holds the last result sign-extended to 32 bits, so ZF is
 * (res == 0) and SF is bit 31 for every operand size. lf_aux holds the
 * carry (or borrow) vector of the operation, normalised: bit 31 = carry
 * out of the top bit (CF), bit 30 = CF xor OF (the carry into the top
 * bit), bit 3 = carry out of bit 3 (AF). Bits 8 and 9 are corrections for
 * PF and SF that let any flag combination (POPF, SAHF) be represented. */
#define LF_PFX (1u << 8)
#define LF_SFX (1u << 9)

static inline unsigned parity8(uint32_t v)   /* 1 when an even number of bits is set */
{ v &= 0xFF; return ((0x6996u >> ((v ^ (v >> 4)) & 0xF)) & 1) ^ 1; }

static inline unsigned get_cf(const struct cpu *c) { return c->lf_aux >> 31; }
static inline unsigned get_of(const struct cpu *c) { return ((c->lf_aux >> 31) ^ (c->lf_aux >> 30)) & 1; }
static inline unsigned get_af(const struct cpu *c) { return (c->lf_aux >> 3) & 1; }
static inline unsigned get_zf(const struct cpu *c) { return c->lf_res == 0; }
static inline unsigned get_sf(const struct cpu *c) { return ((c->lf_res >> 31) ^ (c->lf_aux >> 9)) & 1; }
static inline unsigned get_pf(const struct cpu *c) { return parity8(c->lf_res) ^ ((c->lf_aux >> 8) & 1); }

/* Record the carry vector cv of a w-bit operation with result res. */
static inline void lf_cv(struct cpu *c, uint32_t res_sx, uint32_t cv, unsigned w)
{
    c->lf_res = res_sx;
    c->lf_aux = ((cv << (32 - w)) & 0xC0000000u) | (cv & 8);
}
/* Result-derived ZF/SF/PF, given CF/OF/AF. */
static inline void lf_res_co(struct cpu *c, uint32_t res_sx, unsigned cf, unsigned of, unsigned af)
{
    c->lf_res = res_sx;
    c->lf_aux = (uint32_t)cf << 31 | (uint32_t)(cf ^ of) << 30 | (uint32_t)af << 3;
}
/* Any combination of the six flags. */
static inline void lf_set6(struct cpu *c, uint32_t fl)
{
    unsigned cf = fl & 1, pf = (fl >> 2) & 1, af = (fl >> 4) & 1, zf = (fl >> 6) & 1,
             sf = (fl >> 7) & 1, of = (fl >> 11) & 1;
    uint32_t res = zf ? 0 : 1;
    c->lf_res = res;
    c->lf_aux = (uint32_t)cf << 31 | (uint32_t)(cf ^ of) << 30 | (uint32_t)af << 3 |
                (uint32_t)(pf ^ parity8(res)) << 8 | (uint32_t)sf << 9;
}
static inline uint32_t lf_get6(const struct cpu *c)
{
    return get_cf(c) | get_pf(c) << 2 | get_af(c) << 4 | get_zf(c) << 6 | get_sf(c) << 7 |
           get_of(c) << 11;
}
/* Change only CF (CLC/STC/CMC, and the shift/rotate families). */
static inline void lf_set_cf(struct cpu *c, unsigned cf)
{
    unsigned of = get_of(c);
    c->lf_aux = (c->lf_aux & 0x3FFFFFFFu) | (uint32_t)cf << 31 | (uint32_t)(cf ^ of) << 30;
}

/* ---- condition codes (Jcc/SETcc/CMOVcc low nibble; SDM vol. 1, B.1) --- */
static inline int cond(const struct cpu *c, unsigned cc)
{
    int r;
    switch (cc >> 1) {
    case 0: r = get_of(c); break;
    case 1: r = get_cf(c); break;
    case 2: r = get_zf(c); break;
    case 3: r = get_cf(c) | get_zf(c); break;
    case 4: r = get_sf(c); break;
    case 5: r = get_pf(c); break;
    case 6: r = get_sf(c) != get_of(c); break;
    default: r = get_zf(c) || get_sf(c) != get_of(c); break;
    }
    return r ^ (int)(cc & 1);
}

/* ---- faults ----------------------------------------------------------- */
NORETURN void cpu_fault(struct cpu *c, unsigned vec, int has_err, uint32_t err);
NORETURN void cpu_unimpl(struct cpu *c, const char *what);
NORETURN void cpu_ud(struct cpu *c);               /* invalid opcode, per model */
void cpu_interrupt(struct cpu *c, unsigned vec, uint32_t ret_eip); /* IVT/IDT delivery */
/* After an instruction changes something decode or the run loop depends on:
 * end the current trace after this instruction. */
static inline void cpu_end_trace(struct cpu *c) { c->trace_end = c->trace_first; }
/* Leave the current instruction to be started again later (a REP string
 * instruction pausing for an event): EIP back to its first byte, and it
 * does not count as retired, so the instruction count does not depend on
 * where events or run budgets fall. Only for the last instruction of a
 * trace, which REP instructions always are. */
static inline void cpu_restart_insn(struct cpu *c) { c->eip = c->prev_eip; c->icount--; }

uint32_t cpu_get_flags(const struct cpu *c);
/* Load FLAGS/EFLAGS as POPF does, honouring the model's fixed and
 * unwritable bits; mask says which bits the instruction may change. */
void cpu_load_flags(struct cpu *c, uint32_t v, uint32_t mask);

/* ---- memory ----------------------------------------------------------- */
void tlb_flush(struct cpu *c);
uint32_t mem_rd_slow(struct cpu *c, unsigned s, uint32_t off, unsigned n);
void mem_wr_slow(struct cpu *c, unsigned s, uint32_t off, uint32_t v, unsigned n);

static inline uint32_t ea(const struct cpu *c, const struct insn *i)
{ return (c->gpr[i->base] + (c->gpr[i->index] << i->scale) + i->disp) & i->amask; }

static inline uint32_t rd8(struct cpu *c, unsigned s, uint32_t off)
{
    const struct seg *sg = &c->seg[s];
    uint32_t lin = sg->base + off;
    const struct tlb_entry *t = &c->tlb[(lin >> 12) & (TLB_ENTRIES - 1)];
    if (LIKELY(off <= sg->limit && t->tag == lin >> 12))
        return t->r[lin & 0xFFF];
    return mem_rd_slow(c, s, off, 1);
}
/* The 8086 and 80186 move a word at an odd address in two bus cycles:
 * 4 more clocks (8086 Family User's Manual, table 2-21 note). odd_clk is 4
 * on those models and 0 on the others. */
#define ODD_WORD_CLOCKS(c, lin) ((c)->cycles += ((lin) & 1) * (c)->odd_clk)

static inline uint32_t rd16(struct cpu *c, unsigned s, uint32_t off)
{
    const struct seg *sg = &c->seg[s];
    uint32_t lin = sg->base + off;
    ODD_WORD_CLOCKS(c, lin);
    const struct tlb_entry *t = &c->tlb[(lin >> 12) & (TLB_ENTRIES - 1)];
    if (LIKELY(off <= sg->lim_w && t->tag == lin >> 12 && (lin & 0xFFF) != 0xFFF))
        return le16(t->r + (lin & 0xFFF));
    return mem_rd_slow(c, s, off, 2);
}
static inline uint32_t rd32(struct cpu *c, unsigned s, uint32_t off)
{
    const struct seg *sg = &c->seg[s];
    uint32_t lin = sg->base + off;
    const struct tlb_entry *t = &c->tlb[(lin >> 12) & (TLB_ENTRIES - 1)];
    if (LIKELY(off <= sg->lim_d && t->tag == lin >> 12 && (lin & 0xFFF) <= 0xFFC))
        return le32(t->r + (lin & 0xFFF));
    return mem_rd_slow(c, s, off, 4);
}
static inline void wr8(struct cpu *c, unsigned s, uint32_t off, uint32_t v)
{
    const struct seg *sg = &c->seg[s];
    uint32_t lin = sg->base + off;
    const struct tlb_entry *t = &c->tlb[(lin >> 12) & (TLB_ENTRIES - 1)];
    if (LIKELY(off <= sg->limit && t->tag == lin >> 12 && t->w)) {
        t->w[lin & 0xFFF] = (uint8_t)v;
        return;
    }
    mem_wr_slow(c, s, off, v, 1);
}
static inline void wr16(struct cpu *c, unsigned s, uint32_t off, uint32_t v)
{
    const struct seg *sg = &c->seg[s];
    uint32_t lin = sg->base + off;
    ODD_WORD_CLOCKS(c, lin);
    const struct tlb_entry *t = &c->tlb[(lin >> 12) & (TLB_ENTRIES - 1)];
    if (LIKELY(off <= sg->lim_w && t->tag == lin >> 12 && t->w && (lin & 0xFFF) != 0xFFF)) {
        st16(t->w + (lin & 0xFFF), v);
        return;
    }
    mem_wr_slow(c, s, off, v, 2);
}
static inline void wr32(struct cpu *c, unsigned s, uint32_t off, uint32_t v)
{
    const struct seg *sg = &c->seg[s];
    uint32_t lin = sg->base + off;
    const struct tlb_entry *t = &c->tlb[(lin >> 12) & (TLB_ENTRIES - 1)];
    if (LIKELY(off <= sg->lim_d && t->tag == lin >> 12 && t->w && (lin & 0xFFF) <= 0xFFC)) {
        st32(t->w + (lin & 0xFFF), v);
        return;
    }
    mem_wr_slow(c, s, off, v, 4);
}

/* ---- stack ------------------------------------------------------------ */
/* The stack pointer is SP or ESP according to SS's B bit (SDM vol. 3, 3.4.5). */
static inline uint32_t sp_mask(const struct cpu *c) { return c->seg[S_SS].big ? 0xFFFFFFFFu : 0xFFFFu; }
static inline uint32_t get_sp(const struct cpu *c) { return c->gpr[R_ESP] & sp_mask(c); }
static inline void set_sp(struct cpu *c, uint32_t v)
{ uint32_t m = sp_mask(c); c->gpr[R_ESP] = (c->gpr[R_ESP] & ~m) | (v & m); }
void push16(struct cpu *c, uint32_t v);
void push32(struct cpu *c, uint32_t v);
uint32_t pop16(struct cpu *c);
uint32_t pop32(struct cpu *c);

/* ---- segments --------------------------------------------------------- */
/* Load a segment register as real mode (and v86) do. */
void seg_load_real(struct cpu *c, unsigned s, uint16_t sel);
/* MOV Sreg / POP Sreg / LxS: real mode or protected mode as CR0.PE says. */
void seg_load(struct cpu *c, unsigned s, uint16_t sel);
void seg_update_limits(struct seg *sg);
/* Recompute what depends on CS (ip_mask) and end the trace. */
void cpu_mode_changed(struct cpu *c);

/* ---- ports ------------------------------------------------------------ */
uint32_t port_in(struct cpu *c, uint16_t port, unsigned width);
void port_out(struct cpu *c, uint16_t port, uint32_t v, unsigned width);

/* ---- templates ---------------------------------------------------------
 * A family's size template is included once per operand size with OSZ set
 * to 8, 16 or 32; these macros give the type-free helpers for that size.
 * HN(b, v, f) names a handler: for bytes the row's b-name, for 16/32 bits
 * its v-name with the size appended (ADD_EbGb_R, ADD_EvGv_R16, _R32). */
#define GLUE3_(a, b, c) a##b##c
#define GLUE3(a, b, c) GLUE3_(a, b, c)

#endif
