/* sst_exec.h - the SingleStepTests runner's side of tick86: one CPU on a
 * flat 16 MiB RAM, loaded with a test's initial state, run, and read back.
 *
 * Every call into cpu/ and devices/ lives in sst_exec.c, so the MOO,
 * metadata and comparison logic in the other files of tests/sst/ can be
 * built and checked without the emulator. */
#ifndef TICK86_SST_EXEC_H
#define TICK86_SST_EXEC_H
#include <stddef.h>
#include <stdint.h>

#include "moo.h"

/* How a suite's tests end (from the MOO header's CPU name, not --cpu). */
enum sst_protocol {
    SST_ONE_STEP,   /* 8086 suite: execute exactly one instruction */
    SST_RUN_TO_HLT  /* 80286 suite: the instruction, then run until a HLT halts the CPU */
};

/* Give up on an 80286 test that has not halted after this many clocks. The
 * longest test in the suite (REPE CMPSW) records 664 clocks; a CPU that
 * jumps astray should fail fast rather than run on through random RAM. */
#define SST_RUN_BUDGET 100000u

struct sst_exec;

struct sst_result {
    int ok;                      /* 0: the CPU stopped (unimplemented opcode, shutdown, no HLT) */
    char msg[256];               /* why, when !ok */
    uint64_t step_cycles;        /* clocks of the instruction under test (one cpu_step) */
    uint64_t total_cycles;       /* clocks up to and including the final HLT */
    int halted_in_step;          /* the instruction under test was itself a HLT */
};

/* model is an enum cpu_model value; name is parsed by cpu_model_parse. */
int sst_exec_model(const char *name, int *model);
const char *sst_exec_model_name(int model);
struct sst_exec *sst_exec_create(int model, char *err, size_t errlen);
void sst_exec_destroy(struct sst_exec *x);

/* Reset the CPU and load a test's INIT registers and RAM. flags_and is
 * ANDed into the initial FLAGS (0x0FFF for the 80286 suite, which records
 * IOPL/NT bits a real-mode 286 cannot hold). */
void sst_exec_load(struct sst_exec *x, const struct moo_test *t, uint16_t flags_and);
void sst_exec_run(struct sst_exec *x, enum sst_protocol p, struct sst_result *r);
/* Low 16 bits of a register, in MOO order. */
uint16_t sst_exec_reg(const struct sst_exec *x, enum moo_reg r);
uint8_t sst_exec_read8(struct sst_exec *x, uint32_t addr);
/* Zero every RAM byte the test's INIT or FINA names (cheaper than clearing
 * 16 MiB; see sst_exec.c for why that is enough). */
void sst_exec_unload(struct sst_exec *x, const struct moo_test *t);
#endif
