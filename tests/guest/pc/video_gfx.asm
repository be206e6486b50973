; video_gfx.asm - INT 10h in the graphics modes 13h, 12h, 10h, 0Dh, 0Eh,
; 04h and 06h: mode set and BDA, pixel write/read (AH=0Ch/0Dh, XOR),
; characters drawn from the INT 43h font and read back (AH=09h/0Eh/08h),
; teletype wrap and scroll, scroll windows, pages, CGA palette (AH=0Bh).
; Expected values from Ralf Brown's Interrupt List (INT 10h) and the IBM
; VGA Technical Reference (memory organisation of each mode).
;
; Build: nasm -f bin -Itests/guest/pc/ tests/guest/pc/video_gfx.asm -o video_gfx.img
;
; tick86-args:

%include "video_lib.inc"

%macro SETMODE 1
    mov ax, %1
    int 10h
%endmacro

; PSET x, y, colour / PGET x, y (AX = colour)
%macro PSET 3
    mov ah, 0Ch
    mov al, %3
    xor bh, bh
    mov cx, %1
    mov dx, %2
    int 10h
%endmacro
%macro PGET 2
    mov ah, 0Dh
    xor bh, bh
    mov cx, %1
    mov dx, %2
    int 10h
    xor ah, ah
%endmacro

%macro AT 2
    mov ah, 02h
    xor bh, bh
    mov dx, (%1 << 8) | %2
    int 10h
%endmacro

; CHAR row, col: AX = AH=08h result at row,col (AH forced to 0)
%macro CHAR 2
    AT %1, %2
    mov ah, 08h
    xor bh, bh
    int 10h
    xor ah, ah
%endmacro

; PUTC row, col, char, colour: AH=09h, one copy
%macro PUTC 4
    AT %1, %2
    mov ah, 09h
    mov al, %3
    mov bx, %4
    mov cx, 1
    int 10h
%endmacro

%macro TTY 2
    mov ah, 0Eh
    mov al, %1
    mov bx, %2
    int 10h
%endmacro

%macro BDAB 1
    push es
    mov ax, 40h
    mov es, ax
    mov al, [es:%1]
    xor ah, ah
    pop es
%endmacro
%macro BDAW 1
    push es
    mov ax, 40h
    mov es, ax
    mov ax, [es:%1]
    pop es
%endmacro

; glyph_pixel_x: AX = 1 if row r of glyph c in the INT 43h font has pixel
; x set (used to predict what AH=09h drew)
main:
    ; ===== mode 13h: 320x200, 256 colours, one byte per pixel ==========
    SETMODE 0013h
    mov ah, 0Fh
    int 10h
    EXPECT 2813h, "13h: AH=0F mode/columns"
    BDAB 84h
    EXPECT 24, "13h: rows-1"
    BDAW 85h
    EXPECT 8, "13h: char height"
    PGET 10, 10
    EXPECT 0, "13h: cleared"
    PSET 100, 50, 2Ah
    PGET 100, 50
    EXPECT 2Ah, "13h: pixel read back"
    push es
    mov ax, 0A000h
    mov es, ax
    mov al, [es:50*320+100]
    xor ah, ah
    pop es
    EXPECT 2Ah, "13h: pixel at A000:y*320+x"
    PSET 319, 199, 0FEh
    PGET 319, 199
    EXPECT 0FEh, "13h: last pixel"
    ; the default palette: colour 1 is blue, 16-31 grey ramp
    mov ax, 1015h
    mov bx, 1
    int 10h
    mov al, cl
    mov ah, dh
    EXPECT 002Ah, "13h: DAC 1 blue"
    mov ax, 1015h
    mov bx, 31
    int 10h
    mov al, dh
    xor ah, ah
    EXPECT 3Fh, "13h: DAC 31 white"
    ; characters
    PUTC 0, 0, 'A', 0Fh
    CHAR 0, 0
    EXPECT 'A', "13h: AH=09/08 A"
    call first_ink_x            ; x of the first ink pixel in row 0..7 of 'A'
    PGET [ink_x], [ink_y]
    EXPECT 0Fh, "13h: glyph pixel in colour 0Fh"
    AT 1, 0
    TTY 'x', 000Ch
    TTY 'y', 000Ch
    mov ah, 03h
    xor bh, bh
    int 10h
    mov ax, dx
    EXPECT 0102h, "13h: teletype cursor"
    CHAR 1, 1
    EXPECT 'y', "13h: teletype"
    ; scroll the whole screen up one character row
    PUTC 5, 3, 'C', 07h
    mov ax, 0601h
    xor bh, bh
    xor cx, cx
    mov dx, 1827h
    int 10h
    CHAR 4, 3
    EXPECT 'C', "13h: scroll up moves the glyph"
    PGET 3*8+7, 5*8+7
    EXPECT 0, "13h: old row blank"
    ; teletype at the bottom right scrolls
    AT 24, 39
    TTY 'Q', 000Eh
    CHAR 23, 39
    EXPECT 'Q', "13h: teletype scroll"

    ; ===== mode 12h: 640x480, 16 colours, planar ========================
    SETMODE 0012h
    mov ah, 0Fh
    int 10h
    EXPECT 5012h, "12h: AH=0F"
    BDAB 84h
    EXPECT 29, "12h: rows-1"
    BDAW 85h
    EXPECT 16, "12h: char height"
    PGET 639, 479
    EXPECT 0, "12h: cleared"
    PSET 639, 479, 9
    PGET 639, 479
    EXPECT 9, "12h: pixel read back"
    PGET 638, 479
    EXPECT 0, "12h: neighbour untouched"
    PSET 0, 0, 0Ch
    PSET 0, 0, 85h              ; XOR 5: 0Ch ^ 05h = 09h
    PGET 0, 0
    EXPECT 9, "12h: XOR pixel"
    ; plane bits of pixel 0: colour 9 = planes 0 and 3
    mov dx, 3CEh
    mov ax, 0304h               ; read plane 3
    out dx, ax
    push es
    mov ax, 0A000h
    mov es, ax
    mov al, [es:0]
    pop es
    and ax, 80h
    EXPECT 80h, "12h: plane 3 bit"
    mov dx, 3CEh
    mov ax, 0004h
    out dx, ax
    PUTC 2, 10, 'W', 0Ah
    CHAR 2, 10
    EXPECT 'W', "12h: AH=09/08 W"
    PUTC 2, 11, 'W', 8Ah        ; XOR over a blank cell: same glyph
    CHAR 2, 11
    EXPECT 'W', "12h: XOR glyph"
    PUTC 2, 11, 'W', 8Ah        ; XOR again: erased
    CHAR 2, 11
    EXPECT 0, "12h: XOR twice erases"
    AT 29, 79
    TTY 'Z', 000Bh
    mov ah, 03h
    xor bh, bh
    int 10h
    mov ax, dx
    EXPECT 1D00h, "12h: cursor on last row"
    CHAR 28, 79
    EXPECT 'Z', "12h: teletype scroll"
    CHAR 1, 10
    EXPECT 'W', "12h: screen moved up"
    ; scroll a window down with a fill colour
    mov ax, 0701h
    mov bh, 04h
    mov cx, 0000h
    mov dx, 0204h
    int 10h
    PGET 0, 0
    EXPECT 4, "12h: window fill colour"
    PGET 40, 0
    EXPECT 0, "12h: outside window"

    ; ===== mode 10h: 640x350, 16 colours, 8x14 font =====================
    SETMODE 0010h
    BDAW 85h
    EXPECT 14, "10h: char height"
    BDAB 84h
    EXPECT 24, "10h: rows-1"
    PSET 320, 349, 0Fh
    PGET 320, 349
    EXPECT 0Fh, "10h: pixel"
    PUTC 24, 0, 'g', 0Eh
    CHAR 24, 0
    EXPECT 'g', "10h: char"
    mov ax, 0501h               ; two pages of 8000h
    int 10h
    BDAW 4Eh
    EXPECT 8000h, "10h: page 1 start"
    mov ax, 0500h
    int 10h

    ; ===== mode 0Dh: 320x200, 16 colours, 8 pages ========================
    SETMODE 000Dh
    mov ah, 0Fh
    int 10h
    EXPECT 280Dh, "0Dh: AH=0F"
    PSET 319, 199, 0Fh
    PGET 319, 199
    EXPECT 0Fh, "0Dh: pixel"
    push es
    mov ax, 0A000h
    mov es, ax
    mov al, [es:199*40+39]
    pop es
    and ax, 1
    EXPECT 1, "0Dh: 40 bytes per line"
    PUTC 12, 20, '#', 03h
    CHAR 12, 20
    EXPECT '#', "0Dh: char"
    mov ax, 0503h
    int 10h
    BDAW 4Eh
    EXPECT 6000h, "0Dh: page 3 start"
    mov dx, 3D4h
    mov al, 0Ch
    out dx, al
    inc dx
    in al, dx
    xor ah, ah
    EXPECT 60h, "0Dh: CRTC start high"
    mov ax, 0500h
    int 10h
    ; AH=0Bh background colour = palette register 0
    mov ah, 0Bh
    mov bx, 0001h
    int 10h
    mov ax, 1007h
    mov bl, 0
    int 10h
    mov al, bh
    xor ah, ah
    EXPECT 01h, "0Dh: AH=0B background"

    ; ===== mode 0Eh: 640x200, 16 colours ==================================
    SETMODE 000Eh
    mov ah, 0Fh
    int 10h
    EXPECT 500Eh, "0Eh: AH=0F"
    PSET 639, 0, 7
    PGET 639, 0
    EXPECT 7, "0Eh: pixel"
    PUTC 24, 79, 'k', 0Dh
    CHAR 24, 79
    EXPECT 'k', "0Eh: char"

    ; ===== mode 04h: 320x200, 4 colours, CGA interleave ====================
    SETMODE 0004h
    mov ah, 0Fh
    int 10h
    EXPECT 2804h, "04h: AH=0F"
    PSET 1, 1, 3
    PGET 1, 1
    EXPECT 3, "04h: pixel"
    push es
    mov ax, 0B800h
    mov es, ax
    mov al, [es:2000h]          ; odd line 1 -> bank 2000h, pixel 1 = bits 5-4
    pop es
    xor ah, ah
    EXPECT 30h, "04h: odd bank"
    PSET 1, 1, 82h              ; XOR 2: 3 ^ 2 = 1
    PGET 1, 1
    EXPECT 1, "04h: XOR pixel"
    PUTC 3, 5, 'M', 02h
    CHAR 3, 5
    EXPECT 'M', "04h: char"
    mov ah, 0Bh                 ; palette 0: green/red/brown
    mov bx, 0100h
    int 10h
    mov ax, 1007h
    mov bl, 1
    int 10h
    mov al, bh
    xor ah, ah
    EXPECT 12h, "04h: AH=0B BH=1 palette 0"

    ; ===== mode 06h: 640x200, 2 colours ====================================
    SETMODE 0006h
    PSET 639, 199, 1
    PGET 639, 199
    EXPECT 1, "06h: pixel"
    PGET 638, 199
    EXPECT 0, "06h: neighbour"
    PUTC 0, 79, 'r', 01h
    CHAR 0, 79
    EXPECT 'r', "06h: char"

    ; ===== back to text ======================================================
    SETMODE 0003h
    mov ah, 0Fh
    int 10h
    EXPECT 5003h, "back to mode 3"
    mov ah, 08h
    xor bh, bh
    int 10h
    EXPECT 0720h, "mode 3 after graphics: blank"

    DONE

; first_ink_x: find a pixel of 'A' that the font draws (INT 43h table, 8
; bytes per glyph in mode 13h): ink_x, ink_y = its screen position in cell 0,0
first_ink_x:
    push ax
    push bx
    push cx
    push ds
    xor ax, ax
    mov ds, ax
    lds bx, [43h*4]
    add bx, 'A' * 8
    xor cx, cx                  ; row
.row:
    mov al, [bx]
    or al, al
    jnz .found
    inc bx
    inc cx
    jmp .row
.found:
    xor ah, ah                  ; column of the leftmost ink bit
.bit:
    shl al, 1
    jc .done
    inc ah
    jmp .bit
.done:
    pop ds
    mov [ink_y], cx
    mov al, ah
    xor ah, ah
    mov [ink_x], ax
    pop cx
    pop bx
    pop ax
    ret

ink_x: dw 0
ink_y: dw 0

VIDEO_TEST_END
