/* fuzz_exec.c - fuzz entry point: random bytes through decode and
 * execution. The first byte picks the CPU model and the trace length, the
 * rest is placed at 0000:1000 (and again straddling the page boundary at
 * 2FF8) with random registers from the input; the machine runs for a
 * bounded number of cycles. The host must never crash, hang or trip a
 * sanitizer; an unimplemented opcode stopping the guest is fine.
 * Built with libFuzzer by `make fuzz`; replay_main.c replays the corpus. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include "../../cpu/cpu.h"
#include "../../devices/memmap.h"
#include "../../devices/ioport.h"
#include "../../devices/sched.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    struct memmap mem;
    struct io_bus io;
    struct sched sched;
    char err[200];
    struct cpu_config cfg = { (enum cpu_model)(data[0] % CPU_NMODELS), 1 + (data[0] >> 4), 0, 0 };
    if (mem_init(&mem, 1u << 20, err, sizeof err)) return 0;
    io_init(&io);
    sched_init(&sched);
    struct cpu *c = cpu_create(&cfg, &mem, &io, &sched, err, sizeof err);
    if (!c) { mem_free(&mem); return 0; }
    size_t n = size - 1 > 4096 ? 4096 : size - 1;
    mem_poke(&mem, 0x1000, data + 1, (uint32_t)n);
    mem_poke(&mem, 0x2FF8, data + 1, (uint32_t)(n > 64 ? 64 : n));
    /* every interrupt vector points at a HLT, so faults end quickly */
    for (unsigned v = 0; v < 256; v++) {
        const uint8_t ent[4] = { 0x00, 0x05, 0x00, 0x00 };
        mem_poke(&mem, v * 4, ent, 4);
    }
    mem_poke(&mem, 0x500, (const uint8_t[]){ 0xF4 }, 1);
    cpu_set_reg(c, REG_CS, 0);
    cpu_set_reg(c, REG_EIP, 0x1000);
    cpu_set_reg(c, REG_SS, 0);
    cpu_set_reg(c, REG_ESP, 0x8000);
    for (unsigned r = 0; r < 8 && 1 + r * 2 + 1 < size; r++)
        if (r != REG_ESP) cpu_set_reg(c, (enum cpu_reg)r, data[1 + r * 2] | data[2 + r * 2] << 8);
    cpu_set_stop_on_halt(c, 1);
    cpu_run(c, 200000);
    cpu_destroy(c);
    mem_free(&mem);
    return 0;
}
