; bios_hdc.asm - guest test of a lone fixed disk on the secondary ATA
; channel: with the primary channel empty, the secondary master is disk
; 80h (40:75 = 1, INT 13h AH=08h DL = 1), INT 19h boots from it
; (IBM AT Technical Reference "Bootstrap"; DL = 80h for the boot sector),
; and INT 13h (Ralf Brown AH=02h/08h; EDD 3.0 AH=48h) and the INT 41h
; table (IBM AT Technical Reference) describe it.
;
; The disk is this very image (2880 sectors: the board gives it 2 x 16 x
; 63), booted with -boot c. The program must stay within the first 18
; sectors (9 KB): lib.inc's loader counts 18 sectors per track, which
; only agrees with the disk's 63 on the first track.
;     tick86 -display none -debug-exit -debugcon stdio -fda bios_hdc.img \
;            -hdc bios_hdc.img -snapshot -boot c

; tick86-args: -hdc @B@/guest/pc/bios_hdc.img -snapshot -boot c

%include "lib.inc"

BUF     equ 1000h

test_main:
        EXPECT8 [boot_drive], 80h, "int19 booted the secondary master as 80h"
        push es
        mov ax, 40h
        mov es, ax
        EXPECT8 [es:75h], 1, "bda 40:75 one hard disk"
        pop es

        mov ah, 08h
        mov dl, 80h
        int 13h
        EXPECT_CF 0, "int13 08 80h: CF clear"
        EXPECT16 cx, 013Fh, "int13 08 80h: 2 cylinders x 63"
        EXPECT16 dx, 0F01h, "int13 08 80h: 16 heads, DL = 1 drive"
        mov ah, 08h
        mov dl, 81h
        int 13h
        EXPECT_CF 1, "int13 08 81h: no such disk"

        ; sector 1 (C0 H0 S2) holds the start of this program; its first
        ; word is lib.inc's failure count, which changes as the test runs
        mov ax, 0201h
        mov cx, 0002h
        mov dx, 0080h
        mov bx, BUF
        int 13h
        EXPECT_CF 0, "int13 02 80h C0 H0 S2: CF clear"
        mov si, 7E00h + 2
        mov di, BUF + 2
        mov cx, 255
        repe cmpsw
        EXPECT_TRUE e, "int13 02 80h reads this program's first sector", "data differs"

        mov di, BUF
        mov cx, 4Ah / 2
        xor ax, ax
        rep stosw
        mov word [BUF], 4Ah
        mov ah, 48h
        mov dl, 80h
        mov si, BUF
        int 13h
        EXPECT_CF 0, "int13 48 80h: CF clear"
        EXPECT16 [BUF + 10h], 2880, "int13 48 80h: 2880 sectors"
        EXPECT16 [BUF + 30h], 170h, "int13 48 80h: interface path 170h"
        push ds
        lds si, [BUF + 1Ah]
        mov ax, [si]
        mov bl, [si + 4]
        mov bh, [si + 6]
        pop ds
        EXPECT16 ax, 170h, "int13 48 80h: DPTE base port 170h"
        EXPECT16 bx, 0FE0h, "int13 48 80h: DPTE master with LBA, IRQ 15"

        push ds
        xor ax, ax
        mov ds, ax
        lds si, [41h * 4]
        mov ax, [si]
        mov bl, [si + 2]
        mov bh, [si + 0Eh]
        pop ds
        EXPECT16 ax, 2, "int41 table: 2 cylinders"
        EXPECT16 bx, 3F10h, "int41 table: 16 heads, 63 sectors"

        jmp finish

        IMAGE_END
