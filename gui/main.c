/* main.c - the command-line front end.
 *
 * Until the PC (chips, BIOS, display) lands, tick86 runs bare programs:
 * a flat binary loaded at a physical address and started there in real
 * mode with CS=0, on the CPU model chosen with -cpu, until it halts with
 * interrupts off, stops on an unimplemented opcode, or reaches
 * -max-cycles. It prints the final registers, the cycles and the
 * instructions. Option names follow QEMU's where one exists. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../cpu/cpu.h"
#include "../devices/memmap.h"
#include "../devices/ioport.h"
#include "../devices/sched.h"

#define TICK86_VERSION "0.1.0"

static void usage(FILE *f)
{
    fprintf(f,
        "usage: tick86 [options] -load ADDR FILE\n"
        "  -cpu MODEL        8086 80186 80286 80386 80486 pentium p6 (default 80386)\n"
        "  -m MB             RAM size in MiB (default 16)\n"
        "  -load ADDR FILE   load a flat binary at physical ADDR (hex with 0x) and start\n"
        "                    there: CS=0, IP=ADDR, SS:SP=0:FFFE (ADDR below 64 KiB)\n"
        "  -max-cycles N     stop after N guest clocks (default: run until HLT)\n"
        "  -trace-max N      instructions per trace, 1..16 (default 16)\n"
        "  --help, --version\n");
}

static int parse_u64(const char *s, unsigned long long *out)
{
    char *end;
    errno = 0;
    *out = strtoull(s, &end, 0);
    return errno || !*s || *end ? -1 : 0;
}

int main(int argc, char **argv)
{
    enum cpu_model model = CPU_80386;
    unsigned long long ram_mb = 16, max_cycles = 0, load_addr = 0, trace_max = 16;
    const char *load_file = NULL;

    for (int a = 1; a < argc; a++) {
        const char *o = argv[a];
        int has = a + 1 < argc;
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) { usage(stdout); return 0; }
        if (!strcmp(o, "--version")) { printf("tick86 %s\n", TICK86_VERSION); return 0; }
        if (!strcmp(o, "-cpu") && has) {
            if (cpu_model_parse(argv[++a], &model)) {
                fprintf(stderr, "tick86: -cpu %s: unknown model (8086 80186 80286 80386 80486 pentium p6)\n", argv[a]);
                return 2;
            }
        } else if (!strcmp(o, "-m") && has) {
            if (parse_u64(argv[++a], &ram_mb) || ram_mb < 1 || ram_mb > 3072) {
                fprintf(stderr, "tick86: -m %s: expected a size in MiB from 1 to 3072\n", argv[a]);
                return 2;
            }
        } else if (!strcmp(o, "-max-cycles") && has) {
            if (parse_u64(argv[++a], &max_cycles)) {
                fprintf(stderr, "tick86: -max-cycles %s: not a number\n", argv[a]);
                return 2;
            }
        } else if (!strcmp(o, "-trace-max") && has) {
            if (parse_u64(argv[++a], &trace_max) || trace_max < 1 || trace_max > 16) {
                fprintf(stderr, "tick86: -trace-max %s: expected 1..16\n", argv[a]);
                return 2;
            }
        } else if (!strcmp(o, "-load") && a + 2 < argc) {
            if (parse_u64(argv[++a], &load_addr) || load_addr > 0xFFFF) {
                fprintf(stderr, "tick86: -load %s: expected an address below 0x10000\n", argv[a]);
                return 2;
            }
            load_file = argv[++a];
        } else {
            fprintf(stderr, "tick86: unknown or incomplete option '%s' (see --help)\n", o);
            return 2;
        }
    }
    if (!load_file) {
        fprintf(stderr, "tick86: nothing to run: give -load ADDR FILE (see --help)\n");
        return 2;
    }

    FILE *f = fopen(load_file, "rb");
    if (!f) {
        fprintf(stderr, "tick86: %s: %s\n", load_file, strerror(errno));
        return 1;
    }
    static uint8_t image[0x10000];
    size_t n = fread(image, 1, sizeof image, f);
    int more = fgetc(f) != EOF;
    fclose(f);
    if (n == 0 || more || load_addr + n > 0x10000) {
        fprintf(stderr, "tick86: %s: %s\n", load_file,
                n == 0 ? "empty file" : "does not fit below 64 KiB at that address");
        return 1;
    }

    char err[200];
    struct memmap mem;
    struct io_bus io;
    struct sched sched;
    if (mem_init(&mem, (uint32_t)(ram_mb << 20), err, sizeof err)) {
        fprintf(stderr, "tick86: %s\n", err);
        return 1;
    }
    io_init(&io);
    sched_init(&sched);
    struct cpu_config cfg = { model, (unsigned)trace_max, 0, 0 };
    struct cpu *c = cpu_create(&cfg, &mem, &io, &sched, err, sizeof err);
    if (!c) {
        fprintf(stderr, "tick86: %s\n", err);
        mem_free(&mem);
        return 1;
    }
    mem_poke(&mem, (uint32_t)load_addr, image, (uint32_t)n);
    cpu_set_reg(c, REG_CS, 0);
    cpu_set_reg(c, REG_EIP, (uint32_t)load_addr);
    cpu_set_reg(c, REG_SS, 0);
    cpu_set_reg(c, REG_ESP, 0xFFFE);
    cpu_set_stop_on_halt(c, 1);
    enum cpu_stop s = cpu_run(c, max_cycles ? max_cycles : UINT64_MAX);

    static const char *const why[] = { "cycle limit", "halted", "unimplemented", "shutdown", "stop" };
    printf("tick86: %s after %llu cycles, %llu instructions (cpu %s)\n", why[s],
           (unsigned long long)cpu_cycles(c), (unsigned long long)cpu_icount(c), cpu_model_name(model));
    if (s == CPU_STOP_UNIMPL || s == CPU_STOP_SHUTDOWN) printf("tick86: %s\n", cpu_stop_message(c));
    printf("EAX=%08X EBX=%08X ECX=%08X EDX=%08X ESI=%08X EDI=%08X EBP=%08X ESP=%08X\n",
           cpu_get_reg(c, REG_EAX), cpu_get_reg(c, REG_EBX), cpu_get_reg(c, REG_ECX),
           cpu_get_reg(c, REG_EDX), cpu_get_reg(c, REG_ESI), cpu_get_reg(c, REG_EDI),
           cpu_get_reg(c, REG_EBP), cpu_get_reg(c, REG_ESP));
    printf("CS=%04X DS=%04X ES=%04X SS=%04X EIP=%08X EFLAGS=%08X\n", cpu_get_reg(c, REG_CS),
           cpu_get_reg(c, REG_DS), cpu_get_reg(c, REG_ES), cpu_get_reg(c, REG_SS),
           cpu_get_reg(c, REG_EIP), cpu_get_reg(c, REG_EFLAGS));
    int rc = (s == CPU_STOP_UNIMPL || s == CPU_STOP_SHUTDOWN) ? 1 : 0;
    cpu_destroy(c);
    mem_free(&mem);
    return rc;
}
