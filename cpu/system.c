/* system.c - HLT, CLI, STI, WAIT, ESC, IN/OUT (in system_tmpl.h), and the
 * 0F-map system instructions: the 0F 00 group, SGDT/SIDT/LGDT/LIDT, SMSW,
 * LMSW, INVLPG, LOADALL, CLTS, MOV to/from CR and DR, INVD, WBINVD, CPUID,
 * RDTSC, RDMSR, WRMSR, CMPXCHG8B, UD2 and the long NOP (rows in
 * system.def).
 *
 * Sources: Intel SDM vol. 2 (each instruction's real-address-mode
 * exceptions and operation), SDM vol. 3 chapter 2 (CR0/CR4 bits), iAPX 286
 * PRM (MSW, LMSW, SGDT), Pentium Family Developer's Manual vol. 3 (CPUID,
 * MSR 10h). Protected mode is not modelled yet: setting CR0.PE is allowed
 * (the next protected-mode segment load or interrupt stops the machine
 * with cpu_unimpl), enabling paging stops it at once, and instructions
 * that only exist in protected mode stop it when reached there.
 */
#include "decode.h"

/* CR0 bits (SDM vol. 3, 2.5). */
enum {
    CR0_PE = 1u << 0, CR0_MP = 1u << 1, CR0_EM = 1u << 2, CR0_TS = 1u << 3,
    CR0_ET = 1u << 4, CR0_NE = 1u << 5, CR0_WP = 1u << 16, CR0_AM = 1u << 18,
    CR0_NW = 1u << 29, CR0_CD = 1u << 30, CR0_PG = 1u << 31
};
/* CR4 bits: only TSD is backed by a feature that CPUID reports (TSC);
 * the others (VME, PVI, DE, PSE, MCE, PAE, PGE, PCE) belong to features we
 * do not model or report, so setting them faults as on a processor
 * without them (SDM vol. 2, MOV CR: #GP on reserved bits). */
#define CR4_TSD (1u << 2)
#define CR4_VALID CR4_TSD

static int real_or_v86(const struct cpu *c)
{
    return !(c->cr0 & CR0_PE) || (c->eflags & F_VM);
}

/* ---- HLT, CLI, STI, WAIT ---------------------------------------------- */
/* HLT: IP already points past it, so an interrupt that wakes the CPU
 * returns to the next instruction. */
void HLT(struct cpu *c, const struct insn *i)
{
    (void)i;
    c->halted = 1;
}

/* CLI/STI in real mode need no IOPL check; in protected mode CPL is 0
 * until protected-mode segment loads exist (a CS loaded in real mode has
 * RPL 0), so IOPL >= CPL always holds there too. */
void CLI(struct cpu *c, const struct insn *i)
{
    (void)i;
    c->eflags &= ~F_IF;
}

/* STI: interrupts stay blocked until after the next instruction when IF
 * was clear (SDM vol. 2, STI); setting an IF already set opens no window. */
void STI(struct cpu *c, const struct insn *i)
{
    (void)i;
    if (!(c->eflags & F_IF))
        c->shadow = 1;
    c->eflags |= F_IF;
}

/* WAIT: #NM when CR0.MP and CR0.TS are both set (SDM vol. 2, WAIT; iAPX
 * 286 PRM). Otherwise, with no coprocessor BUSY# stays inactive and WAIT
 * falls through. */
void WAIT(struct cpu *c, const struct insn *i)
{
    (void)i;
    if ((c->cr0 & (CR0_MP | CR0_TS)) == (CR0_MP | CR0_TS))
        cpu_fault(c, EX_NM, 0, 0);
}

/* ---- ESC D8-DF -------------------------------------------------------- */
/* 8086 to 80286 without a coprocessor: the ModR/M (and displacement) is
 * decoded and nothing happens. The 80286 raises #NM when MSW.EM or MSW.TS
 * is set (iAPX 286 PRM, "Processor extension not available"); on the
 * 8086/80186 those bits are always 0. */
static void esc_nofpu(struct cpu *c)
{
    if (c->cr0 & (CR0_EM | CR0_TS))
        cpu_fault(c, EX_NM, 0, 0);
}
void ESC_Ev_R(struct cpu *c, const struct insn *i) { (void)i; esc_nofpu(c); }
/* The 80286 still checks the memory operand against the segment limit as
 * a word: its vectors show #GP for an operand at offset FFFFh (also for
 * dword operands) and none at FFFAh. No bus cycle is made, so the check is
 * done on the limit rather than through a read. */
void ESC_Ev_M(struct cpu *c, const struct insn *i)
{
    esc_nofpu(c);
    if (c->model == CPU_80286 && ea(c, i) > c->seg[i->seg].lim_w)
        cpu_fault(c, EX_GP, 1, 0);   /* the 80286 uses #GP for SS as well */
}

/* 80386+: #NM when CR0.EM or CR0.TS is set (SDM vol. 3, 2.5 / table 2-2);
 * otherwise this is an x87 instruction, which is not modelled yet. */
static void fpu_esc(struct cpu *c)
{
    if (c->cr0 & (CR0_EM | CR0_TS))
        cpu_fault(c, EX_NM, 0, 0);
    cpu_unimpl(c, "x87 instruction");
}
void FPU_Ev_R(struct cpu *c, const struct insn *i) { (void)i; fpu_esc(c); }
void FPU_Ev_M(struct cpu *c, const struct insn *i) { (void)i; fpu_esc(c); }

/* ---- 0F 00: SLDT STR LLDT LTR VERR VERW -------------------------------- */
/* All six raise #UD in real-address and virtual-8086 mode (SDM vol. 2,
 * each instruction's "Real-Address Mode Exceptions"); in protected mode
 * they need descriptor tables we do not model yet. */
static void grp6(struct cpu *c, const char *what)
{
    if (real_or_v86(c))
        cpu_ud(c);
    cpu_unimpl(c, what);
}
#define GRP6(N, what)                                                           \
    void N##_R(struct cpu *c, const struct insn *i) { (void)i; grp6(c, what); } \
    void N##_M(struct cpu *c, const struct insn *i) { (void)i; grp6(c, what); }
GRP6(SLDT_Ew, "protected-mode SLDT")
GRP6(STR_Ew, "protected-mode STR")
GRP6(LLDT_Ew, "protected-mode LLDT")
GRP6(LTR_Ew, "protected-mode LTR")
GRP6(VERR_Ew, "protected-mode VERR")
GRP6(VERW_Ew, "protected-mode VERW")
#undef GRP6

/* ---- 0F 01 /6 LMSW, 0F 06 CLTS, 0F 05 LOADALL ------------------------- */
/* LMSW loads PE, MP, EM and TS; it can set PE but never clear it (SDM
 * vol. 2, LMSW; iAPX 286 PRM). The 80286's reserved MSW bits stay as they
 * read (1s). Setting PE changes the decode mode: end the trace. */
static void lmsw(struct cpu *c, uint32_t v)
{
    uint32_t old = c->cr0;
    c->cr0 = (old & ~(CR0_MP | CR0_EM | CR0_TS)) | (v & (CR0_PE | CR0_MP | CR0_EM | CR0_TS));
    if ((c->cr0 ^ old) & CR0_PE) {
        cpu_mode_changed(c);
        tlb_flush(c);
    }
}
void LMSW_Ew_R(struct cpu *c, const struct insn *i) { lmsw(c, r16(c, i->rm)); }
void LMSW_Ew_M(struct cpu *c, const struct insn *i) { lmsw(c, rd16(c, i->seg, ea(c, i))); }

void CLTS(struct cpu *c, const struct insn *i)
{
    (void)i;
    c->cr0 &= ~CR0_TS;
}

void LOADALL(struct cpu *c, const struct insn *i)
{
    (void)i;
    cpu_unimpl(c, "80286 LOADALL");
}

/* INVLPG (486+): there is no paging yet, but the TLB also caches linear
 * to host translations; flushing all of it is always correct. */
void INVLPG_M(struct cpu *c, const struct insn *i)
{
    (void)i;
    tlb_flush(c);
}
/* INVD/WBINVD: no caches are modelled. */
void INVD(struct cpu *c, const struct insn *i) { (void)c; (void)i; }
void WBINVD(struct cpu *c, const struct insn *i) { (void)c; (void)i; }

/* ---- MOV to/from CR0-CR4 (0F 20 / 0F 22) ------------------------------- */
/* Allowed in real mode (SDM vol. 2, MOV CR: real-address mode raises only
 * #UD and the reserved-bit #GP). CR1, CR5-CR7, and CR4 before the
 * Pentium, are #UD. */
static uint32_t *cr_slot(struct cpu *c, unsigned n)
{
    switch (n) {
    case 0: return &c->cr0;
    case 2: return &c->cr2;
    case 3: return &c->cr3;
    case 4: if (c->model >= CPU_PENTIUM) return &c->cr4; break;
    default: break;
    }
    cpu_ud(c);
}

void MOV_RdCd(struct cpu *c, const struct insn *i)
{
    w32(c, i->rm, *cr_slot(c, i->reg));
}

/* CR0: the 80386 has PE MP EM TS ET PG; the 80486 adds NE WP AM NW CD and
 * hardwires ET to 1. PG without PE and (486+) NW without CD are #GP(0).
 * Turning paging on stops the machine (paging is a later issue). A change
 * of PE or PG changes the decode mode and the address translation. */
static void write_cr0(struct cpu *c, uint32_t v)
{
    uint32_t old = c->cr0, nv;
    if (c->model == CPU_80386) {
        nv = v & (CR0_PE | CR0_MP | CR0_EM | CR0_TS | CR0_ET | CR0_PG);
    } else {
        nv = (v & (CR0_PE | CR0_MP | CR0_EM | CR0_TS | CR0_NE | CR0_WP | CR0_AM | CR0_NW |
                   CR0_CD | CR0_PG)) | CR0_ET;
        if ((nv & CR0_NW) && !(nv & CR0_CD))
            cpu_fault(c, EX_GP, 1, 0);
    }
    if ((nv & CR0_PG) && !(nv & CR0_PE))
        cpu_fault(c, EX_GP, 1, 0);
    if ((nv & CR0_PG) && !(old & CR0_PG))
        cpu_unimpl(c, "paging (CR0.PG set)");
    c->cr0 = nv;
    if ((nv ^ old) & (CR0_PE | CR0_PG)) {
        cpu_mode_changed(c);
        tlb_flush(c);
    }
}

void MOV_CdRd(struct cpu *c, const struct insn *i)
{
    uint32_t v = r32(c, i->rm);
    uint32_t *cr = cr_slot(c, i->reg);
    if (cr == &c->cr0) {
        write_cr0(c, v);
    } else if (cr == &c->cr3) {
        c->cr3 = v;             /* reloading CR3 flushes the TLB */
        tlb_flush(c);
    } else if (cr == &c->cr4) {
        if (v & ~CR4_VALID)
            cpu_fault(c, EX_GP, 1, 0);
        c->cr4 = v;
    } else {
        *cr = v;                /* CR2 */
    }
}

/* ---- MOV to/from DR0-DR7 (0F 21 / 0F 23) ------------------------------- */
/* struct cpu has no debug-register state yet, so these stop the machine
 * rather than return made-up values. DR4/DR5 would alias DR6/DR7 unless
 * CR4.DE (Pentium+), which is never set here. */
void MOV_RdDd(struct cpu *c, const struct insn *i)
{
    (void)i;
    cpu_unimpl(c, "MOV from debug register");
}
void MOV_DdRd(struct cpu *c, const struct insn *i)
{
    (void)i;
    cpu_unimpl(c, "MOV to debug register");
}

/* ---- Pentium: CPUID, RDTSC, RDMSR, WRMSR, CMPXCHG8B -------------------- */
/* CPUID: leaf 0 gives the highest leaf (1) and the vendor; leaf 1 the
 * signature and the features we implement (EDX: TSC bit 4, MSR bit 5, CX8
 * bit 8, and CMOV bit 15 on the P6; no FPU bit until there is an FPU).
 * A leaf above the highest returns the highest basic leaf (SDM vol. 2,
 * CPUID). Signatures: Pentium family 5 model 2 stepping C (P54C), P6
 * family 6 model 1 stepping 9 (Pentium Pro). The 80486 model is an early
 * 486 without CPUID (its EFLAGS.ID is not writable: exec.c). */
void CPUID(struct cpu *c, const struct insn *i)
{
    (void)i;
    uint32_t leaf = c->gpr[R_EAX];
    if (leaf == 0) {
        c->gpr[R_EAX] = 1;
        c->gpr[R_EBX] = 0x756E6547u;      /* "Genu" */
        c->gpr[R_EDX] = 0x49656E69u;      /* "ineI" */
        c->gpr[R_ECX] = 0x6C65746Eu;      /* "ntel" */
        return;
    }
    uint32_t feat = 1u << 4 | 1u << 5 | 1u << 8;
    if (c->model >= CPU_P6)
        feat |= 1u << 15;
    c->gpr[R_EAX] = c->model >= CPU_P6 ? 0x0619u : 0x052Cu;
    c->gpr[R_EBX] = 0;
    c->gpr[R_ECX] = 0;
    c->gpr[R_EDX] = feat;
}

/* RDTSC: the time-stamp counter is the cycle counter plus the offset that
 * WRMSR 10h sets. CR4.TSD only matters above CPL 0. */
void RDTSC(struct cpu *c, const struct insn *i)
{
    (void)i;
    uint64_t t = c->cycles + c->tsc_offset;
    c->gpr[R_EAX] = (uint32_t)t;
    c->gpr[R_EDX] = (uint32_t)(t >> 32);
}

/* MSR 10h is the TSC; every other MSR number is #GP(0) (SDM vol. 2,
 * RDMSR/WRMSR: "reserved or unimplemented MSR"). Writing the TSC: the
 * Pentium takes all 64 bits, the P6 only EAX with the high half cleared
 * (Pentium Pro Family Developer's Manual vol. 3, 10.5). */
#define MSR_TSC 0x10u
void RDMSR(struct cpu *c, const struct insn *i)
{
    (void)i;
    if (c->gpr[R_ECX] != MSR_TSC)
        cpu_fault(c, EX_GP, 1, 0);
    uint64_t t = c->cycles + c->tsc_offset;
    c->gpr[R_EAX] = (uint32_t)t;
    c->gpr[R_EDX] = (uint32_t)(t >> 32);
}

void WRMSR(struct cpu *c, const struct insn *i)
{
    (void)i;
    if (c->gpr[R_ECX] != MSR_TSC)
        cpu_fault(c, EX_GP, 1, 0);
    uint64_t v = c->gpr[R_EAX];
    if (c->model < CPU_P6)
        v |= (uint64_t)c->gpr[R_EDX] << 32;
    c->tsc_offset = v - c->cycles;
}

/* CMPXCHG8B m64: compare EDX:EAX with m64; equal: ZF=1 and ECX:EBX is
 * stored; else ZF=0, EDX:EAX = m64 and m64 is written back unchanged (the
 * locked read always pairs with a write: SDM vol. 2, CMPXCHG8B). Only ZF
 * changes. */
void CMPXCHG8B_Mq_M(struct cpu *c, const struct insn *i)
{
    uint32_t o = ea(c, i), o2 = (o + 4) & i->amask;
    uint32_t lo = rd32(c, i->seg, o), hi = rd32(c, i->seg, o2);
    int eq = lo == c->gpr[R_EAX] && hi == c->gpr[R_EDX];
    if (eq) {
        wr32(c, i->seg, o, c->gpr[R_EBX]);
        wr32(c, i->seg, o2, c->gpr[R_ECX]);
    } else {
        wr32(c, i->seg, o, lo);
        wr32(c, i->seg, o2, hi);
        c->gpr[R_EAX] = lo;
        c->gpr[R_EDX] = hi;
    }
    lf_set6(c, (lf_get6(c) & ~(uint32_t)F_ZF) | (eq ? F_ZF : 0));
}

/* UD2: the architected invalid opcode. */
void UD2(struct cpu *c, const struct insn *i)
{
    (void)i;
    cpu_ud(c);
}

/* 0F 1F /0: NOP Ev (P6). The memory form does not access memory. */
void NOP_Ev_R(struct cpu *c, const struct insn *i) { (void)c; (void)i; }
void NOP_Ev_M(struct cpu *c, const struct insn *i) { (void)c; (void)i; }

#define OSZ 8
#include "system_tmpl.h"
#define OSZ 16
#include "system_tmpl.h"
#define OSZ 32
#include "system_tmpl.h"
