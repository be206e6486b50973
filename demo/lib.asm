; lib.asm - helpers the demo's screens share.
;
; Text goes straight into the colour text buffer at B800:0000 (IBM VGA
; Technical Reference, "Video memory": mode 03h stores one character byte and
; one attribute byte per cell, 80 cells per row). Writing the buffer directly,
; rather than calling INT 10h once per character, keeps the menu's first
; screen fast, and the first screen is what the boot-time figure measures.
; INT 10h is still used for what only the BIOS should do: mode sets, the
; cursor shape, and scrolling on the keyboard screen.
;
; Conventions: DS = 0 everywhere (code and data share segment 0, see
; boot.asm); every scr_/num_ routine loads ES = TEXT_SEG itself; a screen
; position is DH = row, DL = column; an attribute is in BL; strings end with
; a 0 byte. Routines keep the registers they do not return, except where the
; comment says otherwise.

TEXT_SEG        equ 0B800h
TEXT_COLS       equ 80
TEXT_ROWS       equ 25

DEBUG_PORT      equ 0E9h                ; the debug console (tick86, Bochs, QEMU)

; scr_addr: DI = offset of cell (DH, DL). Clobbers AX.
scr_addr:
        mov     al, TEXT_COLS
        mul     dh
        add     al, dl
        adc     ah, 0
        shl     ax, 1
        mov     di, ax
        ret

; scr_addr_keep: scr_addr that keeps AX.
scr_addr_keep:
        push    ax
        call    scr_addr
        pop     ax
        ret

; scr_print: the string at SI with attribute BL at (DH, DL).
; scr_puts:  the same, continuing at cell offset DI.
; Both return DI just past the last cell and SI past the terminating 0.
scr_print:
        push    ax
        call    scr_addr
        pop     ax
scr_puts:
        push    ax
        mov     ax, TEXT_SEG
        mov     es, ax
        mov     ah, bl
.next:  lodsb
        test    al, al
        jz      .done
        stosw
        jmp     .next
.done:  pop     ax
        ret

; scr_center: the string at SI with attribute BL, centred on row DH.
scr_center:
        push    ax
        push    cx
        push    dx
        push    si
        xor     cx, cx
.len:   lodsb
        test    al, al
        jz      .got
        inc     cx
        jmp     .len
.got:   pop     si
        mov     dl, TEXT_COLS
        sub     dl, cl
        shr     dl, 1
        call    scr_print
        pop     dx
        pop     cx
        pop     ax
        ret

; scr_fill: CX copies of character AL with attribute BL from (DH, DL) on
; (the run may go on over the following rows). Returns DI past the run.
scr_fill:
        push    ax
        call    scr_addr
        pop     ax
scr_fillc:
        push    ax
        push    cx
        push    ax
        mov     ax, TEXT_SEG
        mov     es, ax
        pop     ax
        mov     ah, bl
        rep     stosw
        pop     cx
        pop     ax
        ret

; scr_clear: the whole screen becomes blanks with attribute BL.
scr_clear:
        push    ax
        push    cx
        push    dx
        xor     dx, dx
        mov     al, ' '
        mov     cx, TEXT_COLS * TEXT_ROWS
        call    scr_fill
        pop     dx
        pop     cx
        pop     ax
        ret

; scr_box: a frame from (DH, DL) to (CH, CL) inclusive in attribute BL,
; drawn with the six code page 437 characters at SI: top-left, top-right,
; bottom-left, bottom-right, horizontal, vertical (box_double below). The
; inside is left as it is.
scr_box:
        push    ax
        push    bx
        push    cx
        push    dx
        push    di
        mov     [box_bottom], ch
        sub     cl, dl
        dec     cl
        mov     [box_inner], cl         ; columns between the two sides
        mov     ax, TEXT_SEG
        mov     es, ax
        call    scr_addr                ; top edge
        mov     ah, bl
        mov     al, [si]
        stosw
        mov     al, [si+4]
        xor     ch, ch
        mov     cl, [box_inner]
        rep     stosw
        mov     al, [si+1]
        stosw
.side:  inc     dh                      ; the two sides, row by row
        cmp     dh, [box_bottom]
        je      .bottom
        call    scr_addr
        mov     ah, bl
        mov     al, [si+5]
        stosw
        mov     cl, [box_inner]
        add     di, cx
        add     di, cx
        stosw
        jmp     .side
.bottom:
        call    scr_addr
        mov     ah, bl
        mov     al, [si+2]
        stosw
        mov     al, [si+4]
        mov     cl, [box_inner]
        rep     stosw
        mov     al, [si+3]
        stosw
        pop     di
        pop     dx
        pop     cx
        pop     bx
        pop     ax
        ret

box_double      db 0C9h, 0BBh, 0C8h, 0BCh, 0CDh, 0BAh    ; double lines
box_bottom      db 0
box_inner       db 0

; scr_rule: a horizontal line across a double frame on row DH, from column
; 0 to 79, with the T pieces that join a single line to double sides.
scr_rule:
        push    ax
        push    cx
        push    dx
        xor     dl, dl
        mov     al, 0C7h                ; double vertical, single right
        mov     cx, 1
        call    scr_fill
        mov     al, 0C4h                ; single horizontal
        mov     cl, TEXT_COLS - 2
        call    scr_fillc
        mov     al, 0B6h                ; double vertical, single left
        mov     cl, 1
        call    scr_fillc
        pop     dx
        pop     cx
        pop     ax
        ret

; scr_frame: clear the screen to attribute BL, draw a double frame round
; it in attribute BH and put the title at SI into the top edge.
scr_frame:
        push    bx
        push    cx
        push    dx
        call    scr_clear
        push    bx
        mov     bl, bh
        push    si
        mov     si, box_double
        xor     dx, dx
        mov     cx, (TEXT_ROWS - 1) * 256 + TEXT_COLS - 1
        call    scr_box
        pop     si
        pop     bx
        xor     dh, dh
        mov     bl, bh
        call    scr_center
        pop     dx
        pop     cx
        pop     bx
        ret

; scr_hide_cursor: INT 10h AH=01h with CH bit 5 set turns the cursor off
; (RBIL INT 10h AH=01h; a mode set turns it on again).
scr_hide_cursor:
        push    ax
        push    cx
        mov     ah, 01h
        mov     cx, 2000h
        int     10h
        pop     cx
        pop     ax
        ret

; num_dec: AX as an unsigned decimal number in attribute BL at cell DI.
num_dec:
        push    ax
        push    cx
        push    dx
        push    ax
        mov     ax, TEXT_SEG
        mov     es, ax
        pop     ax
        xor     cx, cx
.div:   xor     dx, dx
        div     word [num_ten]
        push    dx                      ; digits come out lowest first
        inc     cx
        test    ax, ax
        jnz     .div
        mov     ah, bl
.out:   pop     dx
        mov     al, dl
        add     al, '0'
        stosw
        loop    .out
        pop     dx
        pop     cx
        pop     ax
        ret

num_ten         dw 10

; num_hex4 / num_hex2: AX or AL as 4 or 2 hex digits in attribute BL at DI.
; num_hex2 also prints a packed BCD byte (RTC values) as its two digits.
num_hex4:
        push    ax
        mov     al, ah
        call    num_hex2
        pop     ax
num_hex2:
        push    ax
        push    cx
        push    ax
        mov     ax, TEXT_SEG
        mov     es, ax
        pop     ax
        mov     ch, al
        mov     cl, 4
        shr     al, cl
        call    .digit
        mov     al, ch
        and     al, 0Fh
        call    .digit
        pop     cx
        pop     ax
        ret
.digit: add     al, '0'
        cmp     al, '9'
        jbe     .put
        add     al, 'A' - '0' - 10
.put:   mov     ah, bl
        stosw
        ret

; num_hex2h: AL as 2 hex digits followed by "h".
num_hex2h:
        call    num_hex2
        push    ax
        mov     al, 'h'
        mov     ah, bl
        stosw
        pop     ax
        ret

; dbg_puts: the string at SI to the debug console, port E9h (tick86's
; -debugcon, Bochs' port_e9_hack). Tests wait for these lines.
dbg_puts:
        push    ax
        push    si
.next:  lodsb
        test    al, al
        jz      .done
        out     DEBUG_PORT, al
        jmp     .next
.done:  pop     si
        pop     ax
        ret

; key_get: wait for a key; AL = ASCII code, AH = scan code
; (INT 16h AH=00h, RBIL).
key_get:
        mov     ah, 00h
        int     16h
        ret

; key_is_esc: ZF set if AX is the Esc key (scan code 01h, or ASCII 1Bh,
; which is also Ctrl-[ and what a host's key injector may produce).
key_is_esc:
        cmp     ah, 01h
        je      .yes
        cmp     al, 1Bh
.yes:   ret

; key_wait_esc: throw keys away until Esc.
key_wait_esc:
        call    key_get
        call    key_is_esc
        jne     key_wait_esc
        ret
