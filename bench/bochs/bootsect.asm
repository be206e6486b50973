; bootsect.asm - a bench workload as a boot floppy, to time other emulators.
;
; Builds a 1.44 MB floppy image whose boot sector carries the workload: it
; copies it to 0000:1000, sets SS:SP = 0000:9000, DS = ES = 0 and the flags
; to 0, and jumps to 0000:1000, the state build/bench starts a workload in.
; The workload prints its checksum on port E9h and writes "Shutdown" to port
; 8900h at its end, which makes Bochs exit (bench/README.md, "Comparing
; with Bochs"). Only workloads that fit in the boot sector (about 450 bytes) work.
; Without PAYLOAD it builds the baseline, which shuts down at once.
;
; nasm -f bin -DPAYLOAD='"build/bench/alu_loop.bin"' bench/bochs/bootsect.asm \
;      -o build/bench/alu_loop.img
; nasm -f bin bench/bochs/bootsect.asm -o build/bench/baseline.img

        bits 16
        cpu 8086
        org 7C00h

start:  cli
        cld
        xor     ax, ax
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, 9000h
        mov     si, payload
        mov     di, 1000h
        mov     cx, payload_end - payload
        rep movsb
        push    ax
        popf
        xor     bx, bx
        xor     dx, dx
        xor     si, si
        xor     di, di
        xor     bp, bp
        jmp     0000h:1000h

payload:
%ifdef PAYLOAD
        incbin  PAYLOAD
%else
        ; No PAYLOAD: the baseline, which shuts down at once, to time the BIOS
        ; and the boot alone.
        mov     dx, 8900h
%assign i 1
%rep 8
%substr c 'Shutdown' i
        mov     al, c
        out     dx, al
%assign i i + 1
%endrep
        cli
        hlt
%endif
payload_end:

%if payload_end - start > 510
%error "the workload does not fit in the boot sector"
%endif
        times   510 - ($ - $$) db 0
        dw      0AA55h
        times   1474560 - ($ - $$) db 0
