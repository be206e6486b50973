/* minijson.h - a small, strict JSON reader (RFC 8259) for test metadata.
 *
 * mj_parse() copies the text, decodes strings in place and builds a tree of
 * nodes held in one array (children linked by index), so a document is two
 * allocations and lookups never allocate. Numbers keep their integer value
 * when they are integers that fit in int64_t (that is all the SingleStepTests
 * metadata needs: flag masks); other numbers are accepted and flagged. No
 * locale-dependent library call (strtod) is used. Nesting is limited to
 * MJ_MAX_DEPTH so hostile input cannot exhaust the stack. */
#ifndef TICK86_MINIJSON_H
#define TICK86_MINIJSON_H
#include <stddef.h>
#include <stdint.h>

#define MJ_MAX_DEPTH 64

enum mj_type { MJ_NULL, MJ_FALSE, MJ_TRUE, MJ_NUMBER, MJ_STRING, MJ_ARRAY, MJ_OBJECT };

struct mj_node {
    enum mj_type type;
    const char *key;             /* member name when the parent is an object */
    size_t key_len;
    const char *str;             /* MJ_STRING: decoded, NUL-terminated */
    size_t len;                  /* MJ_STRING: byte length; ARRAY/OBJECT: child count */
    int64_t ival;                /* MJ_NUMBER: value when is_int */
    int is_int;
    size_t first;                /* first child, 0 = none (node 0 is the root) */
    size_t next;                 /* next sibling, 0 = none */
};

struct mj_doc {
    char *text;                  /* owned copy, strings decoded in place */
    struct mj_node *nodes;       /* owned; nodes[0] is the root value */
    size_t n, cap;
};

/* Returns 0, or -1 with "line L, column C: problem" in err. */
int mj_parse(struct mj_doc *d, const char *text, size_t len, char *err, size_t errlen);
void mj_free(struct mj_doc *d);

static inline const struct mj_node *mj_root(const struct mj_doc *d) { return &d->nodes[0]; }
/* Member of an object by name (NULL if obj is not an object or has none). */
const struct mj_node *mj_get(const struct mj_doc *d, const struct mj_node *obj, const char *key);
/* Children in order: first, then next until NULL. */
const struct mj_node *mj_first(const struct mj_doc *d, const struct mj_node *n);
const struct mj_node *mj_next(const struct mj_doc *d, const struct mj_node *n);
#endif
