; call_ret.asm - calls, returns and the stack.
;
; Each iteration makes a near call three deep (f1 -> f2 -> f3), with PUSH and
; POP of the registers each level saves, a parameter passed on the stack and
; dropped by RET imm16, an indirect near call through a register, and a far
; call (CALL ptr16:16 / RETF) into the same code through another segment
; (0100:xxxx is physical 1000h + xxxx), which also exercises CS loads in
; the trace cache's key. AX, BX and DX carry state from one call to the next.
;
; 20 x 41000 iterations of 37 instructions: about 30 million instructions.
; 8086-clean. Checksum: bench.inc.

%include "bench.inc"

OUTER   equ 20
INNER   equ 41000
FARSEG  equ 0100h               ; FARSEG:(label - 1000h) is label's address

start:  cli
        cld
        xor     ax, ax
        mov     ds, ax
        mov     es, ax
        mov     ax, 1357h
        mov     bx, 2468h
        mov     dx, 0ACE1h
        xor     bp, bp
        xor     di, di
        mov     si, OUTER
outer:  mov     cx, INNER
inner:  call    f1
        call    FARSEG:(farfn - 1000h)
        dec     cx
        jnz     inner
        dec     si
        jnz     outer
        add     ax, dx                  ; leave defined flags for the checksum
        STORE_CHECKSUM16

; f1: saves BX CX, passes BX to f2 on the stack.
f1:     push    bx
        push    cx
        add     ax, dx
        push    bx
        call    f2
        xor     dx, ax
        pop     cx
        pop     bx
        inc     bx
        ret

; f2(arg): saves BP SI DI, reads its argument through BP, calls f3 through DI.
f2:     push    bp
        mov     bp, sp
        push    si
        push    di
        mov     si, [bp + 4]
        sub     ax, si
        mov     di, f3
        call    di
        pop     di
        pop     si
        pop     bp
        ret     2

; f3: saves DI, mixes AX.
f3:     push    di
        mov     di, ax
        shl     di, 1
        xor     ax, di
        pop     di
        ret

; farfn: reached with CS=FARSEG; saves DS, mixes BX and DX.
farfn:  push    ds
        add     bx, ax
        or      dx, 1
        pop     ds
        retf

        CSUM_TRAILER 0FA0C9F3Fh
