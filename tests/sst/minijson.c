/* minijson.c - recursive-descent JSON reader (see minijson.h). */
#include "minijson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mj_parser {
    struct mj_doc *d;
    char *p, *end;
    char *err;
    size_t errlen;
    int failed;
};

static void mj_fail(struct mj_parser *ps, const char *what)
{
    const char *q;
    unsigned long line = 1, col = 1;

    if (ps->failed)
        return;
    ps->failed = 1;
    for (q = ps->d->text; q < ps->p; q++) {
        if (*q == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    if (ps->err && ps->errlen)
        snprintf(ps->err, ps->errlen, "line %lu, column %lu: %s", line, col, what);
}

static void skip_ws(struct mj_parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' ||
                               *ps->p == '\r'))
        ps->p++;
}

static size_t new_node(struct mj_parser *ps, enum mj_type type)
{
    struct mj_doc *d = ps->d;

    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        struct mj_node *nn = realloc(d->nodes, cap * sizeof *nn);
        if (!nn) {
            mj_fail(ps, "out of memory");
            return 0;
        }
        d->nodes = nn;
        d->cap = cap;
    }
    memset(&d->nodes[d->n], 0, sizeof d->nodes[0]);
    d->nodes[d->n].type = type;
    return d->n++;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int hex4(struct mj_parser *ps, unsigned *out)
{
    unsigned v = 0;
    int i, h;

    if (ps->end - ps->p < 4) {
        mj_fail(ps, "truncated \\u escape");
        return -1;
    }
    for (i = 0; i < 4; i++) {
        h = hexval(ps->p[i]);
        if (h < 0) {
            mj_fail(ps, "bad \\u escape");
            return -1;
        }
        v = v << 4 | (unsigned)h;
    }
    ps->p += 4;
    *out = v;
    return 0;
}

/* Decodes the string starting at the opening quote into the same storage
 * (a decoded string is never longer than its source) and NUL-terminates it
 * where the closing quote was or earlier. */
static int parse_string(struct mj_parser *ps, const char **out, size_t *outlen)
{
    char *w, *start;

    ps->p++;                                   /* opening quote */
    start = w = ps->p;
    for (;;) {
        unsigned char c;
        if (ps->p >= ps->end) {
            mj_fail(ps, "unterminated string");
            return -1;
        }
        c = (unsigned char)*ps->p;
        if (c == '"')
            break;
        if (c < 0x20) {
            mj_fail(ps, "control character in string");
            return -1;
        }
        if (c != '\\') {
            *w++ = (char)c;
            ps->p++;
            continue;
        }
        ps->p++;
        if (ps->p >= ps->end) {
            mj_fail(ps, "unterminated string");
            return -1;
        }
        c = (unsigned char)*ps->p++;
        switch (c) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '/': *w++ = '/'; break;
        case 'b': *w++ = '\b'; break;
        case 'f': *w++ = '\f'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        case 't': *w++ = '\t'; break;
        case 'u': {
            unsigned cp, lo;
            if (hex4(ps, &cp) != 0)
                return -1;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u') {
                    mj_fail(ps, "unpaired surrogate");
                    return -1;
                }
                ps->p += 2;
                if (hex4(ps, &lo) != 0)
                    return -1;
                if (lo < 0xDC00 || lo > 0xDFFF) {
                    mj_fail(ps, "unpaired surrogate");
                    return -1;
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                mj_fail(ps, "unpaired surrogate");
                return -1;
            }
            /* UTF-8 of cp fits in the 6 or 12 source bytes just consumed. */
            if (cp < 0x80) {
                *w++ = (char)cp;
            } else if (cp < 0x800) {
                *w++ = (char)(0xC0 | cp >> 6);
                *w++ = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                *w++ = (char)(0xE0 | cp >> 12);
                *w++ = (char)(0x80 | (cp >> 6 & 0x3F));
                *w++ = (char)(0x80 | (cp & 0x3F));
            } else {
                *w++ = (char)(0xF0 | cp >> 18);
                *w++ = (char)(0x80 | (cp >> 12 & 0x3F));
                *w++ = (char)(0x80 | (cp >> 6 & 0x3F));
                *w++ = (char)(0x80 | (cp & 0x3F));
            }
            break;
        }
        default:
            ps->p--;
            mj_fail(ps, "bad escape in string");
            return -1;
        }
    }
    ps->p++;                                   /* closing quote */
    *w = '\0';
    *out = start;
    *outlen = (size_t)(w - start);
    return 0;
}

static int parse_number(struct mj_parser *ps, struct mj_node *n)
{
    int neg = 0, overflow = 0, digits = 0;
    uint64_t v = 0;

    if (*ps->p == '-') {
        neg = 1;
        ps->p++;
    }
    if (ps->p < ps->end && *ps->p == '0') {
        ps->p++;
        digits = 1;
    } else {
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
            unsigned dgt = (unsigned)(*ps->p - '0');
            if (v > (UINT64_MAX - dgt) / 10)
                overflow = 1;
            else
                v = v * 10 + dgt;
            ps->p++;
            digits++;
        }
    }
    if (!digits) {
        mj_fail(ps, "bad number");
        return -1;
    }
    n->is_int = !overflow && v <= (uint64_t)INT64_MAX;
    if (n->is_int)
        n->ival = neg ? -(int64_t)v : (int64_t)v;
    if (ps->p < ps->end && *ps->p == '.') {
        ps->p++;
        n->is_int = 0;
        if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') {
            mj_fail(ps, "bad number");
            return -1;
        }
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
            ps->p++;
    }
    if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
        ps->p++;
        n->is_int = 0;
        if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
            ps->p++;
        if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') {
            mj_fail(ps, "bad number");
            return -1;
        }
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
            ps->p++;
    }
    return 0;
}

static int literal(struct mj_parser *ps, const char *word)
{
    size_t l = strlen(word);

    if ((size_t)(ps->end - ps->p) < l || memcmp(ps->p, word, l) != 0) {
        mj_fail(ps, "unexpected character");
        return -1;
    }
    ps->p += l;
    return 0;
}

static int parse_value(struct mj_parser *ps, size_t *out, int depth);

/* Array or object body; the opening bracket is at ps->p. */
static int parse_container(struct mj_parser *ps, size_t self, int depth, int is_obj)
{
    char close = is_obj ? '}' : ']';
    size_t prev = 0, count = 0;

    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        return 0;
    }
    for (;;) {
        const char *key = NULL;
        size_t key_len = 0, child;

        skip_ws(ps);
        if (is_obj) {
            if (ps->p >= ps->end || *ps->p != '"') {
                mj_fail(ps, "expected a member name");
                return -1;
            }
            if (parse_string(ps, &key, &key_len) != 0)
                return -1;
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') {
                mj_fail(ps, "expected ':'");
                return -1;
            }
            ps->p++;
        }
        if (parse_value(ps, &child, depth + 1) != 0)
            return -1;
        ps->d->nodes[child].key = key;
        ps->d->nodes[child].key_len = key_len;
        if (prev)
            ps->d->nodes[prev].next = child;
        else
            ps->d->nodes[self].first = child;
        prev = child;
        count++;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            ps->d->nodes[self].len = count;
            return 0;
        }
        mj_fail(ps, is_obj ? "expected ',' or '}'" : "expected ',' or ']'");
        return -1;
    }
}

static int parse_value(struct mj_parser *ps, size_t *out, int depth)
{
    size_t self;

    if (depth > MJ_MAX_DEPTH) {
        mj_fail(ps, "nested too deeply");
        return -1;
    }
    skip_ws(ps);
    if (ps->p >= ps->end) {
        mj_fail(ps, "unexpected end of input");
        return -1;
    }
    switch (*ps->p) {
    case '{':
    case '[': {
        int is_obj = *ps->p == '{';
        self = new_node(ps, is_obj ? MJ_OBJECT : MJ_ARRAY);
        if (ps->failed)
            return -1;
        *out = self;
        return parse_container(ps, self, depth, is_obj);
    }
    case '"': {
        const char *s;
        size_t l;
        self = new_node(ps, MJ_STRING);
        if (ps->failed || parse_string(ps, &s, &l) != 0)
            return -1;
        ps->d->nodes[self].str = s;
        ps->d->nodes[self].len = l;
        *out = self;
        return 0;
    }
    case 't':
        self = new_node(ps, MJ_TRUE);
        *out = self;
        return ps->failed ? -1 : literal(ps, "true");
    case 'f':
        self = new_node(ps, MJ_FALSE);
        *out = self;
        return ps->failed ? -1 : literal(ps, "false");
    case 'n':
        self = new_node(ps, MJ_NULL);
        *out = self;
        return ps->failed ? -1 : literal(ps, "null");
    default:
        if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9')) {
            self = new_node(ps, MJ_NUMBER);
            if (ps->failed)
                return -1;
            *out = self;
            return parse_number(ps, &ps->d->nodes[self]);
        }
        mj_fail(ps, "unexpected character");
        return -1;
    }
}

int mj_parse(struct mj_doc *d, const char *text, size_t len, char *err, size_t errlen)
{
    struct mj_parser ps;
    size_t root;

    memset(d, 0, sizeof *d);
    d->text = malloc(len + 1);
    if (!d->text) {
        if (err && errlen)
            snprintf(err, errlen, "out of memory");
        return -1;
    }
    memcpy(d->text, text, len);
    d->text[len] = '\0';
    ps.d = d;
    ps.p = d->text;
    ps.end = d->text + len;
    ps.err = err;
    ps.errlen = errlen;
    ps.failed = 0;
    if (parse_value(&ps, &root, 0) == 0) {
        skip_ws(&ps);
        if (ps.p != ps.end)
            mj_fail(&ps, "text after the JSON value");
    }
    if (ps.failed) {
        mj_free(d);
        return -1;
    }
    return 0;
}

void mj_free(struct mj_doc *d)
{
    free(d->text);
    free(d->nodes);
    memset(d, 0, sizeof *d);
}

const struct mj_node *mj_first(const struct mj_doc *d, const struct mj_node *n)
{
    if (!n || (n->type != MJ_ARRAY && n->type != MJ_OBJECT) || !n->first)
        return NULL;
    return &d->nodes[n->first];
}

const struct mj_node *mj_next(const struct mj_doc *d, const struct mj_node *n)
{
    return n && n->next ? &d->nodes[n->next] : NULL;
}

const struct mj_node *mj_get(const struct mj_doc *d, const struct mj_node *obj, const char *key)
{
    const struct mj_node *c;
    size_t kl = strlen(key);

    if (!obj || obj->type != MJ_OBJECT)
        return NULL;
    for (c = mj_first(d, obj); c; c = mj_next(d, c))
        if (c->key_len == kl && memcmp(c->key, key, kl) == 0)
            return c;
    return NULL;
}
