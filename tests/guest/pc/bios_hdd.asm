; bios_hdd.asm - guest test of INT 13h for a fixed disk on the primary
; ATA channel: CHS functions (Ralf Brown INT 13h AH=00h-04h, 08h, 0Ch,
; 0Dh, 10h, 15h), the EDD 3.0 extensions (AH=41h-48h), the LBA-assisted
; translation and the fixed disk parameter table (INT 41h).
;
; Needs a blank 1 GiB disk image as the primary master (the board gives
; it 2080 cylinders, 16 heads, 63 sectors; 2080 > 1024, so the BIOS
; translates to 520 x 64 x 63):
;     truncate -s 1G hd.img
;     tick86 -display none -debug-exit -debugcon stdio -fda bios_hdd.img -hda hd.img -boot a

; tick86-args: -hda @B@/guest/pc/hd1g.img -snapshot -boot a

%include "lib.inc"

BUF     equ 1000h
BUF2    equ 3000h

test_main:
        push es
        mov ax, 40h
        mov es, ax
        EXPECT8 [es:75h], 1, "bda 40:75 one hard disk"
        pop es

        ; ---- reset, ready -------------------------------------------------
        mov ah, 00h
        mov dl, 80h
        int 13h
        EXPECT_CF 0, "int13 00 reset 80h: CF clear"
        mov ah, 0Dh
        mov dl, 80h
        int 13h
        EXPECT_CF 0, "int13 0D alternate reset: CF clear"
        mov ah, 10h
        mov dl, 80h
        int 13h
        EXPECT_CF 0, "int13 10 drive ready: CF clear"

        ; ---- geometry -------------------------------------------------------
        mov ah, 08h
        mov dl, 80h
        int 13h
        EXPECT_CF 0, "int13 08: CF clear"
        EXPECT16 cx, 07BFh, "int13 08: CX = cylinder 519, 63 sectors"
        EXPECT16 dx, 3F01h, "int13 08: DH = head 63, DL = 1 drive"
        mov ah, 15h
        mov dl, 80h
        int 13h
        EXPECT_CF 0, "int13 15: CF clear"
        EXPECT8 ah, 03h, "int13 15: AH=03h fixed disk"
        EXPECT16 cx, 001Fh, "int13 15: CX sectors high (520*64*63)"
        EXPECT16 dx, 0FE00h, "int13 15: DX sectors low"
        mov ah, 15h
        mov dl, 81h
        int 13h
        EXPECT_CF 0, "int13 15 81h: CF clear"
        EXPECT8 ah, 00h, "int13 15 81h: no drive"
        mov ax, 0201h
        mov cx, 0001h
        mov dx, 0081h
        mov bx, BUF
        int 13h
        EXPECT_CF 1, "int13 02 81h: CF set"
        EXPECT8 ah, 01h, "int13 02 81h: AH=01h"

        ; ---- fixed disk parameter table (INT 41h), translated form ----------
        push ds
        xor ax, ax
        mov ds, ax
        lds si, [41h * 4]
        mov cx, 16
        xor al, al
.fdpt_sum:
        add al, [si]
        inc si
        loop .fdpt_sum
        sub si, 16
        mov ah, al              ; AH = checksum
        mov al, [si + 0Eh]
        mov dl, al
        mov dh, [si + 4]
        mov bl, [si + 2]
        mov bh, [si + 3]
        mov cx, [si + 9]
        push word [si]
        pop di
        pop ds
        EXPECT8 ah, 0, "int41 table checksum"
        mov ax, di
        EXPECT16 ax, 520, "int41 table logical cylinders"
        EXPECT16 bx, 0A040h, "int41 table 64 heads, A0h signature"
        EXPECT16 cx, 2080, "int41 table physical cylinders"
        EXPECT16 dx, 3F3Fh, "int41 table 63 sectors logical and physical"

        ; ---- EDD ----------------------------------------------------------
        mov ah, 41h
        mov bx, 55AAh
        mov dl, 80h
        int 13h
        EXPECT_CF 0, "int13 41: CF clear"
        EXPECT16 bx, 0AA55h, "int13 41: BX=AA55h"
        EXPECT8 ah, 30h, "int13 41: EDD 3.0"
        EXPECT16 cx, 0005h, "int13 41: fixed disk access and EDD"
        mov ah, 41h
        mov bx, 55AAh
        mov dl, 00h
        int 13h
        EXPECT_CF 1, "int13 41 on a diskette: CF set"

        mov di, BUF
        mov cx, 80h / 2
        xor ax, ax
        rep stosw
        mov word [BUF], 4Ah
        mov ah, 48h
        mov dl, 80h
        mov si, BUF
        int 13h
        EXPECT_CF 0, "int13 48: CF clear"
        EXPECT16 [BUF + 00h], 4Ah, "int13 48: size 4Ah"
        EXPECT16 [BUF + 02h], 0003h, "int13 48: flags DMA-transparent, CHS valid"
        EXPECT16 [BUF + 04h], 2080, "int13 48: cylinders"
        EXPECT16 [BUF + 08h], 16, "int13 48: heads"
        EXPECT16 [BUF + 0Ch], 63, "int13 48: sectors per track"
        EXPECT16 [BUF + 10h], 0000h, "int13 48: sectors low"
        EXPECT16 [BUF + 12h], 0020h, "int13 48: sectors high (2097152)"
        EXPECT16 [BUF + 18h], 512, "int13 48: bytes per sector"
        EXPECT16 [BUF + 1Eh], 0BEDDh, "int13 48: device path key"
        EXPECT16 [BUF + 24h], "IS", "int13 48: host bus ISA"
        EXPECT16 [BUF + 28h], "AT", "int13 48: interface ATA"
        EXPECT16 [BUF + 30h], 1F0h, "int13 48: interface path 1F0h"
        mov si, BUF + 1Eh
        mov cx, 2Ch
        xor al, al
.path_sum:
        add al, [si]
        inc si
        loop .path_sum
        EXPECT8 al, 0, "int13 48: device path checksum"
        push ds
        lds si, [BUF + 1Ah]
        mov ax, [si]
        mov bl, [si + 4]
        mov bh, [si + 6]
        mov cx, 16
        xor dl, dl
.dpte_sum:
        add dl, [si]
        inc si
        loop .dpte_sum
        pop ds
        EXPECT16 ax, 1F0h, "int13 48: DPTE base port"
        EXPECT16 bx, 0EE0h, "int13 48: DPTE master with LBA, IRQ 14"
        EXPECT8 dl, 0, "int13 48: DPTE checksum"
        mov word [BUF], 10h
        mov ah, 48h
        mov dl, 80h
        mov si, BUF
        int 13h
        EXPECT_CF 1, "int13 48 with a 16-byte buffer: CF set"

        ; ---- CHS write, read back through LBA -------------------------------
        call fill_pattern
        mov ax, 0302h           ; C1 H2 S3 = (1*64+2)*63+2 = LBA 4160
        mov cx, 0103h
        mov dx, 0280h
        mov bx, BUF2
        int 13h
        EXPECT_CF 0, "int13 03 CHS write: CF clear"
        EXPECT8 al, 2, "int13 03 CHS write: AL=2"
        mov word [packet + 2], 2
        mov word [packet + 4], BUF
        mov word [packet + 6], 0
        mov word [packet + 8], 4160
        mov word [packet + 10], 0
        mov ah, 42h
        mov dl, 80h
        mov si, packet
        int 13h
        EXPECT_CF 0, "int13 42 read LBA 4160: CF clear"
        mov si, BUF2
        mov di, BUF
        mov cx, 512
        repe cmpsw
        EXPECT_TRUE e, "int13 42 LBA 4160 holds what CHS 1/2/3 wrote", "data differs"
        mov ax, 0201h           ; and CHS read of the second sector (C1 H2 S4)
        mov cx, 0104h
        mov dx, 0280h
        mov bx, BUF
        int 13h
        EXPECT_CF 0, "int13 02 CHS read: CF clear"
        mov si, BUF2 + 512
        mov di, BUF
        mov cx, 256
        repe cmpsw
        EXPECT_TRUE e, "int13 02 CHS 1/2/4 reads back", "data differs"

        ; ---- extended write beyond the CHS range, read into 2000:FF00 ------
        mov word [packet + 2], 3
        mov word [packet + 4], BUF2
        mov word [packet + 6], 0
        mov word [packet + 8], 8480h    ; LBA 2000000 = 1E8480h
        mov word [packet + 10], 1Eh
        mov ah, 43h
        mov al, 0
        mov dl, 80h
        mov si, packet
        int 13h
        EXPECT_CF 0, "int13 43 write LBA 2000000: CF clear"
        EXPECT16 [packet + 2], 3, "int13 43: 3 sectors written"
        mov word [packet + 4], 0FF00h   ; a buffer that crosses a segment's end
        mov word [packet + 6], 2000h
        mov ah, 42h
        mov dl, 80h
        mov si, packet
        int 13h
        EXPECT_CF 0, "int13 42 read into 2000:FF00: CF clear"
        push ds
        push es
        mov ax, 2FF0h           ; 2000:FF00 = 2FF0:0000
        mov ds, ax
        xor si, si
        xor ax, ax
        mov es, ax
        mov di, BUF2
        mov cx, 768
        repe cmpsw
        pop es
        pop ds
        EXPECT_TRUE e, "int13 42 data past the 64 KB offset wrap", "data differs"

        ; ---- verify, seek, errors ------------------------------------------
        mov word [packet + 2], 10
        mov word [packet + 8], 0
        mov word [packet + 10], 0
        mov ah, 44h
        mov dl, 80h
        mov si, packet
        int 13h
        EXPECT_CF 0, "int13 44 verify: CF clear"
        mov word [packet + 8], 0FFFFh   ; LBA 2097151, the last sector
        mov word [packet + 10], 1Fh
        mov ah, 47h
        mov dl, 80h
        mov si, packet
        int 13h
        EXPECT_CF 0, "int13 47 seek to the last sector: CF clear"
        mov word [packet + 2], 2        ; two sectors from the last: beyond the end
        mov ah, 42h
        mov dl, 80h
        mov si, packet
        int 13h
        EXPECT_CF 1, "int13 42 past the end: CF set"
        EXPECT8 ah, 04h, "int13 42 past the end: AH=04h"
        EXPECT16 [packet + 2], 0, "int13 42 past the end: 0 sectors moved"
        mov ah, 01h
        mov dl, 80h
        int 13h
        EXPECT8 ah, 04h, "int13 01 last status"
        mov ax, 0201h           ; sector 0 does not exist
        mov cx, 0000h
        mov dx, 0080h
        mov bx, BUF
        int 13h
        EXPECT_CF 1, "int13 02 sector 0: CF set"
        mov ah, 0Ch             ; seek to cylinder 520 (beyond 519)
        mov cx, 0801h | (2 << 6)
        mov dx, 0080h
        int 13h
        EXPECT_CF 1, "int13 0C cylinder 520: CF set"
        mov ah, 0Ch
        mov cx, 0701h | (2 << 6)
        mov dx, 0080h
        int 13h
        EXPECT_CF 0, "int13 0C cylinder 519: CF clear"

        jmp finish

fill_pattern:
        mov di, BUF2
        mov cx, 768
        mov ax, 0A5C3h
.fill:
        stosw
        add ax, 1F3Bh
        loop .fill
        ret

packet: db 10h, 0
        dw 0
        dw 0, 0
        dd 0, 0

        IMAGE_END
