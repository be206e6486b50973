; vgabios.asm - the tick86 VGA BIOS: an option ROM at C000:0000 that sets
; up the VGA and provides the INT 10h video services.
;
; Build: nasm -f bin -Ibios/ bios/vgabios.asm -o build/bios/vgabios.bin
; (a multiple of 512 bytes; the build sets the last byte so the image sums to
; 0 mod 256, the option-ROM checksum of the IBM PC/AT Technical Reference).
;
; What it follows:
;   - IBM VGA Technical Reference: register files (sequencer, CRTC, graphics
;     controller, attribute controller, DAC), the video parameter table and
;     BIOS data area 40:49-40:66, 40:84-40:8A, 40:A8.
;   - Ralf Brown's Interrupt List, INT 10h: the calling conventions of every
;     service below, including the returned registers.
;   - IBM PC/AT Technical Reference, "Adapter ROM": the option-ROM header and
;     the far call the system BIOS makes to offset 3 during POST.
;
; It runs on an 8086: no 186+ instructions anywhere (cpu 8086 below makes
; nasm refuse them).
;
; Register conventions inside INT 10h: the dispatcher saves every register
; in a frame addressed by BP (F_AX .. F_FLAGS below), sets DS to the BIOS
; data area (0040h) and calls the service with the caller's AX, BX, CX, DX,
; DI and ES still in the registers.  A service returns values by writing
; them into the frame; everything else it clobbers is restored on exit.
;
; Deliberate limits (each documented where it applies):
;   - there is no 8x14 ROM font of its own: the 8x14 font is the 8x16 font
;     with its top and bottom rows dropped, built at assembly time;
;   - INT 10h AH=1Ch (save/restore state) reports "not supported" (AL=0);
;   - AH=12h BL=35h (display switching) and BL=20h are ignored.

cpu 8086
bits 16
org 0

; ---------------------------------------------------------------------------
; BIOS data area (segment 0040h), IBM PC/AT Technical Reference / RBIL
BDA_SEG         equ 0040h
BDA_EQUIP       equ 10h     ; word: equipment list, bits 5-4 initial video mode
BDA_MODE        equ 49h     ; byte: current video mode
BDA_COLS        equ 4Ah     ; word: character columns
BDA_PAGESIZE    equ 4Ch     ; word: regen buffer bytes per page
BDA_PAGESTART   equ 4Eh     ; word: offset of the active page in the buffer
BDA_CURPOS      equ 50h     ; 8 words: cursor position per page (lo col, hi row)
BDA_CURSHAPE    equ 60h     ; word: cursor end (lo) / start (hi) scan line
BDA_PAGE        equ 62h     ; byte: active page
BDA_CRTC        equ 63h     ; word: CRTC index port (3D4h colour, 3B4h mono)
BDA_MODEREG     equ 65h     ; byte: CGA mode select register image
BDA_PALREG      equ 66h     ; byte: CGA colour select register image
BDA_ROWS        equ 84h     ; byte: character rows - 1
BDA_CHARH       equ 85h     ; word: character height (scan lines)
BDA_EGAMISC     equ 87h     ; byte: b7 no-clear, b6-5 memory, b0 cursor emul. off
BDA_EGASW       equ 88h     ; byte: feature bits / switch settings
BDA_VGAFLAGS    equ 89h     ; byte: b7,b4 scan lines, b3 no default palette,
                            ;       b1 grey summing, b0 VGA active
BDA_DCC         equ 8Ah     ; byte: display combination code
BDA_SAVEPTR     equ 0A8h    ; dword: video save pointer table

; VGA ports (IBM VGA Technical Reference, "Programming Considerations")
P_AC            equ 3C0h    ; attribute controller index/data (write)
P_AC_READ       equ 3C1h
P_MISC_W        equ 3C2h
P_SEQ           equ 3C4h
P_PELMASK       equ 3C6h
P_DAC_RINDEX    equ 3C7h
P_DAC_WINDEX    equ 3C8h
P_DAC_DATA      equ 3C9h
P_MISC_R        equ 3CCh
P_GC            equ 3CEh

; INT 10h register frame (offsets from BP after the dispatcher's pushes)
F_AX    equ 0
F_BX    equ 2
F_CX    equ 4
F_DX    equ 6
F_SI    equ 8
F_DI    equ 10
F_BP    equ 12
F_ES    equ 14
F_DS    equ 16
F_FLAGS equ 22

; Drawing context: locals below BP, filled by gfx_ctx_init for the text and
; graphics drawing code (scroll, glyphs, character read-back).
G_CLASS equ -2      ; word: CL_* of the current mode
G_BPL   equ -4      ; word: bytes per scan line (text: per character row)
G_BPC   equ -6      ; word: bytes per character cell within one scan line
G_CHARH equ -8      ; word: scan lines per character row (text: 1)
G_BASE  equ -10     ; word: offset of the page being drawn
G_COLS  equ -12     ; word: character columns
G_SEG   equ -14     ; word: regen segment
G_ROWS  equ -16     ; word: character rows
G_COLOR equ -18     ; byte: colour / attribute being drawn
G_LINE  equ -20     ; word: scan line being drawn
G_COL   equ -22     ; word: byte offset of the cell within a scan line
G_TMP   equ -24
G_N     equ -26     ; scroll: lines to move
G_LEFT  equ -28     ; scroll: left column
G_WIDTH equ -30     ; scroll: columns
G_DST   equ -32     ; scroll: first destination row
G_STEP  equ -34     ; scroll: +1 (up) or -1 (down)
G_BUF   equ -64     ; 16 bytes: character pattern read back from the screen
G_SIZE  equ 64

; ===========================================================================
; Option ROM header (IBM PC/AT Technical Reference, "Adapter ROM")
; ===========================================================================
rom_start:
    db 55h, 0AAh                ; signature
    db rom_blocks               ; size in 512-byte blocks
    jmp near vga_init           ; offset 3: POST far-calls here
    db 0
rom_name:
    db "tick86 VGA BIOS", 0

; ===========================================================================
; POST entry: program the VGA, hook the vectors, set mode 3, RETF.
; ===========================================================================
vga_init:
    push ax
    push bx
    push cx
    push dx
    push si
    push di
    push ds
    push es
    pushf
    cld

    ; BIOS data area: EGA/VGA status bytes (IBM VGA TR, "BIOS data area")
    mov ax, BDA_SEG
    mov ds, ax
    mov byte [BDA_EGAMISC], 60h     ; 256 KiB, VGA active, cursor emulation on
    mov byte [BDA_EGASW], 0F9h      ; feature bits 1111, switches 1001 (colour)
    mov byte [BDA_VGAFLAGS], 51h    ; 400 lines, display switching, VGA active
    mov byte [BDA_DCC], 08h         ; display combination: VGA, colour analog
    and word [BDA_EQUIP], 0FFCFh    ; bits 5-4 = 00: EGA/VGA (RBIL INT 11h)
    mov word [BDA_SAVEPTR], save_ptr_table
    mov word [BDA_SAVEPTR+2], cs

    ; Interrupt vectors: INT 10h services, INT 1Fh = upper half of the 8x8
    ; graphics font (characters 80h-FFh), INT 43h = 8x8 graphics font.
    xor ax, ax
    mov ds, ax
    cli
    mov word [10h*4], int10_handler
    mov [10h*4+2], cs
    mov word [1Fh*4], font8x8 + 128*8
    mov [1Fh*4+2], cs
    mov word [43h*4], font8x8
    mov [43h*4+2], cs

    ; Set mode 3 through the service body, entered like an interrupt but
    ; without the STI of the INT 10h entry: POST may not be ready for
    ; interrupts yet, and the POPF below gives it back its own IF.
    mov ax, 0003h               ; 80x25 colour text
    pushf
    push cs
    call int10_body

    popf
    pop es
    pop ds
    pop di
    pop si
    pop dx
    pop cx
    pop bx
    pop ax
    retf

; ===========================================================================
; INT 10h entry and dispatch
; ===========================================================================
int10_handler:
    sti                         ; long scrolls must not hold off interrupts
int10_body:
    cld
    cmp ah, NFUNCS
    jae .unsupported
    push ds
    push es
    push bp
    push di
    push si
    push dx
    push cx
    push bx
    push ax
    mov bp, sp
    mov si, BDA_SEG
    mov ds, si
    push bx
    mov bl, ah
    xor bh, bh
    shl bx, 1
    mov si, [cs:functab+bx]
    pop bx
    call si
    pop ax
    pop bx
    pop cx
    pop dx
    pop si
    pop di
    pop bp
    pop es
    pop ds
.unsupported:
    iret

functab:
    dw svc_set_mode             ; 00h
    dw svc_cursor_shape         ; 01h
    dw svc_set_cursor           ; 02h
    dw svc_get_cursor           ; 03h
    dw svc_light_pen            ; 04h
    dw svc_set_page             ; 05h
    dw svc_scroll               ; 06h
    dw svc_scroll               ; 07h
    dw svc_read_char            ; 08h
    dw svc_write_char_attr      ; 09h
    dw svc_write_char           ; 0Ah
    dw svc_cga_palette          ; 0Bh
    dw svc_write_pixel          ; 0Ch
    dw svc_read_pixel           ; 0Dh
    dw svc_teletype             ; 0Eh
    dw svc_get_mode             ; 0Fh
    dw svc_palette              ; 10h
    dw svc_font                 ; 11h
    dw svc_alt_select           ; 12h
    dw svc_write_string         ; 13h
    dw svc_none                 ; 14h (LCD)
    dw svc_none                 ; 15h (physical display parameters)
    dw svc_none                 ; 16h
    dw svc_none                 ; 17h
    dw svc_none                 ; 18h
    dw svc_none                 ; 19h
    dw svc_dcc                  ; 1Ah
    dw svc_state_info           ; 1Bh
    dw svc_save_state           ; 1Ch
NFUNCS equ ($ - functab) / 2

svc_none:
    ret

; ===========================================================================
; Small register-file helpers
; ===========================================================================

; idx_write: write AH to register AL of the index/data pair at DX, DX+1.
; Preserves all registers.
idx_write:
    out dx, al
    inc dx
    xchg al, ah
    out dx, al
    xchg al, ah
    dec dx
    ret

; idx_read: AL = register AL of the index/data pair at DX.  Preserves others.
idx_read:
    out dx, al
    inc dx
    in al, dx
    dec dx
    ret

; seq_write / gc_write: AL = index, AH = value.  Preserve all registers.
seq_write:
    push dx
    mov dx, P_SEQ
    call idx_write
    pop dx
    ret

gc_write:
    push dx
    mov dx, P_GC
    call idx_write
    pop dx
    ret

; crtc_write: AL = index, AH = value, at the CRTC port in the BDA (DS=40h).
crtc_write:
    push dx
    mov dx, [BDA_CRTC]
    call idx_write
    pop dx
    ret

; crtc_read: AL = CRTC register AL (DS=40h).
crtc_read:
    push dx
    mov dx, [BDA_CRTC]
    call idx_read
    pop dx
    ret

; ac_reset_flipflop: reading Input Status 1 (3BAh/3DAh) puts the attribute
; controller's address/data flip-flop into the address state.  DS=40h.
ac_reset_flipflop:
    push ax
    push dx
    mov dx, [BDA_CRTC]
    add dx, 6
    in al, dx
    pop dx
    pop ax
    ret

; ac_write: attribute register AL = AH, then give the palette back to the
; display (PAS, index bit 5): the palette registers can only be written while
; PAS is 0, which also blanks the screen.  DS=40h.  Preserves all registers.
ac_write:
    push ax
    push dx
    call ac_reset_flipflop
    mov dx, P_AC
    out dx, al
    xchg al, ah
    out dx, al
    mov al, 20h
    out dx, al
    pop dx
    pop ax
    ret

; ac_read: AL = attribute register AL.  DS=40h.  Preserves AH and the rest.
ac_read:
    push dx
    call ac_reset_flipflop
    mov dx, P_AC
    out dx, al
    inc dx                      ; 3C1h: data read
    in al, dx
    call ac_reset_flipflop
    dec dx
    push ax
    mov al, 20h
    out dx, al
    pop ax
    pop dx
    ret

; ===========================================================================
; Mode lookup
; ===========================================================================

; find_mode: AL = mode -> BX = its mode_table record; CF=1 if unsupported.
; Preserves everything else.
find_mode:
    mov bx, mode_table
.next:
    cmp byte [cs:bx+ME_MODE], 0FFh
    je .none
    cmp [cs:bx+ME_MODE], al
    je .found
    add bx, ME_SIZE
    jmp .next
.found:
    clc
    ret
.none:
    stc
    ret

; cur_mode: BX = mode_table record of the current mode (40:49); CF=1 if the
; BDA holds a mode this BIOS did not set.  DS=40h.  Preserves the rest.
cur_mode:
    push ax
    mov al, [BDA_MODE]
    call find_mode
    pop ax
    ret

; cur_class: AL = memory organisation (CL_*) of the current mode, CF=1 if
; unknown.  DS=40h.  Preserves the rest.
cur_class:
    push bx
    call cur_mode
    jc .out
    mov al, [cs:bx+ME_CLASS]
.out:
    pop bx
    ret

; vpt_for_mode: BX = mode record -> SI = its Video Parameter Table entry.
; The text modes pick the 200-, 350- or 400-line entry from the choice made
; with AH=12h BL=30h (40:89 bits 7 and 4).  DS=40h.  Clobbers AX, CL.
vpt_for_mode:
    mov al, [cs:bx+ME_VPT]
    cmp byte [cs:bx+ME_CLASS], CL_TEXT
    jne .have
    mov ah, [BDA_VGAFLAGS]
    and ah, 90h
    cmp ah, 10h                 ; 400 lines: the default entry
    je .have
    cmp byte [cs:bx+ME_MODE], 7
    je .mono
    mov al, [cs:bx+ME_MODE]     ; modes 0-3: 200-line entries 00h-03h
    cmp ah, 80h
    je .have
    add al, 13h                 ; 350-line entries 13h-16h
    jmp .have
.mono:
    mov al, 07h                 ; mode 7 has only a 350-line alternative
.have:
    xor ah, ah
    mov cl, 6
    shl ax, cl                  ; * VPT_SIZE
    add ax, vpt_table
    mov si, ax
    ret

; ===========================================================================
; AH=00h  Set video mode.  AL = mode, bit 7 set = do not clear the buffer.
; Returns AL = 30h (modes 0-5, 7), 3Fh (mode 6) or 20h (others), the CGA
; colour-select byte some BIOSes return (RBIL, Phoenix note).
; ===========================================================================
svc_set_mode:
    mov ah, al
    and ax, 807Fh               ; AH = no-clear flag, AL = mode
    call find_mode
    jnc .known
    ret
.known:
    mov [BDA_MODE], al
    mov cl, [BDA_EGAMISC]
    and cl, 7Fh
    or cl, ah
    mov [BDA_EGAMISC], cl

    call vpt_for_mode           ; SI = register set
    call program_vga            ; also sets 40:63
    test byte [BDA_VGAFLAGS], 08h
    jnz .keep_palette
    mov al, [cs:bx+ME_DAC]
    ; the 200-line text entries (VPT 00h-03h) hold CGA colour numbers in
    ; their attribute palette (08h-0Fh as 10h-17h), so they need the
    ; CGA-style DAC like the other 200-line modes
    cmp si, vpt_table + 4 * VPT_SIZE
    jae .dac
    mov al, DAC_CGA
.dac:
    call dac_load_default
.keep_palette:

    ; BIOS data area (IBM VGA TR, "Video BIOS data areas")
    mov al, [cs:si+VPT_COLS]
    xor ah, ah
    mov [BDA_COLS], ax
    mov ax, [cs:si+VPT_PAGELEN]
    mov [BDA_PAGESIZE], ax
    xor ax, ax
    mov [BDA_PAGESTART], ax
    mov [BDA_PAGE], al
    push ds
    pop es
    mov di, BDA_CURPOS
    mov cx, 8
    rep stosw                   ; cursor at 0,0 on every page
    mov al, [cs:si+VPT_ROWS]
    mov [BDA_ROWS], al
    mov al, [cs:si+VPT_CHARH]
    xor ah, ah
    mov [BDA_CHARH], ax
    mov al, [cs:bx+ME_MODEREG]
    mov [BDA_MODEREG], al
    mov al, 30h
    cmp byte [BDA_MODE], 6
    jne .palreg
    mov al, 3Fh
.palreg:
    mov [BDA_PALREG], al
    mov word [BDA_CURSHAPE], 0607h  ; CGA-style value; CRTC got the VPT's
    cmp byte [BDA_MODE], 7
    jne .shape_done
    mov word [BDA_CURSHAPE], 0B0Ch  ; MDA-style value
.shape_done:

    ; Graphics text font (INT 43h) and the character height the glyph
    ; drawing uses.  480-line modes draw the 8x16 font; mode 10h (350
    ; lines) the 8x14 font; the 200-line modes the 8x8 font.
    mov dx, font8x8
    mov al, [BDA_CHARH]
    cmp byte [cs:bx+ME_CLASS], CL_TEXT
    je .set43
    cmp al, 16
    jne .not16
    mov dx, font8x16
.not16:
    cmp al, 14
    jne .set43
    mov dx, font8x14
.set43:
    xor ax, ax
    mov es, ax
    mov [es:43h*4], dx
    mov [es:43h*4+2], cs

    test byte [BDA_EGAMISC], 80h
    jnz .no_clear
    call clear_regen
.no_clear:
    cmp byte [cs:bx+ME_CLASS], CL_TEXT
    jne .no_font
    call load_text_font
.no_font:
    call hw_cursor_update
    call ac_reset_flipflop      ; palette back to the display: screen on
    mov dx, P_AC
    mov al, 20h
    out dx, al

    mov al, 20h
    cmp byte [BDA_MODE], 7
    ja .ret_al
    mov al, [BDA_PALREG]
.ret_al:
    mov [bp+F_AX], al
    ret

; program_vga: load every VGA register from the parameter table entry at
; CS:SI (IBM VGA TR register order: sequencer under synchronous reset, misc
; output, CRTC with CR0-7 unlocked, attribute controller, graphics
; controller).  The screen stays blanked (PAS=0) until the caller turns the
; palette back on.  DS=40h; sets 40:63.  Preserves BX, SI.
program_vga:
    push bx
    ; blank: attribute controller address with PAS clear
    mov dx, 3DAh
    in al, dx
    mov dx, 3BAh
    in al, dx
    mov dx, P_AC
    xor al, al
    out dx, al

    mov ax, 0100h               ; SR0: synchronous reset
    call seq_write
    lea di, [si+VPT_SEQ]
    mov al, 1
.seq:
    mov ah, [cs:di]
    call seq_write
    inc di
    inc al
    cmp al, 5
    jb .seq
    mov dx, P_MISC_W
    mov al, [cs:si+VPT_MISC]
    out dx, al
    mov ax, 0300h               ; SR0: run
    call seq_write

    ; CRTC at 3D4h or 3B4h, chosen by misc output bit 0 (I/O address select)
    mov dx, 3D4h
    test byte [cs:si+VPT_MISC], 1
    jnz .crtc_port
    mov dx, 3B4h
.crtc_port:
    mov [BDA_CRTC], dx
    mov al, 11h                 ; clear CR11 bit 7 so CR00-07 can be written
    mov ah, [cs:si+VPT_CRTC+11h]
    and ah, 7Fh
    call idx_write
    lea di, [si+VPT_CRTC]
    xor al, al
.crtc:
    mov ah, [cs:di]
    call idx_write
    inc di
    inc al
    cmp al, 19h
    jb .crtc

    add dx, 6                   ; input status 1: flip-flop to address
    in al, dx
    mov dx, P_AC
    lea di, [si+VPT_ATTR]
    xor al, al
.attr:
    out dx, al                  ; index with PAS clear
    mov ah, al
    mov al, [cs:di]
    out dx, al
    mov al, ah
    inc di
    inc al
    cmp al, 14h
    jb .attr
    mov al, 14h                 ; colour select register: 0
    out dx, al
    xor al, al
    out dx, al

    mov dx, P_GC
    lea di, [si+VPT_GC]
    xor al, al
.gc:
    mov ah, [cs:di]
    call idx_write
    inc di
    inc al
    cmp al, 9
    jb .gc

    mov dx, P_PELMASK
    mov al, 0FFh
    out dx, al
    pop bx
    ret

; clear_regen: fill the regen buffer of mode record BX: blanks with
; attribute 07h in text modes, zero pixels otherwise.  With the write mode,
; map mask and set/reset just loaded from the table, a plain store reaches
; every plane.  DS=40h.  Preserves BX, SI.
clear_regen:
    push es
    mov es, [cs:bx+ME_SEG]
    xor di, di
    mov al, [cs:bx+ME_CLASS]
    mov cx, 4000h               ; text: 32 KiB
    mov dx, 0720h
    cmp al, CL_TEXT
    je .fill
    xor dx, dx
    mov cx, 2000h               ; CGA: 16 KiB
    cmp al, CL_CGA2
    jbe .fill
    mov cx, 8000h               ; planar and 256-colour: the 64 KiB window
.fill:
    mov ax, dx
    rep stosw
    pop es
    ret

; load_text_font: load the ROM font matching 40:85 into character block 0.
; DS=40h.  Preserves BX, SI.
load_text_font:
    push bx
    push si
    mov ax, [BDA_CHARH]
    mov si, font8x16
    cmp al, 16
    je .go
    mov si, font8x14
    cmp al, 14
    je .go
    mov si, font8x8
    mov al, 8
.go:
    mov bh, al                  ; bytes per character
    xor bl, bl                  ; block 0
    mov cx, 256
    xor dx, dx
    push ds
    push cs
    pop ds
    call font_upload
    pop ds
    pop si
    pop bx
    ret

; font_upload: copy CX glyphs of BH bytes each from DS:SI into character
; generator block BL (0-7), starting at character DX.  The font lives in
; plane 2, 32 bytes per character; blocks 0-3 start at 0000h, 4000h, 8000h,
; C000h and blocks 4-7 at 2000h, 6000h, A000h, E000h (IBM VGA TR, Character
; Map Select register).  The sequencer and graphics registers involved are
; read, switched to linear plane-2 access, and restored afterwards.
; Preserves BX; clobbers AX, CX, DX, SI, DI.
font_upload:
    push es
    push bx
    mov di, dx                  ; DI = first character (DX is needed for ports)
    mov dx, P_SEQ
    mov al, 2
    call idx_read
    push ax                     ; SR2 map mask
    mov al, 4
    call idx_read
    push ax                     ; SR4 memory mode
    mov dx, P_GC
    mov al, 4
    call idx_read
    push ax                     ; GC4 read map
    mov al, 5
    call idx_read
    push ax                     ; GC5 mode
    mov al, 6
    call idx_read
    push ax                     ; GC6 misc

    mov ax, 0402h               ; write plane 2 only
    call seq_write
    mov ax, 0704h               ; sequential addressing, extended memory
    call seq_write
    mov ax, 0204h               ; read plane 2
    call gc_write
    mov ax, 0005h               ; write mode 0, no odd/even
    call gc_write
    mov ax, 0406h               ; A000h, 64 KiB, text
    call gc_write

    ; destination: block base + first character * 32
    push cx
    mov cl, 5
    shl di, cl
    mov al, bl
    and al, 3
    mov cl, 6
    shl al, cl                  ; AH part of (block & 3) << 14
    mov ah, bl
    and ah, 4
    shl ah, 1
    shl ah, 1
    shl ah, 1                   ; AH part of (block & 4) << 11
    or ah, al
    xor al, al
    add di, ax
    pop cx
    mov ax, 0A000h
    mov es, ax
    mov dl, bh
    xor dh, dh                  ; DX = bytes per glyph
.glyph:
    push cx
    push di
    mov cx, dx
    rep movsb
    pop di
    add di, 32
    pop cx
    loop .glyph

    mov dx, P_GC
    pop ax
    mov ah, al
    mov al, 6
    call idx_write
    pop ax
    mov ah, al
    mov al, 5
    call idx_write
    pop ax
    mov ah, al
    mov al, 4
    call idx_write
    mov dx, P_SEQ
    pop ax
    mov ah, al
    mov al, 4
    call idx_write
    pop ax
    mov ah, al
    mov al, 2
    call idx_write
    pop bx
    pop es
    ret

; ===========================================================================
; DAC
; ===========================================================================

; dac_put: write one colour (DH red, CH green, CL blue, 0-63) to the DAC
; data port at its current write index.  With grey-scale summing on (40:89
; bit 1) the three components become 30% red + 59% green + 11% blue (the
; NTSC luminance weights the IBM BIOS uses).  DS=40h.  Preserves all.
dac_put:
    push ax
    push bx
    push cx
    push dx
    test byte [BDA_VGAFLAGS], 02h
    jz .out
    mov al, 77                  ; 0.30 * 256
    mul dh
    mov bx, ax
    mov al, 151                 ; 0.59 * 256
    mul ch
    add bx, ax
    mov al, 28                  ; 0.11 * 256
    mul cl
    add ax, bx
    add ax, 128                 ; round
    mov dh, ah
    mov ch, ah
    mov cl, ah
.out:
    mov bx, dx
    mov dx, P_DAC_DATA
    mov al, bh
    out dx, al
    mov al, ch
    out dx, al
    mov al, cl
    out dx, al
    pop dx
    pop cx
    pop bx
    pop ax
    ret

; ega_rgb: AL = EGA colour rgbRGB (bit 0 blue 2/3, 1 green 2/3, 2 red 2/3,
; 3 blue 1/3, 4 green 1/3, 5 red 1/3) -> DH, CH, CL.  Preserves AX.
ega_rgb:
    xor dh, dh
    xor cx, cx
    test al, 04h
    jz .r1
    add dh, 2Ah
.r1:
    test al, 20h
    jz .g0
    add dh, 15h
.g0:
    test al, 02h
    jz .g1
    add ch, 2Ah
.g1:
    test al, 10h
    jz .b0
    add ch, 15h
.b0:
    test al, 01h
    jz .b1
    add cl, 2Ah
.b1:
    test al, 08h
    jz .done
    add cl, 15h
.done:
    ret

; cga_rgb: AL = CGA colour in IRGB form (bit 0 blue, 1 green, 2 red,
; 4 intensity; bits 3 and 5 ignored) -> DH, CH, CL.  Colour 6 is brown, as
; on the IBM colour display.  Preserves AX.
cga_rgb:
    xor dh, dh
    xor cx, cx
    test al, 04h
    jz .g
    mov dh, 2Ah
.g:
    test al, 02h
    jz .b
    mov ch, 2Ah
.b:
    test al, 01h
    jz .brown
    mov cl, 2Ah
.brown:
    push ax
    and al, 17h
    cmp al, 06h
    pop ax
    jne .intens
    mov ch, 15h
.intens:
    test al, 10h
    jz .done
    add dh, 15h
    add ch, 15h
    add cl, 15h
.done:
    ret

; mono_rgb: AL = monochrome attribute palette value (bit 3 normal video,
; bit 4 intensity) -> grey DH = CH = CL.  Preserves AX.
mono_rgb:
    xor dh, dh
    test al, 08h
    jz .i
    mov dh, 2Ah
.i:
    test al, 10h
    jz .done
    add dh, 15h
.done:
    mov ch, dh
    mov cl, dh
    ret

; dac_load_default: load default DAC set AL (DAC_*).  The 16-colour sets fill
; entries 0-63, the 256-colour set all 256.  DS=40h.  Preserves BX, SI.
dac_load_default:
    push si
    mov ah, al
    mov dx, P_DAC_WINDEX
    xor al, al
    out dx, al
    cmp ah, DAC_256
    je .vga256
    mov si, ega_rgb
    cmp ah, DAC_EGA
    je .set64
    mov si, cga_rgb
    cmp ah, DAC_CGA
    je .set64
    mov si, mono_rgb
.set64:
    xor al, al
.loop64:
    call si
    call dac_put
    inc al
    cmp al, 64
    jb .loop64
    pop si
    ret

.vga256:
    xor al, al                  ; 0-15: the sixteen CGA colours
.cga16:
    push ax
    mov ah, al
    and al, 07h
    and ah, 08h
    shl ah, 1
    or al, ah                   ; intensity from bit 3 to bit 4
    call cga_rgb
    call dac_put
    pop ax
    inc al
    cmp al, 16
    jb .cga16
    mov si, dac_grey_ramp       ; 16-31: grey ramp
    mov ax, 16
.grey:
    mov dh, [cs:si]
    mov ch, dh
    mov cl, dh
    call dac_put
    inc si
    dec ax
    jnz .grey
    mov si, dac_wheels          ; 32-247: colour wheels
    mov ax, 216
.wheel:
    mov dh, [cs:si]
    mov ch, [cs:si+1]
    mov cl, [cs:si+2]
    call dac_put
    add si, 3
    dec ax
    jnz .wheel
    xor dx, dx                  ; 248-255: black
    xor cx, cx
    mov ax, 8
.black:
    call dac_put
    dec ax
    jnz .black
    pop si
    ret

; ===========================================================================
; Cursor
; ===========================================================================

; get_cursor: DX = cursor position of page BH.  DS=40h.  Preserves others.
get_cursor:
    push bx
    mov bl, bh
    and bx, 7
    shl bx, 1
    mov dx, [BDA_CURPOS+bx]
    pop bx
    ret

; set_cursor: store DX as the cursor of page BH; move the hardware cursor if
; BH is the active page.  DS=40h.  Preserves all registers.
set_cursor:
    push bx
    mov bl, bh
    and bx, 7
    shl bx, 1
    mov [BDA_CURPOS+bx], dx
    pop bx
    cmp bh, [BDA_PAGE]
    jne .done
    call hw_cursor_update
.done:
    ret

; hw_cursor_update: point CRTC cursor location (CR0E/CR0F) at the cursor of
; the active page: page start / 2 + row * columns + column, in character
; cells.  Harmless in graphics modes.  DS=40h.  Preserves all registers.
hw_cursor_update:
    push ax
    push bx
    push dx
    mov bh, [BDA_PAGE]
    call get_cursor
    mov al, dh
    mul byte [BDA_COLS]
    add al, dl
    adc ah, 0
    mov bx, [BDA_PAGESTART]
    shr bx, 1
    add bx, ax
    mov al, 0Eh
    mov ah, bh
    call crtc_write
    mov al, 0Fh
    mov ah, bl
    call crtc_write
    pop dx
    pop bx
    pop ax
    ret

; AH=01h  Set cursor shape: CH = start line (bits 6-5 non-zero: hidden),
; CL = end line.  40:60 keeps the value as given.  With cursor emulation on
; (40:87 bit 0 clear) and a cell taller than 8 lines, CGA-style values 0-7
; are mapped onto the taller cell: lines 0-3 stay at the top, lines 4-7 are
; counted from the bottom (line + height - 9), so 06/07 becomes 0D/0E in a
; 16-line cell and 0B/0C in a 14-line one, as on the IBM EGA/VGA.
svc_cursor_shape:
    mov [BDA_CURSHAPE], cx
set_cursor_shape_hw:            ; (CX = shape, DS=40h)
    test ch, 60h
    jz .visible
    mov ax, 200Ah               ; CR0A bit 5: cursor off
    call crtc_write
    ret
.visible:
    test byte [BDA_EGAMISC], 01h
    jnz .program
    mov ax, [BDA_CHARH]
    cmp ax, 8
    jbe .program
    cmp ch, 7
    ja .program
    cmp cl, 7
    ja .program
    sub al, 9                   ; AL = height - 9
    cmp ch, 4
    jb .end_line
    add ch, al
.end_line:
    cmp cl, 4
    jb .program
    add cl, al
.program:
    mov al, 0Ah
    mov ah, ch
    and ah, 1Fh
    call crtc_write
    mov al, 0Bh
    mov ah, cl
    and ah, 1Fh
    call crtc_write
    ret

; AH=02h  Set cursor position: BH = page, DH = row, DL = column.
svc_set_cursor:
    cmp bh, 8
    jae .out
    call set_cursor
.out:
    ret

; AH=03h  Get cursor position and shape: BH = page.
; Returns CH/CL = cursor start/end line (40:60), DH/DL = row/column.
svc_get_cursor:
    and bh, 7
    call get_cursor
    mov [bp+F_DX], dx
    mov ax, [BDA_CURSHAPE]
    mov [bp+F_CX], ax
    ret

; AH=04h  Read light pen: the VGA has none, AH = 0 (not triggered).
svc_light_pen:
    mov byte [bp+F_AX+1], 0
    ret

; AH=05h  Select active page: AL = page.  Sets the CRTC start address (in
; character cells in text modes, bytes in planar graphics).
svc_set_page:
    call cur_mode
    jc .out
    cmp al, [cs:bx+ME_PAGES]
    jae .out
    mov [BDA_PAGE], al
    xor ah, ah
    mul word [BDA_PAGESIZE]
    mov [BDA_PAGESTART], ax
    cmp byte [cs:bx+ME_CLASS], CL_TEXT
    jne .start
    shr ax, 1
.start:
    mov bx, ax
    mov al, 0Ch
    mov ah, bh
    call crtc_write
    mov al, 0Dh
    mov ah, bl
    call crtc_write
    call hw_cursor_update
.out:
    ret

; AH=0Fh  Get current video mode: AL = mode (bit 7 = last set with no
; clear), AH = columns, BH = active page.
svc_get_mode:
    mov al, [BDA_EGAMISC]
    and al, 80h
    or al, [BDA_MODE]
    mov ah, [BDA_COLS]
    mov [bp+F_AX], ax
    mov al, [BDA_PAGE]
    mov [bp+F_BX+1], al
    ret

; ===========================================================================
; Drawing context shared by scrolling, character and pixel services
; ===========================================================================

; gfx_ctx_init: fill the G_* locals of the caller's frame (BP) for the
; current mode, drawing page base AX (ignored by the one-page CGA and
; 256-colour modes).  CF=1 if the current mode is not one of ours.  DS=40h.
; Preserves all registers.
gfx_ctx_init:
    push ax
    push bx
    push cx
    mov cx, ax
    call cur_mode
    jc .out
    mov al, [cs:bx+ME_CLASS]
    xor ah, ah
    mov [bp+G_CLASS], ax
    mov ax, [cs:bx+ME_SEG]
    mov [bp+G_SEG], ax
    mov ax, [BDA_COLS]
    mov [bp+G_COLS], ax
    mov al, [BDA_ROWS]
    xor ah, ah
    inc ax
    mov [bp+G_ROWS], ax
    mov ax, [BDA_CHARH]
    mov [bp+G_CHARH], ax
    mov [bp+G_BASE], cx
    mov al, [cs:bx+ME_CLASS]
    cmp al, CL_TEXT
    jne .gfx
    ; text: one "scan line" per character row of columns * 2 bytes
    mov word [bp+G_CHARH], 1
    mov ax, [BDA_COLS]
    shl ax, 1
    mov [bp+G_BPL], ax
    mov word [bp+G_BPC], 2
    jmp .ok
.gfx:
    mov word [bp+G_BPL], 80
    mov word [bp+G_BPC], 2
    mov word [bp+G_BASE], 0
    cmp al, CL_CGA4
    je .ok
    mov word [bp+G_BPC], 1
    cmp al, CL_CGA2
    je .ok
    mov word [bp+G_BPL], 320
    mov word [bp+G_BPC], 8
    cmp al, CL_LINEAR
    je .ok
    mov ax, [BDA_COLS]          ; planar: one byte per 8 pixels
    mov [bp+G_BPL], ax
    mov word [bp+G_BPC], 1
    mov [bp+G_BASE], cx
.ok:
    clc
.out:
    pop cx
    pop bx
    pop ax
    ret

; line_addr: AX = offset of the start of scan line AX of the drawing page.
; CGA modes keep even scan lines at 0000h and odd ones at 2000h, 80 bytes
; each (IBM CGA memory map).  Uses the context at BP.  Clobbers DX.
line_addr:
    cmp byte [bp+G_CLASS], CL_CGA4
    je .cga
    cmp byte [bp+G_CLASS], CL_CGA2
    je .cga
    mul word [bp+G_BPL]
    add ax, [bp+G_BASE]
    ret
.cga:
    mov dx, ax
    shr ax, 1
    push dx
    mov dx, 80
    mul dx
    pop dx
    test dl, 1
    jz .even
    add ax, 2000h
.even:
    ret

; planar_reset: graphics controller back to the BIOS defaults for planar
; drawing: set/reset 0 and disabled, replace, bit mask FF, write mode 0.
planar_reset:
    push ax
    mov ax, 0000h
    call gc_write
    mov ax, 0001h
    call gc_write
    mov ax, 0003h
    call gc_write
    mov ax, 0005h
    call gc_write
    mov ax, 0FF08h
    call gc_write
    pop ax
    ret

; ===========================================================================
; AH=06h/07h  Scroll the active page up / down.  AL = lines (0 = blank the
; window), BH = attribute (text) or colour (graphics) of the new lines,
; CH,CL = top left row,column, DH,DL = bottom right row,column.
; ===========================================================================
svc_scroll:
    mov si, [BDA_PAGESTART]
    ; fall into scroll_window with AH = 06h/07h

; scroll_window: as above with SI = page base.  DS=40h.  Clobbers AX-DI.
scroll_window:
    push bp
    mov bp, sp
    sub sp, G_SIZE
    push ax
    mov ax, si
    call gfx_ctx_init
    pop ax
    jc .out
    mov [bp+G_COLOR], bh
    ; clip the window to the screen
    mov bl, [BDA_ROWS]
    cmp dh, bl
    jbe .rows_ok
    mov dh, bl
.rows_ok:
    mov bl, [BDA_COLS]
    dec bl
    cmp dl, bl
    jbe .cols_ok
    mov dl, bl
.cols_ok:
    cmp ch, dh
    ja .out
    cmp cl, dl
    ja .out
    mov bl, dh
    sub bl, ch
    inc bl                      ; BL = window height
    or al, al
    jz .blank_all
    cmp al, bl
    jbe .count_ok
.blank_all:
    mov al, bl
.count_ok:
    xor bh, bh
    mov [bp+G_TMP], bx          ; height
    mov bl, al
    mov [bp+G_N], bx
    mov bl, cl
    mov [bp+G_LEFT], bx
    mov bl, dl
    sub bl, cl
    inc bl
    mov [bp+G_WIDTH], bx
    ; up: rows move from CH+n to CH, then the bottom n rows are blanked;
    ; down: the mirror image, starting at the bottom row
    mov bl, ch
    mov word [bp+G_STEP], 1
    cmp ah, 07h
    jne .dir
    mov bl, dh
    mov word [bp+G_STEP], -1
.dir:
    mov [bp+G_DST], bx
    mov es, [bp+G_SEG]
    cmp byte [bp+G_CLASS], CL_PLANAR
    jne .moves
    mov ax, 0105h               ; write mode 1: stores copy the latches,
    call gc_write               ; so one byte moves all four planes
.moves:
    mov cx, [bp+G_TMP]
    sub cx, [bp+G_N]            ; rows to move
    jz .fills
.move_row:
    mov ax, [bp+G_N]
    cmp word [bp+G_STEP], 1
    je .src_up
    neg ax
.src_up:
    add ax, [bp+G_DST]          ; source row
    call scroll_copy_row
    mov ax, [bp+G_STEP]
    add [bp+G_DST], ax
    loop .move_row
.fills:
    cmp byte [bp+G_CLASS], CL_PLANAR
    jne .fill_setup_done
    mov ax, 0005h               ; write mode 0 with set/reset = colour
    call gc_write
    mov ah, [bp+G_COLOR]
    xor al, al
    call gc_write
    mov ax, 0F01h
    call gc_write
.fill_setup_done:
    mov cx, [bp+G_N]
.fill_row:
    call scroll_fill_row
    mov ax, [bp+G_STEP]
    add [bp+G_DST], ax
    loop .fill_row
    cmp byte [bp+G_CLASS], CL_PLANAR
    jne .out
    call planar_reset
.out:
    mov sp, bp
    pop bp
    ret

; scroll_copy_row: copy the window's part of character row AX to row
; G_DST.  ES = regen segment.  Preserves CX.
scroll_copy_row:
    push cx
    push ds
    mov ds, [bp+G_SEG]
    mov si, ax                  ; SI = source row
    xor cx, cx                  ; CX = scan line within the row
.line:
    mov ax, si
    mul word [bp+G_CHARH]
    add ax, cx
    call line_addr
    push ax
    mov ax, [bp+G_DST]
    mul word [bp+G_CHARH]
    add ax, cx
    call line_addr
    mov di, ax
    mov ax, [bp+G_LEFT]
    mul word [bp+G_BPC]
    add di, ax
    pop dx
    add dx, ax                  ; DX = source address
    push si
    push cx
    mov si, dx
    mov ax, [bp+G_WIDTH]
    mul word [bp+G_BPC]
    mov cx, ax
    rep movsb
    pop cx
    pop si
    inc cx
    cmp cx, [bp+G_CHARH]
    jb .line
    pop ds
    pop cx
    ret

; scroll_fill_row: blank the window's part of character row G_DST with
; G_COLOR: blank/attribute words in text modes, the colour byte in CGA and
; 256-colour modes, set/reset (already loaded) in planar modes.  ES = regen
; segment.  Preserves CX.
scroll_fill_row:
    push cx
    xor cx, cx
.line:
    mov ax, [bp+G_DST]
    mul word [bp+G_CHARH]
    add ax, cx
    call line_addr
    mov di, ax
    mov ax, [bp+G_LEFT]
    mul word [bp+G_BPC]
    add di, ax
    push cx
    mov cx, [bp+G_WIDTH]
    mov ah, [bp+G_COLOR]
    mov al, ' '
    cmp byte [bp+G_CLASS], CL_TEXT
    je .words
    mov al, ah
    push ax
    mov ax, cx
    mul word [bp+G_BPC]
    mov cx, ax
    pop ax
    rep stosb
    jmp .next
.words:
    rep stosw
.next:
    pop cx
    inc cx
    cmp cx, [bp+G_CHARH]
    jb .line
    pop cx
    ret

; ===========================================================================
; Characters
; ===========================================================================

; text_offset: DI = byte offset of cell DH,DL on page BH (text modes).
; DS=40h.  Clobbers AX.
text_offset:
    push dx
    mov al, bh
    xor ah, ah
    mul word [BDA_PAGESIZE]
    mov di, ax
    pop dx
    mov al, dh
    mul byte [BDA_COLS]
    add al, dl
    adc ah, 0
    shl ax, 1
    add di, ax
    ret

; page_base: AX = offset of page BH in the regen buffer.  DS=40h.
; Clobbers DX.
page_base:
    mov al, bh
    xor ah, ah
    mul word [BDA_PAGESIZE]
    ret

; put_chars: write character AL CX times from position DH,DL of page BH,
; without moving the cursor.  Text modes: AH=1 also stores attribute BL,
; AH=0 keeps the attributes.  Graphics modes: BL is the colour, bit 7 set
; draws with XOR (except in mode 13h); the glyph comes from the INT 43h
; font and continues on the next row at the right edge.  DS=40h.
put_chars:
    push ax
    push bx
    push cx
    push dx
    push si
    push di
    push es
    jcxz .done
    mov si, ax                  ; SI = character and flag
    call cur_class
    jc .done
    cmp al, CL_TEXT
    jne .graphics
    push bx
    call cur_mode
    mov es, [cs:bx+ME_SEG]
    pop bx
    call text_offset            ; DI
    mov ax, si
    or ah, ah
    jz .char_only
    mov ah, bl
    rep stosw
    jmp .done
.char_only:
    stosb
    inc di
    loop .char_only
    jmp .done
.graphics:
    push bp
    mov bp, sp
    sub sp, G_SIZE
    push dx
    call page_base
    pop dx
    call gfx_ctx_init
    mov ax, si
.glyph:
    call gfx_draw_glyph
    inc dl
    cmp dl, [bp+G_COLS]
    jb .next
    xor dl, dl
    inc dh
    cmp dh, [bp+G_ROWS]
    jae .gfx_done
.next:
    loop .glyph
.gfx_done:
    mov sp, bp
    pop bp
.done:
    pop es
    pop di
    pop si
    pop dx
    pop cx
    pop bx
    pop ax
    ret

; gfx_draw_glyph: draw character AL in colour BL at row DH, column DL using
; the font at INT 43h (40:85 bytes per glyph).  Non-XOR drawing replaces the
; whole cell (background colour 0).  Context at BP.  Preserves all.
gfx_draw_glyph:
    push ax
    push bx
    push cx
    push dx
    push si
    push di
    push ds
    push es
    mov [bp+G_COLOR], bl
    push ax
    mov al, dh
    xor ah, ah
    push dx                     ; (MUL writes DX)
    mul word [bp+G_CHARH]
    pop dx
    mov [bp+G_LINE], ax         ; first scan line of the cell
    pop ax
    push ax
    mov al, dl
    xor ah, ah
    mul word [bp+G_BPC]
    mov [bp+G_COL], ax
    pop ax
    xor ah, ah
    mul word [bp+G_CHARH]
    mov si, ax
    xor ax, ax
    mov ds, ax
    add si, [43h*4]
    mov ds, [43h*4+2]           ; DS:SI = glyph
    mov es, [bp+G_SEG]
    cmp byte [bp+G_CLASS], CL_PLANAR
    jne .lines
    mov ax, 0F01h               ; set/reset drives all four planes
    call gc_write
    mov ax, 0003h
    test byte [bp+G_COLOR], 80h
    jz .func
    mov ax, 1803h               ; data rotate: XOR with the latches
.func:
    call gc_write
.lines:
    mov cx, [bp+G_CHARH]
.line:
    mov ax, [bp+G_LINE]
    call line_addr
    add ax, [bp+G_COL]
    mov di, ax
    lodsb
    call glyph_row
    inc word [bp+G_LINE]
    loop .line
    cmp byte [bp+G_CLASS], CL_PLANAR
    jne .out
    call planar_reset
.out:
    pop es
    pop ds
    pop di
    pop si
    pop dx
    pop cx
    pop bx
    pop ax
    ret

; glyph_row: draw the 8 pixels of glyph row AL (bit 7 leftmost) at ES:DI in
; colour G_COLOR, by memory organisation.  Preserves CX, SI.
glyph_row:
    mov bl, [bp+G_COLOR]
    mov bh, [bp+G_CLASS]
    cmp bh, CL_PLANAR
    je .planar
    cmp bh, CL_LINEAR
    je .linear
    cmp bh, CL_CGA4
    je .cga4
    ; CGA2: one bit per pixel, colour bit 0 selects ink
    test bl, 1
    jnz .c2ink
    xor al, al
.c2ink:
    test bl, 80h
    jz .c2put
    xor [es:di], al
    ret
.c2put:
    mov [es:di], al
    ret

.cga4:
    ; two bits per pixel: expand each glyph bit to the colour's low 2 bits
    push cx
    and bl, 3
    mov ah, al
    xor dx, dx
    mov cx, 8
.c4bit:
    shl dx, 1
    shl dx, 1
    shl ah, 1
    jnc .c4next
    or dl, bl
.c4next:
    loop .c4bit
    pop cx
    test byte [bp+G_COLOR], 80h
    jz .c4put
    xor [es:di], dh
    xor [es:di+1], dl
    ret
.c4put:
    mov [es:di], dh
    mov [es:di+1], dl
    ret

.linear:
    ; one byte per pixel; XOR is not offered in 256-colour mode (RBIL)
    push cx
    mov ah, al
    mov cx, 8
.lbit:
    xor al, al
    shl ah, 1
    jnc .lput
    mov al, bl
.lput:
    stosb
    loop .lbit
    pop cx
    ret

.planar:
    ; the set/reset register supplies the colour, the bit mask picks the
    ; pixels, reading first loads the latches that keep the other pixels
    push dx
    mov dx, P_GC
    mov ah, al
    test bl, 80h
    jnz .pxor
    push ax
    mov ax, 0000h               ; set/reset 0 across the whole byte:
    call idx_write              ; clear the cell's row first
    mov ax, 0FF08h
    call idx_write
    mov [es:di], al
    pop ax
.pxor:
    mov al, 08h                 ; bit mask = glyph row
    call idx_write
    mov ah, bl
    and ah, 0Fh
    xor al, al                  ; set/reset = colour
    call idx_write
    mov al, [es:di]             ; load the latches
    mov [es:di], al
    pop dx
    ret

; AH=08h  Read character and attribute at the cursor of page BH.
; Text: AL = character, AH = attribute.  Graphics: the cell is compared with
; every glyph of the INT 43h font (any non-zero pixel counts as ink); AL =
; the first matching code or 0, AH = 0.
svc_read_char:
    call cur_class
    jc .out
    call get_cursor
    cmp al, CL_TEXT
    jne .graphics
    call cur_mode
    mov es, [cs:bx+ME_SEG]
    mov bx, [bp+F_BX]
    call text_offset
    mov ax, [es:di]
    mov [bp+F_AX], ax
.out:
    ret
.graphics:
    push bp
    mov bp, sp
    sub sp, G_SIZE
    push dx
    call page_base
    pop dx
    call gfx_ctx_init
    ; first scan line and byte offset of the cell
    mov al, dh
    xor ah, ah
    push dx                     ; (MUL writes DX)
    mul word [bp+G_CHARH]
    pop dx
    mov [bp+G_LINE], ax
    mov al, dl
    xor ah, ah
    mul word [bp+G_BPC]
    mov [bp+G_COL], ax
    mov es, [bp+G_SEG]
    xor cx, cx
.line:
    mov ax, [bp+G_LINE]
    add ax, cx
    call line_addr
    add ax, [bp+G_COL]
    mov di, ax
    call pattern_row            ; AL = ink mask of this row
    mov si, cx
    mov [bp+si+G_BUF], al
    inc cx
    cmp cx, [bp+G_CHARH]
    jb .line
    ; search the font
    xor ax, ax
    mov ds, ax
    les di, [43h*4]             ; ES:DI = font
    push ss
    pop ds
    xor bx, bx                  ; character code
.search:
    lea si, [bp+G_BUF]
    mov cx, [bp+G_CHARH]
    push di
    repe cmpsb
    pop di
    je .found
    add di, [bp+G_CHARH]
    inc bx
    cmp bx, 256
    jb .search
    xor bx, bx
.found:
    mov sp, bp
    pop bp
    mov [bp+F_AX], bx           ; AL = code, AH = 0
    ret

; pattern_row: AL = bit mask of the non-zero pixels of the 8-pixel cell row
; at ES:DI (bit 7 leftmost).  Context at BP.  Preserves CX.
pattern_row:
    push cx
    mov bl, [bp+G_CLASS]
    cmp bl, CL_PLANAR
    je .planar
    cmp bl, CL_LINEAR
    je .linear
    cmp bl, CL_CGA4
    je .cga4
    mov al, [es:di]             ; CGA2: the byte is the pattern
    pop cx
    ret
.planar:
    ; OR the four planes together through the read map select register
    push dx
    mov dx, P_GC
    xor bl, bl
    mov ah, 3
.plane:
    mov al, 04h
    call idx_write
    or bl, [es:di]
    dec ah
    jns .plane
    mov ax, 0004h
    call idx_write
    pop dx
    mov al, bl
    pop cx
    ret
.linear:
    mov cx, 8
    xor bl, bl
.lbyte:
    shl bl, 1
    cmp byte [es:di], 0
    je .lnext
    or bl, 1
.lnext:
    inc di
    loop .lbyte
    mov al, bl
    pop cx
    ret
.cga4:
    mov ah, [es:di]
    mov al, [es:di+1]
    mov cx, 8
    xor bl, bl
.c4:
    shl bl, 1
    test ah, 0C0h
    jz .c4next
    or bl, 1
.c4next:
    shl ax, 1
    shl ax, 1
    loop .c4
    mov al, bl
    pop cx
    ret

; AH=09h  Write character AL and attribute/colour BL, CX times, at the
; cursor of page BH (cursor not moved).
svc_write_char_attr:
    mov ah, 1
    jmp short write_char_common
; AH=0Ah  Write character AL CX times at the cursor of page BH, keeping the
; attributes (text); graphics modes use colour BL as for AH=09h.
svc_write_char:
    mov ah, 0
write_char_common:
    and bh, 7
    call get_cursor
    call put_chars
    ret

; ===========================================================================
; Teletype
; ===========================================================================

; AH=0Eh  Teletype output: AL = character, BL = colour in graphics modes.
; Writes to the active page (BH is ignored, as on the IBM BIOS after 1981
; BIOSes accept any BH).  BEL sounds the speaker, BS moves left, CR to
; column 0, LF down; at the bottom the page scrolls up one line (text: new
; line in the attribute found at the cursor; graphics: colour 0).
svc_teletype:
    mov bh, [BDA_PAGE]
    xor ah, ah
    ; fall into tty_out

; tty_out: teletype character AL on page BH; AH=1 also writes attribute BL
; in text modes (AH=13h strings).  DS=40h.  Clobbers AX, CX, DX, SI, DI.
tty_out:
    call get_cursor
    cmp al, 07h
    je .bell
    cmp al, 08h
    je .bs
    cmp al, 0Ah
    je .lf
    cmp al, 0Dh
    je .cr
    mov cx, 1
    call put_chars
    inc dl
    cmp dl, [BDA_COLS]
    jb .set
    xor dl, dl
.lf:
    inc dh
    cmp dh, [BDA_ROWS]
    jbe .set
    mov dh, [BDA_ROWS]
    call tty_scroll
.set:
    call set_cursor
    ret
.bs:
    or dl, dl
    jz .set
    dec dl
    jmp .set
.cr:
    xor dl, dl
    jmp .set
.bell:
    call beep
    ret

; tty_scroll: scroll page BH up one line for the teletype; DX = cursor
; (already on the bottom row).  Text modes fill the new line with the
; attribute at the cursor, graphics modes with colour 0.  DS=40h.
; Preserves BX, DX.
tty_scroll:
    push bx
    push dx
    call cur_class
    jc .out
    xor cl, cl
    cmp al, CL_TEXT
    jne .fill_known
    push bx
    call cur_mode
    mov es, [cs:bx+ME_SEG]
    pop bx
    call text_offset
    mov cl, [es:di+1]
.fill_known:
    call page_base
    mov si, ax
    mov bh, cl
    mov ax, 0601h
    xor cx, cx
    mov dh, [BDA_ROWS]
    mov dl, [BDA_COLS]
    dec dl
    call scroll_window
.out:
    pop dx
    pop bx
    ret

; beep: sound the speaker for about 1/8 s at 896 Hz (BEL).  PIT counter 2 in
; square-wave mode drives the speaker through port 61h bits 0-1 (8254
; datasheet; IBM PC/AT TR, "System Timers").  The time is counted on the
; refresh toggle, port 61h bit 4, which changes every 15.085 us; each wait
; is bounded so a board without the toggle cannot hang here.
BEEP_DIVISOR    equ 1331        ; 1193182 Hz / 1331 = 896 Hz
BEEP_TOGGLES    equ 8288        ; 8288 * 15.085 us = 125 ms
beep:
    push ax
    push cx
    push dx
    mov al, 0B6h                ; counter 2, LSB then MSB, mode 3, binary
    out 43h, al
    mov ax, BEEP_DIVISOR
    out 42h, al
    mov al, ah
    out 42h, al
    in al, 61h
    mov ah, al                  ; AH = port 61h as found
    or al, 03h                  ; gate counter 2, speaker data on
    out 61h, al
    mov cx, BEEP_TOGGLES
.toggle:
    push cx
    in al, 61h
    and al, 10h
    mov dh, al
    mov cx, 1000h               ; bound on one half-period
.same:
    in al, 61h
    and al, 10h
    cmp al, dh
    loope .same
    pop cx
    loop .toggle
    mov al, ah
    out 61h, al                 ; speaker back as it was
    pop dx
    pop cx
    pop ax
    ret

; ===========================================================================
; AH=0Bh  CGA palette.  BH=00h: BL = background colour (graphics; also the
; border) or border colour (text), IRGB with intensity in bit 3 (bit 4 also
; picks the bright foreground set in modes 4/5).  BH=01h: BL bit 0 selects
; palette 0 (green/red/brown) or 1 (cyan/magenta/white) in modes 4/5.
; ===========================================================================
svc_cga_palette:
    call cur_mode               ; BX = mode record (the caller's BX is in
    jc .out                     ; the frame)
    mov si, bx
    mov bx, [bp+F_BX]
    cmp bh, 1
    je .select
    or bh, bh
    jnz .out
    mov al, [BDA_PALREG]
    and al, 0E0h
    mov ah, bl
    and ah, 1Fh
    or al, ah
    mov [BDA_PALREG], al
    ; IRGB -> attribute palette value: bright colours are 10h-17h in the
    ; CGA-style DAC of the 200-line modes and 38h-3Fh in the EGA-style DAC
    mov ah, bl
    and ah, 07h
    test bl, 08h
    jz .mapped
    or ah, 10h
    cmp byte [cs:si+ME_DAC], DAC_EGA
    jne .mapped
    or ah, 38h
.mapped:
    mov al, 11h                 ; overscan (border)
    call ac_write
    cmp byte [cs:si+ME_CLASS], CL_TEXT
    je .out
    xor al, al                  ; graphics: palette register 0 = background
    call ac_write
    cmp byte [cs:si+ME_CLASS], CL_CGA4
    je .cga_regs
.out:
    ret
.select:
    cmp byte [cs:si+ME_CLASS], CL_CGA4
    jne .out
    mov al, [BDA_PALREG]
    and al, 0DFh
    test bl, 1
    jz .store
    or al, 20h
.store:
    mov [BDA_PALREG], al
.cga_regs:
    ; palette registers 1-3 = 2,4,6 or 3,5,7 (+10h when bright), from the
    ; colour-select image in 40:66 (bit 5 palette, bit 4 intensity)
    mov ah, 02h
    test byte [BDA_PALREG], 20h
    jz .p0
    mov ah, 03h
.p0:
    test byte [BDA_PALREG], 10h
    jz .p1
    or ah, 10h
.p1:
    mov al, 1
.pal:
    call ac_write
    add ah, 2
    inc al
    cmp al, 4
    jb .pal
    ret

; ===========================================================================
; AH=0Ch  Write pixel: AL = colour (bit 7: XOR, not in mode 13h), BH = page,
; CX = column, DX = row.     AH=0Dh  Read pixel: returns AL = colour.
; ===========================================================================

; pixel_addr: for mode record BX and pixel CX (column), DX (row) on page
; [F_BX+1]: ES:DI = byte holding the pixel, AH = mask of its bits there,
; CL = shift of its lowest bit, AL = memory organisation.  CF=1 in text
; modes.  DS=40h.  Clobbers DX, SI.
pixel_addr:
    mov es, [cs:bx+ME_SEG]
    mov al, [cs:bx+ME_CLASS]
    cmp al, CL_TEXT
    jne .gfx
    stc
    ret
.gfx:
    push ax
    mov si, cx                  ; SI = x
    cmp al, CL_LINEAR
    je .linear
    cmp al, CL_PLANAR
    je .planar
    ; CGA: (y & 1) * 2000h + (y >> 1) * 80 + x / pixels per byte
    mov ax, dx
    shr ax, 1
    mov di, 80
    push dx
    mul di
    pop dx
    test dl, 1
    jz .even
    add ax, 2000h
.even:
    mov di, ax
    pop ax
    push ax
    mov dx, si
    shr dx, 1
    shr dx, 1                   ; x / 4
    cmp al, CL_CGA4
    je .cga4
    shr dx, 1                   ; x / 8
    add di, dx
    mov cx, si
    and cl, 7
    xor cl, 7                   ; shift = 7 - (x & 7), leftmost pixel in bit 7
    mov ah, 1
    shl ah, cl
    jmp .done
.cga4:
    add di, dx
    mov cx, si
    and cl, 3
    xor cl, 3
    shl cl, 1                   ; shift = (3 - (x & 3)) * 2
    mov ah, 3
    shl ah, cl
    jmp .done
.linear:
    mov ax, 320
    mul dx
    add ax, si
    mov di, ax
    xor cl, cl
    mov ah, 0FFh
    jmp .done
.planar:
    ; page base + y * bytes per line + x / 8, bit 7 - (x & 7)
    mov al, [bp+F_BX+1]
    xor ah, ah
    push dx
    mul word [BDA_PAGESIZE]
    pop dx
    mov di, ax
    mov ax, dx
    mul word [BDA_COLS]
    add di, ax
    mov ax, si
    mov cl, 3
    shr ax, cl
    add di, ax
    mov cx, si
    and cl, 7
    mov ah, 80h
    shr ah, cl
    xor cl, cl
.done:
    pop dx
    mov al, dl
    clc
    ret

svc_write_pixel:
    call cur_mode
    jc .out
    call pixel_addr
    jc .out
    mov bl, [bp+F_AX]           ; colour
    cmp al, CL_PLANAR
    je .planar
    cmp al, CL_LINEAR
    je .linear
    mov al, bl                  ; CGA: colour into the pixel's bits
    shl al, cl
    and al, ah
    test bl, 80h
    jnz .xor
    not ah
    and [es:di], ah
    or [es:di], al
.out:
    ret
.xor:
    xor [es:di], al
    ret
.linear:
    mov [es:di], bl
    ret
.planar:
    ; write mode 2: data bits 0-3 are the colour of every selected pixel,
    ; the bit mask selects the one pixel, the latches keep the other seven
    mov dx, P_GC
    mov al, 08h
    call idx_write
    mov ax, 0205h
    call idx_write
    mov ax, 0003h
    test bl, 80h
    jz .func
    mov ax, 1803h               ; XOR with the latches
.func:
    call idx_write
    mov al, [es:di]
    mov [es:di], bl
    call planar_reset
    ret

svc_read_pixel:
    call cur_mode
    jc .out
    call pixel_addr
    jc .out
    cmp al, CL_PLANAR
    je .planar
    mov al, [es:di]
    and al, ah
    shr al, cl
    jmp .ret
.planar:
    ; one bit from each plane through the read map select register
    mov dx, P_GC
    xor bl, bl
    mov ch, 3
.plane:
    push ax
    mov al, 04h
    mov ah, ch
    call idx_write
    pop ax
    shl bl, 1
    test [es:di], ah
    jz .zero
    or bl, 1
.zero:
    dec ch
    jns .plane
    mov ax, 0004h
    call idx_write
    mov al, bl
.ret:
    mov [bp+F_AX], al
.out:
    ret

; ===========================================================================
; AH=10h  Palette registers and DAC (RBIL INT 10h AX=1000h-101Bh)
; ===========================================================================
svc_palette:
    mov si, pal_sub_table
.find:
    cmp byte [cs:si], 0FFh
    je .none
    cmp [cs:si], al
    je .call
    add si, 3
    jmp .find
.call:
    jmp word [cs:si+1]
.none:
    ret

pal_sub_table:
    db 00h
    dw pal_set_one
    db 01h
    dw pal_set_border
    db 02h
    dw pal_set_all
    db 03h
    dw pal_blink
    db 07h
    dw pal_get_one
    db 08h
    dw pal_get_border
    db 09h
    dw pal_get_all
    db 10h
    dw dac_set_one
    db 12h
    dw dac_set_block
    db 13h
    dw pal_color_page
    db 15h
    dw dac_get_one
    db 17h
    dw dac_get_block
    db 18h
    dw dac_set_mask
    db 19h
    dw dac_get_mask
    db 1Ah
    dw pal_get_color_page
    db 1Bh
    dw dac_grey_block
    db 0FFh

; AX=1000h  palette register BL (00h-0Fh, or any attribute register up to
; 14h) = BH
pal_set_one:
    cmp bl, 14h
    ja .out
    mov al, bl
    mov ah, bh
    call ac_write
.out:
    ret

; AX=1001h  border (overscan, register 11h) = BH
pal_set_border:
    mov al, 11h
    mov ah, bh
    call ac_write
    ret

; AX=1002h  ES:DX -> 16 palette registers then the border colour
pal_set_all:
    mov si, dx
    xor al, al
.reg:
    mov ah, [es:si]
    call ac_write
    inc si
    inc al
    cmp al, 16
    jb .reg
    mov ah, [es:si]
    mov al, 11h
    call ac_write
    ret

; AX=1003h  BL = 00h: bit 7 of the attribute is background intensity;
; BL = 01h: it blinks (attribute mode control register bit 3)
pal_blink:
    cmp bl, 1
    ja .out
    mov al, 10h
    call ac_read
    and al, 0F7h
    or bl, bl
    jz .set
    or al, 08h
.set:
    mov ah, al
    mov al, 10h
    call ac_write
.out:
    ret

; AX=1007h  BH = palette register BL
pal_get_one:
    cmp bl, 14h
    ja .out
    mov al, bl
    call ac_read
    mov [bp+F_BX+1], al
.out:
    ret

; AX=1008h  BH = border colour
pal_get_border:
    mov al, 11h
    call ac_read
    mov [bp+F_BX+1], al
    ret

; AX=1009h  ES:DX <- 16 palette registers and the border colour
pal_get_all:
    mov di, dx
    xor ah, ah
.reg:
    mov al, ah
    call ac_read
    stosb
    inc ah
    cmp ah, 16
    jb .reg
    mov al, 11h
    call ac_read
    stosb
    ret

; AX=1010h  DAC register BX = DH red, CH green, CL blue
dac_set_one:
    mov al, bl
    push dx
    mov dx, P_DAC_WINDEX
    out dx, al
    pop dx
    call dac_put
    ret

; AX=1012h  DAC registers BX .. BX+CX-1 from ES:DX (3 bytes each)
dac_set_block:
    jcxz .out
    mov di, cx
    mov si, dx
    mov al, bl
    mov dx, P_DAC_WINDEX
    out dx, al
.entry:
    mov dh, [es:si]
    mov ch, [es:si+1]
    mov cl, [es:si+2]
    call dac_put
    add si, 3
    dec di
    jnz .entry
.out:
    ret

; AX=1013h  BL = 00h: BH = paging mode (0: 4 pages of 64, 1: 16 of 16,
; attribute mode control bit 7); BL = 01h: BH = colour page (colour select
; register 14h: bits 3-2 for 64-colour pages, bits 3-0 for 16-colour pages)
pal_color_page:
    mov al, 10h
    call ac_read
    cmp bl, 1
    je .page
    or bl, bl
    jnz .out
    and al, 7Fh
    test bh, 1
    jz .mode
    or al, 80h
.mode:
    mov ah, al
    mov al, 10h
    call ac_write
.out:
    ret
.page:
    mov ah, bh
    test al, 80h
    jnz .set
    shl ah, 1
    shl ah, 1
.set:
    and ah, 0Fh
    mov al, 14h
    call ac_write
    ret

; AX=1015h  DH, CH, CL = DAC register BX
dac_get_one:
    mov al, bl
    mov dx, P_DAC_RINDEX
    out dx, al
    mov dx, P_DAC_DATA
    in al, dx
    mov [bp+F_DX+1], al
    in al, dx
    mov [bp+F_CX+1], al
    in al, dx
    mov [bp+F_CX], al
    ret

; AX=1017h  ES:DX <- DAC registers BX .. BX+CX-1 (3 bytes each)
dac_get_block:
    jcxz .out
    mov di, dx
    mov al, bl
    mov dx, P_DAC_RINDEX
    out dx, al
    mov dx, P_DAC_DATA
.entry:
    in al, dx
    stosb
    in al, dx
    stosb
    in al, dx
    stosb
    loop .entry
.out:
    ret

; AX=1018h  PEL mask = BL;  AX=1019h  BL = PEL mask
dac_set_mask:
    mov al, bl
    mov dx, P_PELMASK
    out dx, al
    ret
dac_get_mask:
    mov dx, P_PELMASK
    in al, dx
    mov [bp+F_BX], al
    ret

; AX=101Ah  BL = paging mode, BH = current colour page
pal_get_color_page:
    mov al, 10h
    call ac_read
    mov bl, al
    mov al, 14h
    call ac_read
    and al, 0Fh
    test bl, 80h
    jnz .store
    shr al, 1
    shr al, 1
.store:
    rol bl, 1
    and bl, 1
    mov bh, al
    mov [bp+F_BX], bx
    ret

; AX=101Bh  replace DAC registers BX .. BX+CX-1 by their grey value
dac_grey_block:
    jcxz .out
    mov di, cx
.entry:
    mov al, bl
    mov dx, P_DAC_RINDEX
    out dx, al
    mov dx, P_DAC_DATA
    in al, dx
    mov ah, al                  ; red
    in al, dx
    mov ch, al                  ; green
    in al, dx
    mov cl, al                  ; blue
    mov dh, ah
    call to_grey
    mov al, bl
    push dx
    mov dx, P_DAC_WINDEX
    out dx, al
    pop dx
    call dac_put
    inc bl
    dec di
    jnz .entry
.out:
    ret

; to_grey: DH, CH, CL (red, green, blue) -> all three = their luminance,
; 30% red + 59% green + 11% blue.  Preserves the other registers.
to_grey:
    push ax
    push bx
    mov al, 77
    mul dh
    mov bx, ax
    mov al, 151
    mul ch
    add bx, ax
    mov al, 28
    mul cl
    add ax, bx
    add ax, 128
    mov dh, ah
    mov ch, ah
    mov cl, ah
    pop bx
    pop ax
    ret

; ===========================================================================
; AH=11h  Character generator (RBIL INT 10h AX=1100h-1130h)
; ===========================================================================
svc_font:
    cmp al, 30h
    je font_info
    cmp al, 20h
    jae font_graphics
    cmp al, 03h
    je font_block_select
    mov ah, al
    and ah, 0EFh                ; 1xh = 0xh plus recalculation
    cmp ah, 4
    ja .out
    cmp ah, 3
    je .out
    push ax
    push bx
    push ds
    ; source, glyph count, first code, block BL, bytes per glyph BH
    or ah, ah
    jnz .rom
    mov si, [bp+F_BP]           ; AL=00h/10h: user font at ES:BP
    push es
    pop ds
    jmp .load
.rom:
    push cs
    pop ds
    mov cx, 256
    xor dx, dx
    mov si, font8x14
    mov bh, 14
    cmp ah, 1
    je .load
    mov si, font8x8
    mov bh, 8
    cmp ah, 2
    je .load
    mov si, font8x16
    mov bh, 16
.load:
    call font_upload
    pop ds
    pop bx
    pop ax
    test al, 10h
    jz .out
    ; 1xh: recalculate rows and character height for the new font
    mov ah, al
    and ah, 0Fh
    mov cl, 14
    cmp ah, 1
    je .recalc
    mov cl, 8
    cmp ah, 2
    je .recalc
    mov cl, 16
    cmp ah, 4
    je .recalc
    mov cl, bh                  ; AL=10h: the user font's height
.recalc:
    call font_recalc
.out:
    ret

; font_recalc: make character height CL current in a text mode: maximum
; scan line (CR09), the rows that fit in the displayed scan lines, the
; vertical display end (CR12, low 8 bits: the 350/400-line totals keep
; bits 8-9 unchanged for every height 8-16), cursor and BDA.  DS=40h.
font_recalc:
    or cl, cl
    jz .out
    cmp cl, 32
    ja .out
    mov al, 09h
    call crtc_read
    mov bh, al                  ; BH = CR09
    and al, 0E0h
    mov ah, cl
    dec ah
    or ah, al
    mov al, 09h
    call crtc_write
    ; displayed scan lines = vertical display end + 1 (CR12, CR07 b1, b6)
    mov al, 07h
    call crtc_read
    mov bl, al
    mov al, 12h
    call crtc_read
    xor ah, ah
    test bl, 02h
    jz .b9
    inc ah
.b9:
    test bl, 40h
    jz .lines
    add ah, 2
.lines:
    inc ax
    test bh, 80h                ; double scanning: every line shown twice
    jz .single
    shr ax, 1
.single:
    div cl                      ; AL = rows
    mov [BDA_ROWS], al
    dec byte [BDA_ROWS]
    mul cl
    test bh, 80h
    jz .end
    shl ax, 1
.end:
    dec ax
    mov ah, al
    mov al, 12h
    call crtc_write
    xor ch, ch
    mov [BDA_CHARH], cx
    ; page size: rows * columns * 2, rounded up to 256 bytes
    mov al, [BDA_ROWS]
    inc al
    mul byte [BDA_COLS]
    shl ax, 1
    add ax, 0FFh
    xor al, al
    mov [BDA_PAGESIZE], ax
    mov cx, 0607h               ; a standard underline for the new cell
    mov [BDA_CURSHAPE], cx
    call set_cursor_shape_hw
.out:
    ret

; AX=1103h  character map select register (SR3) = BL
font_block_select:
    mov al, 03h
    mov ah, bl
    call seq_write
    ret

; AX=1120h-1124h  fonts for graphics modes: INT 1Fh (characters 80h-FFh of
; the 8x8 font) or INT 43h (the whole graphics font), plus rows and height
font_graphics:
    cmp al, 24h
    ja .out
    xor si, si
    mov ds, si
    cmp al, 20h
    jne .not1f
    mov si, [bp+F_BP]           ; AX=1120h: INT 1Fh = ES:BP
    mov [1Fh*4], si
    mov [1Fh*4+2], es
    jmp .out
.not1f:
    mov si, [bp+F_BP]           ; AX=1121h: ES:BP, CX bytes per character
    mov di, es
    cmp al, 21h
    je .set
    push cs
    pop di
    mov si, font8x14
    mov cx, 14
    cmp al, 22h
    je .set
    mov si, font8x8
    mov cx, 8
    cmp al, 23h
    je .set
    mov si, font8x16
    mov cx, 16
.set:
    cli
    mov [43h*4], si
    mov [43h*4+2], di
    sti
    mov si, BDA_SEG
    mov ds, si
    mov [BDA_CHARH], cx
    ; rows: BL = 00h: DL rows; 01h: 14; 02h: 25; 03h: 43
    mov al, dl
    cmp bl, 0
    je .rows
    mov al, 14
    cmp bl, 1
    je .rows
    mov al, 25
    cmp bl, 2
    je .rows
    mov al, 43
.rows:
    dec al
    mov [BDA_ROWS], al
.out:
    ret

; AX=1130h  font information: BH selects the pointer returned in ES:BP;
; CX = character height (40:85), DL = rows - 1 (40:84).
;   BH = 00h INT 1Fh, 01h INT 43h, 02h 8x14, 03h 8x8, 04h 8x8 upper half,
;        05h 9x14 alternates, 06h 8x16, 07h 9x16 alternates
; The 8x14 font is the 8x16 one without its top and bottom rows.  There are
; no 9-dot alternate glyphs: BH = 05h/07h return an empty table (a lone 0
; terminator), so callers that apply it change nothing.
font_info:
    mov ax, [BDA_CHARH]
    mov [bp+F_CX], ax
    mov al, [BDA_ROWS]
    mov [bp+F_DX], al
    mov dx, cs
    cmp bh, 1
    ja .rom
    mov si, 1Fh*4               ; BH = 00h (MOV leaves the flags of the CMP)
    jb .vector
    mov si, 43h*4               ; BH = 01h
.vector:
    xor ax, ax
    mov ds, ax
    mov ax, [si]
    mov dx, [si+2]
    jmp .store
.rom:
    cmp bh, 7
    ja .out
    mov bl, bh
    xor bh, bh
    sub bl, 2
    shl bx, 1
    mov ax, [cs:font_ptrs+bx]
.store:
    mov [bp+F_BP], ax
    mov [bp+F_ES], dx
.out:
    ret

font_ptrs:
    dw font8x14, font8x8, font8x8 + 128*8, alt_font_none
    dw font8x16, alt_font_none
alt_font_none:
    db 0

; ===========================================================================
; AH=12h  Alternate select (RBIL INT 10h AH=12h)
; ===========================================================================
svc_alt_select:
    cmp bl, 10h
    je .info
    cmp bl, 30h
    jb .out
    cmp bl, 36h
    ja .out
    push bx
    sub bl, 30h
    xor bh, bh
    shl bx, 1
    mov si, [cs:alt_sub+bx]
    pop bx
    call si
.out:
    ret
.info:
    ; BL=10h: BH = 0 colour / 1 mono, BL = 3 (256 KiB), CH = feature bits,
    ; CL = switch settings (40:88)
    xor bh, bh
    cmp word [BDA_CRTC], 3B4h
    jne .colour
    inc bh
.colour:
    mov bl, 3
    mov [bp+F_BX], bx
    mov al, [BDA_EGASW]
    mov cl, al
    and cl, 0Fh
    mov ch, al
    shr ch, 1
    shr ch, 1
    shr ch, 1
    shr ch, 1
    mov [bp+F_CX], cx
    ret

alt_sub:
    dw alt_scan_lines           ; 30h
    dw alt_palette_loading      ; 31h
    dw alt_video_addressing     ; 32h
    dw alt_grey_summing         ; 33h
    dw alt_cursor_emulation     ; 34h
    dw svc_none                 ; 35h display switching: not supported
    dw alt_video_on_off         ; 36h

; alt_ok: AL = 12h, "function supported"
alt_ok:
    mov byte [bp+F_AX], 12h
    ret

; BL=30h: scan lines for the next text mode set: AL = 0 200, 1 350, 2 400
alt_scan_lines:
    cmp al, 2
    ja .out
    mov ah, [BDA_VGAFLAGS]
    and ah, 6Fh
    mov cl, 80h
    or al, al
    jz .set
    mov cl, 00h
    cmp al, 1
    je .set
    mov cl, 10h
.set:
    or ah, cl
    mov [BDA_VGAFLAGS], ah
    call alt_ok
.out:
    ret

; BL=31h: AL = 0 load the default palette on mode sets, 1 do not
alt_palette_loading:
    mov ah, 08h
    mov si, BDA_VGAFLAGS
    jmp short alt_flag

; BL=33h: AL = 0 grey-scale summing on, 1 off
alt_grey_summing:
    cmp al, 1
    ja alt_flag.out
    xor al, 1                   ; the flag is set for "on"
    mov ah, 02h
    mov si, BDA_VGAFLAGS
    jmp short alt_flag

; BL=34h: AL = 0 cursor emulation on, 1 off (40:87 bit 0 set = off)
alt_cursor_emulation:
    mov ah, 01h
    mov si, BDA_EGAMISC
    ; fall through

; alt_flag: set bit mask AH of BDA byte SI if AL = 1, clear it if AL = 0
alt_flag:
    cmp al, 1
    ja .out
    not ah
    and [si], ah
    not ah
    or al, al
    jz .done
    or [si], ah
.done:
    call alt_ok
.out:
    ret

; BL=32h: AL = 0 enable, 1 disable CPU access to video RAM (misc output
; register bit 1, RAM enable)
alt_video_addressing:
    cmp al, 1
    ja .out
    mov ah, al
    mov dx, P_MISC_R
    in al, dx
    and al, 0FDh
    or ah, ah
    jnz .set
    or al, 02h
.set:
    mov dx, P_MISC_W
    out dx, al
    call alt_ok
.out:
    ret

; BL=36h: AL = 0 screen on, 1 off (sequencer clocking mode bit 5)
alt_video_on_off:
    cmp al, 1
    ja .out
    mov ah, al
    mov dx, P_SEQ
    mov al, 01h
    call idx_read
    and al, 0DFh
    or ah, ah
    jz .set
    or al, 20h
.set:
    mov ah, al
    mov al, 01h
    call idx_write
    call alt_ok
.out:
    ret

; ===========================================================================
; AH=13h  Write string.  AL bit 0: leave the cursor after the string; bit 1:
; the string holds character,attribute pairs (else BL is the attribute).
; BH = page, CX = length, DH,DL = start, ES:BP = string.  CR, LF, BS and BEL
; act as in teletype output.
; ===========================================================================
WS_MODE equ -2
WS_PTR  equ -4
WS_LEFT equ -6
WS_ORIG equ -8
WS_SEG  equ -10
svc_write_string:
    cmp bh, 8
    jae .ret
    jcxz .ret
    mov si, [bp+F_BP]
    push bp
    mov bp, sp
    sub sp, 10
    mov [bp+WS_MODE], ax
    mov [bp+WS_PTR], si
    mov [bp+WS_LEFT], cx
    mov [bp+WS_SEG], es
    push dx
    call get_cursor
    mov [bp+WS_ORIG], dx
    pop dx
    call set_cursor
.next:
    mov es, [bp+WS_SEG]
    mov si, [bp+WS_PTR]
    mov al, [es:si]
    inc si
    test byte [bp+WS_MODE], 02h
    jz .attr_ok
    mov bl, [es:si]
    inc si
.attr_ok:
    mov [bp+WS_PTR], si
    mov ah, 1
    call tty_out
    dec word [bp+WS_LEFT]
    jnz .next
    test byte [bp+WS_MODE], 01h
    jnz .done
    mov dx, [bp+WS_ORIG]
    call set_cursor
.done:
    mov sp, bp
    pop bp
.ret:
    ret

; ===========================================================================
; AH=1Ah  Display combination code.  AL=00h: BL = active display (08h: VGA
; with analog colour display), BH = alternate (00h: none); AL=01h: set.
; Returns AL = 1Ah.
; ===========================================================================
svc_dcc:
    cmp al, 1
    ja .out
    je .set
    mov bl, [BDA_DCC]
    xor bh, bh
    mov [bp+F_BX], bx
    jmp .ok
.set:
    mov [BDA_DCC], bl
.ok:
    mov byte [bp+F_AX], 1Ah
.out:
    ret

; ===========================================================================
; AH=1Bh  Functionality/state information into the 64 bytes at ES:DI
; (RBIL "Format of Video State Information").  Returns AL = 1Bh.
; ===========================================================================
svc_state_info:
    or bx, bx
    jnz .out
    push di
    mov cx, 32
    xor ax, ax
    rep stosw
    pop di
    mov word [es:di+00h], static_func_table
    mov [es:di+02h], cs
    mov al, [BDA_MODE]
    mov [es:di+04h], al
    mov ax, [BDA_COLS]
    mov [es:di+05h], ax
    mov ax, [BDA_PAGESIZE]
    mov [es:di+07h], ax
    mov ax, [BDA_PAGESTART]
    mov [es:di+09h], ax
    push di
    mov si, BDA_CURPOS          ; 40:50-40:66: cursors, shape, page, CRTC,
    add di, 0Bh                 ; 3x8 and 3x9 images, in the same order
    mov cx, 17h
    rep movsb
    pop di
    mov al, [BDA_ROWS]
    inc al
    mov [es:di+22h], al
    mov ax, [BDA_CHARH]
    mov [es:di+23h], ax
    mov al, [BDA_DCC]
    mov [es:di+25h], al
    call cur_mode
    jc .tail
    mov al, [cs:bx+ME_PAGES]
    mov [es:di+29h], al
    ; colours
    mov ax, 256
    mov dl, [cs:bx+ME_CLASS]
    cmp dl, CL_LINEAR
    je .colours
    mov ax, 4
    cmp dl, CL_CGA4
    je .colours
    mov ax, 2
    cmp dl, CL_CGA2
    je .colours
    cmp byte [BDA_MODE], 11h
    je .colours
    xor ax, ax
    cmp byte [BDA_MODE], 7
    je .colours
    mov ax, 16
.colours:
    mov [es:di+27h], ax
    ; scan lines: 0 = 200, 1 = 350, 2 = 400, 3 = 480 (from the misc output
    ; register's vertical sync polarity, IBM VGA TR)
    mov dx, P_MISC_R
    in al, dx
    mov cl, 6
    shr al, cl
    mov ah, 2                   ; 01b: 400 lines
    cmp al, 1
    je .lines
    mov ah, 1                   ; 10b: 350 lines
    cmp al, 2
    je .lines
    mov ah, 3                   ; 11b: 480 lines
    mov al, 09h
    call crtc_read
    test al, 80h                ; double-scanned 400: 200 lines
    jz .lines
    xor ah, ah
.lines:
    ; 400-line double-scanned modes show 200 lines
    cmp ah, 2
    jne .store_lines
    mov al, 09h
    call crtc_read
    test al, 80h
    jz .store_lines
    xor ah, ah
.store_lines:
    mov [es:di+2Ah], ah
.tail:
    ; character blocks from the character map select register (SR3):
    ; map A = bits 5,3,2, map B = bits 4,1,0
    mov dx, P_SEQ
    mov al, 03h
    call idx_read
    mov ah, al
    mov cl, 2
    shr al, cl
    and al, 3
    test ah, 20h
    jz .mapa
    or al, 4
.mapa:
    mov [es:di+2Bh], al
    mov al, ah
    and al, 3
    test ah, 10h
    jz .mapb
    or al, 4
.mapb:
    mov [es:di+2Ch], al
    ; misc state: grey summing (b1), default palette loading off (b3),
    ; cursor emulation on (b4), blinking (b5)
    mov al, [BDA_VGAFLAGS]
    and al, 0Ah
    test byte [BDA_EGAMISC], 01h
    jnz .emul
    or al, 10h
.emul:
    mov ah, al
    mov al, 10h
    call ac_read
    test al, 08h
    jz .blink
    or ah, 20h
.blink:
    mov [es:di+2Dh], ah
    mov byte [es:di+31h], 3     ; 256 KiB
    mov byte [bp+F_AX], 1Bh
.out:
    ret

; AH=1Ch  Save/restore video state: not supported (AL = 00h; a supporting
; BIOS returns 1Ch).
svc_save_state:
    mov byte [bp+F_AX], 0
    ret

; ===========================================================================
; Data
; ===========================================================================
%include "vgabios_tables.inc"

; Fonts (drawn for tick86, see the files): 8x16 for 400/480-line modes,
; 8x8 for 200-line modes and INT 43h/1Fh.
%include "fontrow.inc"
%include "font8x16.inc"
%include "font8x8.inc"

; 8x14 font for the 350-line modes, made at assembly time from the 8x16
; glyphs by dropping scan lines 0 and 15 (blank in every letter, digit and
; punctuation glyph of font8x16.inc: capitals start on row 2, descenders end
; on row 14; box-drawing and block glyphs still reach the cell edges).  The R row macro of
; fontrow.inc is redefined to skip those rows, and the font file included
; again under the label font8x14.
%assign FONT14_ROW 0
%unmacro R 1
%macro R 1
  %if (FONT14_ROW % 16) != 0 && (FONT14_ROW % 16) != 15
    %assign %%byte 0
    %assign %%i 1
    %rep 8
      %substr %%c %1 %%i
      %assign %%byte %%byte << 1
      %ifidn %%c, '#'
        %assign %%byte %%byte | 1
      %endif
      %assign %%i %%i + 1
    %endrep
    db %%byte
  %endif
  %assign FONT14_ROW FONT14_ROW + 1
%endmacro
%define font8x16 font8x14
%include "font8x16.inc"
%undef font8x16

; ---------------------------------------------------------------------------
; Pad to a whole number of 512-byte blocks; the last byte is the checksum,
; set by the build.
    times (512 - (($ - $$ + 1) % 512)) % 512 db 0
    db 0
rom_end:
rom_blocks equ (rom_end - rom_start) / 512
%if rom_end - rom_start > 32768
  %error "VGA BIOS larger than 32 KiB"
%endif
