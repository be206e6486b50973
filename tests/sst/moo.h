/* moo.h - reader for the MOO test-vector format of Daniel Balsom's
 * SingleStepTests suites (8086, 80286).
 *
 * The format (../shared/sst/README.md, "The MOO format") is a flat list of
 * little-endian chunks `tag[4] length:u32 body`; a TEST chunk holds
 * sub-chunks, and its INIT/FINA sub-chunks hold a third level. moo_open()
 * reads the whole (gzip or plain) file into memory and checks the top level;
 * moo_next() decodes one TEST at a time. A decoded test points into the
 * file buffer (zero-copy), so it lives until moo_close(). Every length is
 * checked against its enclosing chunk: a truncated or inconsistent file gives
 * one error line that names the file and the byte offset, never a read past
 * the buffer. Multi-byte fields are assembled byte by byte, so the host's
 * byte order and alignment never matter. */
#ifndef TICK86_MOO_H
#define TICK86_MOO_H
#include <stddef.h>
#include <stdint.h>

/* Register order of the REGS sub-chunk (bit n of the mask = register n). */
enum moo_reg {
    MOO_AX, MOO_BX, MOO_CX, MOO_DX, MOO_CS, MOO_SS, MOO_DS, MOO_ES,
    MOO_SP, MOO_BP, MOO_SI, MOO_DI, MOO_IP, MOO_FLAGS, MOO_NREGS
};
const char *moo_reg_name(enum moo_reg r);   /* "ax" ... "flags" */

#define MOO_RAM_ENTRY 5u         /* address:u32 value:u8 */
#define MOO_CYCLE_RECORD 15u     /* bytes per CYCL record */

struct moo_state {
    uint16_t mask;               /* which regs[] are present */
    uint16_t regs[MOO_NREGS];
    uint32_t nram;               /* entries at ram: MOO_RAM_ENTRY bytes each */
    const uint8_t *ram;
    uint32_t nqueue;             /* 8086 prefetch queue (QUEU), may be 0 */
    const uint8_t *queue;
};

static inline uint32_t moo_ram_addr(const struct moo_state *s, uint32_t i)
{
    const uint8_t *p = s->ram + (size_t)i * MOO_RAM_ENTRY;
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint8_t moo_ram_val(const struct moo_state *s, uint32_t i)
{
    return s->ram[(size_t)i * MOO_RAM_ENTRY + 4];
}

struct moo_test {
    uint32_t pos;                /* 0-based position in the file */
    uint32_t index;              /* the TEST chunk's own index (0 in 8086 files) */
    const char *name;            /* NAME text, not NUL-terminated */
    uint32_t name_len;
    const uint8_t *bytes;        /* BYTS */
    uint32_t nbytes;
    struct moo_state init, fina;
    uint32_t ncycles;            /* number of CYCL records (clocks) */
    const uint8_t *cycles;       /* ncycles * MOO_CYCLE_RECORD bytes */
    int has_excp;
    uint8_t excp;                /* EXCP: exception number */
    uint32_t excp_flags_addr;    /* EXCP: address of the pushed FLAGS */
    int has_hash;
    uint8_t hash[20];            /* HASH: SHA-1 */
};

struct moo_file {
    const char *path;            /* kept by pointer, for messages */
    uint8_t *buf;                /* owned: the whole decompressed file */
    size_t len;
    unsigned version;
    uint32_t count;              /* test count from the header */
    char cpu[5];                 /* "8086", "C286", NUL-terminated */
    uint32_t ntests;             /* TEST chunks actually present */
    size_t next;                 /* offset of the next top-level chunk */
    uint32_t pos;                /* position of the next test */
};

/* Read and check a file. Returns 0, or -1 with "PATH: problem" in err. */
int moo_open(struct moo_file *f, const char *path, char *err, size_t errlen);
/* Same on a buffer the caller owns (copied); path is only for messages. */
int moo_open_mem(struct moo_file *f, const char *path, const uint8_t *data, size_t len,
                 char *err, size_t errlen);
/* Decode the next test: 1 = got one, 0 = no more, -1 = bad data (err set). */
int moo_next(struct moo_file *f, struct moo_test *t, char *err, size_t errlen);
void moo_close(struct moo_file *f);

/* The first byte of CYCL record i, for callers that inspect bus activity. */
static inline const uint8_t *moo_cycle(const struct moo_test *t, uint32_t i)
{
    return t->cycles + (size_t)i * MOO_CYCLE_RECORD;
}
#endif
