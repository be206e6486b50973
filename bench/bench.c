/* bench.c - the bench harness: runs the fixed guest workloads and reports speed.
 *
 * build/bench/bench [--cpu MODEL] [--runs N] [--trace-max N] [--trace-entries N]
 *                   [--cache-off] [--max-cycles N] [DIR_OR_BIN...]
 *
 * Each workload (bench/NAME.asm, assembled to a flat .bin; contract in
 * bench/bench.inc) runs N times, each time on a fresh machine made of the
 * narrow interfaces only: a memory map with 16 MiB of RAM, an empty port bus,
 * a scheduler with no timers and a CPU. The binary is poked at 1000h and
 * entered at 0000:1000 with SS:SP = 0000:9000; the run ends at its HLT. The
 * host clock times each run from outside (CLOCK_MONOTONIC around the run
 * loop); it never reaches the guest.
 *
 * Besides speed, a bench run checks what it can: every run of a workload
 * must retire the same instructions and cycles and leave the same checksum
 * and state hash (DESIGN.md invariant 1), the checksum must equal the one in
 * the binary's "CSUM" trailer, and a CPU that takes an interrupt or leaves
 * the workload's code is stopped and reported at once (bench_run_once). Any
 * failure gives a non-zero exit. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L   /* clock_gettime, dirent */
#endif

#include "../cpu/cpu.h"
#include "../devices/ioport.h"
#include "../devices/memmap.h"
#include "../devices/sched.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BENCH_RAM        (16u << 20)
#define BENCH_LOAD       0x1000u
#define BENCH_SP         0x9000u
#define BENCH_MAX_IMAGE  (BENCH_SP - 0x1000u - BENCH_LOAD)   /* leave 4 KiB of stack */
#define BENCH_CSUM_ADDR  0x500u
#define BENCH_MAX_RUNS   101

struct bench_opts {
    struct cpu_config cfg;
    unsigned runs;
    uint64_t max_cycles;         /* a workload that has not halted by then has failed */
};

/* What one run of one workload produced. */
struct bench_run {
    uint64_t icount, cycles, ns, hash;
    uint32_t checksum;
    struct cpu_stats stats;
};

struct bench_image {
    char name[64];               /* file name without folder and ".bin" */
    const char *path;
    uint8_t *data;
    uint32_t len;
    int has_expect;
    uint32_t expect;             /* from the "CSUM" trailer */
};

static uint64_t bench_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void bench_usage(FILE *f)
{
    fputs("usage: build/bench [--cpu MODEL] [--runs N] [--trace-max N] [--trace-entries N]\n"
          "                   [--cache-off] [--max-cycles N] [DIR_OR_BIN...]\n"
          "Runs each workload (a flat binary from bench/*.asm, or every *.bin in DIR)\n"
          "N times on a fresh machine and prints a table of instructions, cycles,\n"
          "median MIPS and ns per instruction, trace-cache hit rate and checksum.\n"
          "  --cpu MODEL        the CPU model, named as tick86's -cpu names it (default\n"
          "                     Pentium); workloads named *32 are skipped below the 80386\n"
          "  --runs N           runs per workload, median reported (default 5)\n"
          "  --trace-max N      instructions per trace, 1..16 (default: the CPU's)\n"
          "  --trace-entries N  trace-cache entries, a power of two (default: the CPU's)\n"
          "  --cache-off        decode every instruction afresh\n"
          "  --max-cycles N     fail a workload that has not halted after N cycles\n"
          "                     (default 10000000000)\n"
          "Columns: ms (host time per run) and MIPS are medians over the runs, spread\n"
          "is (max-min)/median of MIPS; instructions count a REP string instruction once;\n"
          "MHz is guest cycles per host second in millions, the speed of the emulated\n"
          "clock; expected says whether the checksum at 0:0500h equals the one in the\n"
          "binary's CSUM trailer. Runs must agree exactly, or bench exits 1.\n", f);
#ifdef BENCH_DIR
    fputs("With no DIR_OR_BIN it runs " BENCH_DIR ".\n", f);
#endif
}

/* Parses a decimal count into *out; 0 on success. */
static int bench_parse_u64(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v;

    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

static int bench_has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);

    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Reads a workload; 0 on success, or -1 after one line on stderr. */
static int bench_load(struct bench_image *img, const char *path)
{
    FILE *f;
    long size;
    const char *base = strrchr(path, '/');
    size_t n;

    memset(img, 0, sizeof *img);
    img->path = path;
    base = base ? base + 1 : path;
    n = strlen(base);
    if (bench_has_suffix(base, ".bin"))
        n -= 4;
    if (n >= sizeof img->name)
        n = sizeof img->name - 1;
    memcpy(img->name, base, n);
    img->name[n] = '\0';

    f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "bench: %s: cannot determine its size\n", path);
        fclose(f);
        return -1;
    }
    if (size == 0 || (unsigned long)size > BENCH_MAX_IMAGE) {
        fprintf(stderr, "bench: %s: %ld bytes; a workload must be 1 to %u bytes\n", path,
                size, (unsigned)BENCH_MAX_IMAGE);
        fclose(f);
        return -1;
    }
    img->len = (uint32_t)size;
    img->data = malloc(img->len);
    if (!img->data || fread(img->data, 1, img->len, f) != img->len) {
        fprintf(stderr, "bench: %s: %s\n", path, img->data ? "read error" : "out of memory");
        free(img->data);
        img->data = NULL;
        fclose(f);
        return -1;
    }
    fclose(f);
    if (img->len >= 8 && memcmp(img->data + img->len - 8, "CSUM", 4) == 0) {
        img->has_expect = 1;
        img->expect = le32(img->data + img->len - 4);
    }
    return 0;
}

/* Physical address of the next instruction (the workloads run in real mode). */
static uint32_t bench_pc(const struct cpu *c)
{
    return (cpu_get_reg(c, REG_CS) << 4) + (cpu_get_reg(c, REG_EIP) & 0xFFFFu);
}

/* Appends up to 8 bytes of guest memory at addr to msg, as " (bytes XX ...)". */
static void bench_append_bytes(struct memmap *mem, uint32_t addr, char *msg, size_t msglen)
{
    size_t n = strlen(msg);
    unsigned i;

    n += (size_t)snprintf(msg + n, n < msglen ? msglen - n : 0, " (bytes");
    for (i = 0; i < 8 && n < msglen; i++)
        n += (size_t)snprintf(msg + n, msglen - n, " %02X", (unsigned)mem_read8(mem, addr + i));
    if (n < msglen)
        snprintf(msg + n, msglen - n, ")");
}

/* Says why a run that halted at a trap (see bench_run_once) got there: the
 * vector, and the CS:IP the CPU pushed. */
static void bench_trap_message(struct cpu *c, struct memmap *mem, unsigned vec,
                               char *msg, size_t msglen)
{
    static const char *const names[] = {
        "#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
        "#BR bound", "#UD invalid opcode", "#NM no coprocessor", "#DF double fault",
        "coprocessor segment overrun", "#TS", "#NP", "#SS stack fault",
        "#GP general protection"
    };
    uint32_t sp = (cpu_get_reg(c, REG_SS) << 4) + (cpu_get_reg(c, REG_ESP) & 0xFFFFu);
    uint32_t ip = mem_read(mem, sp, 2), cs = mem_read(mem, sp + 2, 2);

    snprintf(msg, msglen, "the CPU took interrupt %02Xh%s%s%s from %04X:%04X, which a correct "
             "run never does", vec, vec < sizeof names / sizeof names[0] ? " (" : "",
             vec < sizeof names / sizeof names[0] ? names[vec] : "",
             vec < sizeof names / sizeof names[0] ? ")" : "", (unsigned)cs, (unsigned)ip);
    bench_append_bytes(mem, (cs << 4) + ip, msg, msglen);
}

/* One run on a fresh machine. Returns 0, or -1 with one line in msg saying
 * what went wrong.
 *
 * Two guards turn a CPU bug into a quick, precise message instead of a run
 * that spins until --max-cycles: every interrupt vector points at its own HLT
 * in a trap area (so an exception stops the run and names itself), and the
 * CPU runs in slices of BENCH_SLICE cycles, after each of which its CS:IP
 * must still lie inside the workload. The slices cost one cpu_run call per
 * 16M cycles; they change nothing the guest sees (no devices). */
#define BENCH_TRAPS  0x0C00u            /* 256 HLTs, one per vector */
#ifndef BENCH_SLICE
#define BENCH_SLICE  (1u << 24)
#endif

static int bench_run_once(const struct bench_opts *o, const struct bench_image *img,
                          struct bench_run *out, char *msg, size_t msglen)
{
    struct memmap *mem = calloc(1, sizeof *mem);
    struct io_bus *io = malloc(sizeof *io);
    struct sched *sched = malloc(sizeof *sched);
    struct cpu *c = NULL;
    enum cpu_stop stop = CPU_STOP_BUDGET;
    uint8_t ivt[1024], traps[256];
    char err[256];
    uint64_t t0, t1;
    uint32_t pc;
    unsigned v;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (!mem || !io || !sched) {
        snprintf(msg, msglen, "out of memory");
        goto done;
    }
    if (mem_init(mem, BENCH_RAM, err, sizeof err) != 0) {
        snprintf(msg, msglen, "mem_init: %s", err);
        free(mem);
        mem = NULL;
        goto done;
    }
    io_init(io);
    sched_init(sched);
    c = cpu_create(&o->cfg, mem, io, sched, err, sizeof err);
    if (!c) {
        snprintf(msg, msglen, "cpu_create: %s", err);
        goto done;
    }
    cpu_reset(c);
    for (v = 0; v < 256; v++) {
        st16(ivt + 4 * v, BENCH_TRAPS + v);
        st16(ivt + 4 * v + 2, 0);
        traps[v] = 0xF4;
    }
    mem_poke(mem, 0, ivt, sizeof ivt);
    mem_poke(mem, BENCH_TRAPS, traps, sizeof traps);
    mem_poke(mem, BENCH_LOAD, img->data, img->len);
    cpu_set_reg(c, REG_CS, 0);
    cpu_set_reg(c, REG_EIP, BENCH_LOAD);
    cpu_set_reg(c, REG_SS, 0);
    cpu_set_reg(c, REG_ESP, BENCH_SP);
    cpu_set_reg(c, REG_DS, 0);
    cpu_set_reg(c, REG_ES, 0);
    cpu_set_reg(c, REG_EFLAGS, 0x0002);
    cpu_set_stop_on_halt(c, 1);

    t0 = bench_now_ns();
    for (;;) {
        uint64_t done = cpu_cycles(c), left;

        if (done >= o->max_cycles)
            break;
        left = o->max_cycles - done;
        stop = cpu_run(c, left < BENCH_SLICE ? left : BENCH_SLICE);
        if (stop != CPU_STOP_BUDGET)
            break;
        pc = bench_pc(c);
        if (pc < BENCH_LOAD || pc >= BENCH_LOAD + img->len)
            break;
    }
    t1 = bench_now_ns();

    out->ns = t1 > t0 ? t1 - t0 : 1;
    out->icount = cpu_icount(c);
    out->cycles = cpu_cycles(c);
    out->checksum = mem_read(mem, BENCH_CSUM_ADDR, 4);
    cpu_get_stats(c, &out->stats);
    pc = bench_pc(c);
    switch (stop) {
    case CPU_STOP_HALT:
        if (pc - 1 - BENCH_TRAPS < 256) {
            bench_trap_message(c, mem, pc - 1 - BENCH_TRAPS, msg, msglen);
        } else if (pc - 1 < BENCH_LOAD || pc - 1 >= BENCH_LOAD + img->len) {
            snprintf(msg, msglen, "halted outside the workload, at %04X:%04X",
                     (unsigned)cpu_get_reg(c, REG_CS), (unsigned)cpu_get_reg(c, REG_EIP) - 1);
        } else {
            out->hash = cpu_state_hash(c);
            rc = 0;
        }
        break;
    case CPU_STOP_UNIMPL:
        snprintf(msg, msglen, "unimplemented: %s", cpu_stop_message(c));
        break;
    case CPU_STOP_SHUTDOWN:
        snprintf(msg, msglen, "shutdown: %s", cpu_stop_message(c));
        break;
    case CPU_STOP_BUDGET:
        if (out->cycles >= o->max_cycles)
            snprintf(msg, msglen, "no HLT after %llu cycles (%llu instructions; --max-cycles), "
                     "CS:IP %04X:%04X", (unsigned long long)out->cycles,
                     (unsigned long long)out->icount, (unsigned)cpu_get_reg(c, REG_CS),
                     (unsigned)cpu_get_reg(c, REG_EIP));
        else
            snprintf(msg, msglen, "ran away: CS:IP %04X:%04X is outside the workload after "
                     "%llu instructions", (unsigned)cpu_get_reg(c, REG_CS),
                     (unsigned)cpu_get_reg(c, REG_EIP), (unsigned long long)out->icount);
        bench_append_bytes(mem, pc, msg, msglen);
        break;
    default:
        snprintf(msg, msglen, "cpu_run stopped unexpectedly (reason %d)", (int)stop);
        break;
    }
done:
    if (c)
        cpu_destroy(c);
    if (mem)
        mem_free(mem);
    free(mem);
    free(io);
    free(sched);
    return rc;
}

static int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static double bench_median(double *v, unsigned n)
{
    qsort(v, n, sizeof *v, bench_cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Runs one workload o->runs times and prints its row. Returns 0 if every run
 * halted, all runs agree, and the checksum matches the trailer; 1 otherwise. */
static int bench_workload(const struct bench_opts *o, const struct bench_image *img)
{
    struct bench_run first, r;
    double v_mips[BENCH_MAX_RUNS], v_ns[BENCH_MAX_RUNS], v_ms[BENCH_MAX_RUNS];
    double med_mips, med_ns, med_ms, mhz, spread;
    char msg[512];
    unsigned i;
    int agree = 1, expect_ok;

    if (bench_has_suffix(img->name, "32") && o->cfg.model < CPU_80386) {
        printf("%-14s skipped: needs an 80386 or later\n", img->name);
        return 0;
    }
    for (i = 0; i < o->runs; i++) {
        if (bench_run_once(o, img, i ? &r : &first, msg, sizeof msg) != 0) {
            fflush(stdout);
            fprintf(stderr, "bench: %s: run %u: %s\n", img->path, i + 1, msg);
            return 1;
        }
        if (i == 0)
            r = first;
        else if (r.icount != first.icount || r.cycles != first.cycles ||
                 r.checksum != first.checksum || r.hash != first.hash)
            agree = 0;
        v_mips[i] = (double)r.icount * 1e3 / (double)r.ns;
        v_ns[i] = (double)r.ns / (double)(r.icount ? r.icount : 1);
        v_ms[i] = (double)r.ns / 1e6;
    }
    med_ns = bench_median(v_ns, o->runs);
    med_ms = bench_median(v_ms, o->runs);
    med_mips = bench_median(v_mips, o->runs);
    spread = med_mips > 0 ? (v_mips[o->runs - 1] - v_mips[0]) * 100 / med_mips : 0;
    mhz = med_mips * (double)first.cycles / (double)(first.icount ? first.icount : 1);
    expect_ok = !img->has_expect || img->expect == first.checksum;

    printf("%-14s %12llu %13llu %8.1f %8.1f %5.1f%% %8.2f %8.1f ", img->name,
           (unsigned long long)first.icount, (unsigned long long)first.cycles, med_ms,
           med_mips, spread, med_ns, mhz);
    if (first.stats.trace_lookups)
        printf("%8.3f%% ", 100.0 * (double)first.stats.trace_hits /
                           (double)first.stats.trace_lookups);
    else
        printf("%9s ", "-");
    printf("%08lx %s\n", (unsigned long)first.checksum,
           !img->has_expect ? "no trailer" : expect_ok ? "ok" : "MISMATCH");
    if (!expect_ok) {
        fflush(stdout);
        fprintf(stderr, "bench: %s: checksum %08lx, a correct CPU leaves %08lx "
                "(registers at 0:%04x)\n", img->path, (unsigned long)first.checksum,
                (unsigned long)img->expect, 0x510u);
    }
    if (!agree) {
        fflush(stdout);
        fprintf(stderr, "bench: %s: runs disagree (instructions, cycles, checksum or state "
                "hash): not deterministic\n", img->path);
    }
    return agree && expect_ok ? 0 : 1;
}

/* Appends path, or every *.bin in the folder path (sorted by name, so the
 * table's order does not depend on the file system), to the list. */
static int bench_collect(const char *path, char ***list, size_t *n, size_t *cap)
{
    DIR *d = opendir(path);
    struct dirent *e;
    size_t first = *n;

    if (!d) {
        if (errno != ENOTDIR) {
            fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
            return -1;
        }
        d = NULL;
    }
    for (;;) {
        const char *name;
        char *full;

        if (d) {
            e = readdir(d);
            if (!e)
                break;
            name = e->d_name;
            if (!bench_has_suffix(name, ".bin"))
                continue;
            full = malloc(strlen(path) + strlen(name) + 2);
            if (full)
                sprintf(full, "%s/%s", path, name);
        } else {
            full = malloc(strlen(path) + 1);
            if (full)
                strcpy(full, path);
        }
        if (!full) {
            fprintf(stderr, "bench: out of memory\n");
            if (d)
                closedir(d);
            return -1;
        }
        if (*n == *cap) {
            size_t ncap = *cap ? *cap * 2 : 16;
            char **nl = realloc(*list, ncap * sizeof *nl);

            if (!nl) {
                free(full);
                fprintf(stderr, "bench: out of memory\n");
                if (d)
                    closedir(d);
                return -1;
            }
            *list = nl;
            *cap = ncap;
        }
        (*list)[(*n)++] = full;
        if (!d)
            return 0;
    }
    closedir(d);
    if (*n == first) {
        fprintf(stderr, "bench: %s: no *.bin workloads in this folder\n", path);
        return -1;
    }
    /* Sort the entries this folder added. */
    {
        size_t i, j;

        for (i = first + 1; i < *n; i++)
            for (j = i; j > first && strcmp((*list)[j - 1], (*list)[j]) > 0; j--) {
                char *t = (*list)[j];

                (*list)[j] = (*list)[j - 1];
                (*list)[j - 1] = t;
            }
    }
    return 0;
}

/* Parses the command line into o and the operand list. Returns 0, 1 after
 * --help, or 2 after a one-line complaint on stderr. */
static int bench_parse_args(int argc, char **argv, struct bench_opts *o,
                            const char **operands, size_t *noperands)
{
    const char *model_name = NULL;
    int a;

    memset(o, 0, sizeof *o);
    o->runs = 5;
    o->max_cycles = 10000000000ull;
    *noperands = 0;
    for (a = 1; a < argc; a++) {
        const char *arg = argv[a], *val;
        uint64_t v = 0;

        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            bench_usage(stdout);
            return 1;
        }
        if (strcmp(arg, "--cache-off") == 0) {
            o->cfg.cache_off = 1;
            continue;
        }
        if (arg[0] != '-' || arg[1] == '\0') {
            operands[(*noperands)++] = arg;
            continue;
        }
        if (strcmp(arg, "--cpu") != 0 && strcmp(arg, "--runs") != 0 &&
            strcmp(arg, "--trace-max") != 0 && strcmp(arg, "--trace-entries") != 0 &&
            strcmp(arg, "--max-cycles") != 0) {
            fprintf(stderr, "bench: %s: unknown option (try --help)\n", arg);
            return 2;
        }
        val = a + 1 < argc ? argv[++a] : NULL;
        if (!val) {
            fprintf(stderr, "bench: %s needs a value\n", arg);
            return 2;
        }
        if (strcmp(arg, "--cpu") == 0) {
            model_name = val;
            continue;
        }
        if (bench_parse_u64(val, &v) != 0) {
            fprintf(stderr, "bench: %s %s: not a number\n", arg, val);
            return 2;
        }
        if (strcmp(arg, "--runs") == 0) {
            if (v < 1 || v > BENCH_MAX_RUNS) {
                fprintf(stderr, "bench: --runs %s: must be 1 to %d\n", val, BENCH_MAX_RUNS);
                return 2;
            }
            o->runs = (unsigned)v;
        } else if (strcmp(arg, "--trace-max") == 0) {
            if (v < 1 || v > 16) {
                fprintf(stderr, "bench: --trace-max %s: must be 1 to 16\n", val);
                return 2;
            }
            o->cfg.trace_max = (unsigned)v;
        } else if (strcmp(arg, "--trace-entries") == 0) {
            if (v < 1 || v > (1u << 24) || (v & (v - 1))) {
                fprintf(stderr, "bench: --trace-entries %s: must be a power of two up to "
                        "16777216\n", val);
                return 2;
            }
            o->cfg.trace_entries = (unsigned)v;
        } else {
            if (v < 1) {
                fprintf(stderr, "bench: --max-cycles %s: must be at least 1\n", val);
                return 2;
            }
            o->max_cycles = v;
        }
    }
    o->cfg.model = CPU_PENTIUM;
    if (model_name && cpu_model_parse(model_name, &o->cfg.model) != 0) {
        fprintf(stderr, "bench: --cpu %s: unknown CPU model (try --help)\n", model_name);
        return 2;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct bench_opts o;
    const char **operands = malloc(((size_t)argc + 1) * sizeof *operands);
    char **paths = NULL;
    size_t noperands = 0, npaths = 0, cap = 0, i;
    int rc;

    if (!operands) {
        fprintf(stderr, "bench: out of memory\n");
        return 1;
    }
    rc = bench_parse_args(argc, argv, &o, operands, &noperands);
    if (rc != 0) {
        rc = rc == 1 ? 0 : 2;
        goto out;
    }
#ifdef BENCH_DIR
    if (noperands == 0)
        operands[noperands++] = BENCH_DIR;
#endif
    if (noperands == 0) {
        bench_usage(stderr);
        rc = 2;
        goto out;
    }
    for (i = 0; i < noperands; i++)
        if (bench_collect(operands[i], &paths, &npaths, &cap) != 0) {
            rc = 1;
            goto out;
        }

    printf("tick86 bench: cpu %s, median of %u run%s, ", cpu_model_name(o.cfg.model), o.runs,
           o.runs == 1 ? "" : "s");
    if (o.cfg.cache_off)
        printf("trace cache off\n");
    else if (o.cfg.trace_max || o.cfg.trace_entries)
        printf("trace-max %u, trace-entries %u (0: the CPU's default)\n", o.cfg.trace_max,
               o.cfg.trace_entries);
    else
        printf("default trace cache\n");
    printf("%-14s %12s %13s %8s %8s %6s %8s %8s %9s %-8s %s\n", "workload", "instructions",
           "cycles", "ms", "MIPS", "spread", "ns/insn", "MHz", "trace-hit", "checksum",
           "expected");
    fflush(stdout);
    for (i = 0; i < npaths; i++) {
        struct bench_image img;

        if (bench_load(&img, paths[i]) != 0) {
            rc = 1;
            continue;
        }
        rc |= bench_workload(&o, &img);
        free(img.data);
        fflush(stdout);
    }
out:
    for (i = 0; i < npaths; i++)
        free(paths[i]);
    free(paths);
    free(operands);
    return rc;
}
