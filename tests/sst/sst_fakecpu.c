/* sst_fakecpu.c - a test double for the SingleStepTests runner: a toy CPU
 * and flat memory behind the real cpu.h / memmap.h interfaces.
 *
 * It knows a dozen one- and two-byte instructions (NOP, flag ops, INC/DEC
 * r16, XCHG AX,r16, MOV r,imm, LAHF/SAHF, JMP short, HLT, segment
 * prefixes) with Intel's 8086 and 80286 clock counts, and stops with
 * CPU_STOP_UNIMPL on anything else. Linked with the other files of tests/sst/ (instead of
 * cpu/ and devices/memmap.c), it lets the runner be checked end to end on
 * the real suites before the interpreter exists: the files of those
 * opcodes must pass, the rest must fail as "unimplemented", and --cycles
 * must agree with the rule in sst_run.c. It is not part of the emulator. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "memmap.h"

/* ---- memory: one flat array, no MMIO -------------------------------------- */

int mem_init(struct memmap *m, uint32_t ram_size, char *err, size_t errlen)
{
    uint32_t p;

    memset(m, 0, sizeof *m);
    m->ram = calloc(ram_size, 1);
    m->page_region = calloc(MEM_PAGES, 1);
    if (!m->ram || !m->page_region) {
        free(m->ram);
        free(m->page_region);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    m->ram_size = ram_size;
    for (p = 0; p < ram_size >> MEM_PAGE_SHIFT; p++)
        m->page_region[p] = 1;
    return 0;
}

void mem_free(struct memmap *m)
{
    free(m->ram);
    free(m->page_region);
    memset(m, 0, sizeof *m);
}

int mem_add_ram(struct memmap *m, const char *name, uint32_t base, uint32_t size, char *err,
                size_t errlen)
{
    (void)m;
    snprintf(err, errlen, "fake memmap: %s at %lX+%lX not supported", name,
             (unsigned long)base, (unsigned long)size);
    return -1;
}

uint32_t mem_read(struct memmap *m, uint32_t addr, unsigned width)
{
    uint32_t v = 0;
    unsigned i;

    for (i = 0; i < width; i++)
        if (addr + i < m->ram_size)
            v |= (uint32_t)m->ram[addr + i] << (8 * i);
    return v;
}

void mem_write(struct memmap *m, uint32_t addr, uint32_t val, unsigned width)
{
    unsigned i;

    for (i = 0; i < width; i++)
        if (addr + i < m->ram_size)
            m->ram[addr + i] = (uint8_t)(val >> (8 * i));
}

/* ---- CPU --------------------------------------------------------------------- */

struct cpu {
    enum cpu_model model;
    struct memmap *mem;
    uint16_t r[8];               /* AX CX DX BX SP BP SI DI */
    uint16_t seg[6];             /* ES CS SS DS FS GS */
    uint16_t ip, flags;
    int halted, stop_on_halt, a20;
    uint64_t cycles, icount;
    char msg[128];
};

int cpu_model_parse(const char *name, enum cpu_model *out)
{
    if (strcmp(name, "8086") == 0) {
        *out = CPU_8086;
        return 0;
    }
    if (strcmp(name, "80286") == 0 || strcmp(name, "286") == 0) {
        *out = CPU_80286;
        return 0;
    }
    return -1;
}

const char *cpu_model_name(enum cpu_model m)
{
    return m == CPU_8086 ? "8086" : m == CPU_80286 ? "80286" : "other";
}

struct cpu *cpu_create(const struct cpu_config *cfg, struct memmap *mem, struct io_bus *io,
                       struct sched *sched, char *err, size_t errlen)
{
    struct cpu *c;

    (void)io;
    (void)sched;
    if (cfg->model != CPU_8086 && cfg->model != CPU_80286) {
        snprintf(err, errlen, "fake CPU: only 8086 and 80286");
        return NULL;
    }
    c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    c->model = cfg->model;
    c->mem = mem;
    cpu_reset(c);
    return c;
}

void cpu_destroy(struct cpu *c) { free(c); }

static uint16_t fix_flags(const struct cpu *c, uint32_t v)
{
    if (c->model == CPU_8086)
        return (uint16_t)((v & 0x0FD7) | 0xF002);
    return (uint16_t)((v & 0x0FD7) | 0x0002);    /* real mode: IOPL/NT stay 0 */
}

void cpu_reset(struct cpu *c)
{
    memset(c->r, 0, sizeof c->r);
    memset(c->seg, 0, sizeof c->seg);
    c->seg[1] = 0xFFFF;
    c->ip = 0;
    c->flags = fix_flags(c, 0);
    c->halted = 0;
}

void cpu_set_stop_on_halt(struct cpu *c, int on) { c->stop_on_halt = on; }
void cpu_set_a20(struct cpu *c, int enabled) { c->a20 = enabled; }
uint64_t cpu_cycles(const struct cpu *c) { return c->cycles; }
int cpu_halted(const struct cpu *c) { return c->halted; }
const char *cpu_stop_message(const struct cpu *c) { return c->msg; }

uint32_t cpu_get_reg(const struct cpu *c, enum cpu_reg r)
{
    if (r <= REG_EDI)
        return c->r[r];
    if (r <= REG_GS)
        return c->seg[r - REG_ES];
    return r == REG_EIP ? c->ip : c->flags;
}

void cpu_set_reg(struct cpu *c, enum cpu_reg r, uint32_t v)
{
    if (r <= REG_EDI)
        c->r[r] = (uint16_t)v;
    else if (r <= REG_GS)
        c->seg[r - REG_ES] = (uint16_t)v;
    else if (r == REG_EIP)
        c->ip = (uint16_t)v;
    else
        c->flags = fix_flags(c, v);
}

static uint32_t lin(const struct cpu *c, uint16_t off)
{
    uint32_t a = ((uint32_t)c->seg[1] << 4) + off;

    if (c->model == CPU_8086 || !c->a20)
        a &= 0xFFFFF;
    return a;
}

static uint8_t fetch(struct cpu *c)
{
    uint8_t b = mem_read8(c->mem, lin(c, c->ip));

    c->ip++;
    return b;
}

static int parity(unsigned v)
{
    v &= 0xFF;
    v ^= v >> 4;
    v ^= v >> 2;
    v ^= v >> 1;
    return !(v & 1);
}

enum cpu_stop cpu_step(struct cpu *c)
{
    int is86 = c->model == CPU_8086;
    uint16_t start = c->ip;
    uint8_t op;
    unsigned cost;

    if (c->halted)
        return CPU_STOP_HALT;
    for (;;) {
        op = fetch(c);
        if (op != 0x26 && op != 0x2E && op != 0x36 && op != 0x3E)
            break;
        c->cycles += is86 ? 2 : 0;
    }
    switch (op) {
    case 0x90: cost = 3; break;
    case 0xF8: c->flags &= ~1u; cost = 2; break;
    case 0xF9: c->flags |= 1u; cost = 2; break;
    case 0xF5: c->flags ^= 1u; cost = 2; break;
    case 0xFA: c->flags &= ~0x200u; cost = is86 ? 2 : 3; break;
    case 0xFB: c->flags |= 0x200u; cost = 2; break;
    case 0xFC: c->flags &= ~0x400u; cost = 2; break;
    case 0xFD: c->flags |= 0x400u; cost = 2; break;
    case 0x9F: c->r[0] = (uint16_t)((c->r[0] & 0xFF) | (c->flags & 0xFF) << 8); cost = is86 ? 4 : 2; break;
    case 0x9E: c->flags = fix_flags(c, (c->flags & 0xFF00) | (c->r[0] >> 8)); cost = is86 ? 4 : 2; break;
    case 0xF4: c->halted = 1; cost = 2; break;
    case 0xEB: {
        int8_t d = (int8_t)fetch(c);
        c->ip = (uint16_t)(c->ip + d);
        cost = is86 ? 15 : 7 + 1;
        break;
    }
    default:
        if (op >= 0x40 && op <= 0x4F) {
            uint16_t v = c->r[op & 7], res = (uint16_t)(op < 0x48 ? v + 1 : v - 1);
            uint16_t f = c->flags & ~0x8D4u;    /* keep CF */
            if (op < 0x48 ? res == 0x8000 : res == 0x7FFF)
                f |= 0x800;
            if (res & 0x8000)
                f |= 0x80;
            if (!res)
                f |= 0x40;
            if ((v ^ res ^ 1) & 0x10)
                f |= 0x10;
            if (parity(res))
                f |= 0x04;
            c->flags = f;
            c->r[op & 7] = res;
            cost = 2;
        } else if (op >= 0x91 && op <= 0x97) {
            uint16_t t = c->r[0];
            c->r[0] = c->r[op & 7];
            c->r[op & 7] = t;
            cost = 3;
        } else if (op >= 0xB0 && op <= 0xB7) {
            uint8_t v = fetch(c);
            unsigned i = op & 3;
            if (op & 4)
                c->r[i] = (uint16_t)((c->r[i] & 0x00FF) | v << 8);
            else
                c->r[i] = (uint16_t)((c->r[i] & 0xFF00) | v);
            cost = is86 ? 4 : 2;
        } else if (op >= 0xB8 && op <= 0xBF) {
            uint16_t v = fetch(c);
            v = (uint16_t)(v | fetch(c) << 8);
            c->r[op & 7] = v;
            cost = is86 ? 4 : 2;
        } else {
            snprintf(c->msg, sizeof c->msg, "fake CPU: opcode %02X at %04X:%04X", op,
                     c->seg[1], start);
            c->ip = start;
            return CPU_STOP_UNIMPL;
        }
    }
    c->cycles += cost;
    c->icount++;
    return c->halted && c->stop_on_halt ? CPU_STOP_HALT : CPU_STOP_BUDGET;
}

enum cpu_stop cpu_run(struct cpu *c, uint64_t budget)
{
    uint64_t end = c->cycles + budget;

    while (c->cycles < end) {
        enum cpu_stop s;
        if (c->halted)
            return CPU_STOP_HALT;
        s = cpu_step(c);
        if (s != CPU_STOP_BUDGET)
            return s;
    }
    return CPU_STOP_BUDGET;
}
