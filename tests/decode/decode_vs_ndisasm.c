/* decode_vs_ndisasm.c - checks our decoder's instruction lengths against
 * an independent decoder, nasm's ndisasm, for every opcode of the one-byte
 * and 0F maps that the chosen model implements, with a spread of ModR/M
 * bytes (every mod, SIB and displacement form) and the prefix mixes 66,
 * 67, 66+67, segment overrides and REP.
 *
 * Each case sits at a 16-byte boundary followed by NOPs, so ndisasm
 * resynchronises after any disagreement. Usage:
 *   decode-vs-ndisasm [--cpu MODEL] [--ndisasm PATH] [--verbose]
 * Exit 0 when every length agrees, 1 otherwise, 77 (skip) without ndisasm. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../testmach.h"
#include "../../cpu/decode.h"

#define SLOT 16

struct gen { uint8_t *buf; unsigned n, cap; };

static void add_case(struct gen *g, const uint8_t *b, unsigned len)
{
    if (g->n + SLOT > g->cap) {
        g->cap = g->cap ? g->cap * 2 : 65536;
        g->buf = realloc(g->buf, g->cap);
        if (!g->buf) abort();
    }
    memset(g->buf + g->n, 0x90, SLOT);
    memcpy(g->buf + g->n, b, len);
    g->n += SLOT;
}

int main(int argc, char **argv)
{
    enum cpu_model model = CPU_P6;
    const char *ndisasm = "ndisasm";
    int verbose = 0;
    for (int a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--cpu") && a + 1 < argc) {
            if (cpu_model_parse(argv[++a], &model)) { fprintf(stderr, "unknown cpu %s\n", argv[a]); return 2; }
        } else if (!strcmp(argv[a], "--ndisasm") && a + 1 < argc) ndisasm = argv[++a];
        else if (!strcmp(argv[a], "--verbose")) verbose = 1;
        else { fprintf(stderr, "usage: %s [--cpu MODEL] [--ndisasm PATH] [--verbose]\n", argv[0]); return 2; }
    }
    char probe[512];
    snprintf(probe, sizeof probe, "%s -v >/dev/null 2>&1", ndisasm);
    if (system(probe) != 0) {
        printf("decode-vs-ndisasm: SKIPPED: %s not found (Debian package nasm)\n", ndisasm);
        return 77;
    }

    struct testmach *m = tm_create(model);
    struct op_slot *maps = malloc(sizeof(struct op_slot) * 2 * 256 * 8);
    char err[200];
    if (optable_build(model, maps, err, sizeof err)) { fprintf(stderr, "%s\n", err); return 2; }

    static const uint8_t modrms[] = { 0x00, 0x06, 0x05, 0x04, 0x44, 0x45, 0x84, 0x85,
                                      0xC0, 0xC9, 0x0C, 0x1D, 0x7C, 0xBC, 0xF7, 0x3E };
    static const uint8_t sibs[] = { 0x24, 0x25, 0x8D, 0xE5 };
    static const uint8_t pfx[][3] = { { 0 }, { 1, 0x66 }, { 1, 0x67 }, { 2, 0x66, 0x67 },
                                      { 1, 0x2E }, { 2, 0x64, 0x67 }, { 1, 0xF3 } };
    struct gen g = { NULL, 0, 0 };
    for (unsigned map = 0; map < 2; map++) {
        for (unsigned op = 0; op < 256; op++) {
            const struct op_slot *s = &maps[(map * 256 + op) * 8];
            int any = 0;
            for (unsigned e = 0; e < 8; e++) any |= s[e].row != 0;
            if (!any) continue;
            const struct op_row *row = &op_rows[s[0].row ? s[0].row : s[1].row];
            /* FPU escapes and instructions ndisasm knows under other
             * encodings are outside this check. */
            if (map == 0 && op >= 0xD8 && op <= 0xDF) continue;
            if (row->attrs & A_FPU) continue;
            /* 8086 aliases (60-6F Jcc, C0/C1/C8/C9 returns, 0F POP CS) and
             * SALC: ndisasm decodes those bytes as later CPUs do */
            if (map == 0 && model == CPU_8086 &&
                ((op >= 0x60 && op <= 0x6F) || op == 0xC0 || op == 0xC1 || op == 0xC8 ||
                 op == 0xC9 || op == 0x0F))
                continue;
            for (unsigned p = 0; p < sizeof pfx / sizeof pfx[0]; p++) {
                /* 64h-67h are prefixes only from the 80386 on */
                if (model < CPU_80386 && pfx[p][0] && (pfx[p][1] & 0xFC) == 0x64) continue;
                unsigned nm = (s[0].fmt & DF_MODRM) ? sizeof modrms : 1;
                for (unsigned k = 0; k < nm; k++) {
                    for (unsigned sb = 0; sb < ((s[0].fmt & DF_MODRM) ? 2u : 1u); sb++) {
                        uint8_t b[16];
                        unsigned n = 0;
                        for (unsigned q = 0; q < pfx[p][0]; q++) b[n++] = pfx[p][1 + q];
                        if (map) b[n++] = 0x0F;
                        b[n++] = (uint8_t)op;
                        if (s[0].fmt & DF_MODRM) {
                            unsigned e;
                            uint8_t mr = modrms[k];
                            /* use a reg field that has a row in this group */
                            for (e = 0; e < 8 && !s[(mr >> 3) & 7].row; e++)
                                mr = (uint8_t)((mr & 0xC7) | (e << 3));
                            b[n++] = mr;
                            b[n++] = sibs[(k + sb) % 4];
                        }
                        /* immediate / displacement bytes */
                        for (; n < 15; n++) b[n] = (uint8_t)(0x11 * (1 + (n & 7)));
                        add_case(&g, b, 15);
                    }
                }
            }
        }
    }

    char path[] = "/tmp/tick86-decodeXXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, g.buf, g.n) != (ssize_t)g.n) { perror("decode-vs-ndisasm"); return 2; }
    close(fd);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s -b16 %s", ndisasm, path);
    FILE *p = popen(cmd, "r");
    if (!p) { perror("popen"); return 2; }
    unsigned checked = 0, bad = 0, skipped = 0;
    /* ndisasm lines: "OFFSET  HEX  TEXT"; bytes past the column width come
     * on continuation lines "  -HEX". Collect each case's length first. */
    unsigned ncases = g.n / SLOT;
    unsigned *theirs = calloc(ncases, sizeof *theirs);
    char (*text)[256] = calloc(ncases, sizeof *text);
    char line[512];
    long cur = -1;
    while (fgets(line, sizeof line, p)) {
        unsigned off;
        char hex[128], mnem[256];
        if (line[0] == ' ') {
            char *dash = strchr(line, '-');
            if (dash && cur >= 0 && sscanf(dash + 1, "%127s", hex) == 1)
                theirs[cur] += (unsigned)strlen(hex) / 2;
            continue;
        }
        if (sscanf(line, "%x %127s %255[^\n]", &off, hex, mnem) != 3) continue;
        if (off % SLOT) { cur = -1; continue; }
        cur = off / SLOT;
        theirs[cur] = (unsigned)strlen(hex) / 2;
        snprintf(text[cur], sizeof text[cur], "%s", mnem);
    }
    for (unsigned k = 0; k < ncases; k++) {
        const char *mnem = text[k];
        /* ndisasm gives up with "db", or prints a size prefix it did not
         * apply: those bytes are not comparable */
        static const char *const bare[] = { "o16", "o32", "a16", "a32", "cs", "ds", "es", "ss",
                                            "fs", "gs", "rep", "repne", "lock" };
        int is_bare = 0;
        for (unsigned q = 0; q < sizeof bare / sizeof bare[0]; q++)
            if (!strcmp(mnem, bare[q])) is_bare = 1;
        /* WAIT: ndisasm folds it into the next instruction */
        if (!theirs[k] || is_bare || !strncmp(mnem, "db ", 3) || strstr(mnem, "wait")) {
            skipped++;
            continue;
        }
        tm_load(m, 0x1000, g.buf + k * SLOT, SLOT);
        struct insn ins;
        int unc;
        decode_insn(m->cpu, 0x1000, &ins, &unc);
        if (ins.fn == op_decode_fault) { skipped++; continue; }
        checked++;
        if (ins.len != theirs[k]) {
            bad++;
            if (verbose || bad <= 20) {
                printf("length mismatch at case %u: bytes", k);
                for (unsigned q = 0; q < 15; q++) printf(" %02X", g.buf[k * SLOT + q]);
                printf(": ours %u (%s), ndisasm %u (%s)\n", ins.len, op_rows[ins.op].name,
                       theirs[k], mnem);
            }
        }
    }
    free(theirs);
    free(text);
    pclose(p);
    unlink(path);
    free(g.buf);
    free(maps);
    tm_destroy(m);
    printf("decode-vs-ndisasm (%s): %u lengths agree, %u differ, %u not comparable\n",
           cpu_model_name(model), checked - bad, bad, skipped);
    return bad ? 1 : 0;
}
