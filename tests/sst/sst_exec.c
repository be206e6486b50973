/* sst_exec.c - every call the SingleStepTests runner makes into tick86
 * (cpu.h, memmap.h, ioport.h, sched.h); see sst_exec.h.
 *
 * The machine is a bare CPU on 16 MiB of RAM with nothing on the port bus
 * (reads answer all-ones) and no timers: what the suites assume
 * (../shared/sst/README.md). RAM is mapped across the whole first 16 MiB,
 * including the 640K-1M hole a PC board would leave for adapters and ROM.
 *
 * Between tests only the bytes a test names are zeroed again. That is
 * enough: the suites list in INIT every byte the instruction reads (plus
 * the HLT bytes for the 80286), so a correct CPU never sees what an earlier
 * test left behind, and FINA lists every byte it writes. A wrong CPU that
 * writes elsewhere can only disturb later tests that are wrong themselves. */
#include "sst_exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "ioport.h"
#include "memmap.h"
#include "sched.h"

#define SST_RAM (16u << 20)

struct sst_exec {
    struct memmap mem;
    struct io_bus io;
    struct sched sched;
    struct cpu *cpu;
    int model;
};

/* MOO register order -> tick86 register. */
static const enum cpu_reg moo_to_cpu[MOO_NREGS] = {
    REG_EAX, REG_EBX, REG_ECX, REG_EDX, REG_CS, REG_SS, REG_DS, REG_ES,
    REG_ESP, REG_EBP, REG_ESI, REG_EDI, REG_EIP, REG_EFLAGS
};

int sst_exec_model(const char *name, int *model)
{
    enum cpu_model m;

    if (cpu_model_parse(name, &m) != 0)
        return -1;
    *model = (int)m;
    return 0;
}

const char *sst_exec_model_name(int model)
{
    return cpu_model_name((enum cpu_model)model);
}

struct sst_exec *sst_exec_create(int model, char *err, size_t errlen)
{
    struct sst_exec *x = calloc(1, sizeof *x);
    struct cpu_config cfg;
    char why[200];

    if (!x) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    x->model = model;
    if (mem_init(&x->mem, SST_RAM, why, sizeof why) != 0) {
        snprintf(err, errlen, "memory: %s", why);
        free(x);
        return NULL;
    }
    /* mem_init maps RAM below 640K and above 1M; fill the hole unless it
     * already did. */
    if (!x->mem.page_region[0xA0000u >> MEM_PAGE_SHIFT] &&
        mem_add_ram(&x->mem, "sst-hole", 0xA0000u, 0x60000u, why, sizeof why) != 0) {
        snprintf(err, errlen, "memory: %s", why);
        mem_free(&x->mem);
        free(x);
        return NULL;
    }
    io_init(&x->io);
    sched_init(&x->sched);
    memset(&cfg, 0, sizeof cfg);
    cfg.model = (enum cpu_model)model;
    x->cpu = cpu_create(&cfg, &x->mem, &x->io, &x->sched, why, sizeof why);
    if (!x->cpu) {
        snprintf(err, errlen, "cpu: %s", why);
        mem_free(&x->mem);
        free(x);
        return NULL;
    }
    cpu_set_stop_on_halt(x->cpu, 1);
    return x;
}

void sst_exec_destroy(struct sst_exec *x)
{
    if (!x)
        return;
    cpu_destroy(x->cpu);
    mem_free(&x->mem);
    free(x);
}

void sst_exec_load(struct sst_exec *x, const struct moo_test *t, uint16_t flags_and)
{
    static const enum moo_reg order[MOO_NREGS] = {
        /* Segments first, so nothing that depends on CS sees a stale base. */
        MOO_CS, MOO_SS, MOO_DS, MOO_ES,
        MOO_AX, MOO_BX, MOO_CX, MOO_DX, MOO_SP, MOO_BP, MOO_SI, MOO_DI, MOO_IP, MOO_FLAGS
    };
    uint32_t i;

    cpu_reset(x->cpu);
    cpu_set_a20(x->cpu, 1);        /* 80286 tests use 100000h-10FFEFh */
    for (i = 0; i < MOO_NREGS; i++) {
        enum moo_reg r = order[i];
        uint32_t v = t->init.regs[r];
        if (r == MOO_FLAGS)
            v &= flags_and;
        cpu_set_reg(x->cpu, moo_to_cpu[r], v);
    }
    for (i = 0; i < t->init.nram; i++)
        mem_write8(&x->mem, moo_ram_addr(&t->init, i), moo_ram_val(&t->init, i));
}

static void stopped(struct sst_exec *x, enum cpu_stop s, struct sst_result *r)
{
    const char *m = cpu_stop_message(x->cpu);

    r->ok = 0;
    if (!m || !*m)
        m = "(no message)";
    /* The CPU's message already says "unimplemented ..." for UNIMPL. */
    if (s == CPU_STOP_UNIMPL && strncmp(m, "unimplemented", 13) == 0)
        snprintf(r->msg, sizeof r->msg, "%s", m);
    else
        snprintf(r->msg, sizeof r->msg, "%s: %s",
                 s == CPU_STOP_UNIMPL ? "unimplemented" : "shutdown", m);
}

void sst_exec_run(struct sst_exec *x, enum sst_protocol p, struct sst_result *r)
{
    uint64_t c0 = cpu_cycles(x->cpu), c1;
    enum cpu_stop s;

    memset(r, 0, sizeof *r);
    s = cpu_step(x->cpu);
    c1 = cpu_cycles(x->cpu);
    r->step_cycles = c1 - c0;
    r->total_cycles = r->step_cycles;
    if (s == CPU_STOP_UNIMPL || s == CPU_STOP_SHUTDOWN) {
        stopped(x, s, r);
        return;
    }
    r->ok = 1;
    if (p == SST_ONE_STEP)
        return;
    if (s == CPU_STOP_HALT || cpu_halted(x->cpu)) {
        r->halted_in_step = 1;
        return;
    }
    s = cpu_run(x->cpu, SST_RUN_BUDGET);
    r->total_cycles = cpu_cycles(x->cpu) - c0;
    if (s == CPU_STOP_UNIMPL || s == CPU_STOP_SHUTDOWN) {
        stopped(x, s, r);
        return;
    }
    /* A CPU may report a budget stop while halted (with IF=1 a halt can
     * still be woken): halted is what counts. */
    if (s != CPU_STOP_HALT && !cpu_halted(x->cpu)) {
        r->ok = 0;
        snprintf(r->msg, sizeof r->msg, "did not halt within %u clocks (CS:IP %04X:%04X)",
                 SST_RUN_BUDGET, (unsigned)(cpu_get_reg(x->cpu, REG_CS) & 0xFFFF),
                 (unsigned)(cpu_get_reg(x->cpu, REG_EIP) & 0xFFFF));
    }
}

uint16_t sst_exec_reg(const struct sst_exec *x, enum moo_reg r)
{
    return (uint16_t)(cpu_get_reg(x->cpu, moo_to_cpu[r]) & 0xFFFF);
}

uint8_t sst_exec_read8(struct sst_exec *x, uint32_t addr)
{
    return mem_read8(&x->mem, addr);
}

void sst_exec_unload(struct sst_exec *x, const struct moo_test *t)
{
    uint32_t i;

    for (i = 0; i < t->init.nram; i++)
        mem_write8(&x->mem, moo_ram_addr(&t->init, i), 0);
    for (i = 0; i < t->fina.nram; i++)
        mem_write8(&x->mem, moo_ram_addr(&t->fina, i), 0);
}
