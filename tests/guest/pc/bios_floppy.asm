; bios_floppy.asm - guest test of INT 13h for diskettes (Ralf Brown INT
; 13h AH=00h-05h, 08h, 15h-18h) on this 1.44 MB image as drive A:.
; Writes to the last tracks of the image (cylinders 78-79), which hold
; nothing of the program.
;     tick86 -display none -debug-exit -debugcon stdio -fda bios_floppy.img

; tick86-args: -snapshot

%include "lib.inc"

BUF     equ 1000h               ; 0000:1000 - a scratch buffer below 7C00h
BUF2    equ 5000h

test_main:
        ; ---- reset, status ----------------------------------------------
        xor ax, ax
        xor dx, dx
        int 13h
        EXPECT_CF 0, "int13 00 reset A: CF clear"
        EXPECT8 ah, 0, "int13 00 reset A: AH=0"

        ; ---- read the boot sector back and compare with 0000:7C00 ------
        mov ax, 0201h
        mov cx, 0001h
        xor dx, dx
        mov bx, BUF
        int 13h
        EXPECT_CF 0, "int13 02 read boot sector: CF clear"
        EXPECT8 al, 1, "int13 02 read boot sector: AL=1"
        mov si, 7C00h           ; (up to the loader's variables, which changed)
        mov di, BUF
        mov cx, (boot.lba - boot) / 2
        repe cmpsw
        EXPECT_TRUE e, "int13 02 boot sector matches memory", "data differs"

        ; ---- multi-sector read of the program, compare with 0000:7E00 --
        mov ax, 0200h + TEST_SECTORS
        mov cx, 0002h
        xor dx, dx
        mov bx, BUF
        int 13h
        EXPECT_CF 0, "int13 02 multi-sector read: CF clear"
        EXPECT8 al, TEST_SECTORS, "int13 02 multi-sector read: AL"
        mov si, 7E00h
        mov di, BUF
        ; the program's own variables changed since it was loaded: compare
        ; only the code up to them (failures is the first variable)
        mov cx, (failures - boot - 512) / 2
        repe cmpsw
        EXPECT_TRUE e, "int13 02 program sectors match memory", "data differs"

        ; ---- multi-track: sectors 17-18 of head 0, 1-2 of head 1 --------
        call fill_pattern       ; pattern A into BUF2 (4 sectors)
        mov ax, 0304h           ; write 4 sectors at C78 H0 S17: spans to head 1
        mov cx, (78 << 8) | 17
        xor dx, dx
        mov bx, BUF2
        int 13h
        EXPECT_CF 0, "int13 03 multi-track write: CF clear"
        EXPECT8 al, 4, "int13 03 multi-track write: AL=4"
        ; read the two sectors of head 1 alone and compare with the pattern
        mov ax, 0202h
        mov cx, (78 << 8) | 1
        mov dx, 0100h
        mov bx, BUF
        int 13h
        EXPECT_CF 0, "int13 02 read head 1: CF clear"
        mov si, BUF2 + 1024
        mov di, BUF
        mov cx, 512
        repe cmpsw
        EXPECT_TRUE e, "int13 03/02 multi-track data lands on head 1", "data differs"

        ; ---- verify -------------------------------------------------------
        mov ax, 0404h
        mov cx, (78 << 8) | 17
        xor dx, dx
        int 13h
        EXPECT_CF 0, "int13 04 verify: CF clear"
        EXPECT8 al, 4, "int13 04 verify: AL=4"

        ; ---- errors -------------------------------------------------------
        mov ax, 0201h           ; sector 19 does not exist on a 1.44 MB track
        mov cx, (78 << 8) | 19
        xor dx, dx
        mov bx, BUF
        int 13h
        EXPECT_CF 1, "int13 02 sector 19: CF set"
        EXPECT8 ah, 04h, "int13 02 sector 19: AH=04h sector not found"
        mov ah, 01h
        xor dx, dx
        int 13h
        EXPECT8 ah, 04h, "int13 01 status after the error"
        push es
        mov ax, 1000h           ; 1000:FF00 - a 512-byte buffer crossing 20000h
        mov es, ax
        mov bx, 0FF00h
        mov ax, 0201h
        mov cx, 0001h
        xor dx, dx
        int 13h
        pop es
        EXPECT_CF 1, "int13 02 across 64K: CF set"
        EXPECT8 ah, 09h, "int13 02 across 64K: AH=09h DMA boundary"
        mov ax, 0201h           ; B: is not there
        mov cx, 0001h
        mov dx, 0001h
        mov bx, BUF
        int 13h
        EXPECT_CF 1, "int13 02 drive B: absent: CF set"
        mov ah, 0Ah             ; not a diskette function
        xor dx, dx
        int 13h
        EXPECT_CF 1, "int13 0A on a diskette: CF set"
        EXPECT8 ah, 01h, "int13 0A on a diskette: AH=01h"

        ; ---- format a track, read the filler back --------------------------
        mov di, BUF2            ; C/H/R/N for cylinder 79 head 1
        mov cx, 18
        mov al, 1
.idlist:
        mov byte [di], 79
        mov byte [di + 1], 1
        mov [di + 2], al
        mov byte [di + 3], 2
        add di, 4
        inc al
        loop .idlist
        mov ax, 0512h           ; 18 sectors per track
        mov cx, 79 << 8
        mov dx, 0100h
        mov bx, BUF2
        int 13h
        EXPECT_CF 0, "int13 05 format C79 H1: CF clear"
        mov ax, 0201h
        mov cx, (79 << 8) | 5
        mov dx, 0100h
        mov bx, BUF
        int 13h
        EXPECT_CF 0, "int13 02 read formatted sector: CF clear"
        EXPECT16 [BUF], 0F6F6h, "int13 05 sector filled with F6h"
        EXPECT16 [BUF + 510], 0F6F6h, "int13 05 sector end filled with F6h"

        ; ---- parameters -------------------------------------------------
        push es
        xor dx, dx
        mov ah, 08h
        int 13h
        EXPECT_CF 0, "int13 08: CF clear"
        EXPECT8 bl, 4, "int13 08: BL=4 (1.44 MB drive)"
        EXPECT16 cx, 4F12h, "int13 08: CX last cylinder 79, 18 sectors"
        EXPECT16 dx, 0101h, "int13 08: DH=1 DL=1 drive"
        EXPECT8 [es:di + 4], 18, "int13 08: ES:DI table, 18 sectors"
        pop es
        mov ah, 15h
        xor dx, dx
        int 13h
        EXPECT_CF 0, "int13 15 A: CF clear"
        EXPECT8 ah, 02h, "int13 15 A: change line supported"
        mov ah, 15h
        mov dx, 0001h
        int 13h
        EXPECT8 ah, 00h, "int13 15 B: no drive"
        mov ah, 16h
        xor dx, dx
        int 13h
        EXPECT_CF 0, "int13 16 A: not changed since the last access"
        push es
        mov ah, 18h
        mov cx, 4F12h
        xor dx, dx
        int 13h
        EXPECT_CF 0, "int13 18 1.44 MB: CF clear"
        EXPECT8 [es:di + 4], 18, "int13 18 1.44 MB: table"
        mov ah, 18h
        mov cx, 2709h           ; 40 cylinders, 9 sectors: not in a 1.44 MB drive
        xor dx, dx
        int 13h
        EXPECT8 ah, 0Ch, "int13 18 360 KB in a 1.44 MB drive: AH=0Ch"
        pop es
        ; the INT 1Eh table
        push ds
        xor ax, ax
        mov ds, ax
        lds si, [1Eh * 4]
        mov al, [si + 4]
        pop ds
        EXPECT8 al, 18, "int1E table: 18 sectors per track"

        ; ---- the motor goes off after the operation -----------------------
        mov ax, 40h
        mov es, ax
        mov al, [es:3Fh]
        and al, 01h
        EXPECT8 al, 1, "bda 40:3F motor A on after access"
        mov al, [es:40h]
        test al, al
        EXPECT_TRUE nz, "bda 40:40 motor-off count running", "count is 0"
        sti
.motor_wait:
        hlt
        cmp byte [es:40h], 0
        jne .motor_wait
        mov al, [es:3Fh]
        and al, 01h
        EXPECT8 al, 0, "bda 40:3F motor A off after the count"
        xor ax, ax
        mov es, ax

        jmp finish

; fill_pattern: BUF2 = 4 sectors of a counting pattern
fill_pattern:
        mov di, BUF2
        mov cx, 1024
        mov ax, 1234h
.fill:
        stosw
        add ax, 0F1Fh
        loop .fill
        ret

        IMAGE_END
