; bios_ticks.asm - guest test of the tick count POST derives from the RTC
; (IBM PC/AT Technical Reference: the timer count at 40:6C is the time of
; day in units of 65536/1193180 s; Ralf Brown INT 1Ah AH=00h) when the
; clock does not start at midnight. Regression test: POST converted the
; BCD hours, minutes and seconds with the low digit dropped, so 12:34:56
; gave the ticks of 10:30:50.
;
; The RTC starts at 12:34:56. 45296 s * 1193180 / 65536 = 824,680 ticks
; (0C:9568h; POST's exact-integer form gives 824,679); POST reads the clock within the first second, so the count
; must lie in 824,679 .. 824,679 + 3 s of ticks (55) when the test runs.

; tick86-args: -rtc-base 2026-11-21T12:34:56

%include "lib.inc"

TICKS_LO        equ 09567h
TICKS_HI        equ 000Ch

test_main:
        sti
        mov ah, 02h             ; the RTC itself: 12:34, seconds 56..59
        int 1Ah
        EXPECT_CF 0, "int1a 02 read time: CF clear"
        EXPECT16 cx, 1234h, "int1a 02 12:34 as the RTC was set"
        cmp dh, 56h
        EXPECT_TRUE ae, "int1a 02 seconds 56 or later", "earlier than :56"

        mov ah, 00h
        int 1Ah
        EXPECT16 cx, TICKS_HI, "int1a 00 ticks high word at 12:34:56"
        sub dx, TICKS_LO
        cmp dx, 55
        EXPECT_TRUE b, "int1a 00 ticks low word within 3 s of 12:34:56", "outside 9567h..959Dh"
        EXPECT8 al, 0, "int1a 00 no midnight"
        jmp finish

        IMAGE_END
