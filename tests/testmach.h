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

/* ---- helpers shared by the unit tests ---------------------------------- */

/* The FLAGS bits the tests name. A test that wants the short names
 * (CF, PF, ... and ARITH) defines TM_FLAG_NAMES before including this. */
enum {
    TM_CF = 1u << 0, TM_PF = 1u << 2, TM_AF = 1u << 4, TM_ZF = 1u << 6, TM_SF = 1u << 7,
    TM_TF = 1u << 8, TM_IF = 1u << 9, TM_DF = 1u << 10, TM_OF = 1u << 11,
    TM_ARITH = TM_CF | TM_PF | TM_AF | TM_ZF | TM_SF | TM_OF
};
#ifdef TM_FLAG_NAMES
enum { CF = TM_CF, PF = TM_PF, AF = TM_AF, ZF = TM_ZF, SF = TM_SF,
       TF = TM_TF, IF = TM_IF, DF = TM_DF, OF = TM_OF, ARITH = TM_ARITH };
#endif

/* Every model, oldest first, as an array initializer. */
#define TM_ALL_MODELS { CPU_8086, CPU_80186, CPU_80286, CPU_80386, CPU_80486, CPU_PENTIUM, CPU_P6 }

/* Parse hex bytes ("B8 34 12" or "B83412"; spaces are ignored) into out,
 * at most max of them; returns how many. */
static inline unsigned tm_hex(const char *s, uint8_t *out, unsigned max)
{
    unsigned n = 0;
    while (s[0] && s[1] && n < max) {
        if (s[0] == ' ') { s++; continue; }
        unsigned v;
        sscanf(s, "%2x", &v);
        out[n++] = (uint8_t)v;
        s += 2;
    }
    return n;
}

/* tm_load() the hex bytes at 0000:addr; returns their count. */
static inline unsigned tm_load_hex(struct testmach *m, uint32_t addr, const char *hex)
{
    uint8_t buf[256];
    unsigned n = tm_hex(hex, buf, sizeof buf);
    tm_load(m, addr, buf, n);
    return n;
}

static inline uint32_t tm_reg(struct testmach *m, enum cpu_reg r) { return cpu_get_reg(m->cpu, r); }
static inline void tm_set(struct testmach *m, enum cpu_reg r, uint32_t v) { cpu_set_reg(m->cpu, r, v); }
static inline uint32_t tm_rd(struct testmach *m, uint32_t a, unsigned n) { return mem_read(&m->mem, a, n); }
static inline void tm_wr(struct testmach *m, uint32_t a, uint32_t v, unsigned n) { mem_write(&m->mem, a, v, n); }

/* Point real-mode vector v at 0000:handler, where a HLT waits. */
static inline void tm_trap_vector(struct testmach *m, unsigned v, uint32_t handler)
{
    mem_write(&m->mem, v * 4, handler, 2);
    mem_write(&m->mem, v * 4 + 2, 0, 2);
    mem_write8(&m->mem, handler, 0xF4);
}

/* A table of vectors and their HLT handlers. */
struct tm_trap { unsigned vec; uint32_t handler; };
#define TM_NTRAPS(t) ((unsigned)(sizeof (t) / sizeof (t)[0]))

static inline void tm_trap_handlers(struct testmach *m, const struct tm_trap *t, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        tm_trap_vector(m, t[i].vec, t[i].handler);
}

/* Vectors 0-31 each to its own HLT at 0000:base + 16 v, so the IP after a
 * step names the vector that was delivered. */
static inline void tm_trap_all(struct testmach *m, uint32_t base)
{
    for (unsigned v = 0; v < 32; v++)
        tm_trap_vector(m, v, base + 16u * v);
}

/* tm_create() with the table's trap handlers installed. */
static inline struct testmach *tm_create_traps(enum cpu_model model, const struct tm_trap *t, unsigned n)
{
    struct testmach *m = tm_create(model);
    tm_trap_handlers(m, t, n);
    return m;
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
