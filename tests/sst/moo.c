/* moo.c - reader for SingleStepTests MOO files (see moo.h for the contract,
 * ../shared/sst/README.md for the format).
 *
 * Files are read through zlib's gzread, which passes plain (uncompressed)
 * files through unchanged, so .MOO and .MOO.gz need no separate paths. */
#include "moo.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Refuse absurd inputs before allocating for them: the largest upstream
 * file decompresses to a few tens of MiB. */
#define MOO_MAX_FILE (1024u * 1024u * 1024u)

static const char *const reg_names[MOO_NREGS] = {
    "ax", "bx", "cx", "dx", "cs", "ss", "ds", "es", "sp", "bp", "si", "di", "ip", "flags"
};

const char *moo_reg_name(enum moo_reg r)
{
    return (unsigned)r < MOO_NREGS ? reg_names[r] : "?";
}

static uint32_t rd16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void fail(char *err, size_t errlen, const char *path, const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (err && errlen)
        snprintf(err, errlen, "%s: %s", path, msg);
}

/* Chunk header at buf[off], inside [off, end). Returns 0 and fills tag, body
 * offset and body length, or -1 when the header or body runs past end. */
static int chunk_at(const uint8_t *buf, size_t off, size_t end, char tag[5], size_t *body,
                    size_t *blen)
{
    uint32_t n;

    if (end - off < 8)
        return -1;
    memcpy(tag, buf + off, 4);
    tag[4] = '\0';
    n = rd32(buf + off + 4);
    if (n > end - off - 8)
        return -1;
    *body = off + 8;
    *blen = n;
    return 0;
}

/* Printable form of a tag for messages (binary junk shows as '?'). */
static const char *tag_text(char tag[5])
{
    int i;

    for (i = 0; i < 4; i++)
        if (tag[i] < 0x20 || tag[i] > 0x7e)
            tag[i] = '?';
    return tag;
}

static int check_top(struct moo_file *f, char *err, size_t errlen)
{
    size_t off, body, blen;
    char tag[5];

    if (f->len < 8 || memcmp(f->buf, "MOO ", 4) != 0) {
        fail(err, errlen, f->path, "not a MOO file (bad magic)");
        return -1;
    }
    if (chunk_at(f->buf, 0, f->len, tag, &body, &blen) != 0 || blen < 12) {
        fail(err, errlen, f->path, "truncated MOO header chunk");
        return -1;
    }
    f->version = f->buf[body];
    f->count = rd32(f->buf + body + 4);
    memcpy(f->cpu, f->buf + body + 8, 4);
    f->cpu[4] = '\0';
    f->ntests = 0;
    for (off = body + blen; off < f->len; off = body + blen) {
        if (chunk_at(f->buf, off, f->len, tag, &body, &blen) != 0) {
            fail(err, errlen, f->path, "truncated chunk at offset 0x%lx (after %lu tests)",
                 (unsigned long)off, (unsigned long)f->ntests);
            return -1;
        }
        if (memcmp(tag, "TEST", 4) == 0)
            f->ntests++;
    }
    if (f->ntests != f->count) {
        fail(err, errlen, f->path, "header says %lu tests but the file holds %lu",
             (unsigned long)f->count, (unsigned long)f->ntests);
        return -1;
    }
    f->next = 8 + rd32(f->buf + 4);
    f->pos = 0;
    return 0;
}

int moo_open_mem(struct moo_file *f, const char *path, const uint8_t *data, size_t len,
                 char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    f->path = path;
    f->buf = malloc(len ? len : 1);
    if (!f->buf) {
        fail(err, errlen, path, "out of memory");
        return -1;
    }
    if (len)
        memcpy(f->buf, data, len);
    f->len = len;
    if (check_top(f, err, errlen) != 0) {
        moo_close(f);
        return -1;
    }
    return 0;
}

int moo_open(struct moo_file *f, const char *path, char *err, size_t errlen)
{
    gzFile gz;
    size_t cap = 1u << 20, len = 0;
    uint8_t *buf;
    int n, zerr;
    const char *zmsg;

    memset(f, 0, sizeof *f);
    f->path = path;
    errno = 0;
    gz = gzopen(path, "rb");
    if (!gz) {
        fail(err, errlen, path, "cannot open: %s", errno ? strerror(errno) : "out of memory");
        return -1;
    }
    buf = malloc(cap);
    if (!buf) {
        gzclose(gz);
        fail(err, errlen, path, "out of memory");
        return -1;
    }
    for (;;) {
        if (len == cap) {
            uint8_t *nb;
            if (cap >= MOO_MAX_FILE) {
                free(buf);
                gzclose(gz);
                fail(err, errlen, path, "larger than %u MiB decompressed", MOO_MAX_FILE >> 20);
                return -1;
            }
            nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                gzclose(gz);
                fail(err, errlen, path, "out of memory");
                return -1;
            }
            buf = nb;
            cap *= 2;
        }
        n = gzread(gz, buf + len, (unsigned)(cap - len));
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    /* A short gzip stream reads as EOF with Z_BUF_ERROR pending. */
    zmsg = gzerror(gz, &zerr);
    if (n < 0 || (zerr != Z_OK && zerr != Z_STREAM_END)) {
        char why[128];
        if (zerr == Z_ERRNO)
            snprintf(why, sizeof why, "read error: %s", strerror(errno));
        else {
            /* zlib prefixes its message with the path; we already do. */
            size_t pl = strlen(path);
            if (zmsg && strncmp(zmsg, path, pl) == 0 && zmsg[pl] == ':' && zmsg[pl + 1] == ' ')
                zmsg += pl + 2;
            snprintf(why, sizeof why, "bad gzip data: %s", zmsg && *zmsg ? zmsg : "unknown error");
        }
        free(buf);
        gzclose(gz);
        fail(err, errlen, path, "%s", why);
        return -1;
    }
    gzclose(gz);
    f->buf = buf;
    f->len = len;
    if (check_top(f, err, errlen) != 0) {
        moo_close(f);
        return -1;
    }
    return 0;
}

void moo_close(struct moo_file *f)
{
    free(f->buf);
    f->buf = NULL;
    f->len = 0;
}

/* Counted blob `len:u32 bytes[len]` (NAME, BYTS, QUEU). */
static int counted(const uint8_t *buf, size_t body, size_t blen, const uint8_t **p, uint32_t *n)
{
    uint32_t c;

    if (blen < 4)
        return -1;
    c = rd32(buf + body);
    if (c > blen - 4)
        return -1;
    *p = buf + body + 4;
    *n = c;
    return 0;
}

/* INIT or FINA: REGS, RAM, QUEU sub-chunks. Returns NULL or what is wrong. */
static const char *parse_state(const uint8_t *buf, size_t off, size_t end, struct moo_state *s)
{
    size_t body, blen;
    char tag[5];

    memset(s, 0, sizeof *s);
    while (off < end) {
        if (chunk_at(buf, off, end, tag, &body, &blen) != 0)
            return "truncated sub-chunk";
        if (memcmp(tag, "REGS", 4) == 0) {
            unsigned i, need = 2;
            uint32_t mask;
            if (blen < 2)
                return "truncated REGS";
            mask = rd16(buf + body);
            if (mask >> MOO_NREGS)
                return "REGS mask names unknown registers";
            for (i = 0; i < MOO_NREGS; i++)
                if (mask >> i & 1)
                    need += 2;
            if (blen < need)
                return "truncated REGS";
            s->mask = (uint16_t)mask;
            need = 2;
            for (i = 0; i < MOO_NREGS; i++)
                if (mask >> i & 1) {
                    s->regs[i] = (uint16_t)rd16(buf + body + need);
                    need += 2;
                }
        } else if (memcmp(tag, "RAM ", 4) == 0) {
            uint32_t n;
            if (blen < 4)
                return "truncated RAM";
            n = rd32(buf + body);
            if ((uint64_t)n * MOO_RAM_ENTRY > blen - 4)
                return "truncated RAM";
            s->nram = n;
            s->ram = buf + body + 4;
        } else if (memcmp(tag, "QUEU", 4) == 0) {
            if (counted(buf, body, blen, &s->queue, &s->nqueue) != 0)
                return "truncated QUEU";
        }
        off = body + blen;
    }
    return NULL;
}

int moo_next(struct moo_file *f, struct moo_test *t, char *err, size_t errlen)
{
    size_t off, body, blen, sb, sl, end;
    char tag[5];
    const char *why = NULL;
    int have_init = 0, have_fina = 0;

    for (;;) {
        if (f->next >= f->len)
            return 0;
        if (chunk_at(f->buf, f->next, f->len, tag, &body, &blen) != 0) {
            /* check_top walked the same chunks; only a caller that changed
             * the buffer gets here. */
            fail(err, errlen, f->path, "truncated chunk at offset 0x%lx", (unsigned long)f->next);
            return -1;
        }
        f->next = body + blen;
        if (memcmp(tag, "TEST", 4) == 0)
            break;
    }
    memset(t, 0, sizeof *t);
    t->pos = f->pos++;
    if (blen < 4) {
        why = "TEST chunk too short for its index";
        goto bad;
    }
    t->index = rd32(f->buf + body);
    end = body + blen;
    for (off = body + 4; off < end; off = sb + sl) {
        const uint8_t *p;
        if (chunk_at(f->buf, off, end, tag, &sb, &sl) != 0) {
            why = "truncated sub-chunk";
            goto bad;
        }
        if (memcmp(tag, "NAME", 4) == 0) {
            if (counted(f->buf, sb, sl, &p, &t->name_len) != 0) {
                why = "truncated NAME";
                goto bad;
            }
            t->name = (const char *)p;
        } else if (memcmp(tag, "BYTS", 4) == 0) {
            if (counted(f->buf, sb, sl, &t->bytes, &t->nbytes) != 0) {
                why = "truncated BYTS";
                goto bad;
            }
        } else if (memcmp(tag, "INIT", 4) == 0 || memcmp(tag, "FINA", 4) == 0) {
            int init = tag[0] == 'I';
            why = parse_state(f->buf, sb, sb + sl, init ? &t->init : &t->fina);
            if (why)
                goto bad_state;
            if (init)
                have_init = 1;
            else
                have_fina = 1;
        } else if (memcmp(tag, "CYCL", 4) == 0) {
            uint32_t n;
            if (sl < 4) {
                why = "truncated CYCL";
                goto bad;
            }
            n = rd32(f->buf + sb);
            if ((uint64_t)n * MOO_CYCLE_RECORD > sl - 4) {
                why = "truncated CYCL";
                goto bad;
            }
            t->ncycles = n;
            t->cycles = f->buf + sb + 4;
        } else if (memcmp(tag, "EXCP", 4) == 0) {
            if (sl < 5) {
                why = "truncated EXCP";
                goto bad;
            }
            t->has_excp = 1;
            t->excp = f->buf[sb];
            t->excp_flags_addr = rd32(f->buf + sb + 1);
        } else if (memcmp(tag, "HASH", 4) == 0) {
            if (sl < 20) {
                why = "truncated HASH";
                goto bad;
            }
            t->has_hash = 1;
            memcpy(t->hash, f->buf + sb, 20);
        }
        /* GMET and anything newer: not needed to run the test. */
    }
    if (!have_init || !have_fina) {
        why = have_init ? "no FINA state" : "no INIT state";
        goto bad;
    }
    return 1;

bad_state:
    fail(err, errlen, f->path, "test %lu (offset 0x%lx): %s state: %s", (unsigned long)t->pos,
         (unsigned long)(sb - 8), tag_text(tag), why);
    return -1;
bad:
    fail(err, errlen, f->path, "test %lu (offset 0x%lx): %s", (unsigned long)t->pos,
         (unsigned long)(body - 8), why);
    return -1;
}
