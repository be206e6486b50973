/* decode.h - the opcode table expanded: handler prototypes, the row
 * array, the per-model decode maps and the instruction decoder. */
#ifndef TICK86_DECODE_H
#define TICK86_DECODE_H
#include "cpu_impl.h"

#define M86  CPU_8086
#define M186 CPU_80186
#define M286 CPU_80286
#define M386 CPU_80386
#define M486 CPU_80486
#define M586 CPU_PENTIUM
#define M686 CPU_P6

enum {
    A_END = 1 << 0, A_LOCK = 1 << 1, A_STR = 1 << 2, A_IO = 1 << 3, A_PRIV = 1 << 4,
    A_FPU = 1 << 5, A_VAR = 1 << 6
};

/* Handler prototypes, one set per row shape. */
#define SHAPE_DECL_RMV(n) void n##_R16(struct cpu *, const struct insn *); \
                          void n##_R32(struct cpu *, const struct insn *); \
                          void n##_M16(struct cpu *, const struct insn *); \
                          void n##_M32(struct cpu *, const struct insn *);
#define SHAPE_DECL_RM(n)  void n##_R(struct cpu *, const struct insn *); \
                          void n##_M(struct cpu *, const struct insn *);
#define SHAPE_DECL_X(n)   void n(struct cpu *, const struct insn *);
#define SHAPE_DECL_XV(n)  void n##_16(struct cpu *, const struct insn *); \
                          void n##_32(struct cpu *, const struct insn *);
#define SHAPE_DECL_M(n)   void n##_M(struct cpu *, const struct insn *);
#define SHAPE_DECL_MV(n)  void n##_M16(struct cpu *, const struct insn *); \
                          void n##_M32(struct cpu *, const struct insn *);
#define OP(name, map, opc, ext, ops, shape, cmin, cmax, attrs, clk) SHAPE_DECL_##shape(name)
/* The handler of an instruction that faults at decode (#UD, #GP for an
 * over-long instruction): the fault is raised when it executes, so the
 * instructions before it in the trace run first. imm holds the vector. */
void op_decode_fault(struct cpu *c, const struct insn *i);
#include "opcodes.def"
#undef OP

struct op_row {
    const char *name;             /* handler base name, e.g. "ADD_EvGv" */
    const char *ops;              /* operand notation */
    uint8_t map, opc;
    int8_t ext;
    uint8_t cmin, cmax;
    uint16_t attrs;
    exec_fn h[4];                 /* [mem * 2 + o32] */
    uint16_t clk[5][2];           /* [8086, 286, 386, 486, 586][reg, mem] */
};

extern const struct op_row op_rows[];   /* read-only; row 0 is the empty row */
extern const unsigned op_nrows;

/* Decode format, derived from the operand notation at start-up. */
enum {
    DF_MODRM = 1 << 0, DF_PLUSR = 1 << 1, DF_PTR = 1 << 2, DF_MOFFS = 1 << 3,
    DF_REL = 1 << 4
};
enum { IMM_NONE, IMM_B, IMM_W, IMM_V, IMM_D };

struct op_slot {
    uint16_t row;                 /* 0: no instruction here on this model */
    uint8_t fmt;
    uint8_t imm1, imm2;           /* IMM_* of the first and second immediate */
};

/* Build the two maps (256 x 8 slots each) for a model. Returns 0, or -1 with
 * a message when two rows claim one slot. */
int optable_build(enum cpu_model m, struct op_slot *maps, char *err, size_t errlen);

/* Decode the instruction at CS:eip into *i. Sets *uncacheable when its bytes
 * are not contiguous in physical memory within one page (IP wrap, page
 * crossing). Returns the row's attributes. Raises #UD/#GP as the model does. */
unsigned decode_insn(struct cpu *c, uint32_t eip, struct insn *i, int *uncacheable);

/* Disassemble the instruction at CS:eip into buf (for the debugger and errors). */
void disasm(struct cpu *c, const struct insn *i, char *buf, size_t len);
#endif
