; alu_loop32.asm - alu_loop.asm with 32-bit registers (80386 and later).
;
; The same loop as alu_loop.asm, in 16-bit code that uses EAX..EDI through
; the 66h operand-size prefix (so almost every instruction is prefixed, as in
; real-mode code written for a 386), with 32-bit immediates and the counter
; pair ESI/ECX: 77 x 50000 iterations of 12 or 14 instructions, about 50
; million instructions. The "32" at the end of the name tells build/bench it
; needs a 386. Checksum: bench.inc.

%include "bench.inc"
        cpu 386

OUTER   equ 77
INNER   equ 50000

start:  cli
        cld
        xor     ax, ax
        mov     ds, ax
        mov     es, ax
        movzx   esp, sp                 ; a BIOS may leave ESP's top half set
        mov     eax, 12345678h
        mov     ebx, 9ABCDEF0h
        mov     edx, 0FEDCBA98h
        mov     ebp, 76543210h
        xor     edi, edi
        mov     esi, OUTER
outer:  mov     ecx, INNER
inner:  add     eax, ebx
        xor     edx, eax
        mov     edi, edx
        shl     edi, 1
        and     edi, 7FF3FFF3h
        or      edi, ebp
        sub     ebx, edi
        inc     ebp
        cmp     eax, edx
        jae     .skip
        dec     ebx
        xor     eax, 5A5A5A5Ah
.skip:  dec     ecx
        jnz     inner
        dec     esi
        jnz     outer

        STORE_CHECKSUM32

        CSUM_TRAILER 635EBD0Ah
