/* replay.c - reading and writing input logs (format in replay.h).
 *
 * The reader is strict: every field is checked and the first problem is
 * reported with its line number, so a log that loads is one the board can
 * take event by event. The writer only ever writes what the reader
 * accepts back unchanged (tests/tools/test_frontend.c round-trips it). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "replay.h"

static const char *const key_names[RK_COUNT] = {
    "cpu", "m", "mhz", "rtc-base", "boot", "debug-exit", "snapshot",
    "bios", "vgabios", "fda", "fdb", "hda", "hdb", "hdc", "hdd"
};

/* Bounds of the fields, as replay.h documents them. */
#define MOUSE_MAX 65535

const char *replay_key_name(enum replay_key k)
{
    return (unsigned)k < RK_COUNT ? key_names[k] : "?";
}

void replay_file_value(char out[REPLAY_VALUE_MAX], const char *path, uint64_t bytes, const char *absent)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;

    if (!path) {
        snprintf(out, REPLAY_VALUE_MAX, "%s", absent);
        return;
    }
    /* The base name: the same image from another directory is the same
     * disk, and a path would say more about the host than the guest. */
    const char *base = path, *slash;
    while ((slash = strchr(base, '/')) && slash[1])
        base = slash + 1;
    for (const char *p = base; *p && *p != '/' && o + 3 + 1 + 20 + 1 < REPLAY_VALUE_MAX; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= 0x20 || c == 0x7F || c == '%') {
            out[o++] = '%';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        } else {
            out[o++] = (char)c;
        }
    }
    snprintf(out + o, REPLAY_VALUE_MAX - o, ":%llu", (unsigned long long)bytes);
}

int replay_next_diff(const struct replay_machine *recorded, const struct replay_machine *run, int from)
{
    for (int k = from < 0 ? 0 : from; k < RK_COUNT; k++)
        if (recorded->value[k][0] && run->value[k][0] && strcmp(recorded->value[k], run->value[k]))
            return k;
    return -1;
}

/* ---- reading ---------------------------------------------------------------- */

struct tok {
    const char *s;
    size_t n;
};

/* The next space- or tab-separated field of [*p, end); 0 at the end. */
static int next_tok(const char **p, const char *end, struct tok *t)
{
    const char *q = *p;

    while (q < end && (*q == ' ' || *q == '\t'))
        q++;
    if (q == end)
        return 0;
    t->s = q;
    while (q < end && *q != ' ' && *q != '\t')
        q++;
    t->n = (size_t)(q - t->s);
    *p = q;
    return 1;
}

static int tok_is(const struct tok *t, const char *s)
{
    return t->n == strlen(s) && !memcmp(t->s, s, t->n);
}

/* Fields are quoted in messages, cut short so one line stays one line. */
#define TOKQ(t) (int)((t)->n > 40 ? 40 : (t)->n), (t)->s, ((t)->n > 40 ? "..." : "")

static int dec_u64(const struct tok *t, uint64_t *out)
{
    uint64_t v = 0;

    if (!t->n)
        return -1;
    for (size_t i = 0; i < t->n; i++) {
        unsigned d = (unsigned)(unsigned char)t->s[i] - '0';
        if (d > 9 || v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

/* An optionally negative decimal integer within [lo, hi]. */
static int dec_int(const struct tok *t, long lo, long hi, long *out)
{
    struct tok u = *t;
    uint64_t v;
    int neg = u.n && u.s[0] == '-';

    if (neg) {
        u.s++;
        u.n--;
    }
    if (u.n > 10 || dec_u64(&u, &v))
        return -1;
    int64_t s = neg ? -(int64_t)v : (int64_t)v;   /* at most 10 digits: no overflow */
    if (s < lo || s > hi)
        return -1;
    *out = (long)s;
    return 0;
}

/* 1..digits hexadecimal digits. */
static int hex_u(const struct tok *t, size_t digits, unsigned *out)
{
    unsigned v = 0;

    if (!t->n || t->n > digits)
        return -1;
    for (size_t i = 0; i < t->n; i++) {
        char c = t->s[i];
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                   : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                   : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) : 16;
        if (d > 15)
            return -1;
        v = v * 16 + d;
    }
    *out = v;
    return 0;
}

static int push_event(struct replay_log *log, const struct pc_input_rec *r)
{
    if (log->n == log->cap) {
        size_t ncap = log->cap ? log->cap * 2 : 256;
        struct pc_input_rec *nv = realloc(log->ev, ncap * sizeof *nv);
        if (!nv)
            return -1;
        log->ev = nv;
        log->cap = ncap;
    }
    log->ev[log->n++] = *r;
    return 0;
}

/* The machine line after its first field. */
static int parse_machine(struct replay_log *log, const char *p, const char *end, char *msg, size_t msglen)
{
    struct tok t;

    while (next_tok(&p, end, &t)) {
        const char *eq = memchr(t.s, '=', t.n);
        if (!eq || eq == t.s || eq + 1 == t.s + t.n) {
            snprintf(msg, msglen, "machine: expected KEY=VALUE, got \"%.*s%s\"", TOKQ(&t));
            return -1;
        }
        struct tok key = { t.s, (size_t)(eq - t.s) }, val = { eq + 1, t.n - key.n - 1 };
        int k;
        for (k = 0; k < RK_COUNT && !tok_is(&key, key_names[k]); k++)
            ;
        if (k == RK_COUNT) {
            snprintf(msg, msglen, "machine: unknown key \"%.*s%s\"", TOKQ(&key));
            return -1;
        }
        if (log->machine.value[k][0]) {
            snprintf(msg, msglen, "machine: %s given twice", key_names[k]);
            return -1;
        }
        if (val.n >= REPLAY_VALUE_MAX) {
            snprintf(msg, msglen, "machine: the value of %s is too long", key_names[k]);
            return -1;
        }
        memcpy(log->machine.value[k], val.s, val.n);
        log->machine.value[k][val.n] = 0;
    }
    return 0;
}

/* One event line. prev is the cycle of the event before (0 at first). */
static int parse_event(struct replay_log *log, const char *p, const char *end, uint64_t prev,
                       char *msg, size_t msglen)
{
    struct tok t, kind, f[4];
    struct pc_input_rec r;
    unsigned nf = 0;
    uint64_t cycle;

    memset(&r, 0, sizeof r);
    next_tok(&p, end, &t);           /* the caller saw a non-blank line */
    if (dec_u64(&t, &cycle)) {
        snprintf(msg, msglen, "bad cycle number \"%.*s%s\"", TOKQ(&t));
        return -1;
    }
    if (cycle < prev) {
        snprintf(msg, msglen, "cycle %llu is before the previous event's cycle %llu",
                 (unsigned long long)cycle, (unsigned long long)prev);
        return -1;
    }
    if (!next_tok(&p, end, &kind)) {
        snprintf(msg, msglen, "expected \"CYCLE key|mouse|serial ...\" after the cycle");
        return -1;
    }
    while (nf < 4 && next_tok(&p, end, &f[nf]))
        nf++;
    r.cycle = cycle;

    if (tok_is(&kind, "key")) {
        unsigned code;
        if (nf != 2) {
            snprintf(msg, msglen, "key: expected \"CYCLE key CODE down|up\"");
            return -1;
        }
        if (hex_u(&f[0], 4, &code)) {
            snprintf(msg, msglen, "key: bad CODE \"%.*s%s\" (hex 0..FFFF)", TOKQ(&f[0]));
            return -1;
        }
        if (!tok_is(&f[1], "down") && !tok_is(&f[1], "up")) {
            snprintf(msg, msglen, "key: expected down or up, got \"%.*s%s\"", TOKQ(&f[1]));
            return -1;
        }
        r.ev.kind = PC_IN_KEY;
        r.ev.key = (uint16_t)code;
        r.ev.down = tok_is(&f[1], "down");
    } else if (tok_is(&kind, "mouse")) {
        static const char *const names[3] = { "DX", "DY", "BUTTONS" };
        static const char *const ranges[3] = { "-65535..65535", "-65535..65535", "0..7" };
        long v[3];
        if (nf != 3) {
            snprintf(msg, msglen, "mouse: expected \"CYCLE mouse DX DY BUTTONS\"");
            return -1;
        }
        for (int i = 0; i < 3; i++)
            if (dec_int(&f[i], i < 2 ? -MOUSE_MAX : 0, i < 2 ? MOUSE_MAX : 7, &v[i])) {
                snprintf(msg, msglen, "mouse: bad %s \"%.*s%s\" (%s)", names[i], TOKQ(&f[i]), ranges[i]);
                return -1;
            }
        r.ev.kind = PC_IN_MOUSE;
        r.ev.dx = (int)v[0];
        r.ev.dy = (int)v[1];
        r.ev.buttons = (int)v[2];
    } else if (tok_is(&kind, "serial")) {
        long com;
        unsigned byte;
        if (nf != 2) {
            snprintf(msg, msglen, "serial: expected \"CYCLE serial COM BYTE\"");
            return -1;
        }
        if (dec_int(&f[0], 0, 1, &com)) {
            snprintf(msg, msglen, "serial: bad COM \"%.*s%s\" (0 or 1)", TOKQ(&f[0]));
            return -1;
        }
        if (hex_u(&f[1], 2, &byte)) {
            snprintf(msg, msglen, "serial: bad BYTE \"%.*s%s\" (hex 00..FF)", TOKQ(&f[1]));
            return -1;
        }
        r.ev.kind = PC_IN_SERIAL;
        r.ev.com = (int)com;
        r.ev.byte = (uint8_t)byte;
    } else {
        snprintf(msg, msglen, "unknown event \"%.*s%s\" (key, mouse or serial)", TOKQ(&kind));
        return -1;
    }
    if (push_event(log, &r)) {
        snprintf(msg, msglen, "out of memory");
        return -1;
    }
    return 0;
}

int replay_parse(struct replay_log *log, const char *name, const char *text, size_t len,
                 char *err, size_t errlen)
{
    const char *p = text, *end = text + len;
    unsigned long line = 0;
    int have_machine = 0;
    uint64_t prev = 0;
    char msg[200];

    replay_free(log);
    while (p < end || line == 0) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *next = eol ? eol + 1 : end;
        const char *le = eol ? eol : end;
        struct tok first;
        line++;
        if (le > p && le[-1] == '\r')
            le--;
        if (memchr(p, 0, (size_t)(le - p))) {
            snprintf(msg, sizeof msg, "a NUL byte: this is not a text file");
            goto fail;
        }
        if (line == 1) {
            /* "tick86-input N", nothing else. */
            struct tok t, v, more;
            const char *q = p;
            uint64_t ver;
            if (!next_tok(&q, le, &t) || !tok_is(&t, "tick86-input") || !next_tok(&q, le, &v)
                || dec_u64(&v, &ver) || next_tok(&q, le, &more)) {
                snprintf(msg, sizeof msg, "expected \"tick86-input %d\" (not a tick86 input log)", REPLAY_VERSION);
                goto fail;
            }
            if (ver != REPLAY_VERSION) {
                snprintf(msg, sizeof msg, "format version %.*s%s is not supported (this tick86 reads %d)",
                         TOKQ(&v), REPLAY_VERSION);
                goto fail;
            }
            p = next;
            continue;
        }
        const char *q = p;
        p = next;
        if (!next_tok(&q, le, &first) || first.s[0] == '#')
            continue;
        if (!have_machine) {
            if (!tok_is(&first, "machine")) {
                snprintf(msg, sizeof msg, "expected the machine line (\"machine KEY=VALUE ...\")");
                goto fail;
            }
            if (parse_machine(log, q, le, msg, sizeof msg))
                goto fail;
            have_machine = 1;
            continue;
        }
        if (parse_event(log, first.s, le, prev, msg, sizeof msg))
            goto fail;
        prev = log->ev[log->n - 1].cycle;
    }
    if (!have_machine) {
        snprintf(msg, sizeof msg, "the file ends before the machine line");
        goto fail;
    }
    return 0;
fail:
    snprintf(err, errlen, "%s:%lu: %s", name, line, msg);
    replay_free(log);
    return -1;
}

int replay_load(struct replay_log *log, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0;

    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            char *nb = ncap > cap ? realloc(buf, ncap) : NULL;
            if (!nb) {
                snprintf(err, errlen, "%s: out of memory", path);
                goto fail;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        goto fail;
    }
    fclose(f);
    int r = replay_parse(log, path, buf, len, err, errlen);
    free(buf);
    return r;
fail:
    fclose(f);
    free(buf);
    return -1;
}

void replay_free(struct replay_log *log)
{
    free(log->ev);
    memset(log, 0, sizeof *log);
}

/* ---- writing ------------------------------------------------------------------ */

int replay_write(FILE *f, const struct replay_machine *m, const struct pc_input_rec *ev, size_t n)
{
    fprintf(f, "tick86-input %d\nmachine", REPLAY_VERSION);
    for (int k = 0; k < RK_COUNT; k++)
        if (m->value[k][0])
            fprintf(f, " %s=%s", key_names[k], m->value[k]);
    fprintf(f, "\n# CYCLE key CODE down|up | CYCLE mouse DX DY BUTTONS | CYCLE serial COM BYTE\n");
    for (size_t i = 0; i < n; i++) {
        const struct pc_input *e = &ev[i].ev;
        unsigned long long c = (unsigned long long)ev[i].cycle;
        switch (e->kind) {
        case PC_IN_KEY:
            fprintf(f, e->key > 0xFF ? "%llu key %04X %s\n" : "%llu key %02X %s\n", c, (unsigned)e->key,
                    e->down ? "down" : "up");
            break;
        case PC_IN_MOUSE:
            fprintf(f, "%llu mouse %d %d %d\n", c, e->dx, e->dy, e->buttons);
            break;
        case PC_IN_SERIAL:
            fprintf(f, "%llu serial %d %02X\n", c, e->com, (unsigned)e->byte);
            break;
        }
    }
    return fflush(f) || ferror(f) ? -1 : 0;
}

int replay_out_open(struct replay_out *o, const char *path, char *err, size_t errlen)
{
    static const char suffix[] = ".tmp-XXXXXX";
    size_t n = strlen(path);

    memset(o, 0, sizeof *o);
    o->path = malloc(n + 1);
    o->tmp = malloc(n + sizeof suffix);
    if (!o->path || !o->tmp) {
        snprintf(err, errlen, "%s: out of memory", path);
        goto fail;
    }
    memcpy(o->path, path, n + 1);
    memcpy(o->tmp, path, n);
    memcpy(o->tmp + n, suffix, sizeof suffix);
    /* In the same directory, so the rename at the end cannot cross file
     * systems and is atomic (POSIX rename()). */
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        goto fail;
    }
    /* mkstemp makes the file 0600; a log is as readable as any file the
     * user creates. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    o->f = fdopen(fd, "w");
    if (!o->f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        close(fd);
        remove(o->tmp);
        goto fail;
    }
    return 0;
fail:
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
    return -1;
}

int replay_out_commit(struct replay_out *o, const struct replay_machine *m, const struct pc_input_rec *ev,
                      size_t n, char *err, size_t errlen)
{
    int bad = replay_write(o->f, m, ev, n);
    int e = errno;

    if (fclose(o->f) && !bad) {
        bad = 1;
        e = errno;
    }
    o->f = NULL;
    if (!bad && rename(o->tmp, o->path)) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        snprintf(err, errlen, "%s: not written: %s", o->path, strerror(e));
        remove(o->tmp);
    }
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
    return bad ? -1 : 0;
}

void replay_out_abort(struct replay_out *o)
{
    if (o->f) {
        fclose(o->f);
        remove(o->tmp);
    }
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}
