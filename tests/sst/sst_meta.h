/* sst_meta.h - what a SingleStepTests folder says about its tests beyond
 * the MOO files: metadata.json (status and undefined-flags mask of each
 * opcode and group-opcode reg field) and revocation_list.txt (hashes of
 * tests known to be wrong), plus the mapping from a file name such as
 * "F6.4.MOO.gz" or "0F01.MOO" to its metadata key. */
#ifndef TICK86_SST_META_H
#define TICK86_SST_META_H
#include <stddef.h>
#include <stdint.h>

#include "minijson.h"

struct sst_meta {
    struct mj_doc doc;
    const struct mj_node *opcodes;   /* the "opcodes" object, NULL without metadata */
    uint8_t prefix[256];             /* 1 = status "prefix" (segment, LOCK, REP) */
    uint8_t (*revoked)[20];          /* sorted SHA-1 hashes */
    size_t nrevoked;
};

/* What metadata says about one opcode (or one reg of a group opcode). */
struct sst_opinfo {
    int found;                       /* 0: no entry (status "", mask FFFF) */
    char status[16];                 /* "normal", "alias", "undefined", ... */
    uint16_t flags_mask;             /* AND with both FLAGS values; FFFF if none */
    int by_reg;                      /* the entry has no status of its own, only "reg" */
};

/* Load dir/metadata.json (required) and dir/revocation_list.txt (optional).
 * Returns 0, or -1 with "FILE: problem" in err. */
int sst_meta_load(struct sst_meta *m, const char *dir, char *err, size_t errlen);
/* An empty metadata: every opcode unknown (compared unmasked), nothing revoked. */
void sst_meta_empty(struct sst_meta *m);
void sst_meta_free(struct sst_meta *m);

/* Parse one revocation list text (for tests); appends to m. */
int sst_meta_add_revocations(struct sst_meta *m, const char *text, size_t len, const char *path,
                             char *err, size_t errlen);
/* Load metadata from JSON text (for tests); path only names it in errors. */
int sst_meta_parse(struct sst_meta *m, const char *text, size_t len, const char *path,
                   char *err, size_t errlen);

/* key is the opcode in upper-case hex ("F6", "0F01"); reg is 0..7 or -1. */
void sst_meta_lookup(const struct sst_meta *m, const char *key, int reg, struct sst_opinfo *out);
int sst_meta_is_revoked(const struct sst_meta *m, const uint8_t hash[20]);
/* Statuses the runner executes: normal, alias, undocumented. */
int sst_status_runnable(const char *status);

/* Split a test file's base name "KEY[.REG].MOO[.gz]" (KEY: 2 or 4 hex digits,
 * REG: one digit 0-7). Returns 0 and the upper-cased key and reg (-1 when
 * absent), or -1 when the name has another form. */
int sst_parse_file_name(const char *base, char key[8], int *reg);
/* 1 if the name ends in .MOO or .MOO.gz (any case). */
int sst_is_moo_name(const char *base);

/* The ModR/M reg field of a test's instruction, skipping the prefix bytes
 * metadata declares and the opcode's keylen/2 bytes; -1 if too short. */
int sst_modrm_reg(const struct sst_meta *m, const uint8_t *bytes, uint32_t n, size_t keylen);
#endif
