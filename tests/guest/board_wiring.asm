; board_wiring.asm - a 64 KiB "BIOS" that checks how devices/pc.c wires the
; chips together, independently of our real BIOS: tests/unit/test_pc.c runs
; it as the machine's ROM and reads the verdict from the debug console
; (port E9h) and the debug-exit port (F4h).
;
; Checks, in order (each prints "PASS name" or "FAIL name"):
;   reset   the CPU starts at F000:FFF0 (FFFF:0000 on an 8086) in this ROM
;   irq0    PIT channel 0 -> master PIC IR0 -> INT 08h
;   irq8    RTC periodic interrupt -> slave PIC IR0 -> cascade -> INT 70h
;   kbc     8042 self-test answers 55h
;   com1    a byte written to COM1's THR reaches the host (test_pc checks it)
;   a20     (286 and later) 8042 output port and port 92h both gate A20
;   warm    a reset through port 92h restarts the CPU with RAM kept
; then writes 0 to port F4h (exit status 1) or 1 on a failure (status 3).
        cpu     8086
        org     0

FLAG    equ     0x04F0          ; RAM word (segment 0): 0xBEEF after the warm reset
TICKS   equ     0x04F2          ; RAM word: IRQ0 count
RTCS    equ     0x04F4          ; RAM word: IRQ8 count
FAILS   equ     0x04F6          ; RAM word: failures so far

start:  cli
        xor     ax, ax
        mov     ds, ax
        mov     ss, ax
        mov     sp, 0x7000
        cmp     word [FLAG], 0xBEEF
        jne     cold
        jmp     warm
cold:   mov     word [FAILS], 0
        mov     si, msg_reset
        call    pass
        ; IVT: INT 08h and INT 70h
        mov     word [0x08*4], irq0
        mov     word [0x08*4+2], 0xF000
        mov     word [0x70*4], irq8
        mov     word [0x70*4+2], 0xF000
        ; 8259A pair: ICW1 edge, cascade, ICW4; vectors 08h/70h; master IR2 cascade
        mov     al, 0x11
        out     0x20, al
        out     0xA0, al
        mov     al, 0x08
        out     0x21, al
        mov     al, 0x70
        out     0xA1, al
        mov     al, 0x04
        out     0x21, al
        mov     al, 0x02
        out     0xA1, al
        mov     al, 0x01
        out     0x21, al
        out     0xA1, al
        mov     al, 0xFA        ; master: IR0 and IR2 (cascade) open
        out     0x21, al
        mov     al, 0xFE        ; slave: IR0 (IRQ8) open
        out     0xA1, al
        ; PIT channel 0, mode 2, count 1000 (about 1.2 kHz)
        mov     al, 0x34
        out     0x43, al
        mov     al, 0xE8
        out     0x40, al
        mov     al, 0x03
        out     0x40, al
        mov     word [TICKS], 0
        sti
.wait0: hlt
        cmp     word [TICKS], 5
        jb      .wait0
        cli
        mov     si, msg_irq0
        call    pass
        ; stop channel 0 (mode 0, no count written: output stays low)
        mov     al, 0x30
        out     0x43, al
        ; RTC: register A rate 6 (1024 Hz), register B PIE
        mov     al, 0x0A
        out     0x70, al
        mov     al, 0x26
        out     0x71, al
        mov     al, 0x0B
        out     0x70, al
        mov     al, 0x42        ; PIE, 24-hour
        out     0x71, al
        mov     al, 0x0C        ; clear pending flags
        out     0x70, al
        in      al, 0x71
        mov     word [RTCS], 0
        sti
.wait8: hlt
        cmp     word [RTCS], 3
        jb      .wait8
        cli
        mov     si, msg_irq8
        call    pass
        mov     al, 0x0B
        out     0x70, al
        mov     al, 0x02
        out     0x71, al
        ; 8042 self-test
        mov     al, 0xAA
        out     0x64, al
        call    kbc_read
        cmp     al, 0x55
        mov     si, msg_kbc
        call    verdict
        ; COM1: 8N1 at 115200, send 'S'
        mov     dx, 0x3FB
        mov     al, 0x80
        out     dx, al
        mov     dx, 0x3F8
        mov     al, 1
        out     dx, al
        inc     dx
        xor     al, al
        out     dx, al
        mov     dx, 0x3FB
        mov     al, 0x03
        out     dx, al
        mov     dx, 0x3F8
        mov     al, 'S'
        out     dx, al
        mov     si, msg_com1
        call    pass
        ; A20 needs a CPU with more than 20 address lines: skip on 8086/186
        ; (FLAGS bits 12-15 read back as 1 only on those).
        pushf
        pop     ax
        and     ax, 0x0FFF
        push    ax
        popf
        pushf
        pop     ax
        and     ax, 0xF000
        cmp     ax, 0xF000
        je      no_a20
        call    a20_test
no_a20: ; warm reset through port 92h
        mov     word [FLAG], 0xBEEF
        in      al, 0x92
        or      al, 1
        out     0x92, al
.spin:  jmp     .spin

warm:   mov     word [FLAG], 0
        mov     si, msg_warm
        call    pass
        cmp     word [FAILS], 0
        jne     .bad
        mov     al, 0
        out     0xF4, al
        jmp     $
.bad:   mov     al, 1
        out     0xF4, al
        jmp     $

; A20: with the gate off, FFFF:0510 (100500h) wraps to 0000:0500.
a20_test:
        mov     ax, 0xFFFF
        mov     es, ax
        mov     word [0x500], 0x1111
        mov     word [es:0x510], 0x2222     ; gate on at power-on: 100500h
        cmp     word [0x500], 0x1111
        mov     si, msg_a20on
        call    verdict
        mov     al, 0xD1                    ; 8042: write output port
        out     0x64, al
        call    kbc_wait_in
        mov     al, 0xDD                    ; bit 1 (A20) low, bit 0 (reset) high
        out     0x60, al
        call    kbc_wait_in
        mov     word [es:0x510], 0x3333     ; now lands on 000500h
        cmp     word [0x500], 0x3333
        mov     si, msg_a20off
        call    verdict
        in      al, 0x92                    ; fast A20 on through port 92h
        or      al, 2
        and     al, 0xFE
        out     0x92, al
        mov     word [es:0x510], 0x4444
        cmp     word [0x500], 0x3333
        mov     si, msg_a20fast
        call    verdict
        ret

kbc_wait_in:
        in      al, 0x64
        test    al, 2
        jnz     kbc_wait_in
        ret
kbc_read:
        in      al, 0x64
        test    al, 1
        jz      kbc_read
        in      al, 0x60
        ret

irq0:   push    ax
        inc     word [cs:dummy]             ; a ROM write: must be dropped
        push    ds
        xor     ax, ax
        mov     ds, ax
        inc     word [TICKS]
        pop     ds
        mov     al, 0x20
        out     0x20, al
        pop     ax
        iret
irq8:   push    ax
        push    ds
        xor     ax, ax
        mov     ds, ax
        inc     word [RTCS]
        mov     al, 0x0C                    ; read register C to re-arm IRQ8
        out     0x70, al
        in      al, 0x71
        mov     al, 0x20
        out     0xA0, al
        out     0x20, al
        pop     ds
        pop     ax
        iret

; verdict: ZF set = pass. si = name.
verdict:
        jz      pass
        inc     word [FAILS]
        mov     bx, msg_fail
        jmp     print2
pass:   mov     bx, msg_pass
print2: push    si
        mov     si, bx
        call    puts
        pop     si
        call    puts
        mov     al, 10
        out     0xE9, al
        ret
puts:   cs lodsb
        or      al, al
        jz      .done
        out     0xE9, al
        jmp     puts
.done:  ret

dummy:    dw 0
msg_pass: db "PASS ", 0
msg_fail: db "FAIL ", 0
msg_reset: db "reset", 0
msg_irq0: db "irq0", 0
msg_irq8: db "irq8", 0
msg_kbc:  db "kbc", 0
msg_com1: db "com1", 0
msg_a20on: db "a20-on", 0
msg_a20off: db "a20-off-8042", 0
msg_a20fast: db "a20-port92", 0
msg_warm: db "warm", 0

        times 0xFFF0-($-$$) db 0xFF
        jmp     0xF000:start        ; F000:FFF0, the reset vector
        times 0x10000-($-$$) db 0xFF
