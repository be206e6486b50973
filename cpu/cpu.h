/* cpu.h - the narrow interface of the interpreter.
 *
 * Create a CPU on a memory map, a port bus and a scheduler; reset it; run it
 * for a cycle budget; drive its INTR/NMI inputs; read its cycle counter.
 * Everything else (the register file, the trace cache) is private to cpu/. */
#ifndef TICK86_CPU_H
#define TICK86_CPU_H
#include <stdint.h>
#include <stddef.h>

struct cpu;
struct memmap;
struct io_bus;
struct sched;

enum cpu_model { CPU_8086, CPU_80186, CPU_80286, CPU_80386, CPU_80486, CPU_PENTIUM, CPU_P6,
                 CPU_NMODELS };

/* Registers visible through the narrow interface (debugger, tests, SST). */
enum cpu_reg {
    REG_EAX, REG_ECX, REG_EDX, REG_EBX, REG_ESP, REG_EBP, REG_ESI, REG_EDI,
    REG_ES, REG_CS, REG_SS, REG_DS, REG_FS, REG_GS,
    REG_EIP, REG_EFLAGS, REG_NREGS
};

struct cpu_config {
    enum cpu_model model;
    unsigned trace_max;          /* 1..16 instructions per trace (0 = 16) */
    unsigned trace_entries;      /* power of two; 0 = default; 1 with trace_max 1 ~ "cache off" */
    int cache_off;               /* decode every instruction afresh */
};

/* The host-facing side of the interrupt controller. */
struct cpu_intc {
    int (*ack)(void *opaque);    /* INTA cycle: returns the vector */
    void *opaque;
};

int cpu_model_parse(const char *name, enum cpu_model *out);
const char *cpu_model_name(enum cpu_model m);

struct cpu *cpu_create(const struct cpu_config *cfg, struct memmap *mem, struct io_bus *io,
                       struct sched *sched, char *err, size_t errlen);
void cpu_destroy(struct cpu *c);
void cpu_reset(struct cpu *c);
void cpu_set_intc(struct cpu *c, const struct cpu_intc *intc);

/* Why cpu_run returned. */
enum cpu_stop { CPU_STOP_BUDGET, CPU_STOP_HALT, CPU_STOP_UNIMPL, CPU_STOP_SHUTDOWN,
                CPU_STOP_REQUEST };

/* Run until the cycle counter reaches cycles+budget (at an instruction
 * boundary), or the CPU halts with interrupts unable to wake it
 * (stop_on_halt), or an unimplemented opcode or triple fault stops it. */
enum cpu_stop cpu_run(struct cpu *c, uint64_t budget);
/* Execute exactly one instruction (with its prefixes, all REP iterations and
 * any exception or interrupt it raises), then return. */
enum cpu_stop cpu_step(struct cpu *c);
void cpu_set_stop_on_halt(struct cpu *c, int on);
void cpu_request_stop(struct cpu *c);          /* from a device callback */

void cpu_set_intr(struct cpu *c, int level);   /* INTR pin (level) */
void cpu_nmi(struct cpu *c);                   /* NMI (edge) */
/* A20 gate: 1 = address line 20 follows the CPU, 0 = forced low. */
void cpu_set_a20(struct cpu *c, int enabled);

uint64_t cpu_cycles(const struct cpu *c);
uint64_t cpu_icount(const struct cpu *c);      /* guest instructions retired */
int cpu_halted(const struct cpu *c);
enum cpu_model cpu_get_model(const struct cpu *c);

uint32_t cpu_get_reg(const struct cpu *c, enum cpu_reg r);
/* Segment registers are loaded as real mode does (base = value << 4). */
void cpu_set_reg(struct cpu *c, enum cpu_reg r, uint32_t v);

/* The message of the last CPU_STOP_UNIMPL / SHUTDOWN (CS:EIP and bytes). */
const char *cpu_stop_message(const struct cpu *c);

/* Statistics for the bench harness. */
struct cpu_stats { uint64_t trace_lookups, trace_hits, traces_decoded, insns_decoded; };
void cpu_get_stats(const struct cpu *c, struct cpu_stats *out);
/* Hash of the whole guest-visible CPU state plus RAM (determinism tests). */
uint64_t cpu_state_hash(const struct cpu *c);
#endif
