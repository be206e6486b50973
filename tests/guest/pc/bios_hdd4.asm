; bios_hdd4.asm - guest test of fixed disks on both ATA channels: POST
; numbers the disks it finds 80h, 81h, ... in the order primary master,
; primary slave, secondary master, secondary slave (an absent unit takes
; no number), 40:75 and INT 13h AH=08h DL count them, and every INT 13h
; service (Ralf Brown INT 13h AH=02h/03h/08h/15h; EDD 3.0 AH=42h/48h)
; reaches the disk it names on its own channel. The fixed disk parameter
; tables (IBM AT Technical Reference: INT 41h for 80h, INT 46h for 81h)
; describe the first two disks only.
;
; The machine: a 1 GiB blank disk as primary master (80h) and as secondary
; master (81h, its own -snapshot overlay), no primary slave, and this very
; floppy image as secondary slave (82h: 2880 sectors, 2 x 16 x 63 CHS):
;     tick86 -display none -debug-exit -debugcon stdio -fda bios_hdd4.img \
;            -hda hd1g.img -hdc hd1g.img -hdd bios_hdd4.img -snapshot -boot a

; tick86-args: -hda @B@/guest/pc/hd1g.img -hdc @B@/guest/pc/hd1g.img -hdd @B@/guest/pc/bios_hdd4.img -snapshot -boot a

%include "lib.inc"

BUF     equ 1000h
BUF2    equ 3000h

test_main:
        push es
        mov ax, 40h
        mov es, ax
        EXPECT8 [es:75h], 3, "bda 40:75 three hard disks"
        pop es

        ; ---- AH=08h: the count and each disk's geometry ----------------------
        mov ah, 08h
        mov dl, 80h
        int 13h
        EXPECT_CF 0, "int13 08 80h: CF clear"
        EXPECT16 cx, 07BFh, "int13 08 80h: 520 x 63 (translated 1 GiB)"
        EXPECT16 dx, 3F03h, "int13 08 80h: 64 heads, DL = 3 drives"
        mov ah, 08h
        mov dl, 81h
        int 13h
        EXPECT_CF 0, "int13 08 81h: CF clear"
        EXPECT16 cx, 07BFh, "int13 08 81h: 520 x 63 (secondary master)"
        EXPECT16 dx, 3F03h, "int13 08 81h: 64 heads, DL = 3 drives"
        mov ah, 08h
        mov dl, 82h
        int 13h
        EXPECT_CF 0, "int13 08 82h: CF clear"
        EXPECT16 cx, 013Fh, "int13 08 82h: 2 cylinders x 63 (secondary slave)"
        EXPECT16 dx, 0F03h, "int13 08 82h: 16 heads, DL = 3 drives"
        mov ah, 08h
        mov dl, 83h
        int 13h
        EXPECT_CF 1, "int13 08 83h: no such disk"
        mov ah, 15h
        mov dl, 82h
        int 13h
        EXPECT8 ah, 03h, "int13 15 82h: fixed disk"
        EXPECT16 dx, 2016, "int13 15 82h: 2 x 16 x 63 sectors"
        mov ah, 15h
        mov dl, 83h
        int 13h
        EXPECT8 ah, 00h, "int13 15 83h: no drive"

        ; ---- 82h is this floppy image: its sector 0 is our boot sector -------
        mov ax, 0201h
        mov cx, 0001h
        mov dx, 0082h
        mov bx, BUF
        int 13h
        EXPECT_CF 0, "int13 02 82h LBA 0: CF clear"
        EXPECT16 [BUF + 3], "TI", "int13 02 82h reads this image's boot sector"
        EXPECT16 [BUF + 510], 0AA55h, "int13 02 82h boot signature"

        ; ---- each disk keeps its own data ------------------------------------
        ; the same sector (C0 H1 S38 = LBA 100) on each disk, a different
        ; pattern on each, then read back through AH=42h
        mov ax, 1111h
        mov dl, 80h
        call write_lba100
        mov ax, 2222h
        mov dl, 81h
        call write_lba100
        mov ax, 3333h
        mov dl, 82h
        call write_lba100
        mov dl, 80h
        call read_lba100
        EXPECT16 [BUF], 1111h, "int13 42 80h reads what 80h got"
        EXPECT16 [BUF + 510], 1111h + 255, "int13 42 80h whole sector"
        mov dl, 81h
        call read_lba100
        EXPECT16 [BUF], 2222h, "int13 42 81h reads what 81h got"
        EXPECT16 [BUF + 510], 2222h + 255, "int13 42 81h whole sector"
        mov dl, 82h
        call read_lba100
        EXPECT16 [BUF], 3333h, "int13 42 82h reads what 82h got"
        EXPECT16 [BUF + 510], 3333h + 255, "int13 42 82h whole sector"

        ; ---- EDD 48h: the secondary channel's ports, IRQ and unit ------------
        mov dl, 81h
        call get_params
        EXPECT_CF 0, "int13 48 81h: CF clear"
        EXPECT16 [BUF + 30h], 170h, "int13 48 81h: interface path 170h"
        EXPECT8 [BUF + 38h], 0, "int13 48 81h: device path master"
        call check_path_sum
        call read_dpte
        EXPECT16 ax, 170h, "int13 48 81h: DPTE base port 170h"
        EXPECT16 cx, 376h, "int13 48 81h: DPTE control port 376h"
        EXPECT16 bx, 0FE0h, "int13 48 81h: DPTE master with LBA, IRQ 15"
        EXPECT8 dl, 0, "int13 48 81h: DPTE checksum"
        mov dl, 82h
        call get_params
        EXPECT_CF 0, "int13 48 82h: CF clear"
        EXPECT16 [BUF + 10h], 2880, "int13 48 82h: 2880 sectors"
        EXPECT16 [BUF + 30h], 170h, "int13 48 82h: interface path 170h"
        EXPECT8 [BUF + 38h], 1, "int13 48 82h: device path slave"
        call check_path_sum
        call read_dpte
        EXPECT16 ax, 170h, "int13 48 82h: DPTE base port 170h"
        EXPECT16 cx, 376h, "int13 48 82h: DPTE control port 376h"
        EXPECT16 bx, 0FF0h, "int13 48 82h: DPTE slave with LBA, IRQ 15"
        EXPECT8 dl, 0, "int13 48 82h: DPTE checksum"
        mov dl, 80h
        call get_params
        EXPECT16 [BUF + 30h], 1F0h, "int13 48 80h: interface path 1F0h"
        call read_dpte
        EXPECT16 ax, 1F0h, "int13 48 80h: DPTE base port 1F0h"
        EXPECT16 bx, 0EE0h, "int13 48 80h: DPTE master with LBA, IRQ 14"

        ; ---- INT 41h / 46h: disks 80h and 81h, untouched by 82h --------------
        push ds
        xor ax, ax
        mov ds, ax
        lds si, [41h * 4]
        mov ax, [si]
        pop ds
        EXPECT16 ax, 520, "int41 table: disk 80h, 520 cylinders"
        push ds
        xor ax, ax
        mov ds, ax
        lds si, [46h * 4]
        mov ax, [si]
        mov bl, [si + 2]
        mov cx, 16
        xor dl, dl
.sum46:
        add dl, [si]
        inc si
        loop .sum46
        pop ds
        EXPECT16 ax, 520, "int46 table: disk 81h, 520 cylinders"
        EXPECT8 bl, 64, "int46 table: disk 81h, 64 heads"
        EXPECT8 dl, 0, "int46 table checksum"

        jmp finish

; write_lba100: DL = drive; sector C0 H1 S38 gets words AX, AX+1, ...
write_lba100:
        push dx
        mov di, BUF2
        mov cx, 256
.fill:
        stosw
        inc ax
        loop .fill
        pop dx
        mov ax, 0301h
        mov cx, 0026h           ; cylinder 0, sector 38
        mov dh, 1
        mov bx, BUF2
        int 13h
        EXPECT_CF 0, "int13 03 LBA 100: CF clear"
        ret

; read_lba100: DL = drive; LBA 100 to BUF through AH=42h
read_lba100:
        mov word [BUF], 0
        mov word [BUF + 510], 0
        mov word [packet + 2], 1
        mov word [packet + 4], BUF
        mov word [packet + 6], 0
        mov word [packet + 8], 100
        mov word [packet + 10], 0
        mov ah, 42h
        mov si, packet
        int 13h
        EXPECT_CF 0, "int13 42 LBA 100: CF clear"
        ret

; get_params: DL = drive; AH=48h into BUF with a 4Ah-byte buffer
get_params:
        mov di, BUF
        mov cx, 4Ah / 2
        xor ax, ax
        rep stosw
        mov word [BUF], 4Ah
        mov ah, 48h
        mov si, BUF
        int 13h
        ret

; check_path_sum: bytes 1Eh-49h of BUF sum to 0
check_path_sum:
        mov si, BUF + 1Eh
        mov cx, 2Ch
        xor al, al
.sum:
        add al, [si]
        inc si
        loop .sum
        EXPECT8 al, 0, "int13 48: device path checksum"
        ret

; read_dpte: the DPTE BUF points at -> AX base port, CX control port,
; BL head prefix, BH IRQ, DL = sum of its 16 bytes
read_dpte:
        push ds
        lds si, [BUF + 1Ah]
        mov ax, [si]
        mov cx, [si + 2]
        mov bl, [si + 4]
        mov bh, [si + 6]
        push cx
        mov cx, 16
        xor dl, dl
.sum:
        add dl, [si]
        inc si
        loop .sum
        pop cx
        pop ds
        ret

packet: db 10h, 0
        dw 0
        dw 0, 0
        dd 0, 0

        IMAGE_END
