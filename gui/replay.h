/* replay.h - the input log of a run as a file: -record writes it, -replay
 * reads it back (DESIGN.md invariant 1: what the guest sees is a pure
 * function of the configuration, the disk images and this log).
 *
 * The file is text, one line per item, fields separated by spaces:
 *
 *   tick86-input 1
 *   machine cpu=80386 m=16 mhz=33 rtc-base=946684800 boot=ca debug-exit=0 snapshot=0
 *           bios=built-in vgabios=built-in fda=demo.img:1474560 fdb=none hda=none ...
 *   # comment
 *   30000000 key 16 down
 *   30165000 key E075 up
 *   41000000 mouse -3 12 1
 *   52000000 serial 0 41
 *
 * Line 1 names the format and its version. The next line that is not
 * blank or a comment is the machine line (one line; wrapped above only
 * for the page): KEY=VALUE pairs for the options that change what the
 * guest sees, so that a replay can warn where its own differ. A key the
 * line does not give is not compared. Disks and ROMs are recorded as
 * "NAME:BYTES" with the file's base name (bytes 00h-20h, 7Fh and '%'
 * written as %XX), or "none" / "built-in".
 *
 * Then the events, in the order the guest received them, each stamped
 * with the guest cycle (decimal) at which it reached the board; cycles
 * never decrease, events at one cycle keep their order (a recorded cycle
 * is an instruction boundary; one written by hand that is not is taken at
 * the next boundary, as -sendkeys cycles are):
 *   CYCLE key CODE down|up      scan set 2 make code in hex, prefix in the
 *                               high byte (E075 = E0 75), as struct pc_input
 *   CYCLE mouse DX DY BUTTONS   movement -65535..65535 (DY up-positive),
 *                               buttons 0..7 (bit 0 left, 1 right, 2 middle)
 *   CYCLE serial COM BYTE       COM 0 (COM1) or 1 (COM2), BYTE in hex
 * Blank lines and lines starting with '#' are ignored everywhere after
 * line 1; a CR before the line feed is ignored. Anything else is refused
 * with "FILE:LINE: problem". A reader of version 1 refuses other versions. */
#ifndef TICK86_REPLAY_H
#define TICK86_REPLAY_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "../devices/pc.h"

#define REPLAY_VERSION 1

/* The machine line's keys, in the order they are written. */
enum replay_key {
    RK_CPU, RK_M, RK_MHZ, RK_RTC_BASE, RK_BOOT, RK_DEBUG_EXIT, RK_SNAPSHOT,
    RK_BIOS, RK_VGABIOS, RK_FDA, RK_FDB, RK_HDA, RK_HDB, RK_HDC, RK_HDD,
    RK_COUNT
};

/* Longest value: a 255-byte base name all in %XX, ':' and 20 digits. */
#define REPLAY_VALUE_MAX 800

struct replay_machine {
    char value[RK_COUNT][REPLAY_VALUE_MAX];  /* "" = not recorded */
};

struct replay_log {
    struct replay_machine machine;
    struct pc_input_rec *ev;
    size_t n, cap;
};

/* "cpu", "m", ... "hdd". */
const char *replay_key_name(enum replay_key k);

/* A disk or ROM file as a machine value: "NAME:BYTES" from the base name
 * of path, or `absent` ("none", "built-in") when path is NULL. */
void replay_file_value(char out[REPLAY_VALUE_MAX], const char *path, uint64_t bytes, const char *absent);

/* The first key at or after from that both machines record and whose
 * values differ, or -1. */
int replay_next_diff(const struct replay_machine *recorded, const struct replay_machine *run, int from);

/* Parses a whole file's text (len bytes; NUL bytes are refused) into log,
 * which must be zeroed or freed. name is the file name for errors.
 * Returns 0, or -1 with "NAME:LINE: problem" in err and log emptied. */
int replay_parse(struct replay_log *log, const char *name, const char *text, size_t len,
                 char *err, size_t errlen);
/* Reads and parses path. Returns 0, or -1 with one line in err. */
int replay_load(struct replay_log *log, const char *path, char *err, size_t errlen);
void replay_free(struct replay_log *log);

/* Writes a whole log to f. Returns 0, or -1 when f reports an error. */
int replay_write(FILE *f, const struct replay_machine *m, const struct pc_input_rec *ev, size_t n);

/* A log written atomically: open creates a temporary file next to path
 * (so a -record FILE that cannot be written is refused before the run),
 * commit writes the log there and renames it over path, abort removes
 * it. path is never seen partly written. Both open and commit return 0,
 * or -1 with one line in err (commit then removes the temporary file). */
struct replay_out {
    char *path, *tmp;
    FILE *f;
};
int replay_out_open(struct replay_out *o, const char *path, char *err, size_t errlen);
int replay_out_commit(struct replay_out *o, const struct replay_machine *m, const struct pc_input_rec *ev,
                      size_t n, char *err, size_t errlen);
void replay_out_abort(struct replay_out *o);
#endif
