; vga.asm - screen 3: 320x200 in 256 colours (mode 13h).
;
; Mode 13h (INT 10h AH=00h AL=13h) maps the screen as one byte per pixel,
; 320 bytes per line, at A000:0000 (IBM VGA Technical Reference, "Mode 13h";
; FreeVGA, "Chain-4"). Each byte indexes the 256-entry DAC, which this screen
; programs itself through the DAC ports (FreeVGA, "DAC Operation"): the index
; goes to the write address port 3C8h, then red, green and blue, 6 bits
; each, to the data port 3C9h; the index steps on after every third value.
;
; The palette is one ramp in four parts of 64: black to blue, blue to red,
; red to yellow, yellow to white. The picture: a caption in the BIOS's 8x8
; font (INT 10h AH=0Eh, which in a graphics mode draws in colour BL) on
; lines 0-15, all 256 colours as a 16x16 grid on lines 16-111, and rings
; round (160, 156) on lines 112-199, coloured by the squared distance from
; the centre. The squares are kept up by additions only, as (x+1)^2 - x^2
; = 2x + 1, so each pixel costs a few additions and a shift on every CPU.

VGA_SEG         equ 0A000h
VGA_WIDTH       equ 320
VGA_GRID_TOP    equ 16
VGA_RING_TOP    equ 112
VGA_RING_CX     equ 160
VGA_RING_CY     equ 156
VGA_WHITE       equ 255                 ; the last entry of the ramp

vga_screen:
        mov     ax, 0013h
        int     10h
        call    vga_palette

        mov     si, vga_caption1        ; caption, rows 0 and 1 of the 40x25 text grid
        mov     dx, 0 * 256 + 5
        call    vga_print
        mov     si, vga_caption2
        mov     dx, 1 * 256 + 1
        call    vga_print

        mov     ax, VGA_SEG
        mov     es, ax
        call    vga_grid
        call    vga_rings

        mov     si, dbg_vga
        call    dbg_puts
        call    key_wait_esc
        ret

; vga_palette: the 256-entry ramp, through ports 3C8h and 3C9h.
vga_palette:
        mov     dx, 3C8h
        xor     al, al
        out     dx, al                  ; start at entry 0
        inc     dx                      ; 3C9h: red, green, blue, red, ...
        xor     bx, bx                  ; BL = entry, BH = 0
.entry: mov     ah, bl
        and     ah, 3Fh                 ; AH = position in this part, 0-63
        mov     cl, bl
        rol     cl, 1
        rol     cl, 1
        and     cl, 3                   ; CL = part, 0-3 (the entry's top 2 bits)
        jz      .blue
        dec     cl
        jz      .red
        dec     cl
        jz      .yellow
        mov     al, 63                  ; yellow (63,63,0) to white (63,63,63)
        out     dx, al
        out     dx, al
        mov     al, ah
        out     dx, al
        jmp     .next
.blue:  xor     al, al                  ; black (0,0,0) to blue (0,0,63)
        out     dx, al
        out     dx, al
        mov     al, ah
        out     dx, al
        jmp     .next
.red:   mov     al, ah                  ; blue (0,0,63) to red (63,0,0)
        out     dx, al
        xor     al, al
        out     dx, al
        mov     al, 63
        sub     al, ah
        out     dx, al
        jmp     .next
.yellow:
        mov     al, 63                  ; red (63,0,0) to yellow (63,63,0)
        out     dx, al
        mov     al, ah
        out     dx, al
        xor     al, al
        out     dx, al
.next:  inc     bl
        jnz     .entry
        ret

; vga_print: the string at SI at text row DH, column DL of mode 13h's
; 40x25 character grid, in white, with INT 10h AH=02h (set cursor) and
; AH=0Eh (teletype output, BL = colour in graphics modes; RBIL).
vga_print:
        mov     ah, 02h
        xor     bh, bh                  ; page 0
        int     10h
.next:  lodsb
        test    al, al
        jz      .done
        mov     ah, 0Eh
        xor     bh, bh
        mov     bl, VGA_WHITE
        int     10h
        jmp     .next
.done:  ret

; vga_grid: 16 rows of 16 cells, cell n in colour n: 19x5 pixels of colour
; with a black pixel to the right and a black line below (the mode set left
; the memory at 0, which is black in this palette).
vga_grid:
        mov     di, VGA_GRID_TOP * VGA_WIDTH
        xor     bl, bl                  ; BL = the first colour of this row
        mov     bh, 16                  ; BH = rows left
.row:   mov     dh, 5                   ; DH = pixel lines of colour left
.line:  mov     al, bl
        mov     dl, 16                  ; DL = cells left on this line
.cell:  mov     cx, 19
        rep     stosb
        inc     di                      ; the black column
        inc     al
        dec     dl
        jnz     .cell
        dec     dh
        jnz     .line
        add     di, VGA_WIDTH           ; the black line
        add     bl, 16
        dec     bh
        jnz     .row
        ret

; vga_rings: lines VGA_RING_TOP-199; pixel (x, y) gets colour
; ((x-cx)^2 + (y-cy)^2) / 8 mod 256, at most 160^2 + 44^2 < 65536.
vga_rings:
        mov     di, VGA_RING_TOP * VGA_WIDTH
        mov     word [vga_dy], VGA_RING_TOP - VGA_RING_CY
.line:  mov     ax, [vga_dy]
        imul    ax                      ; AX = dy^2
        add     ax, VGA_RING_CX * VGA_RING_CX   ; + dx^2 for x = 0
        mov     si, ax                  ; SI = dx^2 + dy^2
        mov     bp, 1 - 2 * VGA_RING_CX ; BP = 2dx + 1, the step to the next x
        mov     cl, 3
        mov     bx, VGA_WIDTH
.pixel: mov     ax, si
        shr     ax, cl
        stosb
        add     si, bp
        add     bp, 2
        dec     bx
        jnz     .pixel
        inc     word [vga_dy]
        cmp     di, 200 * VGA_WIDTH     ; 64000: the end of the screen
        jb      .line
        ret

vga_dy          dw 0

vga_caption1    db "tick86: mode 13h, 256 colours", 0
vga_caption2    db "DAC set through 3C8h/3C9h.  Esc: menu", 0

dbg_vga         db "demo: vga256", 13, 10, 0
