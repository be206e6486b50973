; chip_pit.asm - guest test of the 8254 timer and port 61h, programmed
; through their ports after our BIOS has set counter 0 to mode 3 (65536),
; counter 1 to mode 2 (18, LSB only) and counter 2 to mode 3 (1331).
; Follows the Intel 8254 datasheet: "Read-Back Command" (status byte:
; OUTPUT, NULL COUNT, RW, mode, BCD), "Counter Latch Command" (a second
; latch before the first is read is ignored), "Mode 0/2/3" with their GATE
; rules (mode 0 and 2 stop counting while GATE is low, mode 2's rising
; GATE reloads, mode 2 and 3 force OUT high on a low GATE, mode 3 counts
; down by two) and "Operation Common to All Modes" (BCD counting); and the
; IBM PC/AT Technical Reference for port 61h: bit 0 gates counter 2, bit 5
; shows its OUT, bit 4 toggles with each refresh request (every 15.085 us).
;
; Counter 0 and counter 2 time each other here; the RTC's once-a-second
; update times counter 0 in mode 2.
;
;     tick86 -display none -debug-exit -debugcon stdio -fda chip_pit.img

%include "lib.inc"
%include "chip_lib.inc"

test_main:
        cli
        in al, 61h
        mov [port61], al
        in al, PIC1_DATA
        mov [imr1], al
        mov al, 0FFh            ; no IRQ delivered except where asked for
        out PIC1_DATA, al

        ; ---- read-back of all three counters: the status bytes -------------
        mov al, 0B6h            ; counter 2 as the BIOS set it (the VGA BIOS's
        out 43h, al             ; beep may have reloaded it): mode 3, 1331
        mov al, 33h
        out 42h, al
        mov al, 05h
        out 42h, al
        mov al, 0EEh            ; read-back: status only, counters 0, 1, 2
        out 43h, al
        in al, 40h
        and al, 7Fh             ; OUT of a square wave is either
        EXPECT8 al, 36h, "pit status 0: mode 3, LSB/MSB, count loaded"
        in al, 41h
        and al, 7Fh
        EXPECT8 al, 14h, "pit status 1: mode 2, LSB only, count loaded"
        in al, 42h
        and al, 3Fh
        EXPECT8 al, 36h, "pit status 2: mode 3, LSB/MSB"
        ; counter 1 (refresh, mode 2, 18): one byte, 18 down to 1
        mov al, 40h             ; counter latch, counter 1
        out 43h, al
        in al, 41h
        cmp al, 1
        EXPECT_TRUE ae, "pit counter 1 latched count at least 1", "below 1"
        cmp al, 18
        EXPECT_TRUE be, "pit counter 1 latched count at most 18", "above 18"

        ; ---- NULL COUNT between the control word and the count's load -----
        and byte [port61], 0FCh
        mov al, [port61]
        or al, 01h              ; gate 2 on, speaker off
        out 61h, al
        mov al, 0B4h            ; counter 2: mode 2, LSB/MSB, binary
        out 43h, al
        mov al, 0E8h            ; read-back: status of counter 2
        out 43h, al
        in al, 42h
        EXPECT8 al, 0F4h, "pit status after a control word: OUT high, NULL COUNT"
        mov al, 50h             ; count 50000 = C350h
        out 42h, al
        mov al, 0C3h
        out 42h, al
        mov cx, 10
        call delay0
        mov al, 0E8h
        out 43h, al
        in al, 42h
        EXPECT8 al, 0B4h, "pit status once the count is loaded: NULL COUNT clear"

        ; ---- GATE: mode 2 stops while low and reloads on the rising edge ---
        mov al, [port61]
        out 61h, al             ; gate 2 off
        in al, 61h
        and al, 20h
        EXPECT8 al, 20h, "pit port 61h bit 5: mode 2 OUT high while gate is low"
        call latch2
        mov bx, ax
        mov cx, 1000
        call delay0
        call latch2
        EXPECT16 ax, bx, "pit counter 2 stands still while gate 2 is low"
        mov al, [port61]
        or al, 01h
        out 61h, al             ; rising gate: reload 50000, count on
        mov cx, 1000
        call delay0
        call latch2
        cmp ax, 50000 - 1000
        EXPECT_TRUE be, "pit gate rise reloads mode 2: 1000 ticks counted", "less than 1000 ticks counted"
        cmp ax, 50000 - 1060
        EXPECT_TRUE ae, "pit gate rise reloads mode 2: not many more", "more than 1060 ticks counted"

        ; ---- the counter latch holds the first latched value ---------------
        mov al, 34h             ; counter 0: mode 2, 60000
        out 43h, al
        mov al, 60h
        out 40h, al
        mov al, 0EAh
        out 40h, al
        mov cx, 10              ; the count reaches the counter on the next
        call delay2             ; CLK; latch only after that
        mov al, 00h
        out 43h, al             ; latch counter 0 ...
        mov cx, 1000
        call delay2
        mov al, 00h
        out 43h, al             ; ... again: ignored until the first is read
        in al, 40h
        mov ah, al
        in al, 40h
        xchg al, ah
        mov bx, ax              ; BX = the count at the first latch
        mov al, 00h
        out 43h, al
        in al, 40h
        mov ah, al
        in al, 40h
        xchg al, ah
        sub bx, ax              ; ticks between the two latches that counted
        cmp bx, 1000
        EXPECT_TRUE ae, "pit second latch ignored while the first is unread", "second latch replaced the first"
        cmp bx, 1100
        EXPECT_TRUE b, "pit latched counts 1000-1100 ticks apart", "more than 1100 ticks apart"

        ; ---- read-back of count and status together ------------------------
        mov al, 0C2h            ; read-back: count and status, counter 0
        out 43h, al
        in al, 40h
        EXPECT8 al, 0B4h, "pit read-back gives the status first (mode 2, OUT high)"
        in al, 40h
        mov ah, al
        in al, 40h
        xchg al, ah
        cmp ax, 60000
        EXPECT_TRUE b, "pit read-back count follows the status", "count above 60000"

        ; ---- mode 0: OUT rises after the count, timed by counter 2 ---------
        call clock_start
        mov al, 30h             ; counter 0: mode 0, 1000
        out 43h, al
        mov al, 0E8h
        out 40h, al
        mov al, 03h
        out 40h, al
.wait_m0:
        mov al, 0E2h            ; status of counter 0
        out 43h, al
        in al, 40h
        test al, 80h
        jz .wait_m0
        call clock_read
        cmp ax, 1000
        EXPECT_TRUE ae, "pit mode 0 OUT rises no sooner than the count", "OUT rose early"
        cmp ax, 1040
        EXPECT_TRUE b, "pit mode 0 OUT rises within 40 ticks of the count", "OUT rose late"

        ; ---- mode 0 with gate low: counting waits ---------------------------
        mov al, [port61]
        out 61h, al             ; gate 2 off
        mov al, 0B0h            ; counter 2: mode 0, 500
        out 43h, al
        mov al, 0F4h
        out 42h, al
        mov al, 01h
        out 42h, al
        mov cx, 1000
        call delay0
        in al, 61h
        and al, 20h
        EXPECT8 al, 0, "pit mode 0 with gate low: OUT still low after 1000 ticks"
        mov al, [port61]
        or al, 01h
        out 61h, al
        mov cx, 400
        call delay0
        in al, 61h
        and al, 20h
        EXPECT8 al, 0, "pit mode 0 gate high: OUT low after 400 of 500 ticks"
        mov cx, 200
        call delay0
        in al, 61h
        and al, 20h
        EXPECT8 al, 20h, "pit mode 0 gate high: OUT high after 600 of 500 ticks"

        ; ---- mode 1: GATE's rising edge starts a one-shot ------------------
        ; (OUT is sampled into BL..DH first and checked afterwards: printing
        ; a result takes time the one-shot would go on counting)
        mov al, [port61]
        out 61h, al             ; gate 2 low
        mov al, 0B2h            ; counter 2: mode 1, 500
        out 43h, al
        mov al, 0F4h
        out 42h, al
        mov al, 01h
        out 42h, al
        mov cx, 100
        call delay0
        in al, 61h
        mov bl, al              ; before the trigger
        mov al, [port61]
        or al, 01h
        out 61h, al             ; trigger
        mov cx, 100
        call delay0
        in al, 61h
        mov bh, al              ; 100 ticks after it
        mov al, [port61]
        out 61h, al             ; gate low does not stop mode 1
        mov cx, 300
        call delay0
        in al, 61h
        mov dl, al              ; 400 ticks after it
        mov cx, 200
        call delay0
        in al, 61h
        mov dh, al              ; 600 ticks after it
        mov al, [port61]
        or al, 01h
        out 61h, al             ; retrigger: a new one-shot
        mov cx, 100
        call delay0
        in al, 61h
        mov ch, al
        call latch2
        mov si, ax
        and bx, 2020h
        and dx, 2020h
        and ch, 20h
        EXPECT8 bl, 20h, "pit mode 1: OUT high until triggered"
        EXPECT8 bh, 0, "pit mode 1: OUT low 100 ticks after the trigger"
        EXPECT8 dl, 0, "pit mode 1: OUT still low at 400 of 500, gate low"
        EXPECT8 dh, 20h, "pit mode 1: OUT high again after 500 ticks"
        EXPECT8 ch, 0, "pit mode 1: retriggered by a second rising edge"
        cmp si, 500 - 100
        EXPECT_TRUE be, "pit mode 1: the count restarted at 500", "count above 400"
        cmp si, 500 - 140
        EXPECT_TRUE ae, "pit mode 1: ... 100-140 ticks ago", "count below 360"

        ; ---- mode 0: a new count restarts the counter ------------------------
        mov al, 0B0h            ; counter 2, gate high: mode 0, 1000
        out 43h, al
        mov al, 0E8h
        out 42h, al
        mov al, 03h
        out 42h, al
        mov cx, 800
        call delay0
        mov al, 0E8h            ; 1000 again, 800 ticks in
        out 42h, al
        mov al, 03h
        out 42h, al
        mov cx, 800
        call delay0
        in al, 61h
        and al, 20h
        EXPECT8 al, 0, "pit mode 0: a new count restarts: OUT low 1600 ticks in"
        mov cx, 300
        call delay0
        in al, 61h
        and al, 20h
        EXPECT8 al, 20h, "pit mode 0: OUT high 1000 ticks after the new count"

        ; ---- mode 2: a new count waits for the end of the period -------------
        mov al, 0B4h            ; counter 2: mode 2, 50000
        out 43h, al
        mov al, 50h
        out 42h, al
        mov al, 0C3h
        out 42h, al
        mov cx, 1000
        call delay0
        mov al, 100             ; new count 100
        out 42h, al
        xor al, al
        out 42h, al
        mov cx, 10
        call delay0
        call latch2
        cmp ax, 48000
        EXPECT_TRUE ae, "pit mode 2: a new count leaves the current period running", "count was reloaded at once"
        mov cx, 50000
        call delay0
        call latch2
        cmp ax, 100
        EXPECT_TRUE be, "pit mode 2: the new count 100 runs after the period", "count above 100"

        ; ---- mode 3: OUT toggles every half period; counts go down by 2 ----
        mov al, 0B6h            ; counter 2: mode 3, 100
        out 43h, al
        mov al, 100
        out 42h, al
        xor al, al
        out 42h, al
        mov cx, 10
        call delay0
        mov cx, 8
        xor dl, dl
.even:
        call latch2
        or dl, al
        loop .even
        and dl, 1
        EXPECT8 dl, 0, "pit mode 3 with an even count shows only even counts"
        mov cx, 10000
        call toggles            ; BX = OUT changes over 10000 ticks of counter 0
        cmp bx, 198
        EXPECT_TRUE ae, "pit mode 3 count 100: 200 OUT changes in 10000 ticks", "fewer than 198"
        cmp bx, 202
        EXPECT_TRUE be, "pit mode 3 count 100: no more than 202", "more than 202"

        ; ---- BCD counting ---------------------------------------------------
        mov al, 0B5h            ; counter 2: mode 2, BCD, count 1000 (decimal)
        out 43h, al
        xor al, al
        out 42h, al
        mov al, 10h
        out 42h, al
        mov cx, 100
        call delay0
        call latch2
        mov bx, ax
        and bx, 0F0Fh           ; nibbles 0 and 2: 0-9
        cmp bl, 9
        EXPECT_TRUE be, "pit BCD count: digit 0 is decimal", "digit 0 above 9"
        cmp bh, 9
        EXPECT_TRUE be, "pit BCD count: digit 2 is decimal", "digit 2 above 9"
        mov bx, ax
        and bx, 0F0F0h
        cmp bl, 90h
        EXPECT_TRUE be, "pit BCD count: digit 1 is decimal", "digit 1 above 9"
        cmp ax, 0900h
        EXPECT_TRUE be, "pit BCD count 1000 after 100 ticks: at most 0900", "above 0900"
        cmp ax, 0860h
        EXPECT_TRUE ae, "pit BCD count 1000 after 100 ticks: at least 0860", "below 0860"

        ; ---- port 61h bit 4: the refresh toggle -----------------------------
        mov al, [port61]
        out 61h, al
        mov cx, 1800
        call refresh_toggles
        cmp bx, 98
        EXPECT_TRUE ae, "pit refresh toggle: 100 changes in 1800 ticks", "fewer than 98"
        cmp bx, 102
        EXPECT_TRUE be, "pit refresh toggle: no more than 102", "more than 102"

        ; ---- counter 0 in mode 2 at 100 Hz against the RTC's second ----------
        SET_VEC 08h, tick_handler, old08
        mov al, 34h             ; counter 0: mode 2, 11932 (100.0 Hz)
        out 43h, al
        mov al, 11932 & 0FFh
        out 40h, al
        mov al, 11932 >> 8
        out 40h, al
        mov al, 0FEh            ; IRQ0 only
        out PIC1_DATA, al
        call wait_update        ; an RTC update has just ended ...
        mov word [ticks], 0
        sti
        call wait_update        ; ... and the next one
        cli
        mov ax, [ticks]
        cmp ax, 99
        EXPECT_TRUE ae, "pit mode 2 at 100 Hz: 100 IRQ0 per RTC second", "fewer than 99"
        cmp ax, 101
        EXPECT_TRUE be, "pit mode 2 at 100 Hz: no more than 101", "more than 101"
        RESTORE_VEC 08h, old08

        ; ---- put things back -----------------------------------------------
        mov al, 36h             ; counter 0: mode 3, 65536 (18.2 Hz)
        out 43h, al
        xor al, al
        out 40h, al
        out 40h, al
        mov al, 0B6h
        out 43h, al
        mov al, 33h
        out 42h, al
        mov al, 05h
        out 42h, al
        mov al, [port61]
        out 61h, al
        mov al, [imr1]
        out PIC1_DATA, al
        jmp finish

; latch2: AX = counter 2's count (counter latch command, LSB then MSB).
latch2:
        mov al, 80h
        out 43h, al
        in al, 42h
        mov ah, al
        in al, 42h
        xchg al, ah
        ret

; delay0 / delay2: waits CX ticks on counter 0 / counter 2 in mode 0
; (delay2 is chip_lib's delay_ticks), polling OUT through read-back.
delay0:
        push ax
        mov al, 30h
        out 43h, al
        mov al, cl
        out 40h, al
        mov al, ch
        out 40h, al
.wait:
        mov al, 0E2h
        out 43h, al
        in al, 40h
        test al, 80h
        jz .wait
        pop ax
        ret
delay2:
        jmp delay_ticks

; toggles: BX = changes of port 61h bit 5 while counter 0 counts CX ticks
; in mode 0. refresh_toggles: the same for bit 4.
toggles:
        mov ah, 20h
        jmp count_changes
refresh_toggles:
        mov ah, 10h
count_changes:
        xor bx, bx
        mov al, 30h
        out 43h, al
        mov al, cl
        out 40h, al
        mov al, ch
        out 40h, al
        in al, 61h
        and al, ah
        mov dl, al
.loop:
        in al, 61h
        and al, ah
        cmp al, dl
        je .same
        mov dl, al
        inc bx
.same:
        mov al, 0E2h
        out 43h, al
        in al, 40h
        test al, 80h
        jz .loop
        ret

; wait_update: waits until the RTC's update-ended flag (register C bit 4)
; is set, with the flags read (and so cleared) once first.
wait_update:
        push ax
        mov al, 0Ch
        out 70h, al
        in al, 71h
.wait:
        mov al, 0Ch
        out 70h, al
        in al, 71h
        test al, 10h
        jz .wait
        pop ax
        ret

tick_handler:
        inc word [cs:ticks]
        push ax
        mov al, EOI
        out PIC1_CMD, al
        pop ax
        iret

port61: db 0
imr1:   db 0
ticks:  dw 0
old08:  dd 0

        IMAGE_END
