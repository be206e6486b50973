; memcpy.asm - string instructions and byte loops over memory.
;
; Three 32 KiB buffers above the program, one 64 KiB segment each:
;   SRC 1000:0000  filled once from a 16-bit LCG (MUL, STOSW)
;   DST 2000:0000  REP MOVSW copy of SRC, then a 1 KiB backward overlapping
;                  REP MOVSB inside it (memmove with DF=1)
;   FIL 3000:0000  REP STOSW fill with a pattern that changes every pass
; and a LODSB/ADD/XOR/STOSB/LOOP byte loop that reads 4 KiB of DST at a
; window that moves every pass and writes it back into SRC, so each pass
; depends on the one before it and a wrong byte anywhere reaches the
; checksum. At the end the three buffers are summed into the registers.
;
; One pass is 16384 MOVSW + 1024 MOVSB + 16384 STOSW + 5 x 4096 byte-loop
; instructions = 54272 instruction-equivalents (one per REP iteration);
; 920 passes make about 50 million. 8086-clean. Checksum: bench.inc.

%include "bench.inc"

PASSES  equ 920
SRC     equ 1000h               ; segments
DST     equ 2000h
FIL     equ 3000h
WORDS   equ 16384               ; 32 KiB
BYTES   equ 4096                ; byte-loop length
BACK    equ 1024                ; backward memmove length

start:  cli
        cld
        xor     ax, ax
        mov     ds, ax
        ; SRC <- x(n+1) = 25173 * x(n) + 13849 mod 2^16
        mov     ax, SRC
        mov     es, ax
        xor     di, di
        mov     cx, WORDS
        mov     bx, 25173
        mov     ax, 1234h
.init:  stosw
        mul     bx
        add     ax, 13849
        loop    .init

        mov     bp, PASSES
pass:   ; DST <- SRC, 32 KiB by words
        mov     ax, SRC
        mov     ds, ax
        mov     ax, DST
        mov     es, ax
        xor     si, si
        xor     di, di
        mov     cx, WORDS
        rep movsw
        ; memmove(DST + 0105h, DST + 0, BACK): overlapping, so copy backward
        mov     ds, ax
        std
        mov     si, BACK - 1
        mov     di, 0105h + BACK - 1
        mov     cx, BACK
        rep movsb
        cld
        ; FIL <- pattern of this pass, 32 KiB by words
        mov     ax, FIL
        mov     es, ax
        xor     di, di
        mov     ax, bp
        xor     ax, 0A5C3h
        mov     cx, WORDS
        rep stosw
        ; SRC[w + i] <- running sum/xor of DST[r + i], i < BYTES; the windows
        ; r = (pass * 1237) & 6FFFh and w = r ^ 2000h stay inside 32 KiB.
        mov     ax, bp
        mov     cx, 1237
        mul     cx
        and     ax, 6FFFh
        mov     si, ax
        xor     ax, 2000h
        mov     di, ax
        mov     ax, SRC
        mov     es, ax          ; DS is still DST
        mov     dl, dh
        mov     cx, BYTES
.bytes: lodsb
        add     al, dl
        xor     dl, al
        stosb
        loop    .bytes
        dec     bp
        jnz     pass

        ; fold SRC, DST and FIL into BX (sum) and DX (rotate-xor)
        xor     bx, bx
        xor     dx, dx
        mov     ax, SRC
        call    fold
        mov     ax, DST
        call    fold
        mov     ax, FIL
        call    fold
        STORE_CHECKSUM16

; fold: add the 16384 words at AX:0000 into BX and rotate-xor them into DX.
fold:   mov     ds, ax
        xor     si, si
        mov     cx, WORDS
.word:  lodsw
        add     bx, ax
        rol     dx, 1
        xor     dx, ax
        loop    .word
        ret

        CSUM_TRAILER 0AEC7D219h
