; text.asm - screen 1: 80x25 colour text mode.
;
; Shows what a text-mode attribute byte does (IBM VGA Technical Reference,
; "Attribute Controller"; with the BIOS's default blink setting bit 7 makes
; a character blink instead of giving a bright background), code page 437's
; box-drawing characters, all 16 colours as full blocks (DBh) on black, and
; what the demo learned about the machine: the CPU (cpu.asm), conventional
; memory (INT 12h), extended memory (INT 15h AH=88h, 80286 and later) and
; the drive the BIOS booted from (DL at boot).

text_screen:
        mov     bl, ATTR_BACK
        mov     bh, ATTR_FRAME
        mov     si, text_title
        call    scr_frame
        mov     bl, ATTR_HEAD
        mov     dh, 2
        mov     si, text_head
        call    scr_center

        ; The machine.
        mov     dx, 4 * 256 + 4
        mov     si, text_l_cpu
        call    text_label
        call    cpu_name
        call    scr_puts
        inc     dh
        call    text_indent
        mov     bl, ATTR_DIM
        call    cpu_how
        call    scr_puts
        cmp     byte [cpu_family], 0
        je      .mem
        mov     al, [cpu_family]        ; a CPUID processor: family and vendor
        xor     ah, ah
        call    num_dec
        mov     si, text_comma
        call    scr_puts
        mov     si, cpu_vendor
        call    scr_puts

.mem:   inc     dh
        mov     si, text_l_mem
        call    text_label
        mov     ax, [mem_conv]
        call    num_dec
        mov     bl, ATTR_DIM
        mov     si, text_kib_conv
        call    scr_puts
        inc     dh
        call    text_indent
        mov     si, text_noext
        cmp     byte [mem_ext_ok], 0
        je      .ext
        mov     bl, ATTR_BACK
        mov     ax, [mem_ext]
        call    num_dec
        mov     si, text_kib_ext
.ext:   mov     bl, ATTR_DIM
        call    scr_puts

        inc     dh
        mov     si, text_l_boot
        call    text_label
        mov     al, [boot_drive]
        call    num_hex2h
        mov     bl, ATTR_DIM
        mov     si, text_floppy
        test    al, 80h
        jz      .drv
        mov     si, text_hdd
.drv:   call    scr_puts
        mov     ax, [boot_cyls]         ; the geometry boot.asm read with
        test    ax, ax                  ; INT 13h AH=08h
        mov     si, text_nogeom
        jz      .geom
        mov     bl, ATTR_BACK
        call    num_dec
        mov     al, 'x'
        mov     ah, ATTR_DIM
        stosw
        mov     ax, [boot_heads]
        call    num_dec
        mov     al, 'x'
        mov     ah, ATTR_DIM
        stosw
        mov     ax, [boot_spt]
        call    num_dec
        mov     si, text_geom
.geom:  mov     bl, ATTR_DIM
        call    scr_puts

        inc     dh
        mov     si, text_l_disp
        call    text_label
        mov     si, text_display
        call    scr_puts

        mov     bl, ATTR_FRAME
        mov     dh, 11
        call    scr_rule
        mov     bl, ATTR_HEAD
        mov     si, text_colours
        call    scr_center

        ; All 16 colours: 0-7 in the left column, 8-15 in the right one.
        xor     cx, cx                  ; CL = colour
        mov     si, text_colour_names
        mov     dx, 13 * 256 + 7
.colour:
        push    cx
        mov     al, ' '                 ; a black edge, so blue shows on blue
        mov     bl, cl                  ; attribute = colour on black
        mov     cx, 1
        call    scr_fill
        mov     al, 0DBh                ; full block: the colour is the foreground
        mov     cl, 4
        call    scr_fillc
        mov     al, ' '
        mov     cl, 1
        call    scr_fillc
        pop     cx
        add     di, 2
        mov     al, cl
        xor     ah, ah
        mov     bl, ATTR_DIM
        call    num_dec
        add     di, 2
        cmp     cl, 10
        jae     .named
        add     di, 2                   ; line the names up after 1 and 2 digits
.named: mov     bl, ATTR_BACK
        call    scr_puts
        inc     dh
        inc     cl
        cmp     cl, 8
        jne     .next
        mov     dx, 13 * 256 + 43       ; second column
.next:  cmp     cl, 16
        jne     .colour

        ; Attribute bits.
        mov     bl, ATTR_DIM
        mov     dx, 21 * 256 + 4
        mov     si, text_attrs
        call    scr_print
        mov     cx, 5
        mov     si, text_attr_list      ; attribute byte, then the sample
.attr:  lodsb
        mov     bl, al
        call    scr_puts
        add     di, 2
        loop    .attr

        mov     bl, ATTR_DIM
        mov     dh, 23
        mov     si, text_esc
        call    scr_center

        mov     si, dbg_text
        call    dbg_puts
        call    key_wait_esc
        ret

; text_label: the label at SI in yellow at (DH, DL), then BL = the
; attribute of the value that follows it.
text_label:
        mov     bl, ATTR_HEAD
        call    scr_print
        mov     bl, ATTR_BACK
        ret

; text_indent: DI = row DH, under the values (column 4 + the label width).
text_indent:
        push    dx
        mov     dl, 4 + 12
        call    scr_addr
        pop     dx
        ret

text_title      db " 1  text mode 03h: 80x25, 16 colours ", 0
text_head       db "What this PC is", 0
text_l_cpu      db "Processor   ", 0
text_l_mem      db "Memory      ", 0
text_l_boot     db "Boot drive  ", 0
text_l_disp     db "Display     ", 0
text_display    db "mode 03h (INT 10h AH=00h), text buffer at B800:0000", 0
text_kib_conv   db " KiB conventional (INT 12h)", 0
text_kib_ext    db " KiB extended (INT 15h AH=88h)", 0
text_noext      db "no extended memory before the 80286", 0
text_comma      db ", ", 0
text_floppy     db ", diskette: ", 0
text_hdd        db ", hard disk: ", 0
text_geom       db " CHS by INT 13h AH=08h", 0
text_nogeom     db "INT 13h AH=08h failed, 80x2x18 assumed", 0
text_colours    db " the 16 colours, as full blocks on black ", 0
text_colour_names:
                db "black", 0, "blue", 0, "green", 0, "cyan", 0
                db "red", 0, "magenta", 0, "brown", 0, "light grey", 0
                db "dark grey", 0, "light blue", 0, "light green", 0, "light cyan", 0
                db "light red", 0, "light magenta", 0, "yellow", 0, "white", 0
text_attrs      db "Attribute byte: ", 0
text_attr_list  db 17h, " normal ", 0
                db 1Fh, " bright ", 0
                db 71h, " reverse ", 0
                db 9Eh, " blinking ", 0
                db 4Eh, " yellow on red ", 0
text_esc        db "Esc: back to the menu", 0

dbg_text        db "demo: text", 13, 10, 0
