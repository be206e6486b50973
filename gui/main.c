/* main.c - the command line and the run loop shared by the displays.
 *
 * `tick86 [options] [image]` builds a PC (devices/pc.h) from options in
 * QEMU's vocabulary, runs it on the chosen display and exits with the
 * guest's debug-exit status, 0 at -max-cycles or when the person closes
 * the display, or 1 on an emulator error. `-load ADDR FILE` keeps the
 * bare-program mode that predates the PC: a flat binary started in real
 * mode at 0000:ADDR on the CPU alone, ending with a register dump.
 *
 * Bad input (an unknown option, a missing or wrongly sized image or ROM)
 * gets one line "tick86: <file or option>: <problem>" and a non-zero
 * exit before anything is created or written (DESIGN.md invariant 5):
 * every check runs before the first output file is opened.
 *
 * Everything the guest sees is placed at an exact cycle (DESIGN.md
 * invariant 1): -sendkeys presses, -screenshot-at pictures and host input
 * sit in one queue ordered by cycle, and the guest runs exactly up to the
 * next entry before it is carried out. Because pc_run stops at the first
 * instruction boundary at or after its target whatever the slicing, the
 * host's pacing never changes what happens at which cycle.
 *
 * The same holds for a recorded run: -record writes the board's input log
 * (every event with the cycle it reached the guest at) and -replay puts
 * those events back into the queue at those cycles, so the replayed run
 * passes through the same states (gui/replay.h has the file format). */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../cpu/cpu.h"
#include "../devices/cmos.h"
#include "../devices/ioport.h"
#include "../devices/memmap.h"
#include "../devices/pc.h"
#include "../devices/sched.h"
#include "disk_image.h"
#include "display.h"
#include "keymap.h"
#include "png.h"
#include "replay.h"

#define TICK86_VERSION "0.1.0"

/* ---- options ------------------------------------------------------------- */

enum display_kind { DISP_DEFAULT, DISP_SDL, DISP_TERM, DISP_NONE };

struct out_spec {                    /* -serial / -debugcon destination */
    enum { OUT_NONE, OUT_STDIO, OUT_FILE } kind;
    const char *path;
};

struct timed_arg {                   /* -sendkeys / -screenshot-at */
    uint64_t cycle;
    const char *text;                /* points into argv */
};

struct opts {
    const char *fd[2], *hd[4];
    char boot[PC_BOOT_MAX + 1];
    unsigned long long ram_mb, mhz, max_cycles, trace_max;
    enum cpu_model model;
    const char *bios, *vgabios;
    enum display_kind display;
    struct out_spec serial[2];
    unsigned nserial;
    struct out_spec debugcon;
    int debug_exit, snapshot, post, state_hash;
    const char *screenshot;
    struct timed_arg *shots, *keys;
    size_t nshots, nkeys;
    int64_t rtc_base;
    int rtc_now;
    unsigned long long load_addr;
    const char *load_file;
    const char *record, *replay;     /* -record FILE, -replay FILE */
};

static void usage(FILE *f)
{
    fprintf(f,
        "usage: tick86 [options] [image]\n"
        "       tick86 [-cpu MODEL] [-m MB] [-max-cycles N] [-trace-max N] -load ADDR FILE\n"
        "A bare image is a floppy (-fda) if its size is a floppy format, else a hard disk (-hda).\n"
        "Machine:\n"
        "  -fda FILE, -fdb FILE   floppy images (160K 180K 320K 360K 720K 1.2M 1.44M 2.88M)\n"
        "  -hda FILE, -hdb FILE   hard disk images (raw, a multiple of 512 bytes) on the\n"
        "                         primary ATA channel; -hdc FILE, -hdd FILE on the secondary\n"
        "  -snapshot              keep disk writes in memory; the image files are never written\n"
        "  -boot ORDER            a (floppy), c (hard disk), ac or ca (default ca)\n"
        "  -m MB                  RAM size in MiB, 1..3072 (default 16)\n"
        "  -cpu MODEL             8086 80186 80286 80386 80486 pentium p6 (default 80386)\n"
        "  -mhz N                 CPU clock in MHz (default 33)\n"
        "  -bios FILE             system BIOS image of 64 or 128 KiB (default: built in)\n"
        "  -vgabios FILE          VGA BIOS image, up to 64 KiB in 512-byte units (default: built in)\n"
        "  -rtc-base WHEN         what the RTC shows at power-on: Unix SECONDS,\n"
        "                         YYYY-MM-DDTHH:MM:SS (UTC) or now (default 2000-01-01T00:00:00)\n"
        "  -trace-max N           instructions per trace, 1..16 (default 16)\n"
        "Display and input:\n"
        "  -display sdl|term|none window, text in this terminal, or nothing (default: sdl with\n"
        "                         $DISPLAY or $WAYLAND_DISPLAY, else term on a terminal, else none)\n"
        "                         sdl: click grabs the mouse, Ctrl+Alt+G releases it,\n"
        "                              F12 saves tick86-NNNN.png in the current directory\n"
        "                         term: Ctrl-] quits\n"
        "  -sendkeys CYCLES:TEXT  type TEXT from guest cycle CYCLES (\\n Enter, \\e Esc, \\t Tab,\n"
        "                         \\b Backspace, \\\\ backslash); repeatable\n"
        "  -record FILE           at exit write the run's input (keys, mouse, serial bytes, each\n"
        "                         with its guest cycle) to FILE, a text log for -replay\n"
        "  -replay FILE           give the guest the input recorded in FILE at the same cycles;\n"
        "                         live keyboard, mouse and serial input is ignored (quitting\n"
        "                         still works), -sendkeys still types; warns for each machine\n"
        "                         option that differs from the recording\n"
        "Output:\n"
        "  -serial stdio|file:PATH|none   COM1, and COM2 if given twice (default none);\n"
        "                         stdio also feeds stdin to the guest (on a terminal Ctrl-] quits)\n"
        "  -debugcon stdio|file:PATH|none bytes written to port E9h\n"
        "  -post                  print POST codes (port 80h) on stderr as they change\n"
        "  -screenshot FILE.png   save the screen at exit\n"
        "  -screenshot-at CYCLES:FILE.png  save the screen at that guest cycle; repeatable\n"
        "Runs and tests:\n"
        "  -debug-exit            a write of V to port F4h ends the run with status (V<<1)|1\n"
        "  -max-cycles N          stop after N guest clocks with status 0\n"
        "  -state-hash            at exit print \"state-hash HASH cycles N\" on stderr\n"
        "  -load ADDR FILE        bare-program mode: load FILE at physical ADDR (below 64 KiB),\n"
        "                         start at 0000:ADDR with SS:SP=0:FFFE, run until HLT, print registers\n"
        "  --help, --version\n"
        "Exit status: the guest's debug-exit status; 0 at -max-cycles, when the display is\n"
        "closed or when the guest halts for good; 1 on an emulator error, an unimplemented\n"
        "instruction or a triple fault; 2 on a bad option or -replay log; 128+N after signal N\n"
        "(INT, TERM, HUP).\n");
}

static int parse_u64(const char *s, unsigned long long *out)
{
    char *end;

    if (*s == '-' || *s == '+')
        return -1;
    errno = 0;
    *out = strtoull(s, &end, 0);
    return errno || !*s || *end ? -1 : 0;
}

static int parse_rtc_base(const char *s, int64_t *out)
{
    int y, mo, d, h, mi, sec, n = 0;
    char *end;

    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) == 6 && !s[n]) {
        static const unsigned char mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap)
            || h > 23 || mi > 59 || sec > 59 || h < 0 || mi < 0 || sec < 0)
            return -1;
        *out = cmos_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + sec;
        return 0;
    }
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || !*s || *end)
        return -1;
    *out = v;
    return 0;
}

static int parse_out(const char *s, struct out_spec *o)
{
    if (!strcmp(s, "stdio"))
        *o = (struct out_spec){ OUT_STDIO, NULL };
    else if (!strcmp(s, "none"))
        *o = (struct out_spec){ OUT_NONE, NULL };
    else if (!strncmp(s, "file:", 5) && s[5])
        *o = (struct out_spec){ OUT_FILE, s + 5 };
    else
        return -1;
    return 0;
}

/* "CYCLES:REST" -> cycle and REST. */
static int parse_timed(const char *s, struct timed_arg *t)
{
    const char *colon = strchr(s, ':');
    char num[32];
    unsigned long long c;

    if (!colon || colon == s || (size_t)(colon - s) >= sizeof num || !colon[1])
        return -1;
    memcpy(num, s, (size_t)(colon - s));
    num[colon - s] = 0;
    if (parse_u64(num, &c))
        return -1;
    t->cycle = c;
    t->text = colon + 1;
    return 0;
}

static int push_timed(struct timed_arg **v, size_t *n, struct timed_arg t)
{
    struct timed_arg *nv = realloc(*v, (*n + 1) * sizeof **v);

    if (!nv)
        return -1;
    nv[(*n)++] = t;
    *v = nv;
    return 0;
}

/* The byte a -sendkeys escape stands for, or -1. */
static int sendkeys_escape(char c)
{
    switch (c) {
    case 'n': return '\n';
    case 'e': return 0x1B;
    case 't': return '\t';
    case 'b': return '\b';
    case '\\': return '\\';
    }
    return -1;
}

/* Checks a -sendkeys text: every escape known, every character typeable. */
static int check_sendkeys(const char *text, char *err, size_t errlen)
{
    struct key_event ev[KEYMAP_MAX_EVENTS];

    for (const char *p = text; *p; p++) {
        int ch = (unsigned char)*p;
        if (ch == '\\') {
            ch = sendkeys_escape(p[1]);
            if (ch < 0) {
                snprintf(err, errlen, "-sendkeys: unknown escape '\\%s' (\\n \\e \\t \\b \\\\)",
                         p[1] ? (char[]){ p[1], 0 } : "");
                return -1;
            }
            p++;
        }
        if (!keymap_ascii(ch, ev)) {
            snprintf(err, errlen, "-sendkeys: character 0x%02X has no key on a US keyboard", ch);
            return -1;
        }
    }
    return 0;
}

/* Parses argv into o. Returns 0, 1 when --help/--version was answered,
 * or 2 with one line in err. */
static int parse_args(int argc, char **argv, struct opts *o, char *err, size_t errlen)
{
    const char *bare = NULL;

    memset(o, 0, sizeof *o);
    o->ram_mb = 16;
    o->mhz = 33;
    o->model = CPU_80386;
    o->display = DISP_DEFAULT;
    o->rtc_base = 946684800;         /* 2000-01-01T00:00:00 UTC */

    for (int a = 1; a < argc; a++) {
        const char *opt = argv[a];
        const char *v = a + 1 < argc ? argv[a + 1] : NULL;

        if (!strcmp(opt, "--help") || !strcmp(opt, "-h") || !strcmp(opt, "-help")) {
            usage(stdout);
            return 1;
        }
        if (!strcmp(opt, "--version") || !strcmp(opt, "-version")) {
            printf("tick86 %s\n", TICK86_VERSION);
            return 1;
        }
        if (opt[0] != '-' || !opt[1]) {
            if (bare) {
                snprintf(err, errlen, "%s: only one image may be given without an option "
                         "(use -fda/-fdb/-hda/-hdb/-hdc/-hdd)", opt);
                return 2;
            }
            bare = opt;
            continue;
        }
        /* Options without a value. */
        if (!strcmp(opt, "-snapshot")) { o->snapshot = 1; continue; }
        if (!strcmp(opt, "-debug-exit")) { o->debug_exit = 1; continue; }
        if (!strcmp(opt, "-post")) { o->post = 1; continue; }
        if (!strcmp(opt, "-state-hash")) { o->state_hash = 1; continue; }

        static const char *const with_value[] = {
            "-fda", "-fdb", "-hda", "-hdb", "-hdc", "-hdd", "-boot", "-m", "-cpu", "-mhz", "-bios", "-vgabios",
            "-display", "-serial", "-debugcon", "-max-cycles", "-screenshot", "-screenshot-at",
            "-rtc-base", "-sendkeys", "-trace-max", "-load", "-record", "-replay"
        };
        size_t k;
        for (k = 0; k < sizeof with_value / sizeof with_value[0]; k++)
            if (!strcmp(opt, with_value[k]))
                break;
        if (k == sizeof with_value / sizeof with_value[0]) {
            snprintf(err, errlen, "%s: unknown option (see --help)", opt);
            return 2;
        }
        if (!v || (!strcmp(opt, "-load") && a + 2 >= argc)) {
            snprintf(err, errlen, "%s: missing %s", opt, !strcmp(opt, "-load") ? "ADDR FILE" : "value");
            return 2;
        }
        a++;

        if (!strcmp(opt, "-fda") || !strcmp(opt, "-fdb") || !strcmp(opt, "-hda") || !strcmp(opt, "-hdb") ||
            !strcmp(opt, "-hdc") || !strcmp(opt, "-hdd")) {
            const char **slot = opt[1] == 'f' ? &o->fd[opt[3] - 'a'] : &o->hd[opt[3] - 'a'];
            if (*slot) {
                snprintf(err, errlen, "%s: given twice", opt);
                return 2;
            }
            *slot = v;
        } else if (!strcmp(opt, "-boot")) {
            size_t n = strlen(v);
            int ok = n >= 1 && n <= 2;
            for (size_t i = 0; ok && i < n; i++)
                ok = (v[i] == 'a' || v[i] == 'c') && (i == 0 || v[i] != v[0]);
            if (!ok) {
                snprintf(err, errlen, "-boot %s: expected a, c, ac or ca", v);
                return 2;
            }
            strcpy(o->boot, v);
        } else if (!strcmp(opt, "-m")) {
            if (parse_u64(v, &o->ram_mb) || o->ram_mb < 1 || o->ram_mb > 3072) {
                snprintf(err, errlen, "-m %s: expected a size in MiB from 1 to 3072", v);
                return 2;
            }
        } else if (!strcmp(opt, "-cpu")) {
            if (cpu_model_parse(v, &o->model)) {
                snprintf(err, errlen, "-cpu %s: unknown model (8086 80186 80286 80386 80486 pentium p6)", v);
                return 2;
            }
        } else if (!strcmp(opt, "-mhz")) {
            if (parse_u64(v, &o->mhz) || o->mhz < 1 || o->mhz > 10000) {
                snprintf(err, errlen, "-mhz %s: expected a clock in MHz from 1 to 10000", v);
                return 2;
            }
        } else if (!strcmp(opt, "-bios")) {
            o->bios = v;
        } else if (!strcmp(opt, "-vgabios")) {
            o->vgabios = v;
        } else if (!strcmp(opt, "-display")) {
            if (!strcmp(v, "sdl")) o->display = DISP_SDL;
            else if (!strcmp(v, "term")) o->display = DISP_TERM;
            else if (!strcmp(v, "none")) o->display = DISP_NONE;
            else {
                snprintf(err, errlen, "-display %s: expected sdl, term or none", v);
                return 2;
            }
            if (o->display == DISP_SDL && !display_sdl_available()) {
                snprintf(err, errlen, "-display sdl: this tick86 was built without SDL "
                         "(./configure found no SDL2 or was given --without-sdl)");
                return 2;
            }
        } else if (!strcmp(opt, "-serial")) {
            if (o->nserial == 2) {
                snprintf(err, errlen, "-serial %s: only COM1 and COM2 exist (give -serial at most twice)", v);
                return 2;
            }
            if (parse_out(v, &o->serial[o->nserial])) {
                snprintf(err, errlen, "-serial %s: expected stdio, file:PATH or none", v);
                return 2;
            }
            o->nserial++;
        } else if (!strcmp(opt, "-debugcon")) {
            if (parse_out(v, &o->debugcon)) {
                snprintf(err, errlen, "-debugcon %s: expected stdio, file:PATH or none", v);
                return 2;
            }
        } else if (!strcmp(opt, "-max-cycles")) {
            if (parse_u64(v, &o->max_cycles) || !o->max_cycles) {
                snprintf(err, errlen, "-max-cycles %s: expected a positive number", v);
                return 2;
            }
        } else if (!strcmp(opt, "-screenshot")) {
            o->screenshot = v;
        } else if (!strcmp(opt, "-screenshot-at") || !strcmp(opt, "-sendkeys")) {
            struct timed_arg t;
            int shot = opt[2] == 'c';
            if (parse_timed(v, &t)) {
                snprintf(err, errlen, "%s %s: expected CYCLES:%s", opt, v, shot ? "FILE.png" : "TEXT");
                return 2;
            }
            if (!shot && check_sendkeys(t.text, err, errlen))
                return 2;
            if (push_timed(shot ? &o->shots : &o->keys, shot ? &o->nshots : &o->nkeys, t)) {
                snprintf(err, errlen, "%s: out of memory", opt);
                return 2;
            }
        } else if (!strcmp(opt, "-rtc-base")) {
            if (!strcmp(v, "now"))
                o->rtc_now = 1;
            else if (parse_rtc_base(v, &o->rtc_base)) {
                snprintf(err, errlen, "-rtc-base %s: expected SECONDS, YYYY-MM-DDTHH:MM:SS or now", v);
                return 2;
            }
        } else if (!strcmp(opt, "-trace-max")) {
            if (parse_u64(v, &o->trace_max) || o->trace_max < 1 || o->trace_max > 16) {
                snprintf(err, errlen, "-trace-max %s: expected 1..16", v);
                return 2;
            }
        } else if (!strcmp(opt, "-record") || !strcmp(opt, "-replay")) {
            const char **slot = opt[3] == 'c' ? &o->record : &o->replay;
            if (*slot) {
                snprintf(err, errlen, "%s: given twice", opt);
                return 2;
            }
            *slot = v;
        } else if (!strcmp(opt, "-load")) {
            if (parse_u64(v, &o->load_addr) || o->load_addr > 0xFFFF) {
                snprintf(err, errlen, "-load %s: expected an address below 0x10000", v);
                return 2;
            }
            o->load_file = argv[++a];
        }
    }

    if (o->load_file) {
        if (bare || o->fd[0] || o->fd[1] || o->hd[0] || o->hd[1] || o->hd[2] || o->hd[3]) {
            snprintf(err, errlen, "-load: runs a bare program and takes no disk images");
            return 2;
        }
        if (o->record || o->replay) {
            snprintf(err, errlen, "%s: the bare-program mode (-load) takes no input",
                     o->record ? "-record" : "-replay");
            return 2;
        }
        return 0;
    }
    if (bare) {
        /* A bare image is a floppy when its size is a floppy format. */
        struct stat st;
        /* One that cannot be examined goes to -hda, whose open says why. */
        int floppy = !stat(bare, &st) && S_ISREG(st.st_mode) && disk_floppy_size((uint64_t)st.st_size);
        const char **slot = floppy ? &o->fd[0] : &o->hd[0];
        if (*slot) {
            snprintf(err, errlen, "%s: %s is already given", bare, floppy ? "-fda" : "-hda");
            return 2;
        }
        *slot = bare;
    }
    if (argc == 1) {
        snprintf(err, errlen, "nothing to run: give a disk image (see --help)");
        return 2;
    }
    return 0;
}

/* Reads a whole ROM file whose size must satisfy ok(size). */
static uint8_t *read_rom(const char *path, size_t max, int (*ok)(size_t), const char *want,
                         size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    size_t n;

    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    buf = malloc(max + 1);
    if (!buf) {
        fclose(f);
        snprintf(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    n = fread(buf, 1, max + 1, f);
    if (ferror(f)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        goto fail;
    }
    if (!ok(n)) {
        if (n > max)
            snprintf(err, errlen, "%s: too large for a ROM; it must be %s", path, want);
        else
            snprintf(err, errlen, "%s: %zu bytes; it must be %s", path, n, want);
        goto fail;
    }
    fclose(f);
    *len = n;
    return buf;
fail:
    fclose(f);
    free(buf);
    return NULL;
}

static int bios_size_ok(size_t n) { return n == 65536 || n == 131072; }
static int vgabios_size_ok(size_t n) { return n && n <= 65536 && n % 512 == 0; }

/* ---- the run state ------------------------------------------------------- */

enum fe_action { ACT_INPUT, ACT_SHOT };

struct fe_event {
    uint64_t cycle;
    uint64_t seq;                    /* insertion order breaks ties: FIFO at one cycle */
    enum fe_action kind;
    struct pc_input in;              /* ACT_INPUT */
    const char *path;                /* ACT_SHOT */
};

#define SERIAL_QUEUE 4096

struct fe {
    struct pc *pc;
    const struct opts *o;
    uint32_t *fb;
    /* timed actions: a binary min-heap on (cycle, seq) */
    struct fe_event *heap;
    size_t nheap, capheap;
    uint64_t seq;
    uint64_t key_last;               /* cycle of the last queued key event */
    uint64_t key_gap;                /* cycles between typed key events */
    /* -serial stdio input: bytes wait here and go in one per serial_gap */
    int serial_in;                   /* COM number fed from stdin, or -1 */
    int serial_tty;                  /* stdin is a terminal in raw mode */
    int stdin_eof;
    uint8_t sq[SERIAL_QUEUE];
    size_t sq_head, sq_count;
    uint64_t serial_next, serial_gap;
    /* outputs */
    FILE *com_out[2], *debugcon_out;
    int last_post;
    /* -replay: the guest's keyboard, mouse and serial input come from
     * the log (and -sendkeys) only; live input would make the run differ
     * from the recording */
    int replaying;
    size_t given;                    /* events given to pc_input, to check its log is whole */
    /* run state */
    uint64_t max_cycles;             /* 0 = none */
    int over, status, stopped, failed;
    /* pacing */
    int paced;
    uint64_t anchor_us, anchor_cyc;
};

/* The one piece of state a signal handler may touch (C11 7.14.1.1). */
static volatile sig_atomic_t fe_signal;

static void fe_on_signal(int sig)
{
    fe_signal = sig;
}

struct pc *fe_pc(struct fe *fe) { return fe->pc; }
uint32_t *fe_framebuffer(struct fe *fe) { return fe->fb; }
int fe_guest_stopped(const struct fe *fe) { return fe->stopped; }

int fe_over(const struct fe *fe)
{
    return fe->over || fe_signal;
}

void fe_end(struct fe *fe, int status)
{
    if (!fe->over) {
        fe->over = 1;
        fe->status = status;
    }
}

/* Every host event reaches the guest here. */
static void fe_give(struct fe *fe, const struct pc_input *in)
{
    pc_input(fe->pc, in);
    fe->given++;
}

static int ev_before(const struct fe_event *a, const struct fe_event *b)
{
    return a->cycle != b->cycle ? a->cycle < b->cycle : a->seq < b->seq;
}

static void fe_push(struct fe *fe, struct fe_event e)
{
    if (fe->nheap == fe->capheap) {
        size_t ncap = fe->capheap ? fe->capheap * 2 : 64;
        struct fe_event *nh = realloc(fe->heap, ncap * sizeof *nh);
        if (!nh) {
            fprintf(stderr, "tick86: out of memory for queued input\n");
            fe_end(fe, 1);
            return;
        }
        fe->heap = nh;
        fe->capheap = ncap;
    }
    e.seq = fe->seq++;
    size_t i = fe->nheap++;
    while (i && ev_before(&e, &fe->heap[(i - 1) / 2])) {
        fe->heap[i] = fe->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    fe->heap[i] = e;
}

static struct fe_event fe_pop(struct fe *fe)
{
    struct fe_event top = fe->heap[0], last = fe->heap[--fe->nheap];
    size_t i = 0;

    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= fe->nheap)
            break;
        if (c + 1 < fe->nheap && ev_before(&fe->heap[c + 1], &fe->heap[c]))
            c++;
        if (!ev_before(&fe->heap[c], &last))
            break;
        fe->heap[i] = fe->heap[c];
        i = c;
    }
    if (fe->nheap)
        fe->heap[i] = last;
    return top;
}

void fe_keys(struct fe *fe, const struct key_event *ev, unsigned n, int spaced)
{
    uint64_t now = pc_cycles(fe->pc);

    if (fe->replaying)
        return;
    for (unsigned i = 0; i < n; i++) {
        uint64_t c = fe->key_last + (spaced ? fe->key_gap : 0);
        if (c < now)
            c = now;
        fe->key_last = c;
        struct fe_event e = { .cycle = c, .kind = ACT_INPUT };
        e.in.kind = PC_IN_KEY;
        e.in.key = ev[i].code;
        e.in.down = ev[i].down;
        fe_push(fe, e);
    }
}

void fe_mouse(struct fe *fe, int dx, int dy, int buttons)
{
    struct pc_input in = { .kind = PC_IN_MOUSE, .dx = dx, .dy = dy, .buttons = buttons };

    if (!fe->replaying)
        fe_give(fe, &in);
}

/* Queues the -sendkeys text from its cycle on: every event key_gap after
 * the one before, so a long text is typed at a steady pace. */
static void fe_queue_sendkeys(struct fe *fe, const struct timed_arg *t)
{
    struct key_event ev[KEYMAP_MAX_EVENTS];
    uint64_t c = t->cycle;

    for (const char *p = t->text; *p; p++) {
        int ch = (unsigned char)*p;
        if (ch == '\\')
            ch = sendkeys_escape(*++p);
        unsigned n = keymap_ascii(ch, ev);
        for (unsigned i = 0; i < n; i++) {
            struct fe_event e = { .cycle = c, .kind = ACT_INPUT };
            e.in.kind = PC_IN_KEY;
            e.in.key = ev[i].code;
            e.in.down = ev[i].down;
            fe_push(fe, e);
            c += fe->key_gap;
        }
    }
}

int fe_screenshot(struct fe *fe, const char *path, char *err, size_t errlen)
{
    unsigned w = 0, h = 0;

    pc_render(fe->pc, fe->fb, &w, &h);
    return png_write_rgb(path, fe->fb, w, h, err, errlen);
}

static void fe_shot(struct fe *fe, const char *path)
{
    char err[300];

    if (fe_screenshot(fe, path, err, sizeof err)) {
        fprintf(stderr, "tick86: %s\n", err);
        fe->failed = 1;
    }
}

/* Carries out every queued action due at or before now. */
static void fe_fire_due(struct fe *fe, uint64_t now)
{
    while (fe->nheap && fe->heap[0].cycle <= now) {
        struct fe_event e = fe_pop(fe);
        if (e.kind == ACT_INPUT)
            fe_give(fe, &e.in);
        else
            fe_shot(fe, e.path);
    }
    if (fe->sq_count && now >= fe->serial_next) {
        struct pc_input in = { .kind = PC_IN_SERIAL, .com = fe->serial_in, .byte = fe->sq[fe->sq_head] };
        fe_give(fe, &in);
        fe->sq_head = (fe->sq_head + 1) % SERIAL_QUEUE;
        fe->sq_count--;
        fe->serial_next = now + fe->serial_gap;
    }
}

static void fe_flush_outputs(struct fe *fe)
{
    for (int i = 0; i < 2; i++)
        if (fe->com_out[i])
            fflush(fe->com_out[i]);
    if (fe->debugcon_out)
        fflush(fe->debugcon_out);
}

void fe_run_until(struct fe *fe, uint64_t until)
{
    while (!fe_over(fe) && !fe->stopped) {
        uint64_t now = pc_cycles(fe->pc);
        fe_fire_due(fe, now);
        if (fe->max_cycles && now >= fe->max_cycles) {
            fe_end(fe, 0);
            break;
        }
        if (now >= until)
            break;
        uint64_t target = until;
        if (fe->nheap && fe->heap[0].cycle < target)
            target = fe->heap[0].cycle;
        if (fe->sq_count && fe->serial_next < target)
            target = fe->serial_next;
        if (fe->max_cycles && fe->max_cycles < target)
            target = fe->max_cycles;
        if (target <= now)           /* an action due right now: loop to fire it */
            continue;
        enum pc_stop s = pc_run(fe->pc, target - now);
        switch (s) {
        case PC_STOP_BUDGET:
            break;
        case PC_STOP_EXIT:
            fe_end(fe, pc_exit_status(fe->pc));
            break;
        case PC_STOP_HALT:
            fe->stopped = 1;
            break;
        case PC_STOP_UNIMPL:
        case PC_STOP_SHUTDOWN:
            fe_flush_outputs(fe);
            fprintf(stderr, "tick86: %s (cycle %" PRIu64 ")\n", pc_stop_message(fe->pc), pc_cycles(fe->pc));
            fe_end(fe, 1);
            break;
        }
    }
    fe_flush_outputs(fe);
}

uint64_t fe_host_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void fe_sleep_until(uint64_t us)
{
    uint64_t now = fe_host_us();

    if (us > now) {
        struct timespec ts = { (time_t)((us - now) / 1000000u), (long)((us - now) % 1000000u) * 1000 };
        nanosleep(&ts, NULL);
    }
}

void fe_run_paced(struct fe *fe, unsigned frame_us)
{
    uint64_t hz = pc_cpu_hz(fe->pc);
    uint64_t start = fe_host_us();
    uint64_t cyc = pc_cycles(fe->pc);

    if (fe->stopped || fe_over(fe)) {
        fe->paced = 0;
        return;
    }
    /* Anchor guest time to host time; re-anchor after a second (so the
     * products below stay far from overflow) or after a stall such as a
     * suspended process, which should not be made up for. */
    if (!fe->paced || start - fe->anchor_us > 2000000u) {
        fe->paced = 1;
        fe->anchor_us = start;
        fe->anchor_cyc = cyc;
    }
    uint64_t elapsed = start - fe->anchor_us;
    uint64_t target = fe->anchor_cyc + elapsed * hz / 1000000u;
    if (elapsed >= 1000000u) {
        fe->anchor_us = start;
        fe->anchor_cyc = target;
    }
    /* A guest that has fallen more than a quarter second behind (the host
     * is too slow) runs on from where it is instead of rushing. */
    if (target > cyc + hz / 4) {
        fe->anchor_us = start;
        fe->anchor_cyc = cyc;
        target = cyc + hz / 4;
    }
    uint64_t slice = hz / 1000 ? hz / 1000 : 1;   /* 1 ms of guest time */
    uint64_t deadline = start + frame_us * 3u / 4u;
    while (!fe_over(fe) && !fe->stopped && (cyc = pc_cycles(fe->pc)) < target) {
        fe_run_until(fe, cyc + slice < target ? cyc + slice : target);
        if (fe_host_us() >= deadline)
            break;
    }
}

void fe_poll_serial(struct fe *fe)
{
    struct pollfd p = { 0, POLLIN, 0 };
    uint8_t buf[SERIAL_QUEUE];

    if (fe->serial_in < 0 || fe->stdin_eof || fe->sq_count == SERIAL_QUEUE)
        return;
    if (poll(&p, 1, 0) <= 0 || !(p.revents & (POLLIN | POLLHUP)))
        return;
    ssize_t n = read(0, buf, SERIAL_QUEUE - fe->sq_count);
    if (n <= 0) {
        if (n == 0 || (errno != EINTR && errno != EAGAIN))
            fe->stdin_eof = 1;
        return;
    }
    for (ssize_t i = 0; i < n; i++) {
        if (fe->serial_tty && buf[i] == TERM_QUIT_BYTE) {
            fe_end(fe, 0);
            return;
        }
        if (fe->replaying)           /* read only to see the quit key */
            continue;
        fe->sq[(fe->sq_head + fe->sq_count++) % SERIAL_QUEUE] = buf[i];
    }
    if (fe->serial_next < pc_cycles(fe->pc))
        fe->serial_next = pc_cycles(fe->pc);
}

/* ---- board callbacks ------------------------------------------------------- */

static void fe_serial_tx(void *opaque, int com, uint8_t byte)
{
    struct fe *fe = opaque;

    if (com >= 0 && com < 2 && fe->com_out[com])
        fputc(byte, fe->com_out[com]);
}

static void fe_debugcon(void *opaque, uint8_t byte)
{
    struct fe *fe = opaque;

    if (fe->debugcon_out)
        fputc(byte, fe->debugcon_out);
}

static void fe_post(void *opaque, uint8_t code)
{
    struct fe *fe = opaque;

    if (code != fe->last_post) {
        fe->last_post = code;
        fprintf(stderr, "tick86: POST %02Xh\n", code);
    }
}

/* ---- bare-program mode (-load) ---------------------------------------------- */

static int run_bare(const struct opts *o)
{
    FILE *f = fopen(o->load_file, "rb");
    if (!f) {
        fprintf(stderr, "tick86: %s: %s\n", o->load_file, strerror(errno));
        return 1;
    }
    uint8_t *image = malloc(0x10000);
    if (!image) {
        fclose(f);
        fprintf(stderr, "tick86: out of memory\n");
        return 1;
    }
    size_t n = fread(image, 1, 0x10000, f);
    int more = fgetc(f) != EOF;
    fclose(f);
    if (n == 0 || more || o->load_addr + n > 0x10000) {
        fprintf(stderr, "tick86: %s: %s\n", o->load_file,
                n == 0 ? "empty file" : "does not fit below 64 KiB at that address");
        free(image);
        return 1;
    }

    char err[200];
    struct memmap mem;
    struct io_bus *io = malloc(sizeof *io);
    struct sched sched;
    if (!io || mem_init(&mem, (uint32_t)(o->ram_mb << 20), err, sizeof err)) {
        fprintf(stderr, "tick86: %s\n", io ? err : "out of memory");
        free(io);
        free(image);
        return 1;
    }
    io_init(io);
    sched_init(&sched);
    struct cpu_config cfg = { o->model, (unsigned)o->trace_max, 0, 0 };
    struct cpu *c = cpu_create(&cfg, &mem, io, &sched, err, sizeof err);
    if (!c) {
        fprintf(stderr, "tick86: %s\n", err);
        mem_free(&mem);
        free(io);
        free(image);
        return 1;
    }
    mem_poke(&mem, (uint32_t)o->load_addr, image, (uint32_t)n);
    free(image);
    cpu_set_reg(c, REG_CS, 0);
    cpu_set_reg(c, REG_EIP, (uint32_t)o->load_addr);
    cpu_set_reg(c, REG_SS, 0);
    cpu_set_reg(c, REG_ESP, 0xFFFE);
    cpu_set_stop_on_halt(c, 1);
    enum cpu_stop s = cpu_run(c, o->max_cycles ? o->max_cycles : UINT64_MAX);

    static const char *const why[] = { "cycle limit", "halted", "unimplemented", "shutdown", "stop" };
    printf("tick86: %s after %llu cycles, %llu instructions (cpu %s)\n", why[s],
           (unsigned long long)cpu_cycles(c), (unsigned long long)cpu_icount(c), cpu_model_name(o->model));
    if (s == CPU_STOP_UNIMPL || s == CPU_STOP_SHUTDOWN) printf("tick86: %s\n", cpu_stop_message(c));
    printf("EAX=%08X EBX=%08X ECX=%08X EDX=%08X ESI=%08X EDI=%08X EBP=%08X ESP=%08X\n",
           cpu_get_reg(c, REG_EAX), cpu_get_reg(c, REG_EBX), cpu_get_reg(c, REG_ECX),
           cpu_get_reg(c, REG_EDX), cpu_get_reg(c, REG_ESI), cpu_get_reg(c, REG_EDI),
           cpu_get_reg(c, REG_EBP), cpu_get_reg(c, REG_ESP));
    printf("CS=%04X DS=%04X ES=%04X SS=%04X EIP=%08X EFLAGS=%08X\n", cpu_get_reg(c, REG_CS),
           cpu_get_reg(c, REG_DS), cpu_get_reg(c, REG_ES), cpu_get_reg(c, REG_SS),
           cpu_get_reg(c, REG_EIP), cpu_get_reg(c, REG_EFLAGS));
    if (o->state_hash)
        fprintf(stderr, "state-hash %016" PRIx64 " cycles %" PRIu64 "\n", cpu_state_hash(c), cpu_cycles(c));
    int rc = (s == CPU_STOP_UNIMPL || s == CPU_STOP_SHUTDOWN) ? 1 : 0;
    cpu_destroy(c);
    mem_free(&mem);
    free(io);
    return rc;
}

/* ---- the PC ------------------------------------------------------------------ */

/* -serial or -debugcon uses stdin/stdout. */
static int stdio_used(const struct opts *o)
{
    int used = o->debugcon.kind == OUT_STDIO;

    for (unsigned i = 0; i < o->nserial; i++)
        used |= o->serial[i].kind == OUT_STDIO;
    return used;
}

/* The terminal display needs stdin and stdout to itself. */
static int term_possible(const struct opts *o)
{
    return !stdio_used(o) && isatty(0) && isatty(1);
}

static enum display_kind choose_display(const struct opts *o)
{
    const char *x = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");

    if (o->display != DISP_DEFAULT)
        return o->display;
    if (display_sdl_available() && ((x && *x) || (wl && *wl)))
        return DISP_SDL;
    return term_possible(o) ? DISP_TERM : DISP_NONE;
}

static FILE *open_out(const struct out_spec *s, const char *opt)
{
    FILE *f;

    if (s->kind == OUT_NONE)
        return NULL;
    if (s->kind == OUT_STDIO)
        return stdout;
    f = fopen(s->path, "wb");
    if (!f)
        fprintf(stderr, "tick86: %s file:%s: %s\n", opt, s->path, strerror(errno));
    return f;
}

/* The machine line of an input log: the options that change what the
 * guest sees, as this run has them. Not the trace length (DESIGN.md
 * invariant 2) nor the display and outputs, which the guest cannot see. */
static void describe_machine(struct replay_machine *m, const struct opts *o, const struct pc_config *cfg)
{
    const char *const names[6] = { o->fd[0], o->fd[1], o->hd[0], o->hd[1], o->hd[2], o->hd[3] };

    memset(m, 0, sizeof *m);
    snprintf(m->value[RK_CPU], REPLAY_VALUE_MAX, "%s", cpu_model_name(cfg->model));
    snprintf(m->value[RK_M], REPLAY_VALUE_MAX, "%" PRIu32, cfg->ram_mb);
    snprintf(m->value[RK_MHZ], REPLAY_VALUE_MAX, "%llu", o->mhz);
    snprintf(m->value[RK_RTC_BASE], REPLAY_VALUE_MAX, "%" PRId64, cfg->rtc_base);
    snprintf(m->value[RK_BOOT], REPLAY_VALUE_MAX, "%s", cfg->boot[0] ? cfg->boot : "ca");
    snprintf(m->value[RK_DEBUG_EXIT], REPLAY_VALUE_MAX, "%d", cfg->debug_exit);
    snprintf(m->value[RK_SNAPSHOT], REPLAY_VALUE_MAX, "%d", o->snapshot);
    replay_file_value(m->value[RK_BIOS], o->bios, cfg->bios_len, "built-in");
    replay_file_value(m->value[RK_VGABIOS], o->vgabios, cfg->vgabios_len, "built-in");
    for (int i = 0; i < 6; i++) {
        const struct pc_drive *d = i < 2 ? &cfg->fd[i] : &cfg->hd[i - 2];
        replay_file_value(m->value[RK_FDA + i], names[i], d->bytes, "none");
    }
}

static int run_pc(const struct opts *o, const struct replay_log *replay)
{
    char err[300];
    struct disk_image *disks[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
    const char *const *paths[6] = { &o->fd[0], &o->fd[1], &o->hd[0], &o->hd[1], &o->hd[2], &o->hd[3] };
    uint8_t *bios = NULL, *vgabios = NULL;
    struct pc_config cfg;
    struct fe fe;
    struct replay_machine *machine = NULL;
    struct replay_out record = { NULL, NULL, NULL };
    int rc = 1;

    memset(&fe, 0, sizeof fe);
    fe.o = o;
    fe.serial_in = -1;
    fe.last_post = -1;
    fe.max_cycles = o->max_cycles;

    enum display_kind disp = choose_display(o);
    if (disp == DISP_TERM) {
        if (stdio_used(o)) {
            fprintf(stderr, "tick86: -display term: stdin and stdout are the screen; "
                    "-serial/-debugcon stdio need -display none or sdl\n");
            return 2;
        }
    }

    pc_config_default(&cfg);
    cfg.model = o->model;
    cfg.ram_mb = (uint32_t)o->ram_mb;
    cfg.cpu_hz = o->mhz * 1000000u;
    cfg.debug_exit = o->debug_exit;
    cfg.trace_max = (unsigned)o->trace_max;
    cfg.rtc_base = o->rtc_now ? (int64_t)time(NULL) : o->rtc_base;
    if (o->boot[0])
        strcpy(cfg.boot, o->boot);

    /* Every input is checked before anything is written. */
    for (int i = 0; i < 6; i++) {
        int ro;
        if (!*paths[i])
            continue;
        disks[i] = disk_image_open(*paths[i], i < 2, o->snapshot, &ro, err, sizeof err);
        if (!disks[i]) {
            fprintf(stderr, "tick86: %s\n", err);
            goto out;
        }
        if (ro)
            fprintf(stderr, "tick86: %s: read-only file: the guest's writes to it will fail "
                    "(-snapshot keeps them in memory)\n", *paths[i]);
        struct pc_drive *d = i < 2 ? &cfg.fd[i] : &cfg.hd[i - 2];
        d->ops = &disk_image_ops;
        d->opaque = disks[i];
        d->bytes = disk_image_bytes(disks[i]);
    }
    if (o->bios) {
        bios = read_rom(o->bios, 131072, bios_size_ok, "64 KiB or 128 KiB", &cfg.bios_len, err, sizeof err);
        if (!bios) {
            fprintf(stderr, "tick86: %s\n", err);
            goto out;
        }
        cfg.bios = bios;
    }
    if (o->vgabios) {
        vgabios = read_rom(o->vgabios, 65536, vgabios_size_ok, "a multiple of 512 bytes up to 64 KiB",
                           &cfg.vgabios_len, err, sizeof err);
        if (!vgabios) {
            fprintf(stderr, "tick86: %s\n", err);
            goto out;
        }
        cfg.vgabios = vgabios;
    }
    machine = malloc(sizeof *machine);
    if (!machine) {
        fprintf(stderr, "tick86: out of memory\n");
        goto out;
    }
    describe_machine(machine, o, &cfg);
    if (replay)
        for (int k = replay_next_diff(&replay->machine, machine, 0); k >= 0;
             k = replay_next_diff(&replay->machine, machine, k + 1))
            fprintf(stderr, "tick86: %s: recorded with %s=%s, this run has %s=%s\n", o->replay,
                    replay_key_name((enum replay_key)k), replay->machine.value[k],
                    replay_key_name((enum replay_key)k), machine->value[k]);
    cfg.host.serial_tx = fe_serial_tx;
    cfg.host.debugcon = fe_debugcon;
    cfg.host.post = o->post ? fe_post : NULL;
    cfg.host.opaque = &fe;

    fe.fb = malloc((size_t)PC_FB_MAX_W * PC_FB_MAX_H * sizeof *fe.fb);
    if (!fe.fb) {
        fprintf(stderr, "tick86: out of memory\n");
        goto out;
    }
    fe.pc = pc_create(&cfg, err, sizeof err);
    if (!fe.pc) {
        fprintf(stderr, "tick86: %s\n", err);
        goto out;
    }

    /* Outputs, now that nothing can be refused any more. The -record
     * log's temporary file comes first: it is the one that leaves no
     * trace when a later output cannot be opened, and a FILE that cannot
     * be written is refused before the run rather than after it. */
    if (o->record && replay_out_open(&record, o->record, err, sizeof err)) {
        fprintf(stderr, "tick86: -record %s\n", err);
        goto out;
    }
    for (unsigned i = 0; i < o->nserial; i++) {
        fe.com_out[i] = open_out(&o->serial[i], "-serial");
        if (o->serial[i].kind == OUT_FILE && !fe.com_out[i])
            goto out;
        if (o->serial[i].kind == OUT_STDIO && fe.serial_in < 0)
            fe.serial_in = (int)i;
    }
    fe.debugcon_out = open_out(&o->debugcon, "-debugcon");
    if (o->debugcon.kind == OUT_FILE && !fe.debugcon_out)
        goto out;

    /* Typed keys go 5 ms apart; serial input one byte per millisecond
     * (about what 9600 baud carries), so a 16-byte FIFO keeps up. */
    fe.key_gap = cfg.cpu_hz / 200;
    fe.serial_gap = cfg.cpu_hz / 1000;
    if (replay) {
        /* Each event at the cycle the recorded run gave it to the board.
         * That cycle was an instruction boundary there, and pc_run stops
         * at the first boundary at or after its target, so it is reached
         * exactly here too. */
        fe.replaying = 1;
        for (size_t i = 0; i < replay->n; i++) {
            struct fe_event e = { .cycle = replay->ev[i].cycle, .kind = ACT_INPUT, .in = replay->ev[i].ev };
            fe_push(&fe, e);
        }
    }
    for (size_t i = 0; i < o->nkeys; i++)
        fe_queue_sendkeys(&fe, &o->keys[i]);
    for (size_t i = 0; i < o->nshots; i++) {
        struct fe_event e = { .cycle = o->shots[i].cycle, .kind = ACT_SHOT, .path = o->shots[i].text };
        fe_push(&fe, e);
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fe_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    if (fe.serial_in >= 0 && disp != DISP_TERM && isatty(0)) {
        if (term_raw_enter(err, sizeof err)) {
            fprintf(stderr, "tick86: %s\n", err);
            goto out;
        }
        fe.serial_tty = 1;
    }

    int drc;
    if (disp == DISP_SDL) {
        drc = display_sdl_run(&fe, err, sizeof err);
        if (drc && o->display == DISP_DEFAULT && !pc_cycles(fe.pc)) {
            /* SDL was only the default: say why and fall back. */
            disp = term_possible(o) ? DISP_TERM : DISP_NONE;
            fprintf(stderr, "tick86: %s; using -display %s\n", err, disp == DISP_TERM ? "term" : "none");
            drc = disp == DISP_TERM ? display_term_run(&fe, err, sizeof err)
                                    : display_none_run(&fe, err, sizeof err);
        }
    } else if (disp == DISP_TERM) {
        drc = display_term_run(&fe, err, sizeof err);
    } else {
        drc = display_none_run(&fe, err, sizeof err);
    }
    term_raw_leave();
    fe_flush_outputs(&fe);
    if (drc) {
        fprintf(stderr, "tick86: %s\n", err);
        goto out;
    }
    if (fe_signal && !fe.over)
        fe_end(&fe, 128 + fe_signal);

    for (size_t i = 0; i < fe.nheap; i++)
        if (fe.heap[i].kind == ACT_SHOT && fe.status != 1)
            fprintf(stderr, "tick86: -screenshot-at %" PRIu64 ":%s: not taken, the run ended at cycle %"
                    PRIu64 "\n", fe.heap[i].cycle, fe.heap[i].path, pc_cycles(fe.pc));
    if (o->screenshot)
        fe_shot(&fe, o->screenshot);
    if (o->state_hash)
        fprintf(stderr, "state-hash %016" PRIx64 " cycles %" PRIu64 "\n",
                pc_state_hash(fe.pc), pc_cycles(fe.pc));
    if (o->record) {
        size_t nlog;
        const struct pc_input_rec *log = pc_input_log(fe.pc, &nlog);
        if (nlog != fe.given) {
            /* The board could not grow its log: a partial one would
             * replay as a different run. */
            replay_out_abort(&record);
            fprintf(stderr, "tick86: -record %s: not written: out of memory for the input log "
                    "(%zu of %zu events kept)\n", o->record, nlog, fe.given);
            fe.failed = 1;
        } else if (replay_out_commit(&record, machine, log, nlog, err, sizeof err)) {
            fprintf(stderr, "tick86: -record %s\n", err);
            fe.failed = 1;
        }
    }
    rc = fe.failed ? 1 : fe.status;

out:
    replay_out_abort(&record);       /* no-op after a commit */
    free(machine);
    if (fe.pc)
        pc_destroy(fe.pc);
    for (int i = 0; i < 6; i++)
        if (disk_image_close(disks[i], err, sizeof err)) {
            fprintf(stderr, "tick86: %s\n", err);
            rc = 1;
        }
    for (int i = 0; i < 2; i++)
        if (fe.com_out[i] && fe.com_out[i] != stdout && fe.com_out[i] != fe.debugcon_out)
            fclose(fe.com_out[i]);
    if (fe.debugcon_out && fe.debugcon_out != stdout)
        fclose(fe.debugcon_out);
    fflush(stdout);
    free(fe.fb);
    free(fe.heap);
    free(bios);
    free(vgabios);
    return rc;
}

int main(int argc, char **argv)
{
    struct opts o;
    char err[300];
    int r = parse_args(argc, argv, &o, err, sizeof err);
    int rc;

    if (r == 1)
        return 0;
    if (r) {
        fprintf(stderr, "tick86: %s\n", err);
        free(o.shots);
        free(o.keys);
        return 2;
    }
    /* A -replay log is read whole and checked before anything else is
     * opened, created or run. */
    struct replay_log replay;
    memset(&replay, 0, sizeof replay);
    if (o.replay && replay_load(&replay, o.replay, err, sizeof err)) {
        fprintf(stderr, "tick86: %s\n", err);
        free(o.shots);
        free(o.keys);
        return 2;
    }
    rc = o.load_file ? run_bare(&o) : run_pc(&o, o.replay ? &replay : NULL);
    replay_free(&replay);
    free(o.shots);
    free(o.keys);
    return rc;
}
