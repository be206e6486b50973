/* test_disasm.c - the disassembler (cpu/disasm.c): bytes are decoded with
 * decode_insn and the text compared with what we expect. The expected
 * strings are ndisasm -b16's output for the same bytes wherever our syntax
 * is the same; the differences are deliberate and noted per case ("$+N"
 * relative targets, the table's Jcc/SETcc names, nasm size keywords where
 * ndisasm leaves them out). */
#include <check.h>
#include <string.h>
#include "../testmach.h"
#include "../../cpu/decode.h"

struct dis_case {
    enum cpu_model model;
    const char *bytes;            /* hex, spaces ignored */
    const char *text;
};

static const struct dis_case cases[] = {
    /* E/G, byte and word, ModR/M forms */
    { CPU_8086,  "00C0",         "add al,al" },
    { CPU_8086,  "0100",         "add [bx+si],ax" },
    { CPU_8086,  "01463F",       "add [bp+0x3f],ax" },
    { CPU_8086,  "0186FFFF",     "add [bp-0x1],ax" },
    { CPU_8086,  "8B4600",       "mov ax,[bp+0x0]" },
    { CPU_8086,  "8D4002",       "lea ax,[bx+si+0x2]" },
    /* immediates: Ib, Iw, Iv, sign-extended imm8 */
    { CPU_8086,  "830712",       "add word [bx],byte +0x12" },
    { CPU_8086,  "83C0FF",       "add ax,byte -0x1" },
    { CPU_8086,  "81073412",     "add word [bx],0x1234" },
    { CPU_8086,  "800712",       "add byte [bx],0x12" },
    { CPU_8086,  "C747FE3412",   "mov word [bx-0x2],0x1234" },
    { CPU_80186, "6AFE",         "push byte -0x2" },
    { CPU_80186, "683412",       "push word 0x1234" },
    { CPU_80186, "6BC005",       "imul ax,ax,byte +0x5" },
    { CPU_80186, "C8100001",     "enter 0x10,0x1" },
    { CPU_8086,  "C20400",       "ret 0x4" },
    { CPU_8086,  "CD21",         "int 0x21" },
    { CPU_8086,  "CC",           "int3" },
    { CPU_8086,  "D410",         "aam 0x10" },
    { CPU_8086,  "D50A",         "aad" },
    /* segment overrides */
    { CPU_8086,  "268B07",       "mov ax,[es:bx]" },
    { CPU_8086,  "3E8B4600",     "mov ax,[ds:bp+0x0]" },
    { CPU_8086,  "368B07",       "mov ax,[ss:bx]" },
    { CPU_80386, "64A10000",     "mov ax,[fs:0x0]" },
    /* moffs (O) */
    { CPU_8086,  "A13412",       "mov ax,[0x1234]" },
    { CPU_8086,  "26A03412",     "mov al,[es:0x1234]" },
    { CPU_8086,  "A33412",       "mov [0x1234],ax" },
    /* far pointers (A, Mp) */
    { CPU_8086,  "EA78563412",   "jmp 0x1234:0x5678" },
    { CPU_8086,  "9A78563412",   "call 0x1234:0x5678" },
    { CPU_8086,  "FF1F",         "call far [bx]" },
    { CPU_8086,  "FF2F",         "jmp far [bx]" },
    { CPU_80386, "66FF1F",       "call dword far [bx]" },
    { CPU_80386, "66EA785634120010", "jmp dword 0x1000:0x12345678" },
    { CPU_8086,  "C41F",         "les bx,[bx]" },
    /* relative targets (J): $ is the instruction's first byte */
    { CPU_8086,  "75FA",         "jnz $-4" },
    { CPU_8086,  "EBFE",         "jmp short $+0" },
    { CPU_8086,  "E80000",       "call $+3" },
    { CPU_8086,  "E9FDFF",       "jmp $+0" },
    { CPU_8086,  "E2FE",         "loop $+0" },
    { CPU_80386, "0F840000",     "jz $+4" },          /* ndisasm: jz near 0x4 */
    { CPU_80386, "660F8400000000", "jz dword $+7" },
    { CPU_80386, "67E3FE",       "jecxz $+1" },
    { CPU_80386, "67E2FE",       "loop $+1,ecx" },
    /* group opcodes */
    { CPU_8086,  "FFD0",         "call ax" },
    { CPU_8086,  "FF17",         "call word [bx]" },  /* ndisasm omits "word" */
    { CPU_8086,  "F60712",       "test byte [bx],0x12" },
    { CPU_8086,  "F7E3",         "mul bx" },
    { CPU_8086,  "FE07",         "inc byte [bx]" },
    { CPU_8086,  "8F07",         "pop word [bx]" },
    { CPU_8086,  "D0E0",         "shl al,1" },
    { CPU_8086,  "D127",         "shl word [bx],1" },
    { CPU_8086,  "D3E0",         "shl ax,cl" },
    { CPU_8086,  "D327",         "shl word [bx],cl" },
    { CPU_8086,  "D227",         "shl byte [bx],cl" },
    { CPU_80186, "C02705",       "shl byte [bx],0x5" },           /* ndisasm: byte 0x5 */
    /* segment registers (S), fixed operands, +r (Z) */
    { CPU_8086,  "8CD8",         "mov ax,ds" },
    { CPU_8086,  "8E07",         "mov es,[bx]" },
    { CPU_8086,  "8C0F",         "mov [bx],cs" },
    { CPU_8086,  "06",           "push es" },
    { CPU_80386, "0FA1",         "pop fs" },
    { CPU_8086,  "50",           "push ax" },
    { CPU_80386, "6650",         "push eax" },
    { CPU_8086,  "B012",         "mov al,0x12" },
    { CPU_8086,  "B83412",       "mov ax,0x1234" },
    { CPU_8086,  "91",           "xchg ax,cx" },
    { CPU_8086,  "90",           "nop" },
    { CPU_8086,  "E460",         "in al,0x60" },
    { CPU_8086,  "EC",           "in al,dx" },
    { CPU_8086,  "EE",           "out dx,al" },
    { CPU_8086,  "E760",         "out 0x60,ax" },
    /* string instructions and REP */
    { CPU_8086,  "F3A4",         "rep movsb" },
    { CPU_8086,  "F3A5",         "rep movsw" },
    { CPU_80386, "66A5",         "movsd" },
    { CPU_8086,  "F2AE",         "repne scasb" },
    { CPU_8086,  "F3A6",         "repe cmpsb" },
    { CPU_8086,  "26AC",         "es lodsb" },
    { CPU_80186, "6C",           "insb" },
    { CPU_80186, "6F",           "outsw" },
    { CPU_80386, "67A4",         "a32 movsb" },
    { CPU_8086,  "D7",           "xlatb" },
    { CPU_8086,  "F00107",       "lock add [bx],ax" },
    /* 66/67 on the 80386 */
    { CPU_80386, "660100",       "add [bx+si],eax" },
    { CPU_80386, "678B448DF0",   "mov ax,[ebp+ecx*4-0x10]" },     /* ndisasm: [dword ...] */
    { CPU_80386, "2666678B448DF0", "mov eax,[es:ebp+ecx*4-0x10]" },
    { CPU_80386, "2666C7448DF078563412", "mov dword [es:si-0x73],0x345678f0" },
    { CPU_80386, "26676683648DF0FF", "and dword [es:ebp+ecx*4-0x10],byte -0x1" },
    { CPU_80386, "678B048D00000000", "mov ax,[ecx*4+0x0]" },
    { CPU_80386, "678B0578563412",   "mov ax,[0x12345678]" },
    { CPU_80386, "678B0424",     "mov ax,[esp]" },
    { CPU_80386, "678B4500",     "mov ax,[ebp+0x0]" },
    { CPU_80386, "678B0408",     "mov ax,[eax+ecx]" },
    { CPU_80386, "6766C70078563412", "mov dword [eax],0x12345678" },
    { CPU_80386, "67A100000000", "mov ax,[0x0]" },
    { CPU_80386, "6698",         "cwde" },
    { CPU_80386, "6699",         "cdq" },
    { CPU_80386, "6660",         "pushad" },
    { CPU_80386, "669C",         "pushfd" },
    { CPU_80386, "66CF",         "iretd" },
    { CPU_80386, "66C3",         "retd" },
    { CPU_80386, "66C9",         "o32 leave" },
    { CPU_80386, "666A01",       "o32 push byte +0x1" },
    { CPU_80386, "666801000000", "push dword 0x1" },
    { CPU_80386, "6640",         "inc eax" },
    /* 0F opcodes: C, D, R, movzx/movsx, bit, SETcc, system */
    { CPU_80386, "0F20C0",       "mov eax,cr0" },
    { CPU_80386, "0F22D8",       "mov cr3,eax" },
    { CPU_80386, "0F21F8",       "mov eax,dr7" },
    { CPU_80386, "660FB607",     "movzx eax,byte [bx]" },
    { CPU_80386, "0FB607",       "movzx ax,byte [bx]" },           /* ndisasm omits "byte" */
    { CPU_80386, "0FA4C304",     "shld bx,ax,byte +0x4" },         /* ndisasm: 0x4 */
    { CPU_80386, "0FA5C3",       "shld bx,ax,cl" },
    { CPU_80386, "0FBA2705",     "bt word [bx],byte +0x5" },       /* ndisasm: byte 0x5 */
    { CPU_80386, "0F94C0",       "sete al" },                      /* ndisasm: setz */
    { CPU_80386, "0F0117",       "lgdt [bx]" },
    { CPU_80386, "0F0017",       "lldt word [bx]" },               /* ndisasm omits "word" */
    { CPU_P6,    "0F44C3",       "cmove ax,bx" },                  /* ndisasm: cmovz */
    { CPU_PENTIUM, "0FC70F",     "cmpxchg8b qword [bx]" },
    { CPU_80486, "0FB00F",       "cmpxchg [bx],cl" },
    { CPU_80486, "660FC8",       "bswap eax" },
    { CPU_P6,    "0F0B",         "ud2" },
    /* the table's odd rows */
    { CPU_8086,  "D807",         "esc 0x0,[bx]" },                 /* ndisasm: fadd dword [bx] */
    { CPU_8086,  "DDC0",         "esc 0x28,ax" },
    { CPU_80386, "0FBA0705",     "(bad)" },                        /* 0F BA /0-/3: #UD */
    { CPU_80386, "0FFF",         "(bad)" },
    { CPU_8086,  "8C27",         "mov [bx],es" },                  /* 8086: reg & 3 */
};

START_TEST(disasm_cases)
{
    const struct dis_case *dc = &cases[_i];
    struct testmach *m = tm_create(dc->model);
    uint8_t code[32];
    unsigned n = tm_hex(dc->bytes, code, sizeof code);
    memset(code + n, 0x90, sizeof code - n);
    tm_load(m, 0x1000, code, sizeof code);
    struct insn i;
    int unc;
    decode_insn(m->cpu, 0x1000, &i, &unc);
    char buf[80];
    disasm(m->cpu, &i, buf, sizeof buf);
    ck_assert_msg(!strcmp(buf, dc->text), "%s (%s): got \"%s\", expected \"%s\"",
                  dc->bytes, cpu_model_name(dc->model), buf, dc->text);
    tm_destroy(m);
}
END_TEST

/* A short buffer truncates and stays terminated. */
START_TEST(disasm_truncates)
{
    struct testmach *m = tm_create(CPU_80386);
    static const uint8_t code[] = { 0x26, 0x66, 0x67, 0x8B, 0x44, 0x8D, 0xF0 };
    tm_load(m, 0x1000, code, sizeof code);
    struct insn i;
    int unc;
    decode_insn(m->cpu, 0x1000, &i, &unc);
    char buf[12];
    memset(buf, 'x', sizeof buf);
    disasm(m->cpu, &i, buf, 8);
    ck_assert_str_eq(buf, "mov eax");
    ck_assert_int_eq(buf[8], 'x');
    disasm(m->cpu, &i, buf, 1);
    ck_assert_str_eq(buf, "");
    tm_destroy(m);
}
END_TEST

/* Every row on every model renders without crashing: decode each opcode
 * with each reg field and a memory and a register ModR/M. */
START_TEST(disasm_every_opcode)
{
    struct testmach *m = tm_create((enum cpu_model)_i);
    for (unsigned map = 0; map < 2; map++)
        for (unsigned op = 0; op < 256; op++)
            for (unsigned modrm = 0; modrm < 256; modrm += 0x09) {
                uint8_t code[16] = { 0x0F, (uint8_t)op, (uint8_t)modrm, 1, 2, 3, 4, 5, 6, 7, 8 };
                const uint8_t *p = map ? code : code + 1;
                tm_load(m, 0x1000, p, 12);
                struct insn i;
                int unc;
                decode_insn(m->cpu, 0x1000, &i, &unc);
                char buf[80];
                disasm(m->cpu, &i, buf, sizeof buf);
                ck_assert(buf[0] != '\0');
                ck_assert(strlen(buf) < sizeof buf - 1);
            }
    tm_destroy(m);
}
END_TEST

static Suite *disasm_suite(void)
{
    Suite *s = suite_create("disasm");
    TCase *tc = tcase_create("cases");
    tcase_add_loop_test(tc, disasm_cases, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, disasm_truncates);
    tcase_add_loop_test(tc, disasm_every_opcode, 0, CPU_NMODELS);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(disasm_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
