; chip_uart.asm - guest test of the two 16550A UARTs (COM1 at 3F8h on
; IRQ4, COM2 at 2F8h on IRQ3) through their ports, from the PC16550D
; datasheet: 8.1 LCR and DLAB, 8.2 divisor latches, 8.4 LSR (DR, OE,
; THRE, TEMT), 8.5 FCR (FIFO enable and resets, trigger level), 8.6 IIR
; (Table IV priorities: line status, received data, character timeout,
; THRE, modem status; bits 7-6 set in FIFO mode; reading IIR clears THRE),
; 8.7 IER, 8.8 MCR (loopback: SOUT to SIN, RTS/DTR/OUT1/OUT2 to
; CTS/DSR/RI/DCD), 8.9 MSR (delta bits, trailing edge of RI), 8.10 SCR
; and the overrun rules of 16450 and FIFO mode. PC wiring (IBM PC/AT
; Technical Reference, "Serial/Parallel Adapter"): the interrupt reaches
; the 8259A only while MCR OUT2 is set, and never in loopback, where the
; chip holds OUT2 inactive.
;
; Characters go at 115200 baud (divisor 1): 86.8 us each, 8N1.
;
;     tick86 -display none -debug-exit -debugcon stdio -fda chip_uart.img

%include "lib.inc"
%include "chip_lib.inc"

COM1    equ 3F8h
COM2    equ 2F8h
RBR     equ 0
IER     equ 1
IIR     equ 2
FCR     equ 2
LCR     equ 3
MCR     equ 4
LSR     equ 5
MSR     equ 6
SCR     equ 7

; OUTB port, value / INB port: AL from the port (DX used)
%macro OUTB 2
        mov dx, %1
        mov al, %2
        out dx, al
%endmacro
%macro INB 1
        mov dx, %1
        in al, dx
%endmacro

; UART_REGS base, "name": scratch and divisor latch of one UART
%macro UART_REGS 2
        OUTB %1 + SCR, 55h
        INB %1 + SCR
        EXPECT8 al, 55h, {%2, " scratch register holds 55h"}
        OUTB %1 + SCR, 0AAh
        INB %1 + SCR
        EXPECT8 al, 0AAh, {%2, " scratch register holds AAh"}
        OUTB %1 + LCR, 83h      ; DLAB, 8N1
        OUTB %1 + RBR, 0Ch      ; 9600 baud
        OUTB %1 + IER, 00h
        INB %1 + RBR
        EXPECT8 al, 0Ch, {%2, " divisor latch low reads back 0Ch"}
        INB %1 + IER
        EXPECT8 al, 00h, {%2, " divisor latch high reads back 00h"}
        INB %1 + LCR
        EXPECT8 al, 83h, {%2, " LCR reads back 83h"}
        OUTB %1 + LCR, 03h      ; DLAB off: the same ports are RBR/THR and IER
        INB %1 + IER
        EXPECT8 al, 00h, {%2, " IER 0 behind the divisor latch"}
        OUTB %1 + LCR, 83h
        INB %1 + RBR
        EXPECT8 al, 0Ch, {%2, " divisor kept while DLAB was off"}
        OUTB %1 + RBR, 01h      ; 115200 baud for the rest
        OUTB %1 + LCR, 03h
%endmacro

test_main:
        cli
        in al, PIC1_DATA
        mov [imr1], al
        mov al, 0FFh
        out PIC1_DATA, al

        UART_REGS COM1, "com1"
        UART_REGS COM2, "com2"

        ; ---- loopback, 16450 mode (FIFO off) ------------------------------
        OUTB COM1 + IER, 0
        OUTB COM1 + FCR, 0
        OUTB COM1 + MCR, 10h    ; loopback
        INB COM1 + RBR
        INB COM1 + LSR
        INB COM1 + LSR
        EXPECT8 al, 60h, "com1 LSR idle: THRE and TEMT"
        INB COM1 + IIR
        EXPECT8 al, 01h, "com1 IIR 01h: no interrupt, FIFOs off"
        OUTB COM1 + RBR, 'A'
        INB COM1 + LSR
        and al, 41h
        EXPECT8 al, 00h, "com1 LSR while sending: TEMT clear, no data yet"
        call wait_temt
        INB COM1 + LSR
        EXPECT8 al, 61h, "com1 LSR after the echo: DR, THRE, TEMT"
        INB COM1 + RBR
        EXPECT8 al, 'A', "com1 loopback echoes 'A'"
        INB COM1 + LSR
        EXPECT8 al, 60h, "com1 LSR: DR clear once RBR is read"
        ; overrun: a second character replaces the unread first
        OUTB COM1 + RBR, 'B'
        call wait_temt
        OUTB COM1 + RBR, 'C'
        call wait_temt          ; AL = the LSR that showed TEMT
        EXPECT8 al, 63h, "com1 LSR overrun: OE with DR"
        INB COM1 + LSR
        EXPECT8 al, 61h, "com1 LSR read clears OE"
        INB COM1 + RBR
        EXPECT8 al, 'C', "com1 16450 overrun keeps the newer character"

        ; ---- loopback with the FIFOs -----------------------------------------
        OUTB COM1 + FCR, 07h    ; FIFOs on and cleared, trigger 1
        INB COM1 + IIR
        EXPECT8 al, 0C1h, "com1 IIR C1h: FIFOs enabled, no interrupt"
        mov cx, 16
        call send_seq
        call wait_temt
        INB COM1 + LSR
        EXPECT8 al, 61h, "com1 FIFO: 16 characters, no overrun"
        mov cx, 16
        call recv_seq
        EXPECT8 bl, 0, "com1 FIFO echoes 16 characters in order"
        INB COM1 + LSR
        EXPECT8 al, 60h, "com1 FIFO empty after 16 reads"
        ; 17 characters: the 17th finds the receive FIFO full and is lost
        mov cx, 17
        call send_seq
        call wait_temt
        EXPECT8 al, 63h, "com1 FIFO overrun on the 17th character"
        mov cx, 16
        call recv_seq
        EXPECT8 bl, 0, "com1 FIFO overrun keeps the first 16"
        INB COM1 + LSR
        EXPECT8 al, 60h, "com1 FIFO overrun: the 17th is not in the FIFO"

        ; ---- IIR priorities ---------------------------------------------------
        OUTB COM1 + IER, 07h    ; line status, received data, THRE
        INB COM1 + IIR
        EXPECT8 al, 0C2h, "com1 IIR C2h: enabling THRE with the FIFO empty"
        INB COM1 + IIR
        EXPECT8 al, 0C1h, "com1 IIR read cleared the THRE interrupt"
        mov cx, 17
        call send_seq
        mov cx, 2000            ; 1.68 ms, without reading LSR (which clears OE)
        call delay_ticks
        INB COM1 + IIR
        EXPECT8 al, 0C6h, "com1 IIR C6h: line status (overrun) first"
        INB COM1 + LSR
        INB COM1 + IIR
        EXPECT8 al, 0C4h, "com1 IIR C4h: received data next"
        mov cx, 16
        call recv_seq
        INB COM1 + IIR
        EXPECT8 al, 0C2h, "com1 IIR C2h: THRE last"
        INB COM1 + IIR
        EXPECT8 al, 0C1h, "com1 IIR C1h: nothing left"
        ; trigger level 4 and the character timeout
        OUTB COM1 + FCR, 47h    ; trigger level 4
        mov cx, 3
        call send_seq
        call wait_temt
        INB COM1 + IIR          ; THRE, then nothing: 3 < 4
        INB COM1 + IIR
        EXPECT8 al, 0C1h, "com1 IIR: 3 characters under trigger level 4"
        mov cx, 600             ; 503 us: beyond 4 character times (347 us)
        call delay_ticks
        INB COM1 + IIR
        EXPECT8 al, 0CCh, "com1 IIR CCh: character timeout"
        mov cx, 3
        call recv_seq
        INB COM1 + IIR
        EXPECT8 al, 0C1h, "com1 IIR: timeout gone once the FIFO is read"
        mov cx, 4
        call send_seq
        call wait_temt
        INB COM1 + IIR
        EXPECT8 al, 0C4h, "com1 IIR C4h at trigger level 4"
        mov cx, 4
        call recv_seq
        OUTB COM1 + IER, 0
        OUTB COM1 + FCR, 0

        ; ---- character times: 9600 baud 8N1 and 7E2 ------------------------------
        OUTB COM1 + LCR, 83h
        OUTB COM1 + RBR, 0Ch    ; 9600 baud
        OUTB COM1 + LCR, 03h    ; 8N1: 10 bits, 1.0417 ms
        call time_4chars
        cmp ax, 4972 - 5        ; 4 characters: 4.1667 ms = 4972 PIT ticks
        EXPECT_TRUE ae, "com1 9600 8N1: 4 characters take 4.17 ms", "faster"
        cmp ax, 4972 + 30
        EXPECT_TRUE be, "com1 9600 8N1: not much more", "slower"
        OUTB COM1 + LCR, 1Eh    ; 7E2: 11 bits, 1.1458 ms
        call time_4chars
        cmp ax, 5469 - 5
        EXPECT_TRUE ae, "com1 9600 7E2: 4 characters take 4.58 ms", "faster"
        cmp ax, 5469 + 30
        EXPECT_TRUE be, "com1 9600 7E2: not much more", "slower"
        mov cx, 4
        call recv_seq
        OUTB COM1 + LCR, 83h
        OUTB COM1 + RBR, 01h
        OUTB COM1 + LCR, 03h
        OUTB COM1 + FCR, 0

        ; ---- modem lines in loopback --------------------------------------------
        OUTB COM1 + MCR, 1Fh    ; loop, OUT2, OUT1, RTS, DTR
        INB COM1 + MSR
        and al, 0F0h
        EXPECT8 al, 0F0h, "com1 MSR in loopback: DCD RI DSR CTS follow MCR"
        OUTB COM1 + MCR, 10h
        INB COM1 + MSR
        EXPECT8 al, 0Fh, "com1 MSR deltas: DDCD TERI DDSR DCTS"
        INB COM1 + MSR
        EXPECT8 al, 00h, "com1 MSR read cleared the deltas"

        ; ---- THRE interrupt on IRQ4 and IRQ3 ----------------------------------------
        OUTB COM1 + MCR, 18h    ; loopback with OUT2: no IRQ on a PC
        OUTB COM1 + IER, 02h
        INB COM1 + IIR
        EXPECT8 al, 02h, "com1 IIR 02h in loopback ..."
        OUTB COM1 + IER, 0
        OUTB COM1 + IER, 02h
        call pic_irr
        and al, 10h
        EXPECT8 al, 0, "com1 ... but IRQ4 stays low in loopback"
        OUTB COM1 + IER, 0
        OUTB COM1 + MCR, 00h    ; no OUT2: the IRQ buffer is closed
        OUTB COM1 + IER, 02h
        call pic_irr
        and al, 10h
        EXPECT8 al, 0, "com1 THRE interrupt without OUT2: IRQ4 low"
        OUTB COM1 + MCR, 08h    ; OUT2
        call pic_irr
        and al, 10h
        EXPECT8 al, 10h, "com1 THRE interrupt with OUT2: IRQ4 high"
        INB COM1 + IIR
        EXPECT8 al, 02h, "com1 IIR 02h: THRE"
        call pic_irr
        and al, 10h
        EXPECT8 al, 0, "com1 reading IIR drops IRQ4"
        ; a character sent (to the host) brings THRE back: delivered as INT 0Ch
        SET_VEC 0Ch, com1_handler, old0C
        mov al, 0EFh            ; IRQ4 only
        out PIC1_DATA, al
        mov word [irqs], 0
        OUTB COM1 + RBR, 'x'
        sti
        mov cx, 200
        call delay_ticks
        cli
        EXPECT16 [irqs], 1, "com1 THRE after a character: one INT 0Ch"
        EXPECT8 [last_iir], 02h, "com1 IIR 02h in the INT 0Ch handler"
        RESTORE_VEC 0Ch, old0C
        mov al, 0FFh
        out PIC1_DATA, al
        OUTB COM1 + IER, 0
        OUTB COM1 + MCR, 0

        OUTB COM2 + FCR, 0
        OUTB COM2 + MCR, 08h
        OUTB COM2 + IER, 02h
        call pic_irr
        and al, 08h
        EXPECT8 al, 08h, "com2 THRE interrupt with OUT2: IRQ3 high"
        INB COM2 + IIR
        EXPECT8 al, 02h, "com2 IIR 02h: THRE"
        call pic_irr
        and al, 08h
        EXPECT8 al, 0, "com2 reading IIR drops IRQ3"
        OUTB COM2 + IER, 0
        OUTB COM2 + MCR, 0

        mov al, [imr1]
        out PIC1_DATA, al
        jmp finish

; wait_temt: waits (at most 65536 LSR reads) until COM1's transmitter is
; empty; AL = the LSR read that showed it (reading LSR clears OE, so that
; read is the one that can report an overrun of the last character).
wait_temt:
        push cx
        push dx
        mov dx, COM1 + LSR
        xor cx, cx
.wait:
        in al, dx
        test al, 40h
        loopz .wait
        pop dx
        pop cx
        ret

; time_4chars: AX = PIT ticks from writing 4 characters to COM1 (FIFO on)
; until the transmitter is empty; the FIFOs are emptied first.
time_4chars:
        push cx
        OUTB COM1 + FCR, 07h
        call clock_start
        mov cx, 4
        call send_seq
        call wait_temt
        call clock_read
        pop cx
        ret

; send_seq: CX characters 0, 1, 2 ... to COM1's THR (no waiting).
send_seq:
        push ax
        push cx
        push dx
        mov dx, COM1
        xor al, al
.next:
        out dx, al
        inc al
        loop .next
        pop dx
        pop cx
        pop ax
        ret

; recv_seq: reads CX characters from COM1's RBR; BL = 0 if they were
; 0, 1, 2 ... in order, else 1.
recv_seq:
        push ax
        push cx
        push dx
        mov dx, COM1
        xor bx, bx
.next:
        in al, dx
        cmp al, bh
        je .ok
        mov bl, 1
.ok:
        inc bh
        loop .next
        xor bh, bh
        pop dx
        pop cx
        pop ax
        ret

com1_handler:
        push ax
        push dx
        mov dx, COM1 + IIR
        in al, dx
        mov [cs:last_iir], al
        inc word [cs:irqs]
        mov al, EOI
        out PIC1_CMD, al
        pop dx
        pop ax
        iret

imr1:   db 0
irqs:   dw 0
last_iir: db 0
old0C:  dd 0

        IMAGE_END
