; determinism.asm - a workload for the determinism test: ALU, memory,
; string, multiply/divide and self-modifying code, with a timer interrupt
; (vector 20h) whose handler folds the interrupted state into memory, so
; any difference in where interrupts land changes the final state hash.
; 8086-clean; loaded at 0000:1000.
        bits 16
        org 0x1000
start:  cli
        xor ax, ax
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov sp, 0x8000
        mov word [0x20*4], isr
        mov word [0x20*4+2], 0
        mov word [counter], 300
        sti
outer:  mov si, data
        mov cx, 40
inner:  add ax, cx
        xor bx, ax
        shl bx, 1
        adc dx, bx
        mov [si], ax
        add si, 2
        loop inner
        ; string copy of the block just written
        mov si, data
        mov di, data + 0x100
        mov cx, 40
        cld
        rep movsw
        ; multiply / divide
        mov ax, [counter]
        mov bx, 7
        mul bx
        mov bx, 13
        div bx
        add [acc], dx
        ; self-modifying code: patch the immediate of the next instruction
        mov al, [counter]
        mov [patch + 1], al
patch:  mov al, 0
        add [acc + 2], al
        call sub1
        dec word [counter]
        jnz outer
        cli
        hlt
sub1:   push cx
        mov cx, [ticks]
        xor [acc + 4], cx
        pop cx
        ret
isr:    push ax
        inc word [ticks]
        mov ax, [ticks]
        add [acc + 6], ax
        add [acc + 8], si       ; where the loop was when the tick came
        pop ax
        iret
counter: dw 0
ticks:   dw 0
acc:     times 10 db 0
        align 16
data:    times 0x200 db 0
