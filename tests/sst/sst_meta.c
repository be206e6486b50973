/* sst_meta.c - metadata.json and revocation_list.txt of a SingleStepTests
 * folder (see sst_meta.h). Format of metadata.json, as published:
 *   { ..., "opcodes": { "00": {"status": "normal"},
 *                       "08": {"status": "normal", "flags-mask": 65519, ...},
 *                       "F6": {"reg": {"0": {...}, ..., "7": {...}}}, ... } }
 * A group opcode has no status of its own; its "reg" object holds one entry
 * per ModR/M reg value. */
#include "sst_meta.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read a whole small text file; NULL with errno-based reason on failure. */
static char *slurp(const char *path, size_t *len, const char **why, int *missing)
{
    FILE *fp;
    char *buf = NULL;
    size_t cap = 0, n = 0;

    errno = 0;
    fp = fopen(path, "rb");
    *missing = 0;
    if (!fp) {
        *missing = errno == ENOENT;
        *why = errno ? strerror(errno) : "cannot open";
        return NULL;
    }
    for (;;) {
        size_t got;
        if (n == cap) {
            char *nb;
            cap = cap ? cap * 2 : 65536;
            if (cap > (64u << 20)) {
                *why = "larger than 64 MiB";
                break;
            }
            nb = realloc(buf, cap);
            if (!nb) {
                *why = "out of memory";
                break;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0) {
            if (ferror(fp)) {
                *why = "read error";
                break;
            }
            fclose(fp);
            *len = n;
            return buf ? buf : calloc(1, 1);
        }
    }
    fclose(fp);
    free(buf);
    return NULL;
}

void sst_meta_empty(struct sst_meta *m)
{
    memset(m, 0, sizeof *m);
}

void sst_meta_free(struct sst_meta *m)
{
    if (m->doc.text)
        mj_free(&m->doc);
    free(m->revoked);
    memset(m, 0, sizeof *m);
}

static int hexdig(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = toupper((unsigned char)c);
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int sst_meta_parse(struct sst_meta *m, const char *text, size_t len, const char *path,
                   char *err, size_t errlen)
{
    char why[160];
    const struct mj_node *e;

    if (mj_parse(&m->doc, text, len, why, sizeof why) != 0) {
        snprintf(err, errlen, "%s: bad JSON: %s", path, why);
        return -1;
    }
    m->opcodes = mj_get(&m->doc, mj_root(&m->doc), "opcodes");
    if (!m->opcodes || m->opcodes->type != MJ_OBJECT) {
        snprintf(err, errlen, "%s: no \"opcodes\" object", path);
        return -1;
    }
    memset(m->prefix, 0, sizeof m->prefix);
    for (e = mj_first(&m->doc, m->opcodes); e; e = mj_next(&m->doc, e)) {
        const struct mj_node *st = mj_get(&m->doc, e, "status");
        int hi, lo;
        if (e->type != MJ_OBJECT) {
            snprintf(err, errlen, "%s: opcode \"%.8s\" is not an object", path, e->key);
            return -1;
        }
        if (e->key_len == 2 && st && st->type == MJ_STRING && strcmp(st->str, "prefix") == 0 &&
            (hi = hexdig(e->key[0])) >= 0 && (lo = hexdig(e->key[1])) >= 0)
            m->prefix[hi << 4 | lo] = 1;
    }
    return 0;
}

static int cmp_hash(const void *a, const void *b)
{
    return memcmp(a, b, 20);
}

int sst_meta_add_revocations(struct sst_meta *m, const char *text, size_t len, const char *path,
                             char *err, size_t errlen)
{
    size_t i = 0, line = 0;

    while (i < len) {
        size_t s = i, e, k;
        uint8_t h[20];
        line++;
        while (i < len && text[i] != '\n')
            i++;
        e = i;
        if (i < len)
            i++;
        while (s < e && isspace((unsigned char)text[s]))
            s++;
        while (e > s && isspace((unsigned char)text[e - 1]))
            e--;
        if (s == e || text[s] == '#')
            continue;
        if (e - s != 40) {
            snprintf(err, errlen, "%s: line %lu: expected a 40-digit SHA-1 hash", path,
                     (unsigned long)line);
            return -1;
        }
        for (k = 0; k < 20; k++) {
            int a = hexdig(text[s + 2 * k]), b = hexdig(text[s + 2 * k + 1]);
            if (a < 0 || b < 0) {
                snprintf(err, errlen, "%s: line %lu: expected a 40-digit SHA-1 hash", path,
                         (unsigned long)line);
                return -1;
            }
            h[k] = (uint8_t)(a << 4 | b);
        }
        {
            uint8_t (*nr)[20] = realloc(m->revoked, (m->nrevoked + 1) * sizeof *nr);
            if (!nr) {
                snprintf(err, errlen, "%s: out of memory", path);
                return -1;
            }
            m->revoked = nr;
            memcpy(m->revoked[m->nrevoked++], h, 20);
        }
    }
    if (m->nrevoked)
        qsort(m->revoked, m->nrevoked, 20, cmp_hash);
    return 0;
}

static void join(char *out, size_t n, const char *dir, const char *name)
{
    size_t l = strlen(dir);

    if (l && dir[l - 1] == '/')
        snprintf(out, n, "%s%s", dir, name);
    else
        snprintf(out, n, "%s/%s", dir, name);
}

int sst_meta_load(struct sst_meta *m, const char *dir, char *err, size_t errlen)
{
    char path[4096];
    const char *why = "";
    char *text;
    size_t len;
    int rc, missing;

    sst_meta_empty(m);
    join(path, sizeof path, dir, "metadata.json");
    text = slurp(path, &len, &why, &missing);
    if (!text) {
        snprintf(err, errlen, "%s: cannot read: %s", path, why);
        return -1;
    }
    rc = sst_meta_parse(m, text, len, path, err, errlen);
    free(text);
    if (rc != 0) {
        sst_meta_free(m);
        return -1;
    }
    join(path, sizeof path, dir, "revocation_list.txt");
    text = slurp(path, &len, &why, &missing);
    if (!text) {
        if (missing)
            return 0;                  /* optional: the 8086 suite has none */
        snprintf(err, errlen, "%s: cannot read: %s", path, why);
        sst_meta_free(m);
        return -1;
    }
    rc = sst_meta_add_revocations(m, text, len, path, err, errlen);
    free(text);
    if (rc != 0) {
        sst_meta_free(m);
        return -1;
    }
    return 0;
}

static void fill(const struct sst_meta *m, const struct mj_node *e, struct sst_opinfo *out)
{
    const struct mj_node *st = mj_get(&m->doc, e, "status");
    const struct mj_node *fm = mj_get(&m->doc, e, "flags-mask");

    out->found = 1;
    if (st && st->type == MJ_STRING)
        snprintf(out->status, sizeof out->status, "%s", st->str);
    if (fm && fm->type == MJ_NUMBER && fm->is_int && fm->ival >= 0 && fm->ival <= 0xFFFF)
        out->flags_mask = (uint16_t)fm->ival;
    out->by_reg = !st && mj_get(&m->doc, e, "reg") != NULL;
}

void sst_meta_lookup(const struct sst_meta *m, const char *key, int reg, struct sst_opinfo *out)
{
    const struct mj_node *e;

    memset(out, 0, sizeof *out);
    out->flags_mask = 0xFFFF;
    if (!m->opcodes)
        return;
    e = mj_get(&m->doc, m->opcodes, key);
    if (!e)
        return;
    if (reg >= 0) {
        const struct mj_node *r = mj_get(&m->doc, e, "reg");
        char rk[2] = { (char)('0' + reg), '\0' };
        const struct mj_node *re = r ? mj_get(&m->doc, r, rk) : NULL;
        if (re && re->type == MJ_OBJECT) {
            fill(m, re, out);
            return;
        }
        /* Not a group opcode: the reg suffix does not refine anything. */
        if (r)
            return;
    }
    fill(m, e, out);
}

int sst_meta_is_revoked(const struct sst_meta *m, const uint8_t hash[20])
{
    return m->nrevoked && bsearch(hash, m->revoked, m->nrevoked, 20, cmp_hash) != NULL;
}

int sst_status_runnable(const char *status)
{
    return strcmp(status, "normal") == 0 || strcmp(status, "alias") == 0 ||
           strcmp(status, "undocumented") == 0;
}

static int ends_with_ci(const char *s, size_t n, const char *suf)
{
    size_t l = strlen(suf), i;

    if (n < l)
        return 0;
    for (i = 0; i < l; i++)
        if (toupper((unsigned char)s[n - l + i]) != toupper((unsigned char)suf[i]))
            return 0;
    return 1;
}

int sst_is_moo_name(const char *base)
{
    size_t n = strlen(base);

    return ends_with_ci(base, n, ".MOO") || ends_with_ci(base, n, ".MOO.gz");
}

int sst_parse_file_name(const char *base, char key[8], int *reg)
{
    size_t n = strlen(base), i, stem;

    if (ends_with_ci(base, n, ".MOO.gz"))
        stem = n - 7;
    else if (ends_with_ci(base, n, ".MOO"))
        stem = n - 4;
    else
        return -1;
    for (i = 0; i < stem && base[i] != '.'; i++)
        if (hexdig(base[i]) < 0)
            return -1;
    if (i != 2 && i != 4)
        return -1;
    for (n = 0; n < i; n++)
        key[n] = (char)toupper((unsigned char)base[n]);
    key[i] = '\0';
    *reg = -1;
    if (i == stem)
        return 0;
    if (stem - i != 2 || base[i + 1] < '0' || base[i + 1] > '7')
        return -1;
    *reg = base[i + 1] - '0';
    return 0;
}

int sst_modrm_reg(const struct sst_meta *m, const uint8_t *bytes, uint32_t n, size_t keylen)
{
    uint32_t i = 0;

    while (i < n && m->prefix[bytes[i]])
        i++;
    i += (uint32_t)(keylen / 2);
    return i < n ? bytes[i] >> 3 & 7 : -1;
}
