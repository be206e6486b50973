; demo.asm - the tick86 demo disk: a bootable 1.44 MiB diskette image.
;
;   nasm -f bin -Idemo/ demo/demo.asm -o build/demo/demo.img
;
; Sector 0 (boot.asm) loads the rest to 0000:7E00 and jumps to main, below.
; A menu offers four screens, each left with Esc:
;   1  text.asm   80x25 colour text: frame, colours, CPU, memory, boot drive
;   2  keys.asm   keyboard echo with ASCII and scan codes (INT 16h)
;   3  vga.asm    320x200 in 256 colours (mode 13h), DAC set through ports
;   4  clock.asm  date and time from the RTC (INT 1Ah), once a second
; It uses only BIOS services (INT 10h, 12h, 13h, 15h, 16h, 1Ah), the VGA's
; DAC ports and the debug console port E9h, and it is 8086 code throughout
; (cpu.asm runs 32-bit instructions only after proving the CPU has them), so
; it runs on every CPU model tick86 has. Nothing it does depends on anything
; but the BIOS's answers and the RTC, so a run is as deterministic as the
; machine under it.
;
; For tests, each screen writes one line to port E9h once it is drawn:
; "demo: menu", "demo: text", "demo: keys", "demo: vga256", "demo: clock",
; each ending in CR LF.

        cpu     8086
        bits    16
        org     7C00h

PAYLOAD_ADDR    equ 7E00h               ; right behind the boot sector
PAYLOAD_MAGIC   equ 0D86Dh              ; last word of the payload, checked by boot.asm
PAYLOAD_SECTORS equ (payload_end - payload_start + 511) / 512
IMAGE_BYTES     equ 1474560             ; 80 cylinders x 2 heads x 18 sectors x 512

; Colours (attribute bytes: background in bits 4-6, foreground in bits 0-3).
ATTR_BACK       equ 1Fh                 ; white on blue
ATTR_FRAME      equ 1Bh                 ; light cyan on blue
ATTR_HEAD       equ 1Eh                 ; yellow on blue
ATTR_DIM        equ 17h                 ; light grey on blue
ATTR_KEY        equ 70h                 ; black on light grey

%include "boot.asm"

payload_start:

; main: boot.asm jumps here with DS = ES = SS = 0, SP = 7C00h.
main:
        sti
        cld
        call    cpu_detect
        int     12h                     ; AX = conventional memory in KiB
        mov     [mem_conv], ax
        cmp     byte [cpu_model], CPU_80286
        jb      .menu                   ; no extended memory before the 286
        mov     ah, 88h                 ; AX = extended memory in KiB (RBIL INT 15h AH=88h)
        clc
        int     15h
        jc      .menu
        mov     [mem_ext], ax
        mov     byte [mem_ext_ok], 1

.menu:  call    menu_draw
        mov     si, dbg_menu
        call    dbg_puts
.key:   call    key_get
        cmp     al, '1'
        je      .text
        cmp     al, '2'
        je      .keys
        cmp     al, '3'
        je      .vga
        cmp     al, '4'
        je      .clock
        jmp     .key
.text:  call    text_screen
        jmp     .menu
.keys:  call    keys_screen
        jmp     .menu
.vga:   call    vga_screen
        jmp     .menu
.clock: call    clock_screen
        jmp     .menu

; menu_draw: a fresh 80x25 colour text mode with the menu on it. Setting
; the mode each time also brings the display back from mode 13h.
menu_draw:
        mov     ax, 0003h               ; INT 10h AH=00h: set mode 03h
        int     10h
        call    scr_hide_cursor
        mov     bl, ATTR_BACK
        mov     bh, ATTR_FRAME
        mov     si, menu_title
        call    scr_frame
        mov     bl, ATTR_HEAD
        mov     dh, 3
        mov     si, menu_head
        call    scr_center
        mov     bl, ATTR_DIM
        mov     dh, 4
        mov     si, menu_sub
        call    scr_center

        mov     si, menu_items          ; four items: key, then text
        mov     dx, 8 * 256 + 16
.item:  mov     bl, ATTR_KEY
        call    scr_print
        mov     bl, ATTR_BACK
        add     di, 4
        call    scr_puts
        add     dh, 2
        cmp     byte [si], 0
        jne     .item

        mov     bl, ATTR_DIM
        mov     dh, 17
        mov     si, menu_hint
        call    scr_center
        call    status_line
        ret

; status_line: CPU, memory and boot drive on row 21 of a framed screen.
status_line:
        mov     bl, ATTR_FRAME
        mov     dh, 20
        call    scr_rule
        mov     bl, ATTR_DIM
        mov     dx, 21 * 256 + 3
        mov     si, stat_cpu
        call    scr_print
        mov     bl, ATTR_BACK
        call    cpu_name
        call    scr_puts
        mov     bl, ATTR_DIM
        mov     si, stat_mem
        call    scr_puts
        mov     bl, ATTR_BACK
        mov     ax, [mem_conv]
        call    num_dec
        cmp     byte [mem_ext_ok], 0
        je      .kib
        mov     si, stat_plus
        call    scr_puts
        mov     ax, [mem_ext]
        call    num_dec
.kib:   mov     si, stat_kib
        call    scr_puts
        mov     bl, ATTR_DIM
        mov     si, stat_boot
        call    scr_puts
        mov     bl, ATTR_BACK
        mov     al, [boot_drive]
        call    num_hex2h
        ret

menu_title      db " tick86 demo ", 0
menu_head       db "A PC/AT, emulated cycle by cycle", 0
menu_sub        db "press a number; Esc returns here from every screen", 0
menu_items      db " 1 ", 0, "Text mode: colours, frames, and what this PC is", 0
                db " 2 ", 0, "Keyboard: keys echoed with their scan codes", 0
                db " 3 ", 0, "Graphics: 320x200 in 256 colours (mode 13h)", 0
                db " 4 ", 0, "Clock: date and time from the real-time clock", 0
                db 0
menu_hint       db "No DOS, no drivers: BIOS calls, video memory and standard ports.", 0
stat_cpu        db "CPU ", 0
stat_mem        db "   memory ", 0
stat_plus       db " + ", 0
stat_kib        db " KiB", 0
stat_boot       db "   boot drive ", 0

dbg_menu        db "demo: menu", 13, 10, 0

mem_conv        dw 0
mem_ext         dw 0
mem_ext_ok      db 0

%include "lib.asm"
%include "cpu.asm"
%include "text.asm"
%include "keys.asm"
%include "vga.asm"
%include "clock.asm"

        dw      PAYLOAD_MAGIC
payload_end:

; Everything from 0000:7C00 to here must lie below 1_0000h (see boot.asm):
; TIMES with a negative count stops the assembly if it does not.
        times   (10000h - 7C00h) - ($ - $$) db 0
        times   IMAGE_BYTES - ($ - $$) db 0
