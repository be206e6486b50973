; clock.asm - screen 4: date and time from the real-time clock.
;
; INT 1Ah AH=02h reads the time and AH=04h the date from the MC146818 RTC,
; in packed BCD: AH=02h returns CH = hours, CL = minutes, DH = seconds,
; DL = daylight saving flag; AH=04h returns CH = century, CL = year,
; DH = month, DL = day. Either sets CF if the clock is not running or is in
; the middle of an update (RBIL INT 1Ah AH=02h/04h; IBM PC/AT Technical
; Reference, "Time-of-day services"). INT 1Ah AH=00h returns the BIOS's
; timer tick count in CX:DX, the IRQ 0 interrupts of the 8254 since
; midnight, 1193182 / 65536 = about 18.2 a second.
;
; The screen is redrawn when the RTC's seconds change. It looks at the RTC
; once per timer tick and sleeps in HLT in between (IRQ 0 or a key wakes
; it), so it neither misses a second nor keeps the processor busy.

CLK_ROW         equ 5                   ; the big digits: rows 5-9 ...
CLK_COL         equ 13                  ; ... columns 13-66
CLK_DATE_ROW    equ 12
ATTR_BIG        equ 1Eh                 ; yellow on blue

clock_screen:
        mov     bl, ATTR_BACK
        mov     bh, ATTR_FRAME
        mov     si, clk_title
        call    scr_frame
        mov     bl, ATTR_HEAD
        mov     dh, 2
        mov     si, clk_head
        call    scr_center
        mov     bl, ATTR_DIM
        mov     dx, 14 * 256 + 4
        mov     si, clk_l_time
        call    scr_print
        mov     dx, 15 * 256 + 4
        mov     si, clk_l_date
        call    scr_print
        mov     dx, 16 * 256 + 4
        mov     si, clk_l_tick
        call    scr_print
        mov     dx, 14 * 256 + 50
        mov     si, clk_d_time
        call    scr_print
        mov     dx, 15 * 256 + 50
        mov     si, clk_d_date
        call    scr_print
        mov     dx, 16 * 256 + 50
        mov     si, clk_d_tick
        call    scr_print
        mov     dh, 18
        mov     si, clk_bcd_note
        call    scr_center
        mov     dh, 23
        mov     si, clk_esc
        call    scr_center

        mov     byte [clk_last_sec], 0FFh
        call    clk_update              ; the first picture at once, then
        mov     si, dbg_clock           ; tell the tests
        call    dbg_puts

.wait:  mov     ah, 01h                 ; INT 16h AH=01h: ZF clear if a key waits
        int     16h
        jz      .sleep
        call    key_get
        call    key_is_esc
        je      .done
        jmp     .wait
.sleep: hlt                             ; until IRQ 0 (or a key)
        mov     ah, 00h
        int     1Ah
        cmp     dx, [clk_tick]
        je      .wait
        call    clk_update
        jmp     .wait
.done:  ret

; clk_update: read the tick count and the RTC; redraw if the second changed.
clk_update:
        mov     ah, 00h
        int     1Ah
        mov     [clk_tick], dx
        mov     [clk_tick + 2], cx
        mov     cx, 0FFFFh              ; a BIOS without AH=02h leaves these ...
        mov     dx, cx
        mov     ah, 02h
        stc                             ; ... and CF as they were
        int     1Ah
        jc      clk_fail
        mov     [clk_time], dx          ; DH = seconds, DL = DST
        mov     [clk_time + 2], cx      ; CH = hours, CL = minutes
        cmp     dh, [clk_last_sec]
        je      .ret
        mov     [clk_last_sec], dh
        mov     al, ch                  ; BCD digits must be 0-9
        call    clk_bcd_ok
        jc      clk_fail
        mov     al, cl
        call    clk_bcd_ok
        jc      clk_fail
        mov     al, dh
        call    clk_bcd_ok
        jc      clk_fail
        mov     cx, 0FFFFh
        mov     dx, cx
        mov     ah, 04h
        stc
        int     1Ah
        jc      clk_fail
        mov     [clk_date], dx          ; DH = month, DL = day
        mov     [clk_date + 2], cx      ; CH = century, CL = year
        call    clk_draw_time
        call    clk_draw_date
        call    clk_draw_regs
.ret:   ret

; clk_fail: the RTC did not answer; say so where the date goes.
clk_fail:
        mov     byte [clk_last_sec], 0FFh
        mov     si, clk_no_rtc
        jmp     clk_date_line

; clk_bcd_ok: CF clear if AL is packed BCD (both digits 0-9).
clk_bcd_ok:
        push    ax
        cmp     al, 0A0h
        jae     .bad                    ; high digit above 9
        and     al, 0Fh
        cmp     al, 0Ah
        jae     .bad                    ; low digit above 9
        pop     ax
        clc
        ret
.bad:   pop     ax
        stc
        ret

; clk_draw_time: HH:MM:SS in big digits.
clk_draw_time:
        mov     dx, CLK_ROW * 256 + CLK_COL
        mov     al, [clk_time + 3]      ; hours
        call    clk_big_bcd
        mov     al, 10                  ; colon
        call    clk_glyph
        mov     al, [clk_time + 2]      ; minutes
        call    clk_big_bcd
        mov     al, 10
        call    clk_glyph
        mov     al, [clk_time + 1]      ; seconds
        call    clk_big_bcd
        ret

; clk_big_bcd: the BCD byte AL as two big digits at (DH, DL); DL moves on.
clk_big_bcd:
        push    ax
        push    cx
        mov     cl, 4
        shr     al, cl
        call    clk_glyph
        pop     cx
        pop     ax
        and     al, 0Fh
        jmp     clk_glyph

; clk_glyph: glyph AL (0-9, 10 = colon) of clk_font, 5 rows of 3 bits,
; each bit two cells wide, at (DH, DL). DL moves past it and a gap.
clk_glyph:
        push    ax
        push    bx
        push    cx
        push    si
        mov     bl, al
        xor     bh, bh
        mov     si, bx
        shl     si, 1
        shl     si, 1
        add     si, bx                  ; SI = AL * 5 ...
        add     si, clk_font            ; ... into the font
        mov     ch, 3                   ; width in bits
        cmp     bl, 10
        jne     .rows
        mov     ch, 1                   ; the colon is one bit wide
.rows:  push    dx
        mov     bh, 5                   ; rows left
.row:   call    scr_addr
        mov     ax, TEXT_SEG
        mov     es, ax
        mov     bl, [si]
        inc     si
        mov     cl, 3
        sub     cl, ch
        shl     bl, cl                  ; the glyph's first bit to bit 2
        mov     cl, ch
.bit:   mov     ax, ATTR_BIG * 256 + 0DBh
        test    bl, 4
        jnz     .on
        mov     al, ' '
.on:    stosw
        stosw
        shl     bl, 1
        dec     cl
        jnz     .bit
        inc     dh
        dec     bh
        jnz     .row
        pop     dx
        mov     al, ch
        shl     al, 1
        add     al, 2
        add     dl, al                  ; 2 cells a bit, then a 2-cell gap
        pop     si
        pop     cx
        pop     bx
        pop     ax
        ret

clk_font        db 7, 5, 5, 5, 7        ; 0
                db 2, 6, 2, 2, 7        ; 1
                db 7, 1, 7, 4, 7        ; 2
                db 7, 1, 7, 1, 7        ; 3
                db 5, 5, 7, 1, 1        ; 4
                db 7, 4, 7, 1, 7        ; 5
                db 7, 4, 7, 5, 7        ; 6
                db 7, 1, 1, 1, 1        ; 7
                db 7, 5, 7, 5, 7        ; 8
                db 7, 5, 7, 1, 7        ; 9
                db 0, 1, 0, 1, 0        ; colon (bit 0: one bit wide)

; clk_draw_date: "Friday, 21 November 2025" centred on the date row. The
; weekday comes from the date by Sakamoto's method (dow = (y + y/4 - y/100
; + y/400 + t[m-1] + d) mod 7, 0 = Sunday, with y counted from March).
clk_draw_date:
        xor     ax, ax
        mov     es, ax
        mov     di, clk_buf
        mov     al, [clk_date + 1]      ; month, BCD
        call    clk_bin
        mov     bl, al                  ; BL = month, 1-12
        dec     bl
        cmp     bl, 12
        jae     .raw                    ; not a month: just the numbers
        mov     al, [clk_date + 3]      ; century
        call    clk_bin
        mov     cl, 100
        mul     cl
        mov     cx, ax
        mov     al, [clk_date + 2]      ; year in the century
        call    clk_bin
        xor     ah, ah
        add     cx, ax                  ; CX = year
        cmp     bl, 2
        jae     .march
        dec     cx                      ; January and February count with the year before
.march: mov     ax, cx                  ; AX = y
        mov     si, cx
        shr     ax, 1
        shr     ax, 1
        add     si, ax                  ; + y/4
        mov     ax, cx
        xor     dx, dx
        div     word [clk_100]
        sub     si, ax                  ; - y/100
        shr     ax, 1
        shr     ax, 1
        add     si, ax                  ; + y/400
        xor     bh, bh
        mov     al, [clk_month_t + bx]
        xor     ah, ah
        add     si, ax                  ; + t[m-1]
        mov     al, [clk_date]          ; day
        call    clk_bin
        xor     ah, ah
        add     si, ax                  ; + d
        mov     ax, si
        xor     dx, dx
        div     word [clk_7]            ; DX = day of the week
        push    bx
        mov     bx, dx
        shl     bx, 1
        mov     si, [clk_days + bx]
        call    clk_buf_str
        mov     si, clk_comma
        call    clk_buf_str
        mov     al, [clk_date]          ; day without a leading zero
        cmp     al, 10h
        jae     .two
        add     al, '0'
        stosb
        jmp     .month
.two:   call    clk_buf_bcd
.month: mov     al, ' '
        stosb
        pop     bx
        shl     bx, 1
        mov     si, [clk_months + bx]
        call    clk_buf_str
        mov     al, ' '
        stosb
        mov     al, [clk_date + 3]
        call    clk_buf_bcd
        mov     al, [clk_date + 2]
        call    clk_buf_bcd
        jmp     .end
.raw:   mov     al, [clk_date + 3]      ; a month the calendar does not know
        call    clk_buf_bcd
        mov     al, [clk_date + 2]
        call    clk_buf_bcd
        mov     al, '-'
        stosb
        mov     al, [clk_date + 1]
        call    clk_buf_bcd
        mov     al, '-'
        stosb
        mov     al, [clk_date]
        call    clk_buf_bcd
.end:   mov     al, 0
        stosb
        mov     si, clk_buf
        ; fall through
; clk_date_line: the string at SI, centred on the date row, which is
; cleared first.
clk_date_line:
        push    si
        mov     dx, CLK_DATE_ROW * 256 + 1
        mov     al, ' '
        mov     bl, ATTR_BACK
        mov     cx, TEXT_COLS - 2
        call    scr_fill
        pop     si
        mov     dh, CLK_DATE_ROW
        mov     bl, ATTR_HEAD
        jmp     scr_center

; clk_draw_regs: what INT 1Ah returned, register by register.
clk_draw_regs:
        mov     dx, 14 * 256 + 20
        mov     si, clk_time
        call    clk_regs
        mov     dx, 15 * 256 + 20
        mov     si, clk_date
        call    clk_regs
        mov     dx, 16 * 256 + 20
        call    scr_addr
        mov     bl, ATTR_DIM
        mov     si, clk_reg_cx
        call    scr_puts
        mov     bl, ATTR_BACK
        mov     ax, [clk_tick + 2]
        call    num_hex4
        mov     al, 'h'
        mov     ah, bl
        stosw
        mov     bl, ATTR_DIM
        mov     si, clk_reg_dx
        call    scr_puts
        mov     bl, ATTR_BACK
        mov     ax, [clk_tick]
        call    num_hex4
        mov     al, 'h'
        mov     ah, bl
        stosw
        ret

; clk_regs: "CH=xxh CL=xxh DH=xxh DL=xxh" at (DH, DL) from the four
; bytes at SI, which hold DL, DH, CL, CH in that order (DX, then CX).
clk_regs:
        call    scr_addr
        mov     bx, si
        add     bx, 3                   ; CH first, then down to DL
        mov     si, clk_reg_names
        mov     cx, 4
.reg:   mov     al, [bx]
        dec     bx
        push    bx
        mov     bl, ATTR_DIM
        call    scr_puts
        mov     bl, ATTR_BACK
        call    num_hex2h
        pop     bx
        add     di, 2
        loop    .reg
        ret

; clk_bin: AL from packed BCD to binary.
clk_bin:
        push    cx
        mov     ch, al
        and     ch, 0Fh
        mov     cl, 4
        shr     al, cl
        mov     cl, 10
        mul     cl
        add     al, ch
        pop     cx
        ret

; clk_buf_str / clk_buf_bcd: append to the string at ES:DI (ES = 0).
clk_buf_str:
        lodsb
        test    al, al
        jz      .done
        stosb
        jmp     clk_buf_str
.done:  ret
clk_buf_bcd:
        push    cx
        mov     ah, al
        mov     cl, 4
        shr     al, cl
        add     al, '0'
        stosb
        mov     al, ah
        and     al, 0Fh
        add     al, '0'
        stosb
        pop     cx
        ret

clk_tick        dw 0, 0                 ; CX:DX of INT 1Ah AH=00h (low word first)
clk_time        dw 0, 0                 ; DX, CX of AH=02h: sec/DST, hour/min
clk_date        dw 0, 0                 ; DX, CX of AH=04h: month/day, century/year
clk_last_sec    db 0
clk_100         dw 100
clk_7           dw 7
clk_buf         times 40 db 0

clk_month_t     db 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4   ; Sakamoto's month offsets
clk_days        dw .su, .mo, .tu, .we, .th, .fr, .sa
.su             db "Sunday", 0
.mo             db "Monday", 0
.tu             db "Tuesday", 0
.we             db "Wednesday", 0
.th             db "Thursday", 0
.fr             db "Friday", 0
.sa             db "Saturday", 0
clk_months      dw .m1, .m2, .m3, .m4, .m5, .m6, .m7, .m8, .m9, .m10, .m11, .m12
.m1             db "January", 0
.m2             db "February", 0
.m3             db "March", 0
.m4             db "April", 0
.m5             db "May", 0
.m6             db "June", 0
.m7             db "July", 0
.m8             db "August", 0
.m9             db "September", 0
.m10            db "October", 0
.m11            db "November", 0
.m12            db "December", 0
clk_comma       db ", ", 0
clk_reg_names   db "CH=", 0, "CL=", 0, "DH=", 0, "DL=", 0
clk_reg_cx      db "CX=", 0
clk_reg_dx      db " DX=", 0

clk_title       db " 4  clock: the real-time clock through INT 1Ah ", 0
clk_head        db "Date and time from the MC146818 RTC, redrawn every second", 0
clk_l_time      db "INT 1Ah AH=02h", 0
clk_l_date      db "INT 1Ah AH=04h", 0
clk_l_tick      db "INT 1Ah AH=00h", 0
clk_d_time      db "hour minute second DST", 0
clk_d_date      db "century year month day", 0
clk_d_tick      db "timer ticks since midnight", 0
clk_bcd_note    db "The RTC counts in BCD: CL=59h means 59 minutes.", 0
clk_esc         db "Esc: back to the menu", 0
clk_no_rtc      db "The RTC does not answer (INT 1Ah AH=02h/04h set CF)", 0

dbg_clock       db "demo: clock", 13, 10, 0
