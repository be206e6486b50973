; video_text.asm - INT 10h in the text modes: mode set and BDA, cursor,
; teletype (CR, LF, BS, wrap, scroll), read/write character, scroll
; windows, pages, write string, palette/DAC, fonts, information services.
; Expected values from Ralf Brown's Interrupt List (INT 10h) and the IBM
; VGA Technical Reference (BIOS data area).
;
; Build: nasm -f bin -Itests/guest/pc/ tests/guest/pc/video_text.asm -o video_text.img
;
; tick86-args:

%include "video_lib.inc"

; AT row, col: set the cursor of page 0
%macro AT 2
    mov ah, 02h
    xor bh, bh
    mov dx, (%1 << 8) | %2
    int 10h
%endmacro

; CELL row, col: AX = character/attribute at row,col of page 0 (AH=08h)
%macro CELL 2
    AT %1, %2
    mov ah, 08h
    xor bh, bh
    int 10h
%endmacro

; TTY char: teletype one character
%macro TTY 1
    mov ax, 0E00h | (%1)
    mov bx, 0007h
    int 10h
%endmacro

; BDAB off / BDAW off: AX = byte / word of the BIOS data area
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

main:
    ; --- state left by the VGA BIOS initialisation (mode 3) -------------
    mov ah, 0Fh
    int 10h
    EXPECT 5003h, "init: AH=0F columns/mode"
    mov al, bh
    xor ah, ah
    EXPECT 0, "init: active page"

    mov ax, 0003h
    int 10h
    BDAB 49h
    EXPECT 3, "bda 40:49 mode"
    BDAW 4Ah
    EXPECT 80, "bda 40:4A columns"
    BDAW 4Ch
    EXPECT 1000h, "bda 40:4C page size"
    BDAW 4Eh
    EXPECT 0, "bda 40:4E page start"
    BDAW 63h
    EXPECT 3D4h, "bda 40:63 crtc port"
    BDAB 84h
    EXPECT 24, "bda 40:84 rows-1"
    BDAW 85h
    EXPECT 16, "bda 40:85 char height"
    BDAB 87h
    and al, 80h
    EXPECT 0, "bda 40:87 clear flag"
    BDAB 89h
    and al, 91h
    EXPECT 11h, "bda 40:89 400 lines, VGA active"
    BDAW 10h
    and ax, 30h
    EXPECT 0, "bda equipment video bits"

    ; --- mode set clears to blank, attribute 07h ------------------------
    CELL 0, 0
    EXPECT 0720h, "clear: cell 0,0"
    CELL 24, 79
    EXPECT 0720h, "clear: cell 24,79"
    push es
    mov ax, 0B800h
    mov es, ax
    mov ax, [es:3998]
    pop es
    EXPECT 0720h, "clear: regen word 3998"

    ; --- cursor position and shape ---------------------------------------
    AT 5, 10
    mov ah, 03h
    xor bh, bh
    int 10h
    mov ax, dx
    EXPECT 050Ah, "AH=03 position"
    mov ax, cx
    EXPECT 0607h, "AH=03 default shape"
    BDAW 50h
    EXPECT 050Ah, "bda 40:50 cursor"
    ; the CRTC cursor location register follows (CR0E/CR0F)
    mov dx, 3D4h
    mov al, 0Eh
    out dx, al
    inc dx
    in al, dx
    mov ah, al
    dec dx
    mov al, 0Fh
    out dx, al
    inc dx
    in al, dx
    EXPECT 5*80+10, "CRTC cursor location"

    mov ah, 01h
    mov cx, 0007h               ; full block, CGA style
    int 10h
    mov ah, 03h
    xor bh, bh
    int 10h
    mov ax, cx
    EXPECT 0007h, "AH=01 shape stored"
    mov ah, 01h
    mov cx, 0607h
    int 10h
    ; cursor emulation: the CGA underline 06/07 becomes 0D/0E in the
    ; 16-line cell (CR0A/CR0B)
    mov dx, 3D4h
    mov al, 0Ah
    out dx, al
    inc dx
    in al, dx
    mov ah, al
    dec dx
    mov al, 0Bh
    out dx, al
    inc dx
    in al, dx
    and ax, 1F1Fh
    EXPECT 0D0Eh, "AH=01 cursor emulation CR0A/CR0B"

    ; --- teletype ----------------------------------------------------------
    AT 0, 0
    TTY 'A'
    TTY 'B'
    mov ah, 03h
    xor bh, bh
    int 10h
    mov ax, dx
    EXPECT 0002h, "tty: cursor after AB"
    CELL 0, 0
    EXPECT 0741h, "tty: A written, attribute kept"
    CELL 0, 1
    EXPECT 0742h, "tty: B written"
    AT 0, 2
    TTY 8                       ; BS
    TTY 13                      ; CR
    TTY 10                      ; LF
    mov ah, 03h
    xor bh, bh
    int 10h
    mov ax, dx
    EXPECT 0100h, "tty: BS CR LF"
    TTY 8                       ; BS in column 0 stays
    mov ah, 03h
    xor bh, bh
    int 10h
    mov ax, dx
    EXPECT 0100h, "tty: BS at column 0"
    TTY 7                       ; BEL: no character, no movement
    mov ah, 03h
    xor bh, bh
    int 10h
    mov ax, dx
    EXPECT 0100h, "tty: BEL"
    CELL 1, 0
    EXPECT 0720h, "tty: BEL writes nothing"

    ; wrap at the right edge
    AT 3, 79
    TTY 'W'
    mov ah, 03h
    xor bh, bh
    int 10h
    mov ax, dx
    EXPECT 0400h, "tty: wrap to next row"
    CELL 3, 79
    EXPECT 0757h, "tty: char at column 79"

    ; scroll at the bottom: the new line takes the attribute at the cursor
    AT 24, 0
    mov ax, 0920h
    mov bx, 001Eh
    mov cx, 80
    int 10h                     ; bottom row: blanks in attribute 1Eh
    AT 24, 79
    TTY 'Z'
    mov ah, 03h
    xor bh, bh
    int 10h
    mov ax, dx
    EXPECT 1800h, "tty: scroll keeps cursor on last row"
    CELL 23, 79
    EXPECT 1E5Ah, "tty: scrolled line moved up"
    CELL 2, 79
    EXPECT 0757h, "tty: whole page scrolled"
    CELL 24, 5
    EXPECT 1E20h, "tty: new line attribute"

    ; --- AH=09h / AH=0Ah ---------------------------------------------------
    mov ax, 0003h
    int 10h
    AT 2, 0
    mov ax, 0958h               ; 'X'
    mov bx, 001Eh
    mov cx, 3
    int 10h
    mov ah, 03h
    xor bh, bh
    int 10h
    mov ax, dx
    EXPECT 0200h, "AH=09 cursor unchanged"
    CELL 2, 2
    EXPECT 1E58h, "AH=09 third copy"
    CELL 2, 3
    EXPECT 0720h, "AH=09 count respected"
    push es
    mov ax, 0B800h
    mov es, ax
    mov ax, [es:2*160+2]
    pop es
    EXPECT 1E58h, "AH=09 regen word"
    AT 2, 1
    mov ax, 0A59h               ; 'Y'
    mov bx, 0070h
    mov cx, 2
    int 10h
    CELL 2, 1
    EXPECT 1E59h, "AH=0A keeps attribute"
    CELL 2, 2
    EXPECT 1E59h, "AH=0A second copy"
    CELL 2, 3
    EXPECT 0720h, "AH=0A count respected"

    ; --- scrolling windows (AH=06h/07h) -----------------------------------
    AT 10, 0
    mov ax, 0953h               ; 'S' across row 10
    mov bx, 002Fh
    mov cx, 80
    int 10h
    mov ax, 0601h               ; whole screen up one line, fill 4Eh
    mov bh, 4Eh
    xor cx, cx
    mov dx, 184Fh
    int 10h
    CELL 9, 40
    EXPECT 2F53h, "scroll up: row moved"
    CELL 10, 40
    EXPECT 0720h, "scroll up: row below moved"
    CELL 24, 0
    EXPECT 4E20h, "scroll up: fill attribute"
    mov ax, 0702h               ; down two lines
    mov bh, 17h
    xor cx, cx
    mov dx, 184Fh
    int 10h
    CELL 11, 0
    EXPECT 2F53h, "scroll down: row moved"
    CELL 1, 0
    EXPECT 1720h, "scroll down: fill attribute"
    ; a window: rows 11-12, columns 5-9, cleared (AL=0)
    mov ax, 0600h
    mov bh, 70h
    mov cx, 0B05h
    mov dx, 0C09h
    int 10h
    CELL 11, 4
    EXPECT 2F53h, "window: left of window untouched"
    CELL 11, 5
    EXPECT 7020h, "window: cleared"
    CELL 11, 9
    EXPECT 7020h, "window: right edge cleared"
    CELL 11, 10
    EXPECT 2F53h, "window: right of window untouched"
    ; window scroll by one inside columns 0-1 rows 11-13
    mov ax, 0701h
    mov bh, 07h
    mov cx, 0B00h
    mov dx, 0D01h
    int 10h
    CELL 12, 0
    EXPECT 2F53h, "window scroll down: moved"
    CELL 11, 0
    EXPECT 0720h, "window scroll down: filled"
    CELL 11, 2
    EXPECT 2F53h, "window scroll down: outside kept"

    ; --- pages ---------------------------------------------------------------
    mov ax, 0501h
    int 10h
    BDAB 62h
    EXPECT 1, "AH=05 page in 40:62"
    BDAW 4Eh
    EXPECT 1000h, "AH=05 page start"
    mov ah, 0Fh
    int 10h
    mov al, bh
    xor ah, ah
    EXPECT 1, "AH=0F active page"
    mov ah, 02h
    mov bh, 1
    mov dx, 0000h
    int 10h
    mov ax, 0950h               ; 'P' on page 1
    mov bx, 0103h
    mov cx, 1
    int 10h
    push es
    mov ax, 0B800h
    mov es, ax
    mov ax, [es:1000h]
    pop es
    EXPECT 0350h, "page 1 write lands at B800:1000"
    ; CRTC start address = page start / 2 (word addressing)
    mov dx, 3D4h
    mov al, 0Ch
    out dx, al
    inc dx
    in al, dx
    mov ah, al
    dec dx
    mov al, 0Dh
    out dx, al
    inc dx
    in al, dx
    EXPECT 0800h, "CRTC start address of page 1"
    mov ax, 0500h
    int 10h

    ; --- write string (AH=13h) -----------------------------------------------
    mov ax, 0003h
    int 10h
    push cs
    pop es
    mov ax, 1301h               ; attribute in BL, move cursor
    mov bx, 001Fh
    mov cx, 3
    mov dx, 0304h
    mov bp, str_abc
    int 10h
    mov ah, 03h
    xor bh, bh
    int 10h
    mov ax, dx
    EXPECT 0307h, "AH=13 AL=1 cursor moved"
    CELL 3, 6
    EXPECT 1F63h, "AH=13 AL=1 text"
    AT 0, 0
    push cs
    pop es
    mov ax, 1302h               ; char/attribute pairs, cursor stays
    mov bx, 0000h
    mov cx, 2
    mov dx, 0500h
    mov bp, str_pairs
    int 10h
    mov ah, 03h
    xor bh, bh
    int 10h
    mov ax, dx
    EXPECT 0000h, "AH=13 AL=2 cursor kept"
    CELL 5, 1
    EXPECT 4E6Bh, "AH=13 AL=2 pair"

    ; --- no-clear bit ----------------------------------------------------------
    AT 0, 0
    mov ax, 0951h               ; 'Q'
    mov bx, 0007h
    mov cx, 1
    int 10h
    mov ax, 0083h
    int 10h
    CELL 0, 0
    EXPECT 0751h, "mode 83h keeps the screen"
    mov ah, 0Fh
    int 10h
    and ax, 00FFh
    EXPECT 83h, "AH=0F reports bit 7"
    mov ax, 0003h
    int 10h
    CELL 0, 0
    EXPECT 0720h, "mode 03h clears again"

    ; --- 40-column mode ----------------------------------------------------------
    mov ax, 0001h
    int 10h
    mov ah, 0Fh
    int 10h
    EXPECT 2801h, "mode 1: 40 columns"
    BDAW 4Ch
    EXPECT 0800h, "mode 1: page size"
    AT 0, 39
    TTY 'E'
    mov ah, 03h
    xor bh, bh
    int 10h
    mov ax, dx
    EXPECT 0100h, "mode 1: wrap at column 40"

    ; --- palette and DAC (AH=10h) --------------------------------------------
    mov ax, 0003h
    int 10h
    mov ax, 1007h
    mov bl, 6
    int 10h
    mov al, bh
    xor ah, ah
    EXPECT 14h, "AX=1007 palette 6 is brown"
    mov ax, 1000h
    mov bx, 3F01h
    int 10h
    mov ax, 1007h
    mov bl, 1
    int 10h
    mov al, bh
    xor ah, ah
    EXPECT 3Fh, "AX=1000/1007 palette register"
    mov ax, 1001h
    mov bh, 05h
    int 10h
    mov ax, 1008h
    int 10h
    mov al, bh
    xor ah, ah
    EXPECT 05h, "AX=1001/1008 border"
    mov ax, 1010h
    mov bx, 70
    mov dh, 10
    mov cx, (20 << 8) | 30
    int 10h
    mov ax, 1015h
    mov bx, 70
    xor cx, cx
    xor dx, dx
    int 10h
    mov al, dh
    mov ah, ch
    EXPECT (20 << 8) | 10, "AX=1010/1015 red, green"
    mov al, cl
    xor ah, ah
    EXPECT 30, "AX=1015 blue"
    push cs
    pop es
    mov ax, 1012h
    mov bx, 30
    mov cx, 2
    mov dx, dac_block
    int 10h
    push cs
    pop es
    mov ax, 1017h
    mov bx, 30
    mov cx, 2
    mov dx, dac_readback
    int 10h
    mov ax, [dac_readback+4]
    EXPECT 0605h, "AX=1012/1017 block"
    ; default EGA palette: DAC 3Fh white, 14h brown
    mov ax, 1015h
    mov bx, 14h
    int 10h
    mov al, dh
    mov ah, ch
    EXPECT 152Ah, "default DAC 14h brown r,g"
    mov ax, 1015h
    mov bx, 3Fh
    int 10h
    mov al, dh
    mov ah, cl
    EXPECT 3F3Fh, "default DAC 3Fh white"
    ; grey-scale summing (AX=101Bh): 30% R + 59% G + 11% B of (10,20,30)
    mov ax, 101Bh
    mov bx, 70
    mov cx, 1
    int 10h
    mov ax, 1015h
    mov bx, 70
    int 10h
    mov al, dh
    mov ah, cl
    EXPECT 1212h, "AX=101B grey red, blue"
    mov al, ch
    xor ah, ah
    EXPECT 18, "AX=101B grey green"
    ; blink/intensity: attribute mode control bit 3
    mov ax, 1003h
    mov bl, 0
    int 10h
    mov ax, 1009h               ; read all palette registers (sanity)
    push cs
    pop es
    mov dx, pal_dump
    int 10h
    mov al, [pal_dump+16]
    xor ah, ah
    EXPECT 05h, "AX=1009 border byte"
    mov dx, 3DAh
    in al, dx
    mov dx, 3C0h
    mov al, 30h                 ; attribute mode control, PAS kept on
    out dx, al
    inc dx
    in al, dx
    and ax, 0008h
    EXPECT 0, "AX=1003 BL=0 intensity"

    ; --- fonts (AH=11h) ------------------------------------------------------
    mov ax, 1130h
    mov bh, 6
    int 10h
    mov ax, cx
    EXPECT 16, "AX=1130 character height"
    mov al, dl
    xor ah, ah
    EXPECT 24, "AX=1130 rows-1"
    ; the 8x16 font returned must be the one in plane 2 (character 'A')
    mov si, bp
    add si, 'A' * 16
    call read_plane2_A
    push es
    mov cx, 16
    xor bx, bx
.cmp:
    mov al, [es:si]
    cmp al, [plane2_A+bx]
    jne .diff
    inc si
    inc bx
    loop .cmp
.diff:
    pop es
    mov ax, cx
    EXPECT 0, "font in plane 2 matches AX=1130 BH=6"
    ; AX=1102h into blocks 1 (plane 2 offset 4000h) and 4 (offset 2000h):
    ; 'A' must match the 8x8 font returned by AX=1130h BH=3
    mov ax, 1102h
    mov bl, 1
    int 10h
    mov ax, 1102h
    mov bl, 4
    int 10h
    mov ax, 1130h
    mov bh, 3
    int 10h
    mov si, 4000h + 'A' * 32
    call read_plane2
    mov si, bp
    add si, 'A' * 8
    call cmp8
    EXPECT 0, "AX=1102 BL=1 lands at plane 2 offset 4000h"
    mov si, 2000h + 'A' * 32
    call read_plane2
    mov si, bp
    add si, 'A' * 8
    call cmp8
    EXPECT 0, "AX=1102 BL=4 lands at plane 2 offset 2000h"
    mov ax, 1103h               ; select block 1 for both maps
    mov bl, 05h
    int 10h
    mov dx, 3C4h
    mov al, 03h
    out dx, al
    inc dx
    in al, dx
    xor ah, ah
    EXPECT 05h, "AX=1103 character map select"
    mov ax, 1103h
    mov bl, 0
    int 10h

    ; AX=1112h: 8x8 font, 50 rows
    mov ax, 1112h
    xor bl, bl
    int 10h
    BDAB 84h
    EXPECT 49, "AX=1112 rows-1"
    BDAW 85h
    EXPECT 8, "AX=1112 char height"
    mov ax, 0003h
    int 10h

    ; --- information services --------------------------------------------------
    mov ax, 1A00h
    int 10h
    and ax, 00FFh
    EXPECT 1Ah, "AX=1A00 supported"
    mov ax, bx
    EXPECT 0008h, "AX=1A00 VGA colour"
    mov ah, 12h
    mov bl, 10h
    int 10h
    mov ax, bx
    EXPECT 0003h, "AH=12 BL=10 colour, 256K"
    mov ax, 1201h               ; BL=30h: 350 lines for the next text mode
    mov bl, 30h
    int 10h
    and ax, 00FFh
    EXPECT 12h, "AH=12 BL=30 supported"
    mov ax, 0003h
    int 10h
    BDAW 85h
    EXPECT 14, "350-line mode 3: 8x14 font"
    mov ax, 1202h
    mov bl, 30h
    int 10h
    mov ax, 0003h
    int 10h
    BDAW 85h
    EXPECT 16, "400-line mode 3 again"
    mov ax, 1201h               ; BL=36h: screen off (SR1 bit 5)
    mov bl, 36h
    int 10h
    mov dx, 3C4h
    mov al, 01h
    out dx, al
    inc dx
    in al, dx
    and ax, 0020h
    EXPECT 20h, "AH=12 BL=36 screen off"
    mov ax, 1200h
    mov bl, 36h
    int 10h
    mov dx, 3C4h
    mov al, 01h
    out dx, al
    inc dx
    in al, dx
    and ax, 0020h
    EXPECT 0, "AH=12 BL=36 screen on"
    mov ax, 1C00h               ; save/restore state: not supported
    mov cx, 7
    int 10h
    and ax, 00FFh
    EXPECT 0, "AH=1C reports unsupported"
    push cs
    pop es
    mov ax, 1B00h
    xor bx, bx
    mov di, state_buf
    int 10h
    and ax, 00FFh
    EXPECT 1Bh, "AH=1B supported"
    mov al, [state_buf+4]
    xor ah, ah
    EXPECT 3, "AH=1B mode"
    mov al, [state_buf+22h]
    xor ah, ah
    EXPECT 25, "AH=1B rows"
    mov al, [state_buf+2Ah]
    xor ah, ah
    EXPECT 2, "AH=1B 400 scan lines"

    ; --- AX=1130h BH=00h: ES:BP = the INT 1Fh vector (RBIL) -------------------
    push es
    push bp
    mov ax, 1130h
    mov bh, 0
    int 10h
    mov ax, bp
    sub ax, [1Fh*4]
    mov dx, es
    sub dx, [1Fh*4+2]
    or ax, dx
    pop bp
    pop es
    EXPECT 0, "AX=1130 BH=0 returns the INT 1Fh vector"
    push es
    push bp
    mov ax, 1130h
    mov bh, 1
    int 10h
    mov ax, bp
    sub ax, [43h*4]
    mov dx, es
    sub dx, [43h*4+2]
    or ax, dx
    pop bp
    pop es
    EXPECT 0, "AX=1130 BH=1 returns the INT 43h vector"

    ; --- 200-line text (AH=12h BL=30h AL=0): the attribute palette holds
    ; CGA colour numbers (08h-0Fh as 10h-17h), so the DAC must hold the
    ; CGA colours: palette register 8 -> dark grey, 6 -> brown ------------
    mov ax, 1200h
    mov bl, 30h
    int 10h
    mov ax, 0003h
    int 10h
    BDAW 85h
    EXPECT 8, "200-line mode 3: 8x8 font"
    mov ax, 1007h
    mov bl, 8
    int 10h
    mov bl, bh
    xor bh, bh
    mov ax, 1015h
    int 10h
    mov ah, dh
    mov al, cl
    EXPECT 1515h, "200-line mode 3: colour 8 dark grey (red, blue)"
    mov al, ch
    xor ah, ah
    EXPECT 15h, "200-line mode 3: colour 8 dark grey (green)"
    mov ax, 1007h
    mov bl, 6
    int 10h
    mov bl, bh
    xor bh, bh
    mov ax, 1015h
    int 10h
    mov ah, dh
    mov al, cl
    EXPECT 2A00h, "200-line mode 3: colour 6 brown (red, blue)"
    mov al, ch
    xor ah, ah
    EXPECT 15h, "200-line mode 3: colour 6 brown (green)"
    mov ax, 1202h
    mov bl, 30h
    int 10h
    mov ax, 0003h
    int 10h

    DONE

; read_plane2_A: copy the 16 bytes of character 'A' from plane 2 (character
; block 0) to plane2_A, through the sequencer/graphics controller (IBM VGA
; TR: read map select), then restore text-mode addressing.
read_plane2_A:
    push si
    mov si, 'A' * 32
    call read_plane2
    pop si
    ret

; read_plane2: the same for the 16 bytes at plane-2 offset SI.
read_plane2:
    push ax
    push cx
    push dx
    push si
    push di
    push ds
    push es
    mov dx, 3C4h
    mov ax, 0704h               ; sequential addressing
    out dx, ax
    mov dx, 3CEh
    mov ax, 0204h               ; read plane 2
    out dx, ax
    mov ax, 0005h
    out dx, ax
    mov ax, 0406h               ; A000h, 64K
    out dx, ax
    push cs
    pop es
    mov di, plane2_A
    mov ax, 0A000h
    mov ds, ax
    mov cx, 16
    rep movsb
    mov dx, 3C4h
    mov ax, 0304h
    out dx, ax
    mov dx, 3CEh
    mov ax, 0004h
    out dx, ax
    mov ax, 1005h
    out dx, ax
    mov ax, 0E06h
    out dx, ax
    pop es
    pop ds
    pop di
    pop si
    pop dx
    pop cx
    pop ax
    ret

; cmp8: AX = number of the 8 bytes at ES:SI that differ from plane2_A
cmp8:
    push bx
    push cx
    push si
    xor ax, ax
    xor bx, bx
    mov cx, 8
.byte:
    push ax
    mov al, [es:si]
    cmp al, [plane2_A+bx]
    pop ax
    je .same
    inc ax
.same:
    inc si
    inc bx
    loop .byte
    pop si
    pop cx
    pop bx
    ret

str_abc:    db "abc"
str_pairs:  db "j", 4Eh, "k", 4Eh
dac_block:  db 1, 2, 3, 4, 5, 6
dac_readback: times 6 db 0
pal_dump:   times 17 db 0
plane2_A:   times 16 db 0
state_buf:  times 64 db 0

VIDEO_TEST_END
