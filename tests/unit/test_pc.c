/* test_pc.c - the board (devices/pc.c): wiring of IRQ lines, the PIC's
 * INTA to the CPU, A20 from the 8042 and port 92h, the reset line, the
 * debug console and exit ports, COM1 to the host, the configuration
 * errors, and determinism of a whole machine under different trace shapes.
 *
 * The guest is tests/guest/board_wiring.asm, run as the machine's ROM so
 * that our real BIOS is not involved. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "../testmach.h"
#include "../../devices/pc.h"
#include "../../devices/pc_roms.h"

#ifndef GUEST_DIR
#define GUEST_DIR "build/guest"
#endif

struct out { char con[1024]; size_t ncon; char ser[64]; size_t nser; unsigned posts; };

static void on_con(void *o, uint8_t b)
{
    struct out *x = o;
    if (x->ncon + 1 < sizeof x->con) x->con[x->ncon++] = (char)b;
}
static void on_ser(void *o, int com, uint8_t b)
{
    struct out *x = o;
    if (com == 0 && x->nser + 1 < sizeof x->ser) x->ser[x->nser++] = (char)b;
}
static void on_post(void *o, uint8_t code) { (void)code; ((struct out *)o)->posts++; }

static uint8_t *rom;
static uint32_t romlen;

static void load_rom(void)
{
    rom = tm_read_file(GUEST_DIR "/board_wiring.bin", &romlen);
    ck_assert_msg(rom != NULL, "missing " GUEST_DIR "/board_wiring.bin");
}

static struct pc *make_pc(enum cpu_model model, unsigned trace_max, struct out *o)
{
    struct pc_config cfg;
    char err[200];
    pc_config_default(&cfg);
    cfg.model = model;
    cfg.bios = rom;
    cfg.bios_len = romlen;
    cfg.debug_exit = 1;
    cfg.trace_max = trace_max;
    cfg.host.debugcon = on_con;
    cfg.host.serial_tx = on_ser;
    cfg.host.post = on_post;
    cfg.host.opaque = o;
    struct pc *pc = pc_create(&cfg, err, sizeof err);
    ck_assert_msg(pc != NULL, "%s", err);
    return pc;
}

static const char *expect_386 =
    "PASS reset\nPASS irq0\nPASS irq8\nPASS kbc\nPASS com1\n"
    "PASS a20-on\nPASS a20-off-8042\nPASS a20-port92\nPASS warm\n";
static const char *expect_8086 =
    "PASS reset\nPASS irq0\nPASS irq8\nPASS kbc\nPASS com1\nPASS warm\n";

static void run_wiring(enum cpu_model model, const char *expect)
{
    struct out o = { 0 };
    load_rom();
    struct pc *pc = make_pc(model, 0, &o);
    enum pc_stop r = pc_run(pc, 200000000);
    ck_assert_msg(r == PC_STOP_EXIT, "stop %d (%s) after: %.*s", (int)r, pc_stop_message(pc),
                  (int)o.ncon, o.con);
    ck_assert_int_eq(pc_exit_status(pc), 1);
    ck_assert_str_eq(o.con, expect);
    /* 'S' leaves the UART one character time later; let it drain. */
    pc_run(pc, 1000000);
    ck_assert_int_eq((int)o.nser, 1);
    ck_assert_int_eq(o.ser[0], 'S');
    pc_destroy(pc);
    free(rom);
}

START_TEST(wiring_386) { run_wiring(CPU_80386, expect_386); }
END_TEST
START_TEST(wiring_286) { run_wiring(CPU_80286, expect_386); }
END_TEST
START_TEST(wiring_8086) { run_wiring(CPU_8086, expect_8086); }
END_TEST

/* The same machine with 16-instruction traces and with 1-instruction
 * traces, run in budgets of different sizes, reaches the same state at
 * the same cycle (DESIGN.md invariants 1 and 2). */
START_TEST(determinism_trace_shape)
{
    load_rom();
    struct out o1 = { 0 }, o2 = { 0 };
    struct pc *a = make_pc(CPU_80386, 16, &o1), *b = make_pc(CPU_80386, 1, &o2);
    ck_assert_int_eq(pc_run(a, 200000000), PC_STOP_EXIT);
    enum pc_stop r;
    unsigned slices = 0;
    while ((r = pc_run(b, 997)) == PC_STOP_BUDGET) slices++;
    ck_assert_int_eq(r, PC_STOP_EXIT);
    ck_assert_uint_gt(slices, 100);
    ck_assert_uint_eq(pc_cycles(a), pc_cycles(b));
    ck_assert_uint_eq(pc_icount(a), pc_icount(b));
    ck_assert_uint_eq(pc_state_hash(a), pc_state_hash(b));
    ck_assert_str_eq(o1.con, o2.con);
    pc_destroy(a);
    pc_destroy(b);
    free(rom);
}
END_TEST

/* Disks: hd[0]/hd[1] on the primary channel (1F0h), hd[2]/hd[3] on the
 * secondary (170h); an empty channel reads all ones. */
static uint8_t tiny_disk[64 * 512];
static int tiny_read(void *o, uint64_t lba, uint8_t *b, unsigned n)
{
    (void)o;
    memcpy(b, tiny_disk + lba * 512, n * 512u);
    return 0;
}
static int tiny_write(void *o, uint64_t lba, const uint8_t *b, unsigned n)
{
    (void)o;
    memcpy(tiny_disk + lba * 512, b, n * 512u);
    return 0;
}
static const struct pc_disk_ops tiny_ops = { tiny_read, tiny_write };

START_TEST(secondary_channel)
{
    static const uint8_t code[] = {
        0xBA, 0x77, 0x01, 0xEC, 0xA2, 0x00, 0x20,   /* mov dx,177h; in al,dx; mov [2000h],al */
        0xBA, 0xF7, 0x01, 0xEC, 0xA2, 0x01, 0x20,   /* mov dx,1F7h; in al,dx; mov [2001h],al */
        0xFA, 0xF4                                  /* cli; hlt */
    };
    struct pc_config cfg;
    char err[200];
    uint8_t got[2];
    pc_config_default(&cfg);
    cfg.hd[2].ops = &tiny_ops;
    cfg.hd[2].bytes = sizeof tiny_disk;
    struct pc *pc = pc_create(&cfg, err, sizeof err);
    ck_assert_msg(pc != NULL, "%s", err);
    pc_mem_write(pc, 0x1000, code, sizeof code);
    cpu_set_reg(pc_cpu(pc), REG_CS, 0);
    cpu_set_reg(pc_cpu(pc), REG_EIP, 0x1000);
    ck_assert_int_eq(pc_run(pc, 100000), PC_STOP_HALT);
    pc_mem_read(pc, 0x2000, got, 2);
    ck_assert_uint_eq(got[0], 0x50);             /* DRDY | DSC: a drive answers */
    ck_assert_uint_eq(got[1], 0xFF);             /* nothing on the primary cable */
    pc_destroy(pc);
}
END_TEST

START_TEST(config_errors)
{
    struct pc_config cfg;
    char err[200];
    static const uint8_t small[1000];
    pc_config_default(&cfg);
    cfg.bios = small;
    cfg.bios_len = sizeof small;
    ck_assert_ptr_null(pc_create(&cfg, err, sizeof err));
    ck_assert_str_eq(err, "BIOS: 1000 bytes; expected 64 KiB or 128 KiB");
    pc_config_default(&cfg);
    cfg.vgabios = small;
    cfg.vgabios_len = sizeof small;
    ck_assert_ptr_null(pc_create(&cfg, err, sizeof err));
    ck_assert_str_eq(err, "VGA BIOS: 1000 bytes; expected a multiple of 512 bytes up to 64 KiB");
    static uint8_t zeros[65536];
    pc_config_default(&cfg);
    cfg.vgabios = zeros;
    cfg.vgabios_len = sizeof zeros;
    ck_assert_ptr_null(pc_create(&cfg, err, sizeof err));
    ck_assert_str_eq(err, "VGA BIOS: no option ROM signature (55h AAh) at its start");
    pc_config_default(&cfg);
    strcpy(cfg.boot, "ax");
    ck_assert_ptr_null(pc_create(&cfg, err, sizeof err));
    ck_assert_str_eq(err, "boot order 'ax': expected letters a (floppy) and c (disk)");
    pc_config_default(&cfg);
    cfg.ram_mb = 0;
    ck_assert_ptr_null(pc_create(&cfg, err, sizeof err));
    ck_assert_str_eq(err, "memory: 0 MiB; expected 1 to 3072");
}
END_TEST

/* The built-in ROMs are there, with valid checksums, and the VGA BIOS is a
 * proper option ROM (55 AA, its length in 512-byte blocks). */
START_TEST(builtin_roms)
{
    struct pc_config cfg;
    char err[200];
    unsigned sum = 0;
    ck_assert_uint_eq(pc_rom_bios_len, 65536);
    for (size_t i = 0; i < pc_rom_bios_len; i++) sum += pc_rom_bios[i];
    ck_assert_uint_eq(sum & 0xFF, 0);
    ck_assert_uint_eq(pc_rom_bios[0xFFF0], 0xEA);          /* JMP FAR at the reset vector */
    sum = 0;
    for (size_t i = 0; i < pc_rom_vgabios_len; i++) sum += pc_rom_vgabios[i];
    ck_assert_uint_eq(sum & 0xFF, 0);
    ck_assert_uint_eq(pc_rom_vgabios[0], 0x55);
    ck_assert_uint_eq(pc_rom_vgabios[1], 0xAA);
    ck_assert_uint_eq(pc_rom_vgabios[2] * 512u, pc_rom_vgabios_len);
    pc_config_default(&cfg);
    struct pc *pc = pc_create(&cfg, err, sizeof err);
    ck_assert_msg(pc != NULL, "%s", err);
    pc_destroy(pc);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pc");
    TCase *t = tcase_create("board");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, wiring_386);
    tcase_add_test(t, wiring_286);
    tcase_add_test(t, wiring_8086);
    tcase_add_test(t, determinism_trace_shape);
    tcase_add_test(t, secondary_channel);
    tcase_add_test(t, config_errors);
    tcase_add_test(t, builtin_roms);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
