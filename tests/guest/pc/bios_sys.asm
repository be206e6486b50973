; bios_sys.asm - guest test of the system BIOS's small services:
; INT 11h, 12h, the BIOS data area and EBDA, INT 15h (C0h, 88h, E801h,
; E820h, 24h, 86h, 87h, 4Fh, unknown functions; C2h is in bios_mouse.asm),
; INT 14h, INT 17h.
;
; Expects the default machine: an 80386 or later, 16 MiB of RAM, COM1 and
; COM2, no printer port, no hard disk, this image as drive A:
;     tick86 -display none -debug-exit -debugcon stdio -fda bios_sys.img
; Interrupt list references: Ralf Brown INT 11h, 12h, 14h, 15h, 17h;
; ACPI "INT 15H, E820H" for the address map.

; tick86-args: -m 16

%include "lib.inc"

test_main:
        ; ---- INT 11h / 12h and the data area ---------------------------
        int 12h
        EXPECT16 ax, 639, "int12 base memory 639 KB"
        int 11h
        and ax, 0C0C1h          ; printers, diskettes, diskette-present
        EXPECT16 ax, 0001h, "int11 one diskette, no printer"
        int 11h
        and ax, 0E00h
        EXPECT16 ax, 0400h, "int11 two serial ports"
        mov ax, 40h
        mov es, ax
        EXPECT16 [es:13h], 639, "bda 40:13 base memory"
        EXPECT16 [es:0Eh], 9FC0h, "bda 40:0E EBDA segment"
        EXPECT16 [es:00h], 3F8h, "bda 40:00 COM1"
        EXPECT16 [es:02h], 2F8h, "bda 40:02 COM2"
        EXPECT16 [es:08h], 0, "bda 40:08 no LPT1"
        EXPECT16 [es:80h], 1Eh, "bda 40:80 keyboard buffer start"
        EXPECT16 [es:82h], 3Eh, "bda 40:82 keyboard buffer end"
        EXPECT8 [es:75h], 0, "bda 40:75 no hard disk"
        mov ax, 9FC0h
        mov es, ax
        EXPECT8 [es:0], 1, "ebda size 1 KB"
        push ds
        mov ax, 0F000h
        mov ds, ax
        EXPECT8 [0FFFEh], 0FCh, "rom model byte FC"
        EXPECT16 [0FFF5h], "11", "rom date"
        pop ds

        ; ---- INT 15h C0h: configuration table --------------------------
        mov ah, 0C0h
        int 15h
        EXPECT_CF 0, "int15 C0 CF clear"
        EXPECT8 ah, 0, "int15 C0 AH=0"
        mov ax, es
        EXPECT16 ax, 0F000h, "int15 C0 table segment"
        EXPECT16 bx, 0E6F5h, "int15 C0 table offset"
        EXPECT16 [es:bx], 8, "int15 C0 table length"
        EXPECT8 [es:bx + 2], 0FCh, "int15 C0 model"

        ; ---- INT 15h C1h: EBDA segment ---------------------------------
        mov ah, 0C1h
        int 15h
        EXPECT_CF 0, "int15 C1 CF clear"
        mov ax, es
        EXPECT16 ax, 9FC0h, "int15 C1 EBDA segment"

        ; ---- memory sizes -----------------------------------------------
        ; What exists depends on the CPU: an 8086/80186 reaches no memory
        ; above 1 MiB; a 286 gets what CMOS 30h/31h says (the board stops
        ; its RAM at 15 MiB) but no E820h (it needs 32-bit registers); a
        ; 386 or later gets the exact 16 MiB map.
        call cpu_class
        mov [cpu_cls], al
        cmp al, 2
        jae .has_ext
        mov ah, 88h
        int 15h
        EXPECT16 ax, 0, "int15 88 8086: no extended memory"
        mov ax, 0E801h
        int 15h
        EXPECT_CF 1, "int15 E801 8086: CF set"
        EXPECT8 ah, 86h, "int15 E801 8086: AH=86h"
        jmp .no_e820
.has_ext:
        mov al, 31h
        out 70h, al
        in al, 71h
        mov ah, al
        mov al, 30h
        out 70h, al
        in al, 71h
        mov [cmos_ext], ax
        mov ah, 88h
        int 15h
        EXPECT_CF 0, "int15 88 CF clear"
        EXPECT16 ax, [cmos_ext], "int15 88 extended KB = CMOS 30h/31h"
        mov ax, 0E801h
        int 15h
        EXPECT_CF 0, "int15 E801 CF clear"
        EXPECT16 ax, [cmos_ext], "int15 E801 AX KB 1M-16M"
        EXPECT16 bx, 0, "int15 E801 BX 64K above 16M"
        EXPECT16 cx, [cmos_ext], "int15 E801 CX"
        EXPECT16 dx, 0, "int15 E801 DX"
        cmp byte [cpu_cls], 3
        jae .e820
        mov ax, 0E820h          ; a 286: refused
        int 15h
        EXPECT_CF 1, "int15 E820 286: CF set"
        EXPECT8 ah, 86h, "int15 E820 286: AH=86h"
        jmp .no_e820
.e820:
        EXPECT16 [cmos_ext], 15360, "cmos 30h/31h 15360 KB for 16 MiB"
        call test_e820
.no_e820:

        ; ---- 87h is not available without protected mode ---------------
        ; The block move needs protected mode, which tick86's CPU does not
        ; emulate yet; until it does, the BIOS says "not supported". When
        ; protected mode lands, this check must change to a real copy.
        mov ah, 87h
        int 15h
        EXPECT_CF 1, "int15 87 block move: CF set (no protected mode yet)"
        EXPECT8 ah, 86h, "int15 87 block move: AH=86h not supported (no protected mode yet)"
        mov ah, 0C3h            ; no PS/2 watchdog
        int 15h
        EXPECT_CF 1, "int15 C3 unsupported CF set"
        EXPECT8 ah, 86h, "int15 C3 AH=86h"
        mov ax, 4F1Eh           ; keyboard intercept: CF=1, AL kept
        clc
        int 15h
        EXPECT_CF 1, "int15 4F CF set"
        EXPECT8 al, 1Eh, "int15 4F AL kept"

        ; ---- A20 (286 and later) ---------------------------------------------
        cmp byte [cpu_cls], 2
        jae .a20
        mov ax, 2403h
        int 15h
        EXPECT_CF 1, "int15 2403 8086: CF set"
        jmp .a20_done
.a20:
        mov ax, 2403h
        int 15h
        EXPECT_CF 0, "int15 2403 CF clear"
        EXPECT16 bx, 3, "int15 2403 8042 and port 92h"
        mov ax, 2401h
        int 15h
        EXPECT_CF 0, "int15 2401 enable"
        call a20_wraps
        EXPECT8 al, 0, "a20 on: FFFF:0010 is not 0:0"
        mov ax, 2402h
        int 15h
        EXPECT16 ax, 0001h, "int15 2402 status on"
        mov ax, 2400h
        int 15h
        EXPECT_CF 0, "int15 2400 disable"
        call a20_wraps
        EXPECT8 al, 1, "a20 off: FFFF:0010 wraps to 0:0"
        mov ax, 2402h
        int 15h
        EXPECT16 ax, 0000h, "int15 2402 status off"
        mov ax, 2401h
        int 15h
.a20_done:

        ; ---- 86h wait, measured in timer ticks ----------------------------
        call wait_tick_edge
        mov bx, [es:6Ch]        ; ES = 40h from wait_tick_edge
        mov cx, 0007h           ; 500000 us = 0007A120h
        mov dx, 0A120h
        mov ah, 86h
        int 15h
        EXPECT_CF 0, "int15 86 CF clear"
        mov ax, [es:6Ch]
        sub ax, bx              ; 500 ms = 9.1 ticks
        mov bx, 9
        cmp ax, 10
        jne .not10
        mov bx, 10              ; (a tick edge may fall either side)
.not10:
        mov si, name_wait
        call check16

        ; ---- INT 14h --------------------------------------------------------
        mov ax, 00E3h           ; 9600 baud, no parity, 1 stop bit, 8 bits
        xor dx, dx
        int 14h
        and ah, 60h
        EXPECT8 ah, 60h, "int14 00 COM1 transmitter empty"
        mov ax, 0100h + 'T'
        xor dx, dx
        int 14h
        and ah, 80h
        EXPECT8 ah, 0, "int14 01 COM1 sent without time-out"
        mov ah, 03h
        mov dx, 1
        int 14h
        and ah, 60h
        EXPECT8 ah, 60h, "int14 03 COM2 status"
        mov ah, 03h
        mov dx, 2               ; no COM3
        int 14h
        EXPECT8 ah, 80h, "int14 03 COM3 absent: time-out"

        ; ---- INT 17h: no printer port ---------------------------------------
        mov ah, 02h
        xor dx, dx
        int 17h
        EXPECT8 ah, 09h, "int17 02 no LPT1: time-out, I/O error"
        mov ax, 0041h
        xor dx, dx
        int 17h
        test ah, 01h
        EXPECT_TRUE nz, "int17 00 no LPT1: time-out bit", "AH bit 0 clear"

        jmp finish

name_wait: db "int15 86 500 ms = 9 ticks", 0
cpu_cls:   db 0
cmos_ext:  dw 0

; cpu_class: AL = 0 for an 8086/80186, 2 for a 286, 3 for a 386 or later
; (FLAGS bits 12-15: stuck at 1 on the 8086, at 0 on a 286 in real mode)
cpu_class:
        pushf
        pop bx
        mov ax, bx
        and ax, 0FFFh
        push ax
        popf
        pushf
        pop ax
        and ax, 0F000h
        cmp ax, 0F000h
        mov al, 0
        je .done
        mov ax, bx
        or ax, 7000h
        push ax
        popf
        pushf
        pop ax
        test ax, 7000h
        mov al, 2
        jz .done
        mov al, 3
.done:
        push bx
        popf
        ret

; wait_tick_edge: returns just after 40:6C changed; ES = 40h
wait_tick_edge:
        mov ax, 40h
        mov es, ax
        sti
        mov ax, [es:6Ch]
.wait:
        hlt
        cmp ax, [es:6Ch]
        je .wait
        ret

; a20_wraps: AL = 1 if FFFF:0010 aliases 0000:0000 (A20 off): a change
; at 0:0 shows up at FFFF:0010
a20_wraps:
        push ds
        push es
        cli
        xor ax, ax
        mov ds, ax
        dec ax
        mov es, ax
        mov bx, [0]
        mov ax, bx
        not ax
        mov [0], ax
        cmp ax, [es:10h]
        mov al, 1
        je .restore
        mov al, 0
.restore:
        mov [0], bx
        sti
        pop es
        pop ds
        ret

; ---- E820h: the exact map for 16 MiB ------------------------------------
        cpu 386
test_e820:
        xor ebx, ebx
        xor si, si              ; entry index
        mov ax, ds
        mov es, ax
.next:
        mov di, e820_buf
        mov eax, 0E820h
        mov ecx, 20
        mov edx, 534D4150h
        int 15h
        jc .carry
        cmp eax, 534D4150h
        jne .bad_sig
        ; compare with the expected entry
        push si
        push ebx
        mov ax, si
        mov bx, 20
        mul bx
        mov si, ax
        add si, e820_expected
        mov di, e820_buf
        mov cx, 20
        repe cmpsb
        pop ebx
        pop si
        jne .bad_entry
        inc si
        test ebx, ebx
        jnz .next
        EXPECT16 si, 4, "int15 E820 four entries, all as expected"
        ; a bad signature is refused
        xor ebx, ebx
        mov edx, 12345678h
        mov eax, 0E820h
        mov ecx, 20
        mov di, e820_buf
        int 15h
        EXPECT_CF 1, "int15 E820 without SMAP refused"
        ret
.carry:
        mov si, name_e820
        call fail_begin
        mov si, str_e820_cf
        call put_str
        jmp newline
.bad_sig:
        mov si, name_e820
        call fail_begin
        mov si, str_e820_sig
        call put_str
        jmp newline
.bad_entry:
        push si
        mov si, name_e820
        call fail_begin
        mov si, str_e820_entry
        call put_str
        pop ax
        call put_hex16
        jmp newline
        cpu 8086

name_e820:      db "int15 E820", 0
str_e820_cf:    db "CF set", 0
str_e820_sig:   db "EAX is not SMAP", 0
str_e820_entry: db "wrong entry ", 0
e820_buf:       times 20 db 0
e820_expected:
        dq 0, 9FC00h
        dd 1
        dq 9FC00h, 400h
        dd 2
        dq 0F0000h, 10000h
        dd 2
        dq 100000h, 0F00000h
        dd 1

        IMAGE_END
