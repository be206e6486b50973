/* sst_run.c - the SingleStepTests runner (build/sst-run).
 *
 * Runs Daniel Balsom's hardware-recorded single-instruction test vectors
 * (the 8086 and 80286 suites, MOO format; ../shared/sst/README.md) against
 * tick86's CPU and reports, per file, how many tests leave registers and
 * memory as the real chip did, and optionally how far our clock counts are
 * from the recorded ones. The file format lives in moo.c, the folder
 * metadata in sst_meta.c, and every call into the emulator in sst_exec.c;
 * this file decides what to run and what counts as a match.
 *
 * What counts as a match:
 * - Registers: all 14 (ax..di, cs/ss/ds/es, ip, flags), each expected to
 *   hold its FINA value if FINA lists it and its INIT value otherwise.
 *   FLAGS are ANDed on both sides with the opcode's "flags-mask" from
 *   metadata.json (flags the chip leaves undefined). The 80286 suite records
 *   random IOPL/NT bits (12-15) in INIT that a real-mode 286 cannot hold, so
 *   for it they are cleared before loading and ignored when comparing.
 * - Memory: every byte INIT or FINA names, expected to hold its FINA value
 *   if FINA lists it and its INIT value otherwise (the 8086 suite lists
 *   every touched byte in FINA, the 80286 suite only the changed ones).
 * - The 80286 suite ends each test at a HLT (after the instruction, or at a
 *   jump/call/exception target); FINA's IP is the address after that HLT
 *   (wrapping to 0000 when the HLT sits at offset FFFF), which is where a
 *   halted CPU leaves IP, so IP is compared as is.
 *
 * Portability: C11 plus POSIX <dirent.h>/<sys/stat.h> for reading folders. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cpu.h"
#include "moo.h"
#include "sst_exec.h"
#include "sst_meta.h"

/* ---- cycle rule -----------------------------------------------------------
 * How a test's CYCL record count becomes the clock count we compare with
 * the cycle-counter delta of the one cpu_step that executes the instruction
 * under test (prefixes, REP iterations and any exception it raises
 * included; for the 80286 the HLT that follows is run separately and not
 * counted). Established from the data (see the summary in --help):
 *
 * 8086: expected = number of CYCL records. The first record is the clock
 *   in which the first byte (prefix or opcode) leaves the prefetch queue,
 *   the last is the clock before the next instruction's first byte does.
 *   The tests start with a full queue, so the count is the documented
 *   execution time including what the chip really spends: 2 per prefix,
 *   4 per word access at an odd address, and EU waits behind prefetch bus
 *   cycles (the bus-contention artifacts that make e.g. PUSH reg 10 or 11
 *   and ADD mem,reg vary by a clock or two). Fetches after a jump up to the
 *   target's first byte are included (JMP short: 15, or 17). A few
 *   instructions end early by this measure (LAHF: 2 records, Intel says 4).
 *
 * 80286: expected = records - 7 - 2. Each test starts right after the
 *   generator's queue-flushing jump: 7 clocks pass (four code fetches, 2
 *   clocks each, overlapping decode) before the first instruction runs, and
 *   the trace ends with the HLT, whose 2 clocks run up to and including the
 *   Ts of its halt bus cycle (address 2, the last record). Checked on the
 *   1-byte register instructions: HLT alone gives 9 records (0+7+2), CLC/
 *   INC/CBW/STI 11 (2), NOP/CLI/DAA/XCHG 12 (3), POP/IN AL,DX/XLAT 14 (5),
 *   matching Intel's 80286 table. When the instruction under test is itself
 *   the HLT (F4.MOO), nothing follows it: expected = records - 7.
 *   What the chip really spends beyond Intel's table shows up as it is:
 *   each prefix byte costs 1 clock (JMP short: 10, 11, 12, 13 with 0-3
 *   segment prefixes); instructions whose bytes arrive late from the
 *   freshly flushed queue run long (MOV r16,imm16: 4), and so do ModR/M
 *   register forms, by one (ADD r,r / MOV r,r 3, XCHG r,r 4, MUL r16 22;
 *   presumably the decoder catching up after the flush); control transfers
 *   come out 1-2 above 7+m / 11+m / 23+m (JMP 10, RET 13, INT 25), their
 *   refill overlapping the target HLT's decode; hence the +-2 figure. */
#define SST_286_LEAD_IN 7
#define SST_286_HLT 2
#define SST_CYCLE_SLACK 2

#define MAX_VERBOSE_FAILS 3
#define MAX_DIFFS_SHOWN 10

static const char usage_text[] =
"Usage: sst-run [OPTION]... PATH...\n"
"Run SingleStepTests MOO test vectors (8086, 80286) against tick86's CPU.\n"
"PATH is a .MOO or .MOO.gz file, or a folder of them (run in name order).\n"
"Each file's folder must hold metadata.json (status and undefined-flags\n"
"mask of each opcode); revocation_list.txt there, if any, lists tests to skip.\n"
"\n"
"  --cpu MODEL          CPU model to run (default: from the file header:\n"
"                       8086 -> 8086, C286 -> 80286)\n"
"  --max-per-file N     run at most the first N tests of each file\n"
"  --cycles             also compare clock counts (a report, not a pass/fail gate)\n"
"  --verbose            detail the first 3 failures of each file (and, with\n"
"                       --cycles, the first 3 clock mismatches)\n"
"  --only-failures      print only the lines of files with failures\n"
"  --list               parse and list the tests without running them\n"
"  --include-undefined  also run opcodes whose status is not normal, alias\n"
"                       or undocumented (undefined, prefix, fpu, extension)\n"
"  --no-metadata        run without metadata.json: all flags compared, no\n"
"                       status check, nothing revoked\n"
"  --help               show this text\n"
"\n"
"A test passes when all 14 registers and every RAM byte named in the test\n"
"match (FLAGS ANDed with the opcode's flags-mask; FLAGS bits 12-15 ignored\n"
"for the 80286 suite, which runs in real mode). Files whose status is not\n"
"normal/alias/undocumented, and revoked tests, are counted as skipped.\n"
"\n"
"Clock counts (--cycles): ours is the cycle-counter delta of the single\n"
"step that executes the instruction under test (with its prefixes, REP\n"
"iterations and any exception it raises).\n"
"  8086:  compared with the number of CYCL records, which runs from the\n"
"         clock the first instruction byte leaves the (full) prefetch queue\n"
"         to the clock before the next instruction's first byte does: the\n"
"         documented time plus real prefetch/bus-contention effects.\n"
"  80286: compared with records - 7 - 2: each test starts after a\n"
"         queue-flushing jump (7 clocks of code fetch before the first\n"
"         instruction runs) and ends with the HLT (2 clocks, through the Ts\n"
"         of its halt bus cycle); records - 7 when the instruction under test\n"
"         is the HLT itself. Our HLT is run by a separate cpu_run and not\n"
"         counted.\n"
"  Compared for every test that ran to the end, whether or not its state\n"
"  matched. Reported per file and overall: the share of tests with exactly\n"
"  the expected count and the share within +-2 clocks.\n"
"\n"
"Exit status: 0 all passed, 1 some failed, 2 usage error or unreadable file.\n";

struct options {
    int cpu_model;               /* -1: from each file's header */
    unsigned long max_per_file;  /* 0: all */
    int cycles, verbose, only_failures, list, include_undefined, no_metadata;
};

struct ram_ent {
    uint32_t addr;
    uint32_t seq;                /* INIT entries first, FINA after: last wins */
    uint8_t val;
};

struct diff {
    int is_reg;
    enum moo_reg reg;
    uint32_t addr;
    uint16_t exp, got, mask;
};

struct file_stats {
    unsigned long passed, failed, skipped, revoked, status_skipped;
    char skip_status[16];
    unsigned long cyc_n, cyc_exact, cyc_near, cyc_shown;
    unsigned long fails_shown;
};

struct runner {
    struct options opt;
    struct sst_meta meta;
    char meta_dir[4096];
    int meta_loaded;
    struct sst_exec *exec;
    int exec_model;
    struct ram_ent *ram;
    size_t ram_cap;
    unsigned long passed, failed, skipped, files, listed;
    unsigned long cyc_n, cyc_exact, cyc_near;
    int errors;                  /* unreadable or malformed input seen */
};

static void errorf(struct runner *rn, const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    rn->errors = 1;
}

static void notef(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* ---- comparison ------------------------------------------------------------ */

static int cmp_ram(const void *a, const void *b)
{
    const struct ram_ent *x = a, *y = b;

    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Fills diffs (up to max) and returns how many differences there are. */
static unsigned compare(struct runner *rn, const struct moo_test *t, uint16_t flags_mask,
                        struct diff *diffs, unsigned max)
{
    unsigned nd = 0, i;
    size_t n = (size_t)t->init.nram + t->fina.nram, k;

    for (i = 0; i < MOO_NREGS; i++) {
        uint16_t exp = (t->fina.mask >> i & 1) ? t->fina.regs[i] : t->init.regs[i];
        uint16_t got = sst_exec_reg(rn->exec, (enum moo_reg)i);
        uint16_t m = i == MOO_FLAGS ? flags_mask : 0xFFFF;
        if ((exp & m) != (got & m)) {
            if (nd < max) {
                diffs[nd].is_reg = 1;
                diffs[nd].reg = (enum moo_reg)i;
                diffs[nd].exp = exp;
                diffs[nd].got = got;
                diffs[nd].mask = m;
            }
            nd++;
        }
    }
    if (n > rn->ram_cap) {
        size_t cap = n < 256 ? 256 : n * 2;
        struct ram_ent *nr = realloc(rn->ram, cap * sizeof *nr);
        if (!nr) {
            fprintf(stderr, "sst-run: out of memory\n");
            exit(2);
        }
        rn->ram = nr;
        rn->ram_cap = cap;
    }
    for (k = 0; k < t->init.nram; k++) {
        rn->ram[k].addr = moo_ram_addr(&t->init, (uint32_t)k);
        rn->ram[k].val = moo_ram_val(&t->init, (uint32_t)k);
        rn->ram[k].seq = (uint32_t)k;
    }
    for (k = 0; k < t->fina.nram; k++) {
        struct ram_ent *e = &rn->ram[t->init.nram + k];
        e->addr = moo_ram_addr(&t->fina, (uint32_t)k);
        e->val = moo_ram_val(&t->fina, (uint32_t)k);
        e->seq = (uint32_t)(t->init.nram + k);
    }
    qsort(rn->ram, n, sizeof *rn->ram, cmp_ram);
    /* An exception pushes FLAGS; the flags the instruction leaves undefined
     * are masked there too. The word sits at SS:SP+4 after the pushes (the
     * EXCP chunk's address is one byte off for some odd SPs). */
    uint32_t fl_addr = ~0u;
    if (t->has_excp) {
        uint32_t ss = (t->fina.mask >> MOO_SS & 1) ? t->fina.regs[MOO_SS] : t->init.regs[MOO_SS];
        uint32_t sp = (t->fina.mask >> MOO_SP & 1) ? t->fina.regs[MOO_SP] : t->init.regs[MOO_SP];
        fl_addr = (ss << 4) + ((sp + 4) & 0xFFFF);
    }
    for (k = 0; k < n; k++) {
        uint8_t got, bm = 0xFF;
        if (k + 1 < n && rn->ram[k + 1].addr == rn->ram[k].addr)
            continue;                         /* a later entry overrides this one */
        got = sst_exec_read8(rn->exec, rn->ram[k].addr);
        if (rn->ram[k].addr == fl_addr) bm = (uint8_t)flags_mask;
        if (rn->ram[k].addr == fl_addr + 1) bm = (uint8_t)(flags_mask >> 8);
        if ((got & bm) != (rn->ram[k].val & bm)) {
            if (nd < max) {
                diffs[nd].is_reg = 0;
                diffs[nd].addr = rn->ram[k].addr;
                diffs[nd].exp = rn->ram[k].val;
                diffs[nd].got = got;
                diffs[nd].mask = 0xFF;
            }
            nd++;
        }
    }
    return nd;
}

static void print_test_head(const struct moo_test *t)
{
    uint32_t i;

    printf("  test %lu \"%.*s\" (", (unsigned long)t->pos, (int)t->name_len,
           t->name ? t->name : "");
    for (i = 0; i < t->nbytes; i++)
        printf(i ? " %02X" : "%02X", t->bytes[i]);
    printf("):");
}

static void print_diffs(const struct diff *d, unsigned nd, unsigned shown)
{
    unsigned i;

    for (i = 0; i < shown; i++) {
        if (d[i].is_reg && d[i].reg == MOO_FLAGS && d[i].mask != 0xFFFF)
            printf("%s flags expected %04X got %04X (mask %04X)", i ? ";" : "",
                   d[i].exp, d[i].got, d[i].mask);
        else if (d[i].is_reg)
            printf("%s %s expected %04X got %04X", i ? ";" : "", moo_reg_name(d[i].reg),
                   d[i].exp, d[i].got);
        else
            printf("%s [%06lX] expected %02X got %02X", i ? ";" : "", (unsigned long)d[i].addr,
                   d[i].exp, d[i].got);
    }
    if (nd > shown)
        printf("; and %u more", nd - shown);
    printf("\n");
}

/* ---- one file -------------------------------------------------------------- */

static int is_hlt_test(const struct moo_test *t)
{
    uint32_t i = 0;

    /* Segment overrides, LOCK, REP: the instruction proper follows. */
    while (i < t->nbytes && (t->bytes[i] == 0x26 || t->bytes[i] == 0x2E ||
                             t->bytes[i] == 0x36 || t->bytes[i] == 0x3E ||
                             t->bytes[i] == 0xF0 || t->bytes[i] == 0xF2 || t->bytes[i] == 0xF3))
        i++;
    return i < t->nbytes && t->bytes[i] == 0xF4;
}

static long expected_clocks(enum sst_protocol p, const struct moo_test *t)
{
    long n = (long)t->ncycles;

    if (p == SST_ONE_STEP)
        return n;
    return n - SST_286_LEAD_IN - (is_hlt_test(t) ? 0 : SST_286_HLT);
}

static void pct(unsigned long a, unsigned long n, char *out, size_t len)
{
    if (!n)
        snprintf(out, len, "-");
    else
        snprintf(out, len, "%.1f%%", 100.0 * (double)a / (double)n);
}

static void print_cycles(unsigned long n, unsigned long exact, unsigned long near)
{
    char a[16], b[16];

    pct(exact, n, a, sizeof a);
    pct(near, n, b, sizeof b);
    printf("cycles: %lu/%lu exact (%s), %lu/%lu within +-%d (%s)", exact, n, a, near, n,
           SST_CYCLE_SLACK, b);
}

static int ensure_meta(struct runner *rn, const char *dir)
{
    char err[512];

    if (rn->opt.no_metadata)
        return 0;
    if (rn->meta_loaded && strcmp(rn->meta_dir, dir) == 0)
        return 0;
    if (rn->meta_loaded)
        sst_meta_free(&rn->meta);
    rn->meta_loaded = 0;
    if (sst_meta_load(&rn->meta, dir, err, sizeof err) != 0) {
        errorf(rn, "%s (--no-metadata runs without it)", err);
        return -1;
    }
    snprintf(rn->meta_dir, sizeof rn->meta_dir, "%s", dir);
    rn->meta_loaded = 1;
    return 0;
}

static int ensure_exec(struct runner *rn, int model, const char *path)
{
    char err[512];

    if (rn->exec && rn->exec_model == model)
        return 0;
    sst_exec_destroy(rn->exec);
    rn->exec = sst_exec_create(model, err, sizeof err);
    if (!rn->exec) {
        errorf(rn, "%s: cannot create a %s machine: %s", path, sst_exec_model_name(model), err);
        return -1;
    }
    rn->exec_model = model;
    return 0;
}

static void list_test(const struct runner *rn, const struct moo_test *t)
{
    uint32_t i;

    printf("  test %lu", (unsigned long)t->pos);
    if (t->index && t->index != t->pos)
        printf(" [index %lu]", (unsigned long)t->index);
    printf(" \"%.*s\" (", (int)t->name_len, t->name ? t->name : "");
    for (i = 0; i < t->nbytes; i++)
        printf(i ? " %02X" : "%02X", t->bytes[i]);
    printf("): %lu cycles, INIT %lu bytes, FINA %lu bytes", (unsigned long)t->ncycles,
           (unsigned long)t->init.nram, (unsigned long)t->fina.nram);
    if (t->has_excp)
        printf(", exception %u", t->excp);
    if (t->has_hash && rn->meta_loaded && sst_meta_is_revoked(&rn->meta, t->hash))
        printf(", revoked");
    printf("\n");
}

static void run_file(struct runner *rn, const char *path, const char *dir, const char *base)
{
    struct moo_file f;
    struct moo_test t;
    struct file_stats fs;
    struct sst_opinfo info, reg_info[8];
    enum sst_protocol proto;
    char err[512], key[8] = "";
    int reg = -1, model, rc, named;
    uint16_t flags_and;
    unsigned long limit;

    memset(&fs, 0, sizeof fs);
    if (ensure_meta(rn, dir) != 0)
        return;
    if (moo_open(&f, path, err, sizeof err) != 0) {
        errorf(rn, "%s", err);
        return;
    }
    rn->files++;
    if (strcmp(f.cpu, "8086") == 0 || strcmp(f.cpu, "8088") == 0) {
        proto = SST_ONE_STEP;
        model = CPU_8086;
    } else if (strcmp(f.cpu, "C286") == 0 || strcmp(f.cpu, "286") == 0) {
        proto = SST_RUN_TO_HLT;
        model = CPU_80286;
    } else {
        errorf(rn, "%s: unsupported CPU \"%s\" in the MOO header", path, f.cpu);
        moo_close(&f);
        return;
    }
    if (rn->opt.cpu_model >= 0)
        model = rn->opt.cpu_model;
    flags_and = proto == SST_RUN_TO_HLT ? 0x0FFF : 0xFFFF;
    limit = rn->opt.max_per_file && rn->opt.max_per_file < f.count ? rn->opt.max_per_file
                                                                   : f.count;

    named = sst_parse_file_name(base, key, &reg) == 0;
    if (named && rn->meta_loaded) {
        sst_meta_lookup(&rn->meta, key, reg, &info);
        if (!info.found)
            notef("%s: no entry for opcode %s%s%c in metadata.json; flags compared unmasked",
                  path, key, reg >= 0 ? "." : "", reg >= 0 ? '0' + reg : ' ');
    } else {
        if (!named && rn->meta_loaded)
            notef("%s: name is not OPCODE[.REG].MOO[.gz]; flags compared unmasked", path);
        memset(&info, 0, sizeof info);
        info.flags_mask = 0xFFFF;
    }
    if (info.by_reg) {
        int r;
        for (r = 0; r < 8; r++)
            sst_meta_lookup(&rn->meta, key, r, &reg_info[r]);
    }

    if (rn->opt.list) {
        printf("%s: CPU %s, %lu tests", path, f.cpu, (unsigned long)f.count);
        if (info.found)
            printf(", status %s, flags-mask %04X", info.by_reg ? "(per reg)" : info.status,
                   info.flags_mask);
        printf("\n");
        while (fs.passed < limit) {
            rc = moo_next(&f, &t, err, sizeof err);
            if (rc <= 0) {
                if (rc < 0)
                    errorf(rn, "%s", err);
                break;
            }
            fs.passed++;
            if (rn->opt.verbose)
                list_test(rn, &t);
        }
        rn->listed += fs.passed;
        moo_close(&f);
        return;
    }

    if (info.found && !info.by_reg && !rn->opt.include_undefined &&
        !sst_status_runnable(info.status)) {
        rn->skipped += limit;
        if (!rn->opt.only_failures)
            printf("%s: 0 passed, 0 failed, %lu skipped (status %s)\n", path, limit,
                   info.status[0] ? info.status : "none");
        moo_close(&f);
        return;
    }
    if (ensure_exec(rn, model, path) != 0) {
        moo_close(&f);
        return;
    }

    while (fs.passed + fs.failed + fs.skipped < limit) {
        struct sst_result r;
        struct diff diffs[MAX_DIFFS_SHOWN];
        const struct sst_opinfo *ti = &info;
        unsigned nd;
        uint16_t fmask;

        rc = moo_next(&f, &t, err, sizeof err);
        if (rc == 0)
            break;
        if (rc < 0) {
            errorf(rn, "%s", err);
            break;
        }
        if (t.has_hash && rn->meta_loaded && sst_meta_is_revoked(&rn->meta, t.hash)) {
            fs.skipped++;
            fs.revoked++;
            continue;
        }
        if (info.by_reg) {
            int tr = sst_modrm_reg(&rn->meta, t.bytes, t.nbytes, strlen(key));
            ti = tr >= 0 ? &reg_info[tr] : &info;
            if (tr >= 0 && ti->found && !rn->opt.include_undefined &&
                !sst_status_runnable(ti->status)) {
                fs.skipped++;
                fs.status_skipped++;
                snprintf(fs.skip_status, sizeof fs.skip_status, "%s", ti->status);
                continue;
            }
        }
        fmask = (uint16_t)(ti->flags_mask & flags_and);

        sst_exec_load(rn->exec, &t, flags_and);
        sst_exec_run(rn->exec, proto, &r);
        if (!r.ok) {
            fs.failed++;
            if (rn->opt.verbose && fs.fails_shown < MAX_VERBOSE_FAILS) {
                fs.fails_shown++;
                print_test_head(&t);
                printf(" %s\n", r.msg);
            }
            sst_exec_unload(rn->exec, &t);
            continue;
        }
        nd = compare(rn, &t, fmask, diffs, MAX_DIFFS_SHOWN);
        if (nd) {
            fs.failed++;
            if (rn->opt.verbose && fs.fails_shown < MAX_VERBOSE_FAILS) {
                fs.fails_shown++;
                print_test_head(&t);
                print_diffs(diffs, nd, nd < MAX_DIFFS_SHOWN ? nd : MAX_DIFFS_SHOWN);
            }
        } else {
            fs.passed++;
        }
        if (rn->opt.cycles && t.ncycles) {
            long exp = expected_clocks(proto, &t);
            long got = (long)r.step_cycles;
            long d = got - exp;
            fs.cyc_n++;
            if (d == 0)
                fs.cyc_exact++;
            if (d >= -SST_CYCLE_SLACK && d <= SST_CYCLE_SLACK)
                fs.cyc_near++;
            if (d && rn->opt.verbose && fs.cyc_shown < MAX_VERBOSE_FAILS) {
                fs.cyc_shown++;
                print_test_head(&t);
                printf(" clocks expected %ld (%lu records) got %ld\n", exp,
                       (unsigned long)t.ncycles, got);
            }
        }
        sst_exec_unload(rn->exec, &t);
    }
    moo_close(&f);

    rn->passed += fs.passed;
    rn->failed += fs.failed;
    rn->skipped += fs.skipped;
    rn->cyc_n += fs.cyc_n;
    rn->cyc_exact += fs.cyc_exact;
    rn->cyc_near += fs.cyc_near;
    if (rn->opt.only_failures && !fs.failed)
        return;
    printf("%s: %lu passed, %lu failed", path, fs.passed, fs.failed);
    if (fs.skipped) {
        printf(", %lu skipped (", fs.skipped);
        if (fs.revoked)
            printf("%lu revoked%s", fs.revoked, fs.status_skipped ? ", " : "");
        if (fs.status_skipped)
            printf("%lu status %s", fs.status_skipped, fs.skip_status);
        printf(")");
    }
    if (rn->opt.cycles) {
        printf("; ");
        print_cycles(fs.cyc_n, fs.cyc_exact, fs.cyc_near);
    }
    printf("\n");
}

/* ---- paths ----------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_dir(struct runner *rn, const char *dir)
{
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;

    if (ensure_meta(rn, dir) != 0)
        return;
    errno = 0;
    d = opendir(dir);
    if (!d) {
        errorf(rn, "%s: cannot open folder: %s", dir, strerror(errno));
        return;
    }
    while ((e = readdir(d)) != NULL) {
        if (!sst_is_moo_name(e->d_name))
            continue;
        if (n == cap) {
            char **nn;
            cap = cap ? cap * 2 : 512;
            nn = realloc(names, cap * sizeof *nn);
            if (!nn) {
                fprintf(stderr, "sst-run: out of memory\n");
                exit(2);
            }
            names = nn;
        }
        names[n] = malloc(strlen(e->d_name) + 1);
        if (!names[n]) {
            fprintf(stderr, "sst-run: out of memory\n");
            exit(2);
        }
        strcpy(names[n++], e->d_name);
    }
    closedir(d);
    if (!n)
        errorf(rn, "%s: no .MOO or .MOO.gz files in this folder", dir);
    else
        qsort(names, n, sizeof *names, cmp_str);
    for (i = 0; i < n; i++) {
        size_t l = strlen(dir);
        char path[4096];
        snprintf(path, sizeof path, "%s%s%s", dir, l && dir[l - 1] == '/' ? "" : "/", names[i]);
        run_file(rn, path, dir, names[i]);
        free(names[i]);
    }
    free(names);
}

static void run_path(struct runner *rn, const char *path)
{
    struct stat st;
    char dir[4096];
    const char *slash, *base;

    if (stat(path, &st) != 0) {
        errorf(rn, "%s: %s", path, strerror(errno));
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        run_dir(rn, path);
        return;
    }
    slash = strrchr(path, '/');
    base = slash ? slash + 1 : path;
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    run_file(rn, path, dir, base);
}

/* ---- main ------------------------------------------------------------------ */

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "sst-run: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (try --help)\n");
    return 2;
}

/* "--name VALUE" or "--name=VALUE": returns the value and advances *i. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
    size_t l = strlen(name);

    if (strncmp(argv[*i], name, l) != 0)
        return NULL;
    if (argv[*i][l] == '=')
        return argv[*i] + l + 1;
    if (argv[*i][l] == '\0' && *i + 1 < argc)
        return argv[++*i];
    if (argv[*i][l] == '\0')
        return "";
    return NULL;
}

int main(int argc, char **argv)
{
    struct runner rn;
    int i, npaths = 0, rc;
    char **paths;

    memset(&rn, 0, sizeof rn);
    rn.opt.cpu_model = -1;
    rn.exec_model = -1;
    paths = calloc((size_t)argc + 1, sizeof *paths);
    if (!paths) {
        fprintf(stderr, "sst-run: out of memory\n");
        return 2;
    }
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (strcmp(a, "--") == 0) {
            while (++i < argc)
                paths[npaths++] = argv[i];
            break;
        }
        if (a[0] != '-' || a[1] == '\0') {
            paths[npaths++] = argv[i];
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage_text, stdout);
            free(paths);
            return 0;
        } else if (strcmp(a, "--cycles") == 0) {
            rn.opt.cycles = 1;
        } else if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
            rn.opt.verbose = 1;
        } else if (strcmp(a, "--only-failures") == 0) {
            rn.opt.only_failures = 1;
        } else if (strcmp(a, "--list") == 0) {
            rn.opt.list = 1;
        } else if (strcmp(a, "--include-undefined") == 0) {
            rn.opt.include_undefined = 1;
        } else if (strcmp(a, "--no-metadata") == 0) {
            rn.opt.no_metadata = 1;
        } else if ((v = opt_value(argc, argv, &i, "--cpu")) != NULL) {
            if (!*v) {
                free(paths);
                return usage_error("%s needs a CPU model", "--cpu");
            }
            if (sst_exec_model(v, &rn.opt.cpu_model) != 0) {
                free(paths);
                return usage_error("unknown CPU model \"%s\"", v);
            }
        } else if ((v = opt_value(argc, argv, &i, "--max-per-file")) != NULL) {
            char *end;
            unsigned long n;
            errno = 0;
            n = strtoul(v, &end, 10);
            if (!*v || *end || errno || n == 0 || v[0] == '-') {
                free(paths);
                return usage_error("--max-per-file needs a positive number, not \"%s\"", v);
            }
            rn.opt.max_per_file = n;
        } else {
            free(paths);
            return usage_error("unknown option %s", a);
        }
    }
    if (!npaths) {
        free(paths);
        return usage_error("%s", "no test file or folder given");
    }
    for (i = 0; i < npaths; i++)
        run_path(&rn, paths[i]);
    free(paths);

    if (rn.opt.list) {
        printf("%lu tests in %lu files\n", rn.listed, rn.files);
    } else {
        if (rn.opt.cycles) {
            print_cycles(rn.cyc_n, rn.cyc_exact, rn.cyc_near);
            printf("\n");
        }
        printf("%lu passed, %lu failed", rn.passed, rn.failed);
        if (rn.skipped)
            printf(", %lu skipped", rn.skipped);
        printf("\n");
    }
    fflush(stdout);
    rc = rn.errors ? 2 : rn.failed ? 1 : 0;
    sst_exec_destroy(rn.exec);
    if (rn.meta_loaded)
        sst_meta_free(&rn.meta);
    free(rn.ram);
    return rc;
}
