/* test_sst_parse.c - Check unit tests for the SingleStepTests runner's
 * parsing layer, which needs no emulator: moo.c (MOO chunks, gzip and plain
 * files, every kind of truncation), minijson.c and sst_meta.c (metadata
 * lookups, group opcodes, prefixes, revocation list, file names). */
#define _POSIX_C_SOURCE 200809L

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "minijson.h"
#include "moo.h"
#include "sst_meta.h"

/* ---- building MOO images --------------------------------------------------- */

struct buf {
    uint8_t d[8192];
    size_t n;
};

static void put8(struct buf *b, unsigned v) { ck_assert_uint_lt(b->n, sizeof b->d); b->d[b->n++] = (uint8_t)v; }
static void put16(struct buf *b, unsigned v) { put8(b, v & 0xFF); put8(b, v >> 8 & 0xFF); }
static void put32(struct buf *b, uint32_t v) { put16(b, v & 0xFFFF); put16(b, v >> 16); }
static void putn(struct buf *b, const void *p, size_t n)
{
    ck_assert_uint_le(b->n + n, sizeof b->d);
    memcpy(b->d + b->n, p, n);
    b->n += n;
}

/* Open a chunk; returns where its length goes, patched by end_chunk. */
static size_t begin_chunk(struct buf *b, const char *tag)
{
    size_t at;
    putn(b, tag, 4);
    at = b->n;
    put32(b, 0);
    return at;
}
static void end_chunk(struct buf *b, size_t at)
{
    uint32_t len = (uint32_t)(b->n - at - 4);
    b->d[at] = (uint8_t)len;
    b->d[at + 1] = (uint8_t)(len >> 8);
    b->d[at + 2] = (uint8_t)(len >> 16);
    b->d[at + 3] = (uint8_t)(len >> 24);
}

static void header(struct buf *b, uint32_t count, const char *cpu)
{
    size_t c = begin_chunk(b, "MOO ");
    put8(b, 1);
    put8(b, 0);
    put8(b, 0);
    put8(b, 0);
    put32(b, count);
    putn(b, cpu, 4);
    end_chunk(b, c);
}

/* One test: CLC-like, with INIT ax=1234 cs=F000 ip=0010 flags=F003,
 * two RAM bytes, FINA ip=0011 flags=F002 and one RAM byte. */
static void test_chunk(struct buf *b, uint32_t index, int with_fina)
{
    size_t t = begin_chunk(b, "TEST"), c, s;

    put32(b, index);
    c = begin_chunk(b, "NAME");
    put32(b, 3);
    putn(b, "clc", 3);
    end_chunk(b, c);
    c = begin_chunk(b, "BYTS");
    put32(b, 1);
    put8(b, 0xF8);
    end_chunk(b, c);
    c = begin_chunk(b, "INIT");
    s = begin_chunk(b, "REGS");
    put16(b, 1u << MOO_AX | 1u << MOO_CS | 1u << MOO_IP | 1u << MOO_FLAGS);
    put16(b, 0x1234);
    put16(b, 0xF000);
    put16(b, 0x0010);
    put16(b, 0xF003);
    end_chunk(b, s);
    s = begin_chunk(b, "RAM ");
    put32(b, 2);
    put32(b, 0xF0010);
    put8(b, 0xF8);
    put32(b, 0x12345);
    put8(b, 0xAA);
    end_chunk(b, s);
    s = begin_chunk(b, "QUEU");
    put32(b, 2);
    put8(b, 0xF8);
    put8(b, 0x90);
    end_chunk(b, s);
    end_chunk(b, c);
    if (with_fina) {
        c = begin_chunk(b, "FINA");
        s = begin_chunk(b, "REGS");
        put16(b, 1u << MOO_IP | 1u << MOO_FLAGS);
        put16(b, 0x0011);
        put16(b, 0xF002);
        end_chunk(b, s);
        s = begin_chunk(b, "RAM ");
        put32(b, 1);
        put32(b, 0x12345);
        put8(b, 0x55);
        end_chunk(b, s);
        end_chunk(b, c);
    }
    c = begin_chunk(b, "CYCL");
    put32(b, 2);
    {
        unsigned i;
        for (i = 0; i < 2 * MOO_CYCLE_RECORD; i++)
            put8(b, i);
    }
    end_chunk(b, c);
    c = begin_chunk(b, "EXCP");
    put8(b, 6);
    put32(b, 0xABCDE);
    end_chunk(b, c);
    c = begin_chunk(b, "HASH");
    {
        unsigned i;
        for (i = 0; i < 20; i++)
            put8(b, 0xA0 + i);
    }
    end_chunk(b, c);
    c = begin_chunk(b, "GMET");
    put32(b, 7);
    end_chunk(b, c);
    end_chunk(b, t);
}

static void good_file(struct buf *b)
{
    size_t c;

    memset(b, 0, sizeof *b);
    header(b, 2, "C286");
    c = begin_chunk(b, "META");
    putn(b, "whatever", 8);
    end_chunk(b, c);
    test_chunk(b, 0, 1);
    test_chunk(b, 1, 1);
}

/* ---- moo -------------------------------------------------------------------- */

START_TEST(test_moo_good)
{
    struct buf b;
    struct moo_file f;
    struct moo_test t;
    char err[256] = "";

    good_file(&b);
    ck_assert_int_eq(moo_open_mem(&f, "mem", b.d, b.n, err, sizeof err), 0);
    ck_assert_str_eq(f.cpu, "C286");
    ck_assert_uint_eq(f.count, 2);
    ck_assert_uint_eq(f.version, 1);
    ck_assert_int_eq(moo_next(&f, &t, err, sizeof err), 1);
    ck_assert_uint_eq(t.pos, 0);
    ck_assert_int_eq((int)t.name_len, 3);
    ck_assert(memcmp(t.name, "clc", 3) == 0);
    ck_assert_uint_eq(t.nbytes, 1);
    ck_assert_uint_eq(t.bytes[0], 0xF8);
    ck_assert_uint_eq(t.init.regs[MOO_AX], 0x1234);
    ck_assert_uint_eq(t.init.regs[MOO_CS], 0xF000);
    ck_assert_uint_eq(t.init.regs[MOO_IP], 0x0010);
    ck_assert_uint_eq(t.init.regs[MOO_FLAGS], 0xF003);
    ck_assert_uint_eq(t.init.regs[MOO_BX], 0);
    ck_assert_uint_eq(t.init.nram, 2);
    ck_assert_uint_eq(moo_ram_addr(&t.init, 1), 0x12345);
    ck_assert_uint_eq(moo_ram_val(&t.init, 1), 0xAA);
    ck_assert_uint_eq(t.init.nqueue, 2);
    ck_assert_uint_eq(t.init.queue[1], 0x90);
    ck_assert_uint_eq(t.fina.mask, 1u << MOO_IP | 1u << MOO_FLAGS);
    ck_assert_uint_eq(t.fina.regs[MOO_IP], 0x0011);
    ck_assert_uint_eq(t.fina.nram, 1);
    ck_assert_uint_eq(moo_ram_val(&t.fina, 0), 0x55);
    ck_assert_uint_eq(t.ncycles, 2);
    ck_assert_uint_eq(moo_cycle(&t, 1)[0], MOO_CYCLE_RECORD);
    ck_assert_int_eq(t.has_excp, 1);
    ck_assert_uint_eq(t.excp, 6);
    ck_assert_uint_eq(t.excp_flags_addr, 0xABCDE);
    ck_assert_int_eq(t.has_hash, 1);
    ck_assert_uint_eq(t.hash[19], 0xA0 + 19);
    ck_assert_int_eq(moo_next(&f, &t, err, sizeof err), 1);
    ck_assert_uint_eq(t.pos, 1);
    ck_assert_uint_eq(t.index, 1);
    ck_assert_int_eq(moo_next(&f, &t, err, sizeof err), 0);
    moo_close(&f);
}
END_TEST

static void expect_open_error(const uint8_t *d, size_t n, const char *needle)
{
    struct moo_file f;
    char err[256] = "";

    ck_assert_int_eq(moo_open_mem(&f, "x.MOO", d, n, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "x.MOO: ") == err, "error does not name the file: %s", err);
    ck_assert_msg(strstr(err, needle) != NULL, "expected \"%s\" in \"%s\"", needle, err);
}

static void expect_next_error(const uint8_t *d, size_t n, const char *needle)
{
    struct moo_file f;
    struct moo_test t;
    char err[256] = "";
    int rc;

    ck_assert_int_eq(moo_open_mem(&f, "x.MOO", d, n, err, sizeof err), 0);
    while ((rc = moo_next(&f, &t, err, sizeof err)) == 1)
        ;
    ck_assert_int_eq(rc, -1);
    ck_assert_msg(strstr(err, needle) != NULL, "expected \"%s\" in \"%s\"", needle, err);
    moo_close(&f);
}

START_TEST(test_moo_bad_top)
{
    struct buf b;
    size_t cut;

    good_file(&b);
    b.d[0] = 'X';
    expect_open_error(b.d, b.n, "bad magic");
    expect_open_error(b.d, 0, "bad magic");
    good_file(&b);
    expect_open_error(b.d, 10, "truncated MOO header");
    /* Every cut inside the TEST chunks is reported, never read past. */
    for (cut = 40; cut < b.n; cut += 7) {
        struct moo_file f;
        char err[256];
        ck_assert_int_eq(moo_open_mem(&f, "x.MOO", b.d, cut, err, sizeof err), -1);
    }
    good_file(&b);
    b.d[12] = 3;                                  /* header count 3, file holds 2 */
    expect_open_error(b.d, b.n, "header says 3 tests but the file holds 2");
}
END_TEST

START_TEST(test_moo_bad_test)
{
    struct buf b;
    size_t t, c;

    /* REGS mask with a bit past flags. */
    memset(&b, 0, sizeof b);
    header(&b, 1, "8086");
    t = begin_chunk(&b, "TEST");
    put32(&b, 0);
    c = begin_chunk(&b, "INIT");
    {
        size_t s = begin_chunk(&b, "REGS");
        put16(&b, 0xC000);
        end_chunk(&b, s);
    }
    end_chunk(&b, c);
    end_chunk(&b, t);
    expect_next_error(b.d, b.n, "INIT state: REGS mask names unknown registers");

    /* RAM count larger than the sub-chunk. */
    memset(&b, 0, sizeof b);
    header(&b, 1, "8086");
    t = begin_chunk(&b, "TEST");
    put32(&b, 0);
    c = begin_chunk(&b, "FINA");
    {
        size_t s = begin_chunk(&b, "RAM ");
        put32(&b, 2);
        put32(&b, 5);
        put8(&b, 1);
        end_chunk(&b, s);
    }
    end_chunk(&b, c);
    end_chunk(&b, t);
    expect_next_error(b.d, b.n, "FINA state: truncated RAM");

    /* No FINA at all. */
    memset(&b, 0, sizeof b);
    header(&b, 1, "8086");
    test_chunk(&b, 0, 0);
    expect_next_error(b.d, b.n, "no FINA state");

    /* CYCL claiming more records than it holds. */
    memset(&b, 0, sizeof b);
    header(&b, 1, "8086");
    t = begin_chunk(&b, "TEST");
    put32(&b, 0);
    c = begin_chunk(&b, "CYCL");
    put32(&b, 1000);
    end_chunk(&b, c);
    end_chunk(&b, t);
    expect_next_error(b.d, b.n, "truncated CYCL");

    /* A TEST too short for its index. */
    memset(&b, 0, sizeof b);
    header(&b, 1, "8086");
    t = begin_chunk(&b, "TEST");
    put16(&b, 0);
    end_chunk(&b, t);
    expect_next_error(b.d, b.n, "too short");
}
END_TEST

static void write_file(const char *path, const uint8_t *d, size_t n, int gz, size_t keep)
{
    if (gz) {
        gzFile g = gzopen(path, "wb");
        ck_assert_ptr_nonnull(g);
        ck_assert_int_eq(gzwrite(g, d, (unsigned)n), (int)n);
        ck_assert_int_eq(gzclose(g), Z_OK);
        if (keep)                              /* cut the gzip stream short */
            ck_assert_int_eq(truncate(path, (off_t)keep), 0);
    } else {
        FILE *fp = fopen(path, "wb");
        ck_assert_ptr_nonnull(fp);
        ck_assert_uint_eq(fwrite(d, 1, n, fp), n);
        fclose(fp);
    }
}

START_TEST(test_moo_files)
{
    struct buf b;
    struct moo_file f;
    char dir[] = "/tmp/sst-test-XXXXXX", path[256], err[512];

    ck_assert_ptr_nonnull(mkdtemp(dir));
    good_file(&b);

    snprintf(path, sizeof path, "%s/00.MOO", dir);
    write_file(path, b.d, b.n, 0, 0);
    ck_assert_int_eq(moo_open(&f, path, err, sizeof err), 0);
    ck_assert_uint_eq(f.count, 2);
    moo_close(&f);
    unlink(path);

    snprintf(path, sizeof path, "%s/00.MOO.gz", dir);
    write_file(path, b.d, b.n, 1, 0);
    ck_assert_int_eq(moo_open(&f, path, err, sizeof err), 0);
    ck_assert_uint_eq(f.ntests, 2);
    moo_close(&f);

    write_file(path, b.d, b.n, 1, 30);            /* gzip stream cut short */
    ck_assert_int_eq(moo_open(&f, path, err, sizeof err), -1);
    ck_assert_msg(strncmp(err, path, strlen(path)) == 0, "%s", err);
    unlink(path);

    ck_assert_int_eq(moo_open(&f, path, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "cannot open") != NULL, "%s", err);
    rmdir(dir);
}
END_TEST

/* ---- minijson ---------------------------------------------------------------- */

START_TEST(test_json_values)
{
    static const char text[] =
        " {\"a\": [1, -2, 3.5, 1e3, true, false, null], \"s\": \"x\\\"\\u00e9\\ud83d\\ude00\\n\","
        "  \"o\": {}, \"e\": [], \"big\": 18446744073709551616, \"m\": 65519 } ";
    struct mj_doc d;
    char err[128];
    const struct mj_node *a, *n, *s;

    ck_assert_int_eq(mj_parse(&d, text, strlen(text), err, sizeof err), 0);
    a = mj_get(&d, mj_root(&d), "a");
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(a->type, MJ_ARRAY);
    ck_assert_uint_eq(a->len, 7);
    n = mj_first(&d, a);
    ck_assert(n->is_int && n->ival == 1);
    n = mj_next(&d, n);
    ck_assert(n->is_int && n->ival == -2);
    n = mj_next(&d, n);
    ck_assert(n->type == MJ_NUMBER && !n->is_int);
    n = mj_next(&d, n);
    ck_assert(n->type == MJ_NUMBER && !n->is_int);
    n = mj_next(&d, n);
    ck_assert_int_eq(n->type, MJ_TRUE);
    n = mj_next(&d, mj_next(&d, n));
    ck_assert_int_eq(n->type, MJ_NULL);
    ck_assert_ptr_null(mj_next(&d, n));
    s = mj_get(&d, mj_root(&d), "s");
    ck_assert_str_eq(s->str, "x\"\xC3\xA9\xF0\x9F\x98\x80\n");
    ck_assert_uint_eq(s->len, 9);
    ck_assert_ptr_null(mj_first(&d, mj_get(&d, mj_root(&d), "o")));
    ck_assert_ptr_null(mj_first(&d, mj_get(&d, mj_root(&d), "e")));
    ck_assert(!mj_get(&d, mj_root(&d), "big")->is_int);
    ck_assert_int_eq(mj_get(&d, mj_root(&d), "m")->ival, 65519);
    ck_assert_ptr_null(mj_get(&d, mj_root(&d), "nope"));
    ck_assert_ptr_null(mj_get(&d, a, "a"));
    mj_free(&d);
}
END_TEST

START_TEST(test_json_errors)
{
    static const char *const bad[] = {
        "", "{", "{\"a\":}", "[1,]", "{\"a\" 1}", "\"abc", "[01x]", "tru", "{} x",
        "\"\\q\"", "\"\\ud800\"", "[-]", "[1.]", "{1:2}", "\"a\nb\""
    };
    char deep[200];
    struct mj_doc d;
    char err[128];
    size_t i;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        ck_assert_msg(mj_parse(&d, bad[i], strlen(bad[i]), err, sizeof err) == -1,
                      "accepted: %s", bad[i]);
        ck_assert_msg(strstr(err, "line 1, column ") == err, "%s -> %s", bad[i], err);
    }
    memset(deep, '[', sizeof deep);
    ck_assert_int_eq(mj_parse(&d, deep, sizeof deep, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "nested too deeply") != NULL, "%s", err);
}
END_TEST

/* ---- metadata ------------------------------------------------------------------ */

static const char meta_text[] =
    "{ \"cpu\": \"286\", \"opcodes\": {"
    "  \"00\": {\"status\": \"normal\"},"
    "  \"08\": {\"status\": \"normal\", \"flags\": \".....a..\", \"flags-mask\": 65519},"
    "  \"26\": {\"status\": \"prefix\"}, \"F3\": {\"status\": \"prefix\"},"
    "  \"D8\": {\"status\": \"fpu\"},"
    "  \"8F\": {\"reg\": {\"0\": {\"status\": \"normal\"}, \"1\": {\"status\": \"undefined\"}}},"
    "  \"F6\": {\"reg\": {\"4\": {\"status\": \"normal\", \"flags-mask\": 63274}}},"
    "  \"0F01\": {\"reg\": {\"5\": {\"status\": \"undefined\"}}}"
    "}}";

START_TEST(test_meta_lookup)
{
    struct sst_meta m;
    struct sst_opinfo in;
    char err[256];
    static const uint8_t pop[] = { 0x26, 0xF3, 0x8F, 0x0E, 0x00, 0x00 };

    sst_meta_empty(&m);
    ck_assert_int_eq(sst_meta_parse(&m, meta_text, strlen(meta_text), "meta", err, sizeof err), 0);
    sst_meta_lookup(&m, "08", -1, &in);
    ck_assert(in.found && !in.by_reg);
    ck_assert_str_eq(in.status, "normal");
    ck_assert_uint_eq(in.flags_mask, 65519);
    sst_meta_lookup(&m, "00", -1, &in);
    ck_assert_uint_eq(in.flags_mask, 0xFFFF);
    sst_meta_lookup(&m, "00", 3, &in);          /* a suffix on a plain opcode: ignored */
    ck_assert_str_eq(in.status, "normal");
    sst_meta_lookup(&m, "F6", 4, &in);
    ck_assert_str_eq(in.status, "normal");
    ck_assert_uint_eq(in.flags_mask, 63274);
    sst_meta_lookup(&m, "8F", -1, &in);
    ck_assert(in.found && in.by_reg);
    sst_meta_lookup(&m, "8F", 1, &in);
    ck_assert_str_eq(in.status, "undefined");
    ck_assert(!sst_status_runnable(in.status));
    sst_meta_lookup(&m, "8F", 7, &in);          /* a reg with no entry */
    ck_assert(!in.found);
    sst_meta_lookup(&m, "0F01", 5, &in);
    ck_assert_str_eq(in.status, "undefined");
    sst_meta_lookup(&m, "D8", -1, &in);
    ck_assert_str_eq(in.status, "fpu");
    sst_meta_lookup(&m, "77", -1, &in);
    ck_assert(!in.found);
    ck_assert_uint_eq(in.flags_mask, 0xFFFF);
    ck_assert(m.prefix[0x26] && m.prefix[0xF3] && !m.prefix[0x00]);
    ck_assert_int_eq(sst_modrm_reg(&m, pop, sizeof pop, 2), 1);
    ck_assert_int_eq(sst_modrm_reg(&m, pop, 3, 2), -1);
    ck_assert(sst_status_runnable("normal") && sst_status_runnable("alias") &&
              sst_status_runnable("undocumented") && !sst_status_runnable("prefix") &&
              !sst_status_runnable("extension") && !sst_status_runnable(""));
    sst_meta_free(&m);

    sst_meta_empty(&m);
    ck_assert_int_eq(sst_meta_parse(&m, "{\"x\": 1}", 8, "meta", err, sizeof err), -1);
    ck_assert_str_eq(err, "meta: no \"opcodes\" object");
    sst_meta_free(&m);
    sst_meta_empty(&m);
    ck_assert_int_eq(sst_meta_parse(&m, "{\"opcodes\": [", 13, "meta", err, sizeof err), -1);
    ck_assert_msg(strstr(err, "meta: bad JSON: line 1") == err, "%s", err);
    sst_meta_free(&m);
}
END_TEST

START_TEST(test_meta_revocations)
{
    static const char list[] =
        "# comment\n\n  0123456789abcdef0123456789ABCDEF01234567  \r\n"
        "ffffffffffffffffffffffffffffffffffffffff\n";
    struct sst_meta m;
    char err[256];
    uint8_t h[20];

    sst_meta_empty(&m);
    ck_assert_int_eq(sst_meta_add_revocations(&m, list, strlen(list), "rev", err, sizeof err), 0);
    ck_assert_uint_eq(m.nrevoked, 2);
    memcpy(h, "\x01\x23\x45\x67\x89\xab\xcd\xef\x01\x23\x45\x67\x89\xab\xcd\xef\x01\x23\x45\x67",
           20);
    ck_assert(sst_meta_is_revoked(&m, h));
    h[19] ^= 1;
    ck_assert(!sst_meta_is_revoked(&m, h));
    memset(h, 0xFF, 20);
    ck_assert(sst_meta_is_revoked(&m, h));
    ck_assert_int_eq(sst_meta_add_revocations(&m, "abc\n", 4, "rev", err, sizeof err), -1);
    ck_assert_str_eq(err, "rev: line 1: expected a 40-digit SHA-1 hash");
    sst_meta_free(&m);
}
END_TEST

START_TEST(test_file_names)
{
    char key[8];
    int reg;

    ck_assert_int_eq(sst_parse_file_name("F6.4.MOO.gz", key, &reg), 0);
    ck_assert_str_eq(key, "F6");
    ck_assert_int_eq(reg, 4);
    ck_assert_int_eq(sst_parse_file_name("0f01.moo", key, &reg), 0);
    ck_assert_str_eq(key, "0F01");
    ck_assert_int_eq(reg, -1);
    ck_assert_int_eq(sst_parse_file_name("0F00.7.MOO", key, &reg), 0);
    ck_assert_int_eq(reg, 7);
    ck_assert_int_eq(sst_parse_file_name("F6.8.MOO.gz", key, &reg), -1);
    ck_assert_int_eq(sst_parse_file_name("F6.44.MOO.gz", key, &reg), -1);
    ck_assert_int_eq(sst_parse_file_name("F.MOO", key, &reg), -1);
    ck_assert_int_eq(sst_parse_file_name("ZZ.MOO", key, &reg), -1);
    ck_assert_int_eq(sst_parse_file_name("00.json.gz", key, &reg), -1);
    ck_assert(sst_is_moo_name("00.MOO.gz") && sst_is_moo_name("00.moo") &&
              !sst_is_moo_name("metadata.json") && !sst_is_moo_name("MOO"));
}
END_TEST

static Suite *sst_suite(void)
{
    Suite *s = suite_create("sst-parse");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_moo_good);
    tcase_add_test(tc, test_moo_bad_top);
    tcase_add_test(tc, test_moo_bad_test);
    tcase_add_test(tc, test_moo_files);
    tcase_add_test(tc, test_json_values);
    tcase_add_test(tc, test_json_errors);
    tcase_add_test(tc, test_meta_lookup);
    tcase_add_test(tc, test_meta_revocations);
    tcase_add_test(tc, test_file_names);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(sst_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
