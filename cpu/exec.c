/* exec.c - the run loop, the trace cache, interrupt and exception
 * delivery, and the CPU's narrow interface (cpu.h).
 *
 * Time (DESIGN.md): every instruction adds its clocks to the cycle
 * counter as it runs, so a port or MMIO access sees the same time whatever
 * the trace shape. A trace runs without per-instruction checks only when
 * even its worst case ends every inner instruction before the next
 * deadline; otherwise it runs one instruction at a time and stops at the
 * first boundary at or after the deadline. Interrupts are taken only
 * between traces, and everything that can make one deliverable (STI, POPF,
 * IRET, port writes, IRQ lines) ends the trace.
 *
 * Real-mode interrupt delivery: Intel SDM vol. 3, 20.1.4 (and the 8086
 * Family User's Manual, "Interrupts").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "decode.h"
#include "timing.h"

/* ---- models ----------------------------------------------------------- */
static const char *const model_names[CPU_NMODELS] = {
    "8086", "80186", "80286", "80386", "80486", "pentium", "p6"
};

int cpu_model_parse(const char *name, enum cpu_model *out)
{
    for (unsigned m = 0; m < CPU_NMODELS; m++)
        if (!strcmp(name, model_names[m])) { *out = (enum cpu_model)m; return 0; }
    /* accepted aliases */
    if (!strcmp(name, "186")) { *out = CPU_80186; return 0; }
    if (!strcmp(name, "286")) { *out = CPU_80286; return 0; }
    if (!strcmp(name, "386")) { *out = CPU_80386; return 0; }
    if (!strcmp(name, "486")) { *out = CPU_80486; return 0; }
    if (!strcmp(name, "586")) { *out = CPU_PENTIUM; return 0; }
    if (!strcmp(name, "686") || !strcmp(name, "pentiumpro")) { *out = CPU_P6; return 0; }
    return -1;
}

const char *cpu_model_name(enum cpu_model m)
{
    return (unsigned)m < CPU_NMODELS ? model_names[m] : "?";
}

/* ---- segments --------------------------------------------------------- */
void seg_update_limits(struct seg *sg)
{
    /* Limits below 1 and 3 (protected mode only) clamp to 0; such tiny
     * segments are not yet loadable, since descriptor loads stop the machine. */
    sg->lim_w = sg->limit >= 1 ? sg->limit - 1 : 0;
    sg->lim_d = sg->limit >= 3 ? sg->limit - 3 : 0;
}

void seg_load_real(struct cpu *c, unsigned s, uint16_t sel)
{
    struct seg *sg = &c->seg[s];
    sg->sel = sel;
    sg->base = (uint32_t)sel << 4;
    /* Real mode keeps the limit and attributes a descriptor load left
     * ("unreal mode"); after reset they are 64K, 16-bit. */
    seg_update_limits(sg);
    if (s == S_CS) cpu_mode_changed(c);
}

void seg_load(struct cpu *c, unsigned s, uint16_t sel)
{
    if (!(c->cr0 & 1) || (c->eflags & F_VM)) {
        seg_load_real(c, s, sel);
        return;
    }
    cpu_unimpl(c, "protected-mode segment load");
}

/* The mode bits that change how bytes decode: they key the trace cache. */
static uint32_t mode_key(const struct cpu *c)
{
    return (uint32_t)c->seg[S_CS].big | (c->cr0 & 1) << 1 | ((c->eflags & F_VM) ? 4u : 0u);
}

void cpu_mode_changed(struct cpu *c)
{
    c->ip_mask = c->seg[S_CS].big ? 0xFFFFFFFFu : 0xFFFFu;
    c->mode = mode_key(c);
    cpu_end_trace(c);
}

/* ---- flags ------------------------------------------------------------ */
uint32_t cpu_get_flags(const struct cpu *c)
{
    uint32_t f = (c->eflags & ~F_ARITH) | lf_get6(c) | 2u;
    switch (c->model) {
    case CPU_8086: case CPU_80186:
        return (f & 0x0FD7u) | 0xF000u;      /* bits 12-15 read as 1 */
    case CPU_80286:
        return f & ((c->cr0 & 1) ? 0x7FD7u : 0x0FD7u); /* IOPL/NT only in protected mode */
    default:
        return f & 0x003F7FD7u;
    }
}

void cpu_load_flags(struct cpu *c, uint32_t v, uint32_t mask)
{
    uint32_t writable;
    switch (c->model) {
    case CPU_8086: case CPU_80186: writable = 0x0FD5u; break;
    case CPU_80286: writable = (c->cr0 & 1) ? 0x7FD5u : 0x0FD5u; break;
    /* VM is never changed by POPF (SDM vol. 2, POPF); RF, AC (486+) and ID
     * (CPUID present: Pentium and P6) are */
    case CPU_80386: writable = 0x00017FD5u; break;
    case CPU_80486: writable = 0x00057FD5u; break;
    default: writable = 0x00257FD5u; break;
    }
    writable &= mask;
    uint32_t cur = cpu_get_flags(c);
    uint32_t nv = (cur & ~writable) | (v & writable);
    c->eflags = nv & ~F_ARITH;
    lf_set6(c, nv);
}

/* ---- TLB and memory slow paths ---------------------------------------- */
void tlb_flush(struct cpu *c)
{
    for (unsigned k = 0; k < TLB_ENTRIES; k++) {
        c->tlb[k].tag = ~0u;
        c->tlb[k].r = c->tlb[k].w = NULL;
    }
}

/* Linear to physical. Paging arrives with protected mode; until then the
 * address lines (20, 24 or 32, and the A20 gate) are all there is. */
static uint32_t lin_to_phys(struct cpu *c, uint32_t lin) { return lin & c->addr_mask; }

static void tlb_fill(struct cpu *c, uint32_t lin)
{
    uint32_t phys = lin_to_phys(c, lin) & ~0xFFFu;
    uint8_t *r = c->mem->page_r[phys >> 12];
    if (!r) return;
    struct tlb_entry *t = &c->tlb[(lin >> 12) & (TLB_ENTRIES - 1)];
    t->tag = lin >> 12;
    t->r = r;
    t->w = c->mem->page_w[phys >> 12];
}

/* Offset beyond the segment limit: the 8086/80186 wrap inside the 64K
 * segment byte by byte; later models raise #SS for the stack segment and
 * #GP otherwise (SDM vol. 3, 20.1.x "real-address mode exceptions"). */
static int seg_overrun(struct cpu *c, unsigned s, uint32_t off, unsigned n)
{
    const struct seg *sg = &c->seg[s];
    if (off <= sg->limit && sg->limit - off >= n - 1) return 0;
    if (c->model <= CPU_80186) return 1;
    /* The 80286 raises #GP (13) for any segment here, also SS (80286 PRM,
     * real-address mode exceptions; the 80286 vectors agree); from the
     * 80386 on an SS overrun is #SS (12). */
    cpu_fault(c, s == S_SS && c->model >= CPU_80386 ? EX_SS : EX_GP, 1, 0);
}

static uint32_t rd_lin(struct cpu *c, uint32_t lin, unsigned n)
{
    if ((lin & 0xFFF) + n <= 0x1000) {
        const struct tlb_entry *t = &c->tlb[(lin >> 12) & (TLB_ENTRIES - 1)];
        if (t->tag != lin >> 12) tlb_fill(c, lin);
        if (t->tag == lin >> 12) {
            const uint8_t *p = t->r + (lin & 0xFFF);
            return n == 1 ? p[0] : n == 2 ? le16(p) : le32(p);
        }
        return mem_read(c->mem, lin_to_phys(c, lin), n);
    }
    uint32_t v = 0;
    for (unsigned k = 0; k < n; k++)
        v |= rd_lin(c, lin + k, 1) << (8 * k);
    return v;
}

static void wr_lin(struct cpu *c, uint32_t lin, uint32_t v, unsigned n)
{
    if ((lin & 0xFFF) + n <= 0x1000) {
        struct tlb_entry *t = &c->tlb[(lin >> 12) & (TLB_ENTRIES - 1)];
        if (t->tag != lin >> 12) tlb_fill(c, lin);
        if (t->tag == lin >> 12 && t->w) {
            uint8_t *p = t->w + (lin & 0xFFF);
            if (n == 1) p[0] = (uint8_t)v;
            else if (n == 2) st16(p, v);
            else st32(p, v);
            return;
        }
        /* ROM, MMIO or a page holding decoded code: the memory map decides. */
        mem_write(c->mem, lin_to_phys(c, lin), v, n);
        return;
    }
    for (unsigned k = 0; k < n; k++)
        wr_lin(c, lin + k, v >> (8 * k), 1);
}

uint32_t mem_rd_slow(struct cpu *c, unsigned s, uint32_t off, unsigned n)
{
    if (seg_overrun(c, s, off, n)) {
        uint32_t v = 0;
        for (unsigned k = 0; k < n; k++)
            v |= rd_lin(c, c->seg[s].base + ((off + k) & 0xFFFF), 1) << (8 * k);
        return v;
    }
    return rd_lin(c, c->seg[s].base + off, n);
}

void mem_wr_slow(struct cpu *c, unsigned s, uint32_t off, uint32_t v, unsigned n)
{
    if (seg_overrun(c, s, off, n)) {
        for (unsigned k = 0; k < n; k++)
            wr_lin(c, c->seg[s].base + ((off + k) & 0xFFFF), v >> (8 * k), 1);
        return;
    }
    wr_lin(c, c->seg[s].base + off, v, n);
}

/* The memory map calls these when decoded code is overwritten or a page's
 * write pointer changes. */
static void on_smc(void *opaque, uint32_t addr)
{
    struct cpu *c = opaque;
    (void)addr;
    cpu_end_trace(c);
}
static void on_remap(void *opaque, uint32_t page)
{
    (void)page;
    tlb_flush(opaque);
}

/* ---- stack ------------------------------------------------------------ */
void push16(struct cpu *c, uint32_t v)
{
    uint32_t sp = (get_sp(c) - 2) & sp_mask(c);
    wr16(c, S_SS, sp, v);
    set_sp(c, sp);
}
void push32(struct cpu *c, uint32_t v)
{
    uint32_t sp = (get_sp(c) - 4) & sp_mask(c);
    wr32(c, S_SS, sp, v);
    set_sp(c, sp);
}
uint32_t pop16(struct cpu *c)
{
    uint32_t sp = get_sp(c);
    uint32_t v = rd16(c, S_SS, sp);
    set_sp(c, sp + 2);
    return v;
}
uint32_t pop32(struct cpu *c)
{
    uint32_t sp = get_sp(c);
    uint32_t v = rd32(c, S_SS, sp);
    set_sp(c, sp + 4);
    return v;
}

/* ---- ports ------------------------------------------------------------ */
uint32_t port_in(struct cpu *c, uint16_t port, unsigned width)
{
    return io_read(c->io, port, width);
}
void port_out(struct cpu *c, uint16_t port, uint32_t v, unsigned width)
{
    io_write(c->io, port, v, width);
    cpu_end_trace(c);   /* the write may have raised an IRQ */
}

/* ---- interrupts and faults -------------------------------------------- */
static void count_retired(struct cpu *c);
/* Deliver vector vec through the real-mode IVT; ret_eip is the IP pushed. */
void cpu_interrupt(struct cpu *c, unsigned vec, uint32_t ret_eip)
{
    if (c->cr0 & 1) cpu_unimpl(c, "protected-mode interrupt delivery");
    /* The IVT entry must lie inside the IDTR limit (286+: real mode too). */
    if (c->model >= CPU_80286 && vec * 4 + 3 > c->idt_limit)
        cpu_fault(c, EX_GP, 1, vec * 8 + 2);
    uint32_t flags = cpu_get_flags(c);
    uint32_t ivt = c->idt_base + vec * 4;
    uint32_t ip = rd_lin(c, ivt, 2), cs = rd_lin(c, ivt + 2, 2);
    push16(c, flags);
    push16(c, c->seg[S_CS].sel);
    push16(c, ret_eip);
    c->eflags &= ~(F_IF | F_TF | F_AC | F_RF);
    seg_load_real(c, S_CS, (uint16_t)cs);
    c->eip = ip;
    c->cycles += c->tm->intr;
    cpu_end_trace(c);
}

NORETURN void cpu_fault(struct cpu *c, unsigned vec, int has_err, uint32_t err)
{
    (void)has_err; (void)err;   /* real mode pushes no error code */
    c->eip = c->prev_eip;
    count_retired(c);
    if (++c->fault_depth >= 3) {
        c->stop_reason = CPU_STOP_SHUTDOWN;
        snprintf(c->stop_msg, sizeof c->stop_msg, "triple fault at %04X:%08X",
                 c->seg[S_CS].sel, c->prev_eip);
        c->halted = 1;
        longjmp(c->jmp, 2);
    }
    if (c->fault_depth == 2) vec = EX_DF;
    cpu_interrupt(c, vec, c->eip);
    c->fault_depth = 0;
    longjmp(c->jmp, 1);
}

NORETURN void cpu_unimpl(struct cpu *c, const char *what)
{
    char bytes[64] = "";
    uint32_t ip = c->prev_eip;
    for (unsigned k = 0, o = 0; k < 8 && o + 4 < sizeof bytes; k++)
        o += (unsigned)snprintf(bytes + o, sizeof bytes - o, "%s%02X", k ? " " : "",
                                mem_read8(c->mem, (c->seg[S_CS].base + ip + k) & c->addr_mask));
    /* decode again for the person reading the message: decoding never faults */
    struct insn ins;
    int unc;
    char text[64];
    decode_insn(c, ip, &ins, &unc);
    disasm(c, &ins, text, sizeof text);
    snprintf(c->stop_msg, sizeof c->stop_msg, "unimplemented %s at %04X:%04X: %s (bytes %s), cpu %s",
             what, c->seg[S_CS].sel, ip, text, bytes, cpu_model_name(c->model));
    c->eip = c->prev_eip;
    count_retired(c);
    c->stop_reason = CPU_STOP_UNIMPL;
    longjmp(c->jmp, 2);
}

NORETURN void cpu_ud(struct cpu *c)
{
    /* The 8086 has no invalid-opcode exception: every byte does something.
     * Those we have not modelled stop the machine instead of guessing. */
    if (c->model == CPU_8086) cpu_unimpl(c, "8086 undefined opcode");
    cpu_fault(c, EX_UD, 0, 0);
}

/* ---- trace cache ------------------------------------------------------ */

/* Decode a trace starting at CS:EIP into t. Instructions that cannot be
 * cached (IP wrap, page crossing) make a one-instruction trace that is
 * not entered into the cache. Returns 1 when t may be cached. */
static int build_trace(struct cpu *c, struct trace *t, uint32_t phys)
{
    uint32_t eip = c->eip;
    unsigned n = 0, bound = 0;
    int cacheable = 1;
    /* decode_insn raises faults with prev_eip = the instruction's address */
    while (n < c->trace_max) {
        struct insn *i = &t->ins[n];
        int unc = 0;
        unsigned attrs = decode_insn(c, eip, i, &unc);
        c->stats.insns_decoded++;
        if (unc) {
            if (n > 0) break;               /* leave it for a trace of its own */
            cacheable = 0;
            n = 1;
            break;
        }
        if (n) bound += timing_max(c, &t->ins[n - 1]);
        n++;
        eip = (eip + i->len) & c->ip_mask;
        if (attrs & (A_END | A_IO)) break;
        if ((((c->seg[S_CS].base + eip) & c->addr_mask) ^ phys) & ~0xFFFu) break;
    }
    t->n = n;
    t->bound = bound;
    t->phys = phys;
    t->mode = c->mode;
    if (cacheable) {
        /* Mark the decoded bytes so writes to them invalidate this trace. */
        uint32_t len = 0;
        for (unsigned k = 0; k < n; k++) len += t->ins[k].len;
        mem_mark_code(c->mem, phys, len);
        t->gen = c->mem->code_gen[phys >> 12];
    }
    return cacheable;
}

static struct trace *get_trace(struct cpu *c)
{
    uint32_t phys = (c->seg[S_CS].base + (c->eip & c->ip_mask)) & c->addr_mask;
    c->stats.trace_lookups++;
    struct trace *t = &c->traces[(phys ^ (phys >> 10)) & c->trace_mask];
    if (LIKELY(t->phys == phys && t->mode == c->mode && t->gen == c->mem->code_gen[phys >> 12])) {
        c->stats.trace_hits++;
        return t;
    }
    /* Code outside RAM and ROM (MMIO, unmapped) is decoded afresh each time:
     * nothing would tell us when it changes. Such a trace never enters the
     * cache, so the hit test above needs no check for it. */
    if (c->cache_off || !c->mem->page_r[phys >> 12]) {
        build_trace(c, &c->scratch, phys);
        return &c->scratch;
    }
    c->stats.traces_decoded++;
    if (!build_trace(c, &c->scratch, phys)) return &c->scratch;
    memcpy(t, &c->scratch, offsetof(struct trace, ins) + c->scratch.n * sizeof(struct insn));
    return t;
}

/* Run ins[0..n-1], or fewer when trace_end is pulled in (SMC, an IRQ
 * line, a mode change). The fast form runs when the trace surely ends
 * before the deadline; the checked form stops at the first boundary at or
 * after it. Both are the same loop body, written once. */
#define RUN_BODY(extra_cond)                                            \
    do {                                                                \
        c->prev_eip = c->eip;                                           \
        c->eip = (c->eip + i->len) & c->ip_mask;                        \
        c->cycles += i->cycles;                                         \
        i->fn(c, i);                                                    \
        i++;                                                            \
    } while (i < c->trace_end extra_cond)

static void run_insns_fast(struct cpu *c, const struct insn *i, unsigned n)
{
    const struct insn *first = i;
    c->trace_first = i;
    c->trace_eip0 = c->eip;
    c->trace_end = i + n;
    RUN_BODY();
    c->icount += (uint64_t)(i - first);
    c->trace_first = NULL;
}

static void run_insns_checked(struct cpu *c, const struct insn *i, unsigned n)
{
    const struct insn *first = i;
    c->trace_first = i;
    c->trace_eip0 = c->eip;
    c->trace_end = i + n;
    RUN_BODY(&& c->cycles < c->deadline);
    c->icount += (uint64_t)(i - first);
    c->trace_first = NULL;
}

/* A fault or stop leaves the trace loop by longjmp: count the
 * instructions of the trace that retired before the one at prev_eip. */
static void count_retired(struct cpu *c)
{
    const struct insn *i = c->trace_first;
    if (!i) return;
    uint32_t off = (c->prev_eip - c->trace_eip0) & c->ip_mask, at = 0;
    while (at < off && i < c->trace_end) at += (i++)->len;
    c->icount += (uint64_t)(i - c->trace_first);
    c->trace_first = NULL;
}
#undef RUN_BODY

static int take_interrupts(struct cpu *c)
{
    if (c->shadow) return 0;
    /* An NMI blocks further NMIs until the next IRET (SDM vol. 3, 6.7.1):
     * one that arrives meanwhile stays pending. */
    if (c->nmi_pending && !c->in_nmi) {
        c->nmi_pending = 0;
        c->in_nmi = 1;
        c->halted = 0;
        cpu_interrupt(c, EX_NMI, c->eip);
        return 1;
    }
    if (c->intr_line && (c->eflags & F_IF) && c->intc.ack) {
        c->halted = 0;
        cpu_interrupt(c, (unsigned)c->intc.ack(c->intc.opaque) & 0xFF, c->eip);
        return 1;
    }
    return 0;
}

/* One boundary-to-boundary step of the loop: events, interrupts, then a
 * trace (or, with single, one instruction). Returns a stop reason, -1 when
 * no instruction ran (an interrupt was taken, or a halt was skipped over),
 * or RAN_INSNS. */
enum { RAN_INSNS = -2 };
static int run_once(struct cpu *c, int single)
{
#ifdef HOSTILE_FLUSH
    /* The hostile test build drops every derived cache at every boundary
     * (STYLE.md item 13): results must not change. */
    tlb_flush(c);
    for (unsigned k = 0; k <= c->trace_mask; k++) c->traces[k].phys = ~0u;
#endif
    if (c->cycles >= c->sched->next_deadline) sched_run_due(c->sched, c->cycles);
    if (UNLIKELY((c->nmi_pending | c->intr_line) != 0) && take_interrupts(c)) return -1;
    if (c->halted) {
        if (c->stop_on_halt) return CPU_STOP_HALT;
        uint64_t wake = c->sched->next_deadline < c->stop_cycle ? c->sched->next_deadline
                                                                 : c->stop_cycle;
        if (wake == SCHED_NEVER || single) return CPU_STOP_HALT;
        if (wake > c->cycles) c->cycles = wake;
        return -1;
    }
    /* The same deadline whether stepping or not: a REP instruction stops at
     * it either way, so single-stepping sees the same interrupts. */
    uint64_t dl = c->sched->next_deadline < c->stop_cycle ? c->sched->next_deadline : c->stop_cycle;
    c->deadline = dl;
    struct trace *t = get_trace(c);
    int shadow = c->shadow, tf = (c->eflags & F_TF) != 0;
    c->shadow = 0;
    if (single || shadow || tf) {
        run_insns_checked(c, t->ins, 1);
        /* Single-step trap after the instruction (SDM vol. 3, 17.3.1.4);
         * an instruction that loaded TF traps only from the next one. */
        if (tf && (c->eflags & F_TF) && !c->shadow) cpu_interrupt(c, EX_DB, c->eip);
    } else {
        if (LIKELY(c->cycles + t->bound < dl)) run_insns_fast(c, t->ins, t->n);
        else run_insns_checked(c, t->ins, t->n);
    }
    return RAN_INSNS;
}

/* The loop proper. It is kept out of run_loop so that its locals live in
 * registers: nothing here has to survive the longjmp of a fault, which
 * lands in run_loop and simply calls this again. */
static enum cpu_stop run_traces(struct cpu *c, int single)
{
    for (;;) {
        if (UNLIKELY(c->stop_requested)) {
            c->stop_requested = 0;
            return CPU_STOP_REQUEST;
        }
        if (!single && c->cycles >= c->stop_cycle) return CPU_STOP_BUDGET;
        int s = run_once(c, single);
        if (s >= 0) return (enum cpu_stop)s;
        if (single && s == RAN_INSNS) return CPU_STOP_BUDGET;
    }
}

static enum cpu_stop run_loop(struct cpu *c, int single)
{
    int r = setjmp(c->jmp);
    if (r == 2) return c->stop_reason;
    /* r == 1: a fault was delivered; for a single step, that was the step */
    if (r == 1 && single) return CPU_STOP_BUDGET;
    return run_traces(c, single);
}

enum cpu_stop cpu_run(struct cpu *c, uint64_t budget)
{
    c->stop_cycle = budget > UINT64_MAX - c->cycles ? UINT64_MAX : c->cycles + budget;
    return run_loop(c, 0);
}

enum cpu_stop cpu_step(struct cpu *c)
{
    c->stop_cycle = UINT64_MAX;
    return run_loop(c, 1);
}

/* ---- creation and the narrow interface -------------------------------- */
struct cpu *cpu_create(const struct cpu_config *cfg, struct memmap *mem, struct io_bus *io,
                       struct sched *sched, char *err, size_t errlen)
{
    struct cpu *c = calloc(1, sizeof *c);
    if (!c) { snprintf(err, errlen, "cpu: out of memory"); return NULL; }
    c->model = cfg->model;
    c->mem = mem;
    c->io = io;
    c->sched = sched;
    c->tm = timing_dyn_for(cfg->model);
    c->trace_max = cfg->trace_max ? cfg->trace_max : TRACE_MAX;
    if (c->trace_max > TRACE_MAX) c->trace_max = TRACE_MAX;
    unsigned ne = cfg->trace_entries ? cfg->trace_entries : TRACE_ENTRIES_DEFAULT;
    if (ne & (ne - 1)) {
        snprintf(err, errlen, "cpu: trace cache entries (%u) must be a power of two", ne);
        free(c);
        return NULL;
    }
    c->trace_mask = ne - 1;
    c->cache_off = cfg->cache_off;
    c->traces = malloc(sizeof(struct trace) * ne);
    c->maps = malloc(sizeof(struct op_slot) * 2 * 256 * 8);
    if (!c->traces || !c->maps) {
        snprintf(err, errlen, "cpu: out of memory");
        cpu_destroy(c);
        return NULL;
    }
    for (unsigned k = 0; k < ne; k++) c->traces[k].phys = ~0u, c->traces[k].mode = ~0u;
    if (optable_build(cfg->model, c->maps, err, errlen)) {
        cpu_destroy(c);
        return NULL;
    }
    c->map1 = c->maps;
    c->map2 = c->maps + 256 * 8;
    mem->smc_hook = on_smc;
    mem->smc_opaque = c;
    mem->remap_hook = on_remap;
    mem->remap_opaque = c;
    c->model_addr_mask = cfg->model <= CPU_80186 ? 0xFFFFFu
                       : cfg->model == CPU_80286 ? 0xFFFFFFu : 0xFFFFFFFFu;
    c->a20 = 1;
    c->odd_clk = cfg->model <= CPU_80186 ? 4 : 0;
    cpu_reset(c);
    return c;
}

void cpu_destroy(struct cpu *c)
{
    if (!c) return;
    free(c->traces);
    free(c->maps);
    free(c);
}

void cpu_set_intc(struct cpu *c, const struct cpu_intc *intc) { c->intc = *intc; }

void cpu_reset(struct cpu *c)
{
    memset(c->gpr, 0, sizeof c->gpr);
    c->lf_res = 1;
    c->lf_aux = 0;
    c->eflags = 0;
    c->cr0 = c->model >= CPU_80386 ? 0x00000010u : 0;  /* ET: 387-class FPU interface */
    if (c->model == CPU_80286) c->cr0 = 0xFFF0;        /* MSW reserved bits read as 1 */
    c->cr2 = c->cr3 = c->cr4 = 0;
    c->gdt_base = c->idt_base = 0;
    c->gdt_limit = c->idt_limit = 0xFFFF;
    for (unsigned s = 0; s < S_NSEG; s++) {
        c->seg[s].limit = 0xFFFF;
        c->seg[s].big = 0;
        c->seg[s].rights = 0x93;
        seg_load_real(c, s, 0);
    }
    /* Reset vector: FFFF:0000 on the 8086/80186; F000:FFF0 with CS base
     * FFFF0000 (FF0000 on the 80286) on later models (SDM vol. 3, 9.1.4). */
    if (c->model <= CPU_80186) {
        seg_load_real(c, S_CS, 0xFFFF);
        c->eip = 0;
    } else {
        seg_load_real(c, S_CS, 0xF000);
        c->seg[S_CS].base = c->model == CPU_80286 ? 0xFF0000u : 0xFFFF0000u;
        c->eip = 0xFFF0;
        /* EDX holds the processor signature after reset. */
        /* (the same family/model/stepping CPUID reports: system.c) */
        c->gpr[R_EDX] = c->model == CPU_80386 ? 0x0308 : c->model == CPU_80486 ? 0x0402
                      : c->model == CPU_PENTIUM ? 0x052C : c->model == CPU_P6 ? 0x0619 : 0;
    }
    c->prev_eip = c->eip;
    c->ip_mask = 0xFFFF;
    c->halted = c->shadow = c->nmi_pending = c->in_nmi = 0;
    c->stop_requested = 0;
    c->fault_depth = 0;
    c->stop_msg[0] = 0;
    c->addr_mask = c->a20 ? c->model_addr_mask : c->model_addr_mask & ~0x100000u;
    tlb_flush(c);
}

void cpu_set_stop_on_halt(struct cpu *c, int on) { c->stop_on_halt = on; }
void cpu_request_stop(struct cpu *c) { c->stop_requested = 1; cpu_end_trace(c); }
void cpu_set_intr(struct cpu *c, int level) { c->intr_line = level; if (level) cpu_end_trace(c); }
void cpu_nmi(struct cpu *c) { c->nmi_pending = 1; cpu_end_trace(c); }

void cpu_set_a20(struct cpu *c, int enabled)
{
    c->a20 = enabled;
    uint32_t m = enabled ? c->model_addr_mask : c->model_addr_mask & ~0x100000u;
    if (m != c->addr_mask) {
        c->addr_mask = m;
        tlb_flush(c);
        cpu_end_trace(c);
    }
}

uint64_t cpu_cycles(const struct cpu *c) { return c->cycles; }
uint64_t cpu_icount(const struct cpu *c) { return c->icount; }
int cpu_halted(const struct cpu *c) { return c->halted; }
enum cpu_model cpu_get_model(const struct cpu *c) { return c->model; }
const char *cpu_stop_message(const struct cpu *c) { return c->stop_msg; }
void cpu_get_stats(const struct cpu *c, struct cpu_stats *out) { *out = c->stats; }

uint32_t cpu_get_reg(const struct cpu *c, enum cpu_reg r)
{
    if (r <= REG_EDI) return c->gpr[r];
    if (r <= REG_GS) return c->seg[r - REG_ES].sel;
    if (r == REG_EIP) return c->eip;
    if (r == REG_EFLAGS) return cpu_get_flags(c);
    return 0;
}

void cpu_set_reg(struct cpu *c, enum cpu_reg r, uint32_t v)
{
    if (r <= REG_EDI) c->gpr[r] = v;
    else if (r <= REG_GS) seg_load_real(c, r - REG_ES, (uint16_t)v);
    else if (r == REG_EIP) c->eip = v;
    else if (r == REG_EFLAGS) cpu_load_flags(c, v, ~0u);
    c->halted = 0;
}

/* FNV-1a over the guest-visible state, field by field in a fixed order so
 * the value is the same on every host. */
static uint64_t fnv(uint64_t h, uint64_t v, unsigned bytes)
{
    for (unsigned k = 0; k < bytes; k++) {
        h ^= (v >> (8 * k)) & 0xFF;
        h *= 0x100000001b3ull;
    }
    return h;
}

uint64_t cpu_state_hash(const struct cpu *c)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned k = 0; k < 8; k++) h = fnv(h, c->gpr[k], 4);
    for (unsigned s = 0; s < S_NSEG; s++) {
        h = fnv(h, c->seg[s].sel, 2);
        h = fnv(h, c->seg[s].base, 4);
        h = fnv(h, c->seg[s].limit, 4);
    }
    h = fnv(h, c->eip, 4);
    h = fnv(h, cpu_get_flags(c), 4);
    h = fnv(h, c->cycles, 8);
    h = fnv(h, c->icount, 8);
    h = fnv(h, c->cr0, 4);
    h = fnv(h, c->halted, 1);
    for (uint32_t a = 0; a < c->mem->ram_size; a++) {
        h ^= c->mem->ram[a];
        h *= 0x100000001b3ull;
    }
    return h;
}
