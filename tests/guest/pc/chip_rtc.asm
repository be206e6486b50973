; chip_rtc.asm - guest test of the MC146818A real-time clock and CMOS RAM
; through ports 70h/71h, from the MC146818A datasheet: "Address Map",
; "Time, Calendar and Alarm Locations" (BCD or binary, 12- or 24-hour with
; PM in bit 7, alarm bytes C0h-FFh "don't care"), "Register A" (UIP high
; 244 us before each update; the divider reset; the periodic rate table),
; "Register B" (SET stops updates and clears UIE; PIE, AIE, UIE, DM,
; 24/12), "Register C" (flags set whatever the enables, IRQF only for
; enabled ones, all cleared by a read), "Register D" (VRT), and the IBM
; PC/AT Technical Reference: port 70h bit 7 masks NMI and is not part of
; the index; bytes 2Eh-2Fh hold the sum of bytes 10h-2Dh; IRQ8 on the
; slave 8259A (INT 70h).
;
; The RTC starts at Saturday 2026-11-21 13:34:00.

; tick86-args: -rtc-base 2026-11-21T13:34:00

%include "lib.inc"
%include "chip_lib.inc"

BDA_TICKS       equ 046Ch       ; BIOS tick count (INT 08h, 18.2 Hz)

test_main:
        cli
        SET_VEC 70h, rtc_handler, old70
        in al, PIC2_DATA
        mov [imr2], al

        ; ---- registers as POST left them --------------------------------
        mov al, 0Dh
        call rd
        EXPECT8 al, 80h, "rtc register D: valid RAM and time (VRT)"
        mov al, 0Ah
        call rd
        and al, 7Fh
        EXPECT8 al, 26h, "rtc register A: 32.768 kHz divider, rate 6"
        mov al, 0Bh
        call rd
        EXPECT8 al, 02h, "rtc register B: 24-hour BCD, no interrupts"

        ; ---- port 70h bit 7 is the NMI mask, not part of the index ---------
        mov al, 8Dh
        call rd
        EXPECT8 al, 80h, "rtc index 8Dh (NMI masked) still reads register D"
        mov al, 8Ah
        call rd
        and al, 7Fh
        EXPECT8 al, 26h, "rtc index 8Ah (NMI masked) still reads register A"
        mov al, 0Eh             ; a RAM byte written with NMI masked ...
        or al, 80h
        out 70h, al
        mov al, 5Ah
        out 71h, al
        mov al, 3Fh | 80h
        out 70h, al
        mov al, 0A5h
        out 71h, al
        mov al, 3Fh             ; ... reads back through the plain index
        call rd
        EXPECT8 al, 0A5h, "rtc RAM byte 3Fh written with NMI masked reads back"
        mov al, 0Dh             ; leave NMI unmasked
        call rd

        ; ---- the checksum of bytes 10h-2Dh --------------------------------
        xor bx, bx
        mov cl, 10h
.sum:
        mov al, cl
        call rd
        xor ah, ah
        add bx, ax
        inc cl
        cmp cl, 2Eh
        jb .sum
        mov al, 2Eh
        call rd
        mov ah, al
        mov al, 2Fh
        call rd
        EXPECT16 ax, bx, "rtc checksum bytes 2Eh-2Fh: sum of 10h-2Dh"

        ; ---- the date and time in BCD, 24-hour ----------------------------
        call wait_no_uip
        mov al, 04h
        call rd
        EXPECT8 al, 13h, "rtc hours 13h (BCD, 24-hour)"
        mov al, 02h
        call rd
        EXPECT8 al, 34h, "rtc minutes 34h"
        mov al, 06h
        call rd
        EXPECT8 al, 7, "rtc day of week 7 (Saturday)"
        mov al, 07h
        call rd
        EXPECT8 al, 21h, "rtc day of month 21h"
        mov al, 08h
        call rd
        EXPECT8 al, 11h, "rtc month 11h"
        mov al, 09h
        call rd
        EXPECT8 al, 26h, "rtc year 26h"
        mov al, 32h
        call rd
        EXPECT8 al, 20h, "rtc century byte 32h: 20h"

        ; ---- UIP: high for 244 us, then the seconds have moved -------------
.uip_low:
        mov al, 0Ah             ; poll while UIP is low, remembering seconds
        call rd
        test al, 80h
        jnz .uip_low
.uip_wait_rise:
        mov al, 00h
        call rd
        mov bl, al              ; BL = seconds, read with UIP low
        mov al, 0Ah
        call rd
        test al, 80h
        jz .uip_wait_rise
        call clock_start
.uip_high:
        mov al, 0Ah
        call rd
        test al, 80h
        jnz .uip_high
        call clock_read
        cmp ax, 291 - 30
        EXPECT_TRUE ae, "rtc UIP high about 244 us (291 PIT ticks)", "UIP fell early"
        cmp ax, 291 + 5
        EXPECT_TRUE be, "rtc UIP high no longer than 244 us", "UIP high too long"
        mov al, bl
        add al, 1
        daa
        cmp al, 60h
        jb .no_wrap
        xor al, al
.no_wrap:
        mov bl, al
        mov al, 00h
        call rd
        EXPECT8 al, bl, "rtc seconds advanced by one when UIP fell"

        ; ---- register C: flags without enables, cleared by reading ----------
        mov al, 0Ch
        call rd                 ; clear
        mov cx, 3000            ; 2.5 ms: more than one 976.6 us period
        call delay_ticks
        mov al, 0Ch
        call rd
        and al, 0C0h
        EXPECT8 al, 40h, "rtc PF set with PIE off, IRQF stays clear"
        mov al, 0Ch
        call rd
        and al, 40h
        EXPECT8 al, 0, "rtc reading register C cleared PF"

        ; ---- update-ended interrupt, once a second --------------------------
        mov al, [imr2]
        and al, 0FEh            ; IRQ8 open
        out PIC2_DATA, al
        mov al, 0Bh
        mov ah, 12h             ; UIE, 24-hour, BCD
        call wr
        mov word [irqs], 0
        sti
        mov cx, 60              ; at most 60 BIOS ticks (3.3 s) per wait
        call wait_irq
        mov bx, [BDA_TICKS]
        mov cx, 60
        call wait_irq
        mov ax, [BDA_TICKS]
        cli
        sub ax, bx
        EXPECT16 [irqs], 2, "rtc two update-ended interrupts (INT 70h)"
        cmp ax, 18
        EXPECT_TRUE ae, "rtc update interrupts 1 s apart (18-19 ticks)", "less than 18 ticks apart"
        cmp ax, 19
        EXPECT_TRUE be, "rtc update interrupts no more than 19 ticks apart", "more than 19 ticks apart"
        mov al, [last_c]
        and al, 0B0h            ; (PF is set too: rate 6 runs, enabled or not)
        EXPECT8 al, 90h, "rtc register C in the handler: IRQF and UF, no AF"

        ; ---- SET stops the updates and clears UIE ---------------------------
        mov al, 0Bh
        mov ah, 92h             ; SET with UIE
        call wr
        mov al, 0Bh
        call rd
        EXPECT8 al, 82h, "rtc SET clears UIE"
        mov al, 00h
        mov ah, 30h
        call wr                 ; seconds = 30
        mov bx, [BDA_TICKS]
        add bx, 25
        sti
.set_wait:
        hlt
        cmp [BDA_TICKS], bx
        jb .set_wait
        cli
        mov al, 00h
        call rd
        EXPECT8 al, 30h, "rtc with SET the seconds stay put for 1.4 s"
        mov al, 0Ch
        call rd
        and al, 10h
        EXPECT8 al, 0, "rtc with SET no update-ended flag"

        ; ---- binary, 24-hour: 23:59:59 rolls over to the next day ------------
        mov al, 0Bh
        mov ah, 86h             ; SET, binary, 24-hour
        call wr
        mov al, 09h             ; the chip does not convert: every byte is
        mov ah, 26              ; written again in the new format
        call wr
        mov al, 08h
        mov ah, 11
        call wr
        mov al, 07h
        mov ah, 21
        call wr
        mov al, 04h
        mov ah, 23
        call wr
        mov al, 02h
        mov ah, 59
        call wr
        mov al, 00h
        mov ah, 58
        call wr
        mov al, 0Bh
        mov ah, 06h             ; run
        call wr
        call wait_no_uip
        mov al, 04h
        call rd
        EXPECT8 al, 23, "rtc binary hours read back 23 (17h)"
        call wait_update
        call wait_update
        call wait_no_uip
        mov al, 00h
        call rd
        EXPECT8 al, 0, "rtc binary seconds 0 after 23:59:59"
        mov al, 02h
        call rd
        EXPECT8 al, 0, "rtc binary minutes 0 after 23:59:59"
        mov al, 04h
        call rd
        EXPECT8 al, 0, "rtc binary hours 0 after 23:59:59"
        mov al, 07h
        call rd
        EXPECT8 al, 22, "rtc binary day of month 22 (16h) on the next day"
        mov al, 06h
        call rd
        EXPECT8 al, 1, "rtc day of week 1 (Sunday) on the next day"
        call wait_update
        call wait_no_uip
        mov al, 00h
        call rd
        EXPECT8 al, 1, "rtc binary seconds count 0, 1"

        ; ---- BCD, 12-hour: 11:59:59 PM is followed by 12:00:00 AM ------------
        mov al, 0Bh
        mov ah, 80h             ; SET, BCD, 12-hour
        call wr
        mov al, 09h
        mov ah, 26h
        call wr
        mov al, 08h
        mov ah, 11h
        call wr
        mov al, 07h
        mov ah, 22h
        call wr
        mov al, 04h
        mov ah, 91h             ; 11 PM
        call wr
        mov al, 02h
        mov ah, 59h
        call wr
        mov al, 00h
        mov ah, 59h
        call wr
        mov al, 0Bh
        mov ah, 00h
        call wr
        call wait_no_uip
        mov al, 04h
        call rd
        EXPECT8 al, 91h, "rtc 12-hour BCD: 11 PM reads 91h"
        call wait_update
        call wait_no_uip
        mov al, 04h
        call rd
        EXPECT8 al, 12h, "rtc 12-hour BCD: 12 AM after 11:59:59 PM (12h)"
        mov al, 07h
        call rd
        EXPECT8 al, 23h, "rtc 12-hour BCD: day 23h after midnight"
        ; noon: 11:59:59 AM -> 12:00:00 PM (92h)
        mov al, 0Bh
        mov ah, 80h
        call wr
        mov al, 04h
        mov ah, 11h
        call wr
        mov al, 02h
        mov ah, 59h
        call wr
        mov al, 00h
        mov ah, 59h
        call wr
        mov al, 0Bh
        mov ah, 00h
        call wr
        call wait_update
        call wait_no_uip
        mov al, 04h
        call rd
        EXPECT8 al, 92h, "rtc 12-hour BCD: 12 PM (92h) after 11:59:59 AM"
        mov al, 0Bh             ; back to 24-hour BCD, 13:34:00 as at the start
        mov ah, 82h
        call wr
        mov al, 04h
        mov ah, 13h
        call wr
        mov al, 02h
        mov ah, 34h
        call wr
        mov al, 00h
        mov ah, 00h
        call wr
        mov al, 0Bh
        mov ah, 02h
        call wr

        ; ---- alarm: AF two seconds from now, minutes and hours "don't care" --
        call wait_no_uip
        mov al, 00h
        call rd
        add al, 2
        daa
        mov bl, al              ; below 60h: the seconds were just reset
        mov al, 01h
        mov ah, bl
        call wr
        mov al, 03h
        mov ah, 0FFh            ; C0h-FFh: any minute
        call wr
        mov al, 05h
        mov ah, 0C0h            ; any hour
        call wr
        mov al, 0Ch
        call rd
        mov al, 0Bh
        mov ah, 22h             ; AIE
        call wr
        mov word [irqs], 0
        sti
        mov cx, 80
        call wait_irq
        cli
        EXPECT16 [irqs], 1, "rtc alarm interrupt"
        mov al, [last_c]
        and al, 0A0h
        EXPECT8 al, 0A0h, "rtc register C in the handler: IRQF and AF"
        mov al, [last_sec]
        EXPECT8 al, bl, "rtc alarm fires at the alarm second"
        mov al, 0Bh
        mov ah, 02h
        call wr

        ; ---- periodic interrupt rates ----------------------------------------
        mov bx, rates
.rate:
        mov al, 0Ah
        mov ah, [bx]
        call wr
        mov al, 0Bh
        mov ah, 42h             ; PIE
        call wr
        mov word [irqs], 0
        mov byte [pf_bad], 0
        sti
        mov cx, 59659           ; 50 ms
        call delay_ticks
        cli
        mov al, 0Bh
        mov ah, 02h
        call wr
        mov al, 0Ch
        call rd
        mov ax, [irqs]
        cmp ax, [bx + 1]
        jb .rate_bad
        cmp ax, [bx + 3]
        ja .rate_bad
        mov si, [bx + 5]
        call pass
        jmp .rate_next
.rate_bad:
        mov si, [bx + 5]
        call fail_begin
        mov si, str_count
        call put_str
        call put_hex16
        call newline
.rate_next:
        add bx, 7
        cmp bx, rates_end
        jb .rate
        EXPECT8 [pf_bad], 0, "rtc register C in every periodic handler: IRQF and PF"
        mov al, 0Ah
        mov ah, 26h
        call wr

        ; ---- divider reset: the first update comes 500 ms after it ends -----
        mov al, 0Ah
        mov ah, 76h             ; DV = 11x: divider chain held in reset
        call wr
        mov al, 0Ch
        call rd
        mov bx, [BDA_TICKS]
        add bx, 25
        sti
.reset_wait:
        hlt
        cmp [BDA_TICKS], bx
        jb .reset_wait
        cli
        mov al, 0Ch
        call rd
        and al, 10h
        EXPECT8 al, 0, "rtc no update while the divider is held in reset"
        mov al, 0Ah
        mov ah, 26h
        call wr
        mov bx, [BDA_TICKS]
        sti
.first_update:
        mov al, 0Ch
        call rd
        test al, 10h
        jz .first_update
        mov ax, [BDA_TICKS]
        cli
        sub ax, bx
        cmp ax, 8
        EXPECT_TRUE ae, "rtc first update 500 ms after the divider reset (9 ticks)", "less than 8 ticks"
        cmp ax, 10
        EXPECT_TRUE be, "rtc first update no later than 10 ticks", "more than 10 ticks"

        ; ---- put things back -------------------------------------------------
        mov al, [imr2]
        out PIC2_DATA, al
        RESTORE_VEC 70h, old70
        jmp finish

; rd: AL = CMOS byte AL. wr: CMOS byte AL = AH.
rd:
        out 70h, al
        in al, 71h
        ret
wr:
        out 70h, al
        mov al, ah
        out 71h, al
        ret

; wait_no_uip: returns once UIP reads 0 (at least 244 us before an update).
wait_no_uip:
        push ax
.wait:
        mov al, 0Ah
        call rd
        test al, 80h
        jnz .wait
        pop ax
        ret

; wait_update: clears register C, then waits for UF (an update has ended).
wait_update:
        push ax
        mov al, 0Ch
        call rd
.wait:
        mov al, 0Ch
        call rd
        test al, 10h
        jz .wait
        pop ax
        ret

; wait_irq: with IF set, waits until [irqs] grows, for at most CX BIOS ticks.
wait_irq:
        push ax
        push bx
        mov ax, [irqs]
        mov bx, [BDA_TICKS]
        add bx, cx
.wait:
        hlt
        cmp [irqs], ax
        jne .done
        cmp [BDA_TICKS], bx
        jb .wait
.done:
        pop bx
        pop ax
        ret

; INT 70h: counts, keeps register C and the seconds, acknowledges both PICs.
rtc_handler:
        push ax
        mov al, 0Ch
        out 70h, al
        in al, 71h
        mov [cs:last_c], al
        and al, 0C0h
        cmp al, 0C0h
        je .pf_ok
        or byte [cs:pf_bad], 1
.pf_ok:
        xor al, al
        out 70h, al
        in al, 71h
        mov [cs:last_sec], al
        inc word [cs:irqs]
        mov al, EOI
        out PIC2_CMD, al
        out PIC1_CMD, al
        pop ax
        iret

; Periodic rates: register A, lowest and highest count in 50 ms, name.
rates:
        db 23h
        dw 409, 410, name_r3
        db 26h
        dw 51, 52, name_r6
        db 2Ah
        dw 3, 4, name_r10
        db 21h
        dw 12, 13, name_r1
        db 22h
        dw 6, 7, name_r2
rates_end:
name_r3:     db "rtc periodic rate 3: 8192 Hz, 410 in 50 ms", 0
name_r6:     db "rtc periodic rate 6: 1024 Hz, 51 in 50 ms", 0
name_r10:    db "rtc periodic rate 10: 64 Hz, 3 in 50 ms", 0
name_r1:     db "rtc periodic rate 1: as rate 8, 256 Hz", 0
name_r2:     db "rtc periodic rate 2: as rate 9, 128 Hz", 0
str_count: db "count ", 0

imr2:   db 0
irqs:   dw 0
last_c: db 0
last_sec: db 0
pf_bad: db 0
old70:  dd 0

        IMAGE_END
