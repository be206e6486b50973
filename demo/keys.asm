; keys.asm - screen 2: keyboard echo.
;
; Each key comes from INT 16h AH=00h (RBIL: AH = scan code, AL = ASCII
; character, or 00h for a key with no character: function and cursor keys,
; Alt combinations; E0h with a non-zero scan code for the extra keys of an
; enhanced keyboard). The screen echoes printable characters on one line and
; logs every key with both codes and the shift state from INT 16h AH=02h
; (RBIL: bit 0 right Shift, 1 left Shift, 2 Ctrl, 3 Alt, 4 Scroll Lock,
; 5 Num Lock, 6 Caps Lock, 7 Insert). The log scrolls with INT 10h AH=06h,
; the BIOS's scroll-window call. Scan codes are those of IBM's keyboard
; (IBM PC/AT Technical Reference, "Keyboard", scan code set 1).

KEYS_TOP        equ 8                   ; the log window: rows 8-21 ...
KEYS_BOTTOM     equ 21
KEYS_LEFT       equ 1                   ; ... inside the frame
KEYS_RIGHT      equ 78
KEYS_ECHO_ROW   equ 4
KEYS_ECHO_COL   equ 11
KEYS_ECHO_LEN   equ 64                  ; characters on the echo line

keys_screen:
        mov     bl, ATTR_BACK
        mov     bh, ATTR_FRAME
        mov     si, keys_title
        call    scr_frame
        mov     bl, ATTR_HEAD
        mov     dh, 2
        mov     si, keys_head
        call    scr_center
        mov     dx, KEYS_ECHO_ROW * 256 + 4
        mov     si, keys_echo_label
        call    scr_print
        mov     bl, ATTR_HEAD           ; column heads: column, text
        mov     dh, 6
        mov     si, keys_columns
.head:  lodsb
        mov     dl, al
        call    scr_print
        cmp     byte [si], 0
        jne     .head
        mov     bl, ATTR_FRAME
        mov     dh, 7
        call    scr_rule
        mov     dh, 22
        call    scr_rule
        mov     bl, ATTR_DIM
        mov     dh, 23
        mov     si, keys_esc
        call    scr_center
        mov     byte [keys_echo_n], 0
        call    keys_cursor

        mov     si, dbg_keys
        call    dbg_puts

.key:   call    key_get
        call    key_is_esc
        je      .done
        push    ax
        call    keys_log
        pop     ax
        call    keys_echo
        jmp     .key
.done:  ret

; keys_log: scroll the log up one line and describe the key in AX on its
; last line.
keys_log:
        push    ax
        mov     ax, 0601h               ; INT 10h AH=06h: scroll up, AL = 1 line
        mov     bh, ATTR_BACK           ; the new line's attribute
        mov     cx, KEYS_TOP * 256 + KEYS_LEFT
        mov     dx, KEYS_BOTTOM * 256 + KEYS_RIGHT
        int     10h
        pop     ax

        mov     bl, ATTR_BACK
        mov     dx, KEYS_BOTTOM * 256 + 4
        call    scr_addr_keep
        call    keys_name               ; the key, in words
        mov     dl, 22
        call    scr_addr_keep
        call    num_hex2h               ; ASCII code
        mov     dl, 30
        call    scr_addr_keep
        xchg    al, ah
        call    num_hex2h               ; scan code
        xchg    al, ah

        push    ax
        mov     ah, 02h                 ; INT 16h AH=02h: shift flags in AL
        int     16h
        mov     dl, 38
        call    scr_addr_keep
        call    num_hex2h
        mov     si, keys_shift_names    ; the names of bits 0-3 that are set
        mov     cx, 4
.bit:   shr     al, 1
        jnc     .clear
        push    ax
        add     di, 2
        mov     bl, ATTR_DIM
        call    scr_puts
        pop     ax
        jmp     .nextbit
.clear: call    keys_skip               ; SI past this name
.nextbit:
        loop    .bit
        pop     ax
        ret

; keys_skip: SI past the 0 that ends the string at SI.
keys_skip:
        push    ax
.next:  lodsb
        test    al, al
        jnz     .next
        pop     ax
        ret

; keys_name: the key AX in words at DI, attribute BL; keeps AX.
keys_name:
        push    ax
        push    bx
        cmp     al, 0
        je      .ext
        cmp     al, 0E0h
        jne     .ascii
        test    ah, ah
        jnz     .ext                    ; E0h from an enhanced keyboard's extra keys
.ascii: mov     si, keys_n_bs
        cmp     al, 08h
        je      .say
        mov     si, keys_n_tab
        cmp     al, 09h
        je      .say
        mov     si, keys_n_enter
        cmp     al, 0Dh
        je      .say
        cmp     al, 20h
        jb      .ctrl
        mov     ah, bl                  ; the character itself, in quotes
        push    ax
        mov     al, "'"
        stosw
        pop     ax
        stosw
        mov     al, "'"
        stosw
        jmp     .out
.ctrl:  mov     si, keys_n_ctrl         ; 01h-1Fh: Ctrl and a letter or sign
        call    scr_puts
        add     al, 40h
        mov     ah, bl
        stosw
        jmp     .out

.ext:   mov     al, ah                  ; by scan code
        cmp     al, 3Bh
        jb      .table
        cmp     al, 44h
        ja      .table
        mov     si, keys_n_f            ; F1-F10 are scan codes 3Bh-44h
        call    scr_puts
        sub     al, 3Ah
        xor     ah, ah
        call    num_dec
        jmp     .out
.table: mov     si, keys_ext_names
.look:  mov     ah, [si]
        inc     si
        test    ah, ah
        jz      .say                    ; the end: "extended key"
        cmp     ah, al
        je      .say
        call    keys_skip
        jmp     .look
.say:   call    scr_puts
.out:   pop     bx
        pop     ax
        ret

; keys_echo: add the key in AX to the echo line (Backspace takes one back,
; Enter clears the line, a full line starts over).
keys_echo:
        cmp     al, 0
        je      .ret
        cmp     al, 0E0h
        jne     .chr
        test    ah, ah
        jnz     .ret
.chr:   cmp     al, 08h
        je      .back
        cmp     al, 0Dh
        je      .clear
        cmp     al, 20h
        jb      .ret
        cmp     byte [keys_echo_n], KEYS_ECHO_LEN
        jb      .put
        push    ax
        call    .clear
        pop     ax
.put:   push    ax
        call    keys_echo_at
        pop     ax
        mov     ah, ATTR_BACK
        stosw
        inc     byte [keys_echo_n]
        jmp     keys_cursor
.back:  cmp     byte [keys_echo_n], 0
        je      .ret
        dec     byte [keys_echo_n]
        jmp     keys_cursor
.clear: mov     byte [keys_echo_n], 0
        mov     al, ' '
        mov     bl, ATTR_BACK
        mov     cx, KEYS_ECHO_LEN + 1
        mov     dx, KEYS_ECHO_ROW * 256 + KEYS_ECHO_COL
        call    scr_fill
        jmp     keys_cursor
.ret:   ret

; keys_cursor: a yellow underscore after the last echoed character (the
; hardware cursor is off; a steady one reads the same in every screenshot)
; and a blank after it, where Backspace left one.
keys_cursor:
        call    keys_echo_at
        mov     ax, ATTR_HEAD * 256 + '_'
        stosw
        mov     ax, ATTR_BACK * 256 + ' '
        stosw
        ret

; keys_echo_at: ES:DI = the echo line's next free cell. Clobbers AX.
keys_echo_at:
        push    dx
        mov     dx, KEYS_ECHO_ROW * 256 + KEYS_ECHO_COL
        add     dl, [keys_echo_n]
        call    scr_addr
        mov     ax, TEXT_SEG
        mov     es, ax
        pop     dx
        ret

keys_echo_n     db 0

keys_title      db " 2  keyboard: INT 16h AH=00h ", 0
keys_head       db "Type: each key is echoed, with the codes the BIOS returns", 0
keys_echo_label db "Echo", 0
keys_columns    db 4, "key", 0, 22, "ASCII", 0, 30, "scan", 0
                db 38, "shift flags (INT 16h AH=02h)", 0, 0
keys_esc        db "Esc: back to the menu", 0
keys_n_bs       db "Backspace", 0
keys_n_tab      db "Tab", 0
keys_n_enter    db "Enter", 0
keys_n_ctrl     db "Ctrl-", 0
keys_n_f        db "F", 0
keys_shift_names:
                db "right-Shift", 0, "left-Shift", 0, "Ctrl", 0, "Alt", 0
keys_ext_names  db 47h, "Home", 0, 48h, "Up", 0, 49h, "PgUp", 0
                db 4Bh, "Left", 0, 4Dh, "Right", 0, 4Fh, "End", 0
                db 50h, "Down", 0, 51h, "PgDn", 0, 52h, "Insert", 0
                db 53h, "Delete", 0, 85h, "F11", 0, 86h, "F12", 0
                db 0, "extended key", 0

dbg_keys        db "demo: keys", 13, 10, 0
