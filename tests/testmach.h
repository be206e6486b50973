/* testmach.h - a bare machine for tests: RAM, an empty port bus, the
 * scheduler and a CPU, with no BIOS and no chips. Header-only so every
 * test program can use it without a library. */
#ifndef TICK86_TESTMACH_H
#define TICK86_TESTMACH_H
#include <stdio.h>
#include <stdlib.h>
#include "../cpu/cpu.h"
#include "../devices/memmap.h"
#include "../devices/ioport.h"
#include "../devices/sched.h"

struct testmach {
    struct memmap mem;
    struct io_bus io;
    struct sched sched;
    struct cpu *cpu;
};

static inline struct testmach *tm_create_cfg(const struct cpu_config *cfg, uint32_t ram)
{
    char err[200];
    struct testmach *m = calloc(1, sizeof *m);
    if (!m || mem_init(&m->mem, ram, err, sizeof err)) { fprintf(stderr, "%s\n", err); abort(); }
    io_init(&m->io);
    sched_init(&m->sched);
    m->cpu = cpu_create(cfg, &m->mem, &m->io, &m->sched, err, sizeof err);
    if (!m->cpu) { fprintf(stderr, "%s\n", err); abort(); }
    return m;
}

static inline struct testmach *tm_create(enum cpu_model model)
{
    struct cpu_config cfg = { model, 0, 0, 0 };
    return tm_create_cfg(&cfg, 16u << 20);
}

/* Load code at 0000:addr and point CS:IP at it, SS:SP at 0000:8000. */
static inline void tm_load(struct testmach *m, uint32_t addr, const void *code, uint32_t len)
{
    mem_poke(&m->mem, addr, code, len);
    cpu_set_reg(m->cpu, REG_CS, 0);
    cpu_set_reg(m->cpu, REG_EIP, addr);
    cpu_set_reg(m->cpu, REG_SS, 0);
    cpu_set_reg(m->cpu, REG_ESP, 0x8000);
}

static inline void tm_destroy(struct testmach *m)
{
    cpu_destroy(m->cpu);
    mem_free(&m->mem);
    free(m);
}

/* Read a whole file (guest binaries built by make). */
static inline uint8_t *tm_read_file(const char *path, uint32_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    uint8_t *buf = malloc(1 << 20);
    size_t n = buf ? fread(buf, 1, 1 << 20, f) : 0;
    fclose(f);
    *len = (uint32_t)n;
    return buf;
}
#endif
