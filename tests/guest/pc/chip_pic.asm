; chip_pic.asm - guest test of the 8259A pair, programmed through its ports
; after our BIOS has initialised it (edge triggered, cascade on IR2,
; vectors 08h and 70h, normal EOI). Follows the Intel 8259A datasheet:
; "Operation Command Words" (OCW1 mask, OCW2 EOI kinds and set priority,
; OCW3 read IRR/ISR and poll), "Fully Nested Mode", "Poll Command",
; "Specific Rotation" and "Cascade Mode".
;
; Requests come from chips the test controls: IRQ0 from 8254 counter 0 in
; mode 0 (OUT rises once the count runs out and stays high; a new control
; word drops it), IRQ1 and IRQ12 from the 8042's "write output buffer"
; commands D2h/D3h (the line drops when port 60h is read), IRQ4 from
; COM1's transmitter-empty interrupt.
;
; Not checked: the default IR7 answer when a request goes away between
; INT and INTA. Here the 8259A's INT follows its inputs at once and the
; CPU acknowledges at an instruction boundary, so a guest cannot open that
; window; tests/unit/test_pic.c drives it directly.
;
;     tick86 -display none -debug-exit -debugcon stdio -fda chip_pic.img

%include "lib.inc"
%include "chip_lib.inc"

test_main:
        cli
        in al, PIC1_DATA
        mov [imr1], al
        in al, PIC2_DATA
        mov [imr2], al
        mov al, 30h             ; counter 0: mode 0 and no count yet, OUT low
        out 43h, al             ; (IRQ0 stays quiet until we arm it)
        call kbc_flush
        mov al, 20h             ; the 8042 command byte
        call kbc_cmd
        call kbc_read
        mov [kbc_cb], al
        mov al, 60h             ; keyboard and aux interrupts on (bits 0, 1)
        call kbc_cmd
        mov al, [kbc_cb]
        or al, 03h
        call kbc_out
        SET_VEC 08h, irq0_handler, old08
        SET_VEC 09h, irq1_handler, old09
        SET_VEC 74h, irq12_handler, old74

        ; ---- OCW1: the mask registers read back --------------------------
        mov al, 5Ah
        out PIC1_DATA, al
        in al, PIC1_DATA
        EXPECT8 al, 5Ah, "pic master IMR reads back 5Ah"
        mov al, 0A5h
        out PIC2_DATA, al
        in al, PIC2_DATA
        EXPECT8 al, 0A5h, "pic slave IMR reads back A5h"
        mov al, 0FFh
        out PIC1_DATA, al
        out PIC2_DATA, al

        ; ---- IRR shows requests, masked or not; ISR stays empty ------------
        call pic_irr
        and al, 03h
        EXPECT8 al, 0, "pic IRR: no IRQ0/IRQ1 request at the start"
        mov al, 0D2h            ; 8042: next byte to the keyboard output buffer
        call kbc_cmd
        mov al, 5Ah
        call kbc_out
        call pic_irr
        and al, 03h
        EXPECT8 al, 02h, "pic IRR bit 1 set by a masked IRQ1"
        call pic_isr
        EXPECT8 al, 0, "pic ISR empty: a masked request is not serviced"
        call kbc_read
        EXPECT8 al, 5Ah, "kbc D2 byte read back from port 60h"
        call pic_irr
        and al, 03h
        EXPECT8 al, 0, "pic IRR bit 1 clear once the request drops (edge mode)"

        ; ---- IRQ0 from counter 0: the request appears when OUT rises ------
        mov cx, 100
        call irq0_arm
        call pic_irr
        and al, 01h
        EXPECT8 al, 0, "pic IRR bit 0 clear while counter 0 counts"
        mov cx, 300
        call delay_ticks
        call pic_irr
        and al, 01h
        EXPECT8 al, 01h, "pic IRR bit 0 set after counter 0 ran out"
        mov al, 30h
        out 43h, al
        call pic_irr
        and al, 01h
        EXPECT8 al, 0, "pic IRR bit 0 clear when IRQ0 drops before INTA"

        ; ---- poll mode -----------------------------------------------------
        mov al, 0ECh            ; IR0, IR1 and IR4 open; IF stays clear
        out PIC1_DATA, al
        mov al, OCW3_POLL
        out PIC1_CMD, al
        in al, PIC1_CMD
        and al, 80h
        EXPECT8 al, 0, "pic poll with nothing pending: bit 7 clear"
        call irq1_raise
        mov al, OCW3_POLL
        out PIC1_CMD, al
        in al, PIC1_CMD
        EXPECT8 al, 81h, "pic poll answers 81h for IRQ1"
        call pic_isr
        EXPECT8 al, 02h, "pic poll sets ISR bit 1 like an INTA"
        call pic_irr
        and al, 02h
        EXPECT8 al, 0, "pic poll clears the IRR bit it answered"
        ; IRQ4 has lower priority than IR1 in service: fully nested mode
        ; keeps it out of the poll ...
        call com1_irq_on
        call pic_irr
        and al, 10h
        EXPECT8 al, 10h, "pic IRR bit 4 set by COM1's THRE interrupt"
        mov al, OCW3_POLL
        out PIC1_CMD, al
        in al, PIC1_CMD
        and al, 80h
        EXPECT8 al, 0, "pic poll: IRQ4 blocked while IR1 is in service"
        ; ... while IRQ0, of higher priority, gets through
        mov cx, 2
        call irq0_arm
        mov cx, 20
        call delay_ticks
        mov al, OCW3_POLL
        out PIC1_CMD, al
        in al, PIC1_CMD
        EXPECT8 al, 80h, "pic poll answers 80h: IRQ0 nests over IR1 in service"
        call pic_isr
        EXPECT8 al, 03h, "pic ISR 03h with IR0 and IR1 in service"
        mov al, EOI
        out PIC1_CMD, al
        call pic_isr
        EXPECT8 al, 02h, "pic non-specific EOI clears the highest ISR bit (IR0)"
        mov al, 64h             ; specific EOI for IR4, which is not in service
        out PIC1_CMD, al
        call pic_isr
        EXPECT8 al, 02h, "pic specific EOI of IR4 leaves IR1 in service"
        mov al, 61h             ; specific EOI, IR1
        out PIC1_CMD, al
        call pic_isr
        EXPECT8 al, 0, "pic specific EOI of IR1 clears it"
        mov al, OCW3_POLL
        out PIC1_CMD, al
        in al, PIC1_CMD
        EXPECT8 al, 84h, "pic poll answers 84h for IRQ4 once IR1 is done"
        mov al, 64h
        out PIC1_CMD, al
        call com1_irq_off
        call kbc_flush          ; drops IRQ1
        mov al, 30h
        out 43h, al             ; drops IRQ0

        ; ---- special mask mode: a masked in-service level lets lower ones in --
        call irq1_raise
        mov al, OCW3_POLL
        out PIC1_CMD, al
        in al, PIC1_CMD         ; IR1 now in service
        call com1_irq_on        ; IRQ4 requested, below IR1
        mov al, 0EEh            ; mask IR1 (and keep IR0, IR4 open)
        out PIC1_DATA, al
        mov al, OCW3_POLL
        out PIC1_CMD, al
        in al, PIC1_CMD
        and al, 80h
        EXPECT8 al, 0, "pic masking IR1 alone does not let IRQ4 in"
        mov al, 68h             ; OCW3: set special mask mode
        out PIC1_CMD, al
        mov al, OCW3_POLL
        out PIC1_CMD, al
        in al, PIC1_CMD
        EXPECT8 al, 84h, "pic special mask mode: IRQ4 polled with IR1 in service"
        call pic_isr
        EXPECT8 al, 12h, "pic special mask mode: ISR 12h"
        mov al, EOI             ; non-specific: the highest unmasked (IR4)
        out PIC1_CMD, al
        call pic_isr
        EXPECT8 al, 02h, "pic special mask mode: EOI skips the masked IR1"
        mov al, 48h             ; OCW3: reset special mask mode
        out PIC1_CMD, al
        mov al, 61h
        out PIC1_CMD, al
        mov al, 0ECh
        out PIC1_DATA, al
        call com1_irq_off
        call kbc_flush

        ; ---- specific rotation (OCW2 set priority) -------------------------
        mov cx, 2
        call irq0_arm
        call irq1_raise
        mov cx, 20
        call delay_ticks
        mov al, 0C0h            ; IR0 lowest: IR1 is now the highest
        out PIC1_CMD, al
        mov al, OCW3_POLL
        out PIC1_CMD, al
        in al, PIC1_CMD
        EXPECT8 al, 81h, "pic with IR0 lowest priority, IRQ1 wins over IRQ0"
        mov al, 0C7h            ; IR7 lowest again: the power-on order
        out PIC1_CMD, al
        mov al, OCW3_POLL
        out PIC1_CMD, al
        in al, PIC1_CMD
        EXPECT8 al, 80h, "pic poll then answers the other pending IRQ0"
        mov al, EOI
        out PIC1_CMD, al
        out PIC1_CMD, al
        call pic_isr
        EXPECT8 al, 0, "pic two non-specific EOIs empty the ISR"
        call kbc_flush
        mov al, 30h
        out 43h, al

        ; ---- two pending IRQs delivered in priority order ------------------
        mov al, 0FCh            ; IR0 and IR1 open
        out PIC1_DATA, al
        call irq1_raise         ; IRQ1 first, then IRQ0
        mov cx, 2
        call irq0_arm
        mov cx, 20
        call delay_ticks
        call pic_irr
        and al, 03h
        EXPECT8 al, 03h, "pic IRR 03h with IRQ0 and IRQ1 pending"
        mov word [log_n], 0
        sti
        nop
        nop
        nop
        cli
        EXPECT16 [log_n], 6, "pic two interrupts delivered"
        EXPECT8 [log], 'T', "pic IRQ0 delivered first (INT 08h)"
        EXPECT8 [log + 1], 01h, "pic ISR 01h inside the IRQ0 handler"
        EXPECT8 [log + 3], 'K', "pic IRQ1 delivered second (INT 09h)"
        EXPECT8 [log + 4], 02h, "pic ISR 02h inside the IRQ1 handler"
        call pic_isr
        EXPECT8 al, 0, "pic ISR empty after both handlers' EOIs"

        ; ---- fully nested: without an EOI for IR0, IRQ1 waits ---------------
        mov byte [no_eoi], 1
        call irq1_raise
        mov cx, 2
        call irq0_arm
        mov cx, 20
        call delay_ticks
        mov word [log_n], 0
        sti
        nop
        nop
        nop
        cli
        EXPECT16 [log_n], 3, "pic only IRQ0 delivered while IR0 stays in service"
        call pic_isr
        EXPECT8 al, 01h, "pic IR0 still in service without an EOI"
        call pic_irr
        and al, 02h
        EXPECT8 al, 02h, "pic IRQ1 still requested"
        mov byte [no_eoi], 0
        mov al, 60h             ; specific EOI, IR0
        out PIC1_CMD, al
        sti
        nop
        nop
        cli
        EXPECT16 [log_n], 6, "pic IRQ1 delivered after the specific EOI of IR0"
        EXPECT8 [log + 3], 'K', "pic the late interrupt is IRQ1"
        mov al, 30h
        out 43h, al

        ; ---- the slave behind IR2: IRQ12 -----------------------------------
        mov al, 0FFh            ; slave fully masked
        out PIC2_DATA, al
        mov al, 0FBh            ; master: only the cascade input open
        out PIC1_DATA, al
        call irq12_raise
        call pic2_irr
        and al, 10h
        EXPECT8 al, 10h, "pic slave IRR bit 4 set by IRQ12"
        call pic_irr
        and al, 04h
        EXPECT8 al, 0, "pic master IR2 quiet while the slave masks IRQ12"
        mov al, 0EFh            ; slave: IR4 (IRQ12) open
        out PIC2_DATA, al
        call pic_irr
        and al, 04h
        EXPECT8 al, 04h, "pic master IR2 requested once the slave unmasks IRQ12"
        mov word [log_n], 0
        sti
        nop
        nop
        cli
        EXPECT16 [log_n], 3, "pic IRQ12 delivered through the cascade"
        EXPECT8 [log], 'M', "pic IRQ12 arrives as INT 74h"
        EXPECT8 [log + 1], 04h, "pic master ISR 04h (IR2) in the IRQ12 handler"
        EXPECT8 [log + 2], 10h, "pic slave ISR 10h (IR4) in the IRQ12 handler"
        call pic_isr
        EXPECT8 al, 0, "pic master ISR empty after the EOIs"
        call pic2_isr
        EXPECT8 al, 0, "pic slave ISR empty after the EOIs"

        ; ---- poll through the cascade ---------------------------------------
        call irq12_raise
        mov al, OCW3_POLL
        out PIC1_CMD, al
        in al, PIC1_CMD
        EXPECT8 al, 82h, "pic master poll answers 82h (the cascade)"
        mov al, OCW3_POLL
        out PIC2_CMD, al
        in al, PIC2_CMD
        EXPECT8 al, 84h, "pic slave poll answers 84h (IRQ12)"
        call pic2_isr
        EXPECT8 al, 10h, "pic slave ISR 10h after its poll"
        mov al, 64h
        out PIC2_CMD, al
        mov al, 62h
        out PIC1_CMD, al
        call pic_isr
        EXPECT8 al, 0, "pic master ISR empty after specific EOI 2"
        call kbc_flush

        ; ---- put things back -----------------------------------------------
        RESTORE_VEC 08h, old08
        RESTORE_VEC 09h, old09
        RESTORE_VEC 74h, old74
        mov al, 60h
        call kbc_cmd
        mov al, [kbc_cb]
        call kbc_out
        mov al, 36h             ; counter 0 as the BIOS had it: mode 3, 65536
        out 43h, al
        xor al, al
        out 40h, al
        out 40h, al
        mov al, [imr2]
        out PIC2_DATA, al
        mov al, [imr1]
        out PIC1_DATA, al
        jmp finish

; irq0_arm: counter 0 in mode 0 with count CX: IRQ0 rises CX+1 ticks later.
irq0_arm:
        push ax
        mov al, 30h
        out 43h, al
        mov al, cl
        out 40h, al
        mov al, ch
        out 40h, al
        pop ax
        ret

; irq1_raise / irq12_raise: a byte (A5h) in the 8042's output buffer, from
; the keyboard or the aux device; irq1 with no wait for it to show.
irq1_raise:
        push ax
        mov al, 0D2h
        call kbc_cmd
        mov al, 0A5h
        call kbc_out
        pop ax
        ret
irq12_raise:
        push ax
        mov al, 0D3h
        call kbc_cmd
        mov al, 0A5h
        call kbc_out
        pop ax
        ret

; com1_irq_on: COM1 raises IRQ4 (THRE interrupt, OUT2 opens the buffer);
; com1_irq_off drops it.
com1_irq_on:
        push ax
        push dx
        mov dx, 3FCh            ; MCR: OUT2
        mov al, 08h
        out dx, al
        mov dx, 3F9h            ; IER: transmitter holding register empty
        mov al, 02h
        out dx, al
        pop dx
        pop ax
        ret
com1_irq_off:
        push ax
        push dx
        mov dx, 3F9h
        xor al, al
        out dx, al
        mov dx, 3FCh
        out dx, al
        pop dx
        pop ax
        ret

; rec: appends AL, the master ISR and the slave ISR to the log.
rec:
        push bx
        push ax
        mov bx, [cs:log_n]
        mov [cs:log + bx], al
        call pic_isr
        mov [cs:log + bx + 1], al
        call pic2_isr
        mov [cs:log + bx + 2], al
        add word [cs:log_n], 3
        pop ax
        pop bx
        ret

irq0_handler:
        push ax
        mov al, 'T'
        call rec
        mov al, 30h             ; counter 0 stopped, IRQ0 low
        out 43h, al
        cmp byte [cs:no_eoi], 0
        jne .out
        mov al, EOI
        out PIC1_CMD, al
.out:
        pop ax
        iret

irq1_handler:
        push ax
        mov al, 'K'
        call rec
        in al, 60h
        mov al, EOI
        out PIC1_CMD, al
        pop ax
        iret

irq12_handler:
        push ax
        mov al, 'M'
        call rec
        in al, 60h
        mov al, EOI
        out PIC2_CMD, al
        out PIC1_CMD, al
        pop ax
        iret

imr1:   db 0
imr2:   db 0
kbc_cb: db 0
no_eoi: db 0
old08:  dd 0
old09:  dd 0
old74:  dd 0
log_n:  dw 0
log:    times 32 db 0

        IMAGE_END
