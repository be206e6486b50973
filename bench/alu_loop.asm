; alu_loop.asm - integer ALU and branch throughput, 16-bit registers.
;
; The inner loop is the bread and butter of real-mode code: ADD SUB XOR AND
; OR INC DEC CMP SHL, MOV reg,reg, an immediate form, and a data-dependent
; conditional branch that is taken about half the time, so both trace exits
; run. The loop is counted by a register pair (SI outer, CX inner) and runs
; 77 x 50000 iterations of 12 or 14 instructions: about 50 million
; instructions. 8086-clean. Checksum: bench.inc.

%include "bench.inc"

OUTER   equ 77
INNER   equ 50000

start:  cli
        cld
        xor     ax, ax
        mov     ds, ax
        mov     es, ax
        mov     ax, 1234h
        mov     bx, 5678h
        mov     dx, 9ABCh
        mov     bp, 0DEF0h
        xor     di, di
        mov     si, OUTER
outer:  mov     cx, INNER
inner:  add     ax, bx
        xor     dx, ax
        mov     di, dx
        shl     di, 1
        and     di, 7FF3h
        or      di, bp
        sub     bx, di
        inc     bp
        cmp     ax, dx
        jae     .skip
        dec     bx
        xor     ax, 5A5Ah
.skip:  dec     cx
        jnz     inner
        dec     si
        jnz     outer

        STORE_CHECKSUM16

        CSUM_TRAILER 5DD72FE6h
