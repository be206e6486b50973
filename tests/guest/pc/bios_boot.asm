; bios_boot.asm - guest test of the ways back into the BIOS: a CPU reset
; through the 8042 (command FEh) with CMOS shutdown code 0Ah, which must
; come back to the far pointer at 40:67 without running POST (IBM AT
; Technical Reference, "Shutdown status byte"), and a warm boot (40:72 =
; 1234h, jump to F000:FFF0, as Ctrl-Alt-Del does), which must run POST
; again but keep memory, boot this diskette again, and reset 40:72.
; Also checks what INT 19h handed the boot sector.
;     tick86 -display none -debug-exit -debugcon stdio -fda bios_boot.img

; tick86-args: -snapshot

%include "lib.inc"

MARK_SEG        equ 2000h       ; survives the warm boot if POST skips the memory test

test_main:
        push es
        mov ax, MARK_SEG
        mov es, ax
        cmp word [es:0], "WB"
        pop es
        je second_boot

        ; ---- first boot ---------------------------------------------------
        EXPECT8 [boot_drive], 0, "int19 boots A: with DL=0"
        push es
        mov ax, 40h
        mov es, ax
        EXPECT16 [es:72h], 0, "bda 40:72 reset flag clear after POST"
        pop es

        ; CPU reset through the 8042 with shutdown code 0Ah: POST must jump
        ; straight to 40:67
        cli
        push es
        mov ax, 40h
        mov es, ax
        mov word [es:67h], after_reset
        mov word [es:69h], 0
        pop es
        mov [saved_sp], sp
        mov al, 8Fh             ; CMOS 0Fh (NMI off while we are at it)
        out 70h, al
        mov al, 0Ah
        out 71h, al
        mov al, 0FEh            ; pulse the CPU reset line
        out 64h, al
.stuck:
        hlt
        jmp .stuck
after_reset:
        xor ax, ax
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov sp, [saved_sp]
        mov al, 0Dh             ; NMI back on
        out 70h, al
        sti
        mov si, name_shutdown
        call pass
        mov al, 0Fh
        out 70h, al
        in al, 71h
        EXPECT8 al, 0, "cmos 0F shutdown code cleared by the BIOS"

        ; warm boot: mark memory, set 40:72 = 1234h, jump to the reset vector
        push es
        mov ax, MARK_SEG
        mov es, ax
        mov word [es:0], "WB"
        mov ax, [failures]
        mov [es:2], ax          ; carry the failure count into the second run
        mov ax, 40h
        mov es, ax
        mov word [es:72h], 1234h
        pop es
        jmp 0F000h:0FFF0h

second_boot:
        push es
        mov ax, MARK_SEG
        mov es, ax
        mov ax, [es:2]
        mov [failures], ax
        mov word [es:0], 0
        pop es
        mov si, name_warm
        call pass
        push es
        mov ax, 40h
        mov es, ax
        EXPECT16 [es:72h], 0, "bda 40:72 reset flag clear after the warm boot"
        EXPECT16 [es:13h], 639, "bda 40:13 after the warm boot"
        pop es
        EXPECT8 [boot_drive], 0, "int19 boots A: again with DL=0"
        jmp finish

saved_sp:       dw 0
name_shutdown:  db "cmos shutdown 0Ah: reset returns through 40:67", 0
name_warm:      db "warm boot keeps memory and boots again", 0

        IMAGE_END
