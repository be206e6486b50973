; bios_time.asm - guest test of INT 1Ah (Ralf Brown INT 1Ah AH=00h-07h)
; and INT 08h's tick count: the RTC date and time against a fixed start,
; ticks advancing, the midnight flag, setting time and date (through the
; year 1999 -> 2000 rollover), the alarm and INT 4Ah.
;
; Expects the RTC to start at 2000-01-01 00:00:00 (the default):
;     tick86 -display none -debug-exit -debugcon stdio -fda bios_time.img -rtc-base 2000-01-01T00:00:00

; tick86-args: -rtc-base 2000-01-01T00:00:00

%include "lib.inc"

test_main:
        sti
        ; ---- the RTC as POST left it ------------------------------------
        mov ah, 04h
        int 1Ah
        EXPECT_CF 0, "int1a 04 read date: CF clear"
        EXPECT16 cx, 2000h, "int1a 04 century and year 2000"
        EXPECT16 dx, 0101h, "int1a 04 January 1st"
        mov ah, 02h
        int 1Ah
        EXPECT_CF 0, "int1a 02 read time: CF clear"
        EXPECT16 cx, 0000h, "int1a 02 00:00 just after power-on"
        cmp dh, 03h
        EXPECT_TRUE b, "int1a 02 seconds below 3", "later than 00:00:02"
        EXPECT8 dl, 0, "int1a 02 no daylight saving"

        ; ---- ticks: counted from the RTC time at POST, advancing --------
        mov ah, 00h
        int 1Ah
        EXPECT16 cx, 0, "int1a 00 ticks high word 0"
        cmp dx, 55
        EXPECT_TRUE b, "int1a 00 ticks below 3 s", "too many ticks"
        EXPECT8 al, 0, "int1a 00 no midnight yet"
        mov bx, dx
        hlt
        hlt
        hlt
        hlt
        mov ah, 00h
        int 1Ah
        sub dx, bx
        cmp dx, 2
        EXPECT_TRUE ae, "int1a 00 ticks advance", "fewer than 2 ticks after 4 HLTs"

        ; ---- midnight: 1800B0h ticks a day ------------------------------
        mov ah, 01h
        mov cx, 0018h
        mov dx, 00AEh           ; two ticks before midnight
        int 1Ah
        EXPECT_CF 0, "int1a 01 set ticks: CF clear"
        call wait_ticks_3
        mov ah, 00h
        int 1Ah
        EXPECT8 al, 1, "int1a 00 midnight flag after the rollover"
        EXPECT16 cx, 0, "int1a 00 ticks restart at 0"
        cmp dx, 3
        EXPECT_TRUE b, "int1a 00 ticks small after the rollover", "too many ticks"
        mov ah, 00h
        int 1Ah
        EXPECT8 al, 0, "int1a 00 midnight flag read once"

        ; ---- set the time -------------------------------------------------
        mov ah, 03h
        mov cx, 1234h           ; 12:34:56
        mov dx, 5600h
        int 1Ah
        EXPECT_CF 0, "int1a 03 set time: CF clear"
        mov ah, 02h
        int 1Ah
        EXPECT16 cx, 1234h, "int1a 02 reads 12:34 back"
        cmp dh, 56h
        EXPECT_TRUE e, "int1a 02 reads 56 s back", "seconds moved"

        ; ---- set date and time just before 2000, watch the rollover -------
        mov ah, 05h
        mov cx, 1999h
        mov dx, 1231h
        int 1Ah
        EXPECT_CF 0, "int1a 05 set date: CF clear"
        mov ah, 04h
        int 1Ah
        EXPECT16 cx, 1999h, "int1a 04 reads 1999 back"
        EXPECT16 dx, 1231h, "int1a 04 reads 12-31 back"
        mov ah, 03h
        mov cx, 2359h
        mov dx, 5900h           ; 23:59:59
        int 1Ah
        mov cx, 40              ; about 2.2 s of ticks
.wait_new_year:
        hlt
        loop .wait_new_year
        mov ah, 04h
        int 1Ah
        EXPECT16 cx, 2000h, "int1a 04 year rolled over to 2000"
        EXPECT16 dx, 0101h, "int1a 04 date rolled over to 01-01"
        mov ah, 02h
        int 1Ah
        EXPECT16 cx, 0000h, "int1a 02 time rolled over to 00:00"

        ; ---- alarm: INT 4Ah two seconds from now ---------------------------
        push ds
        xor ax, ax
        mov ds, ax
        mov word [4Ah * 4], alarm_isr
        mov word [4Ah * 4 + 2], 0
        pop ds
        mov ah, 02h
        int 1Ah
        mov al, dh              ; seconds (BCD) + 2, below 60 here
        add al, 2
        daa
        mov dh, al
        mov ah, 06h
        int 1Ah
        EXPECT_CF 0, "int1a 06 set alarm: CF clear"
        mov ah, 06h
        int 1Ah
        EXPECT_CF 1, "int1a 06 second alarm refused: CF set"
        mov cx, 80              ; up to 4.4 s
.wait_alarm:
        cmp byte [alarm_seen], 0
        jne .alarm_done
        hlt
        loop .wait_alarm
.alarm_done:
        EXPECT8 [alarm_seen], 1, "int4a called by the alarm"
        mov ah, 07h
        int 1Ah
        EXPECT_CF 0, "int1a 07 reset alarm: CF clear"
        mov ah, 06h
        mov cx, 0
        mov dx, 0
        int 1Ah
        EXPECT_CF 0, "int1a 06 alarm accepted again after 07"
        mov ah, 07h
        int 1Ah

        jmp finish

alarm_seen: db 0
alarm_isr:
        mov byte [cs:alarm_seen], 1
        iret

wait_ticks_3:
        push ax
        push cx
        mov cx, 3
        push es
        mov ax, 40h
        mov es, ax
.tick:
        mov ax, [es:6Ch]
.same:
        hlt
        cmp ax, [es:6Ch]
        je .same
        loop .tick
        pop es
        pop cx
        pop ax
        ret

        IMAGE_END
