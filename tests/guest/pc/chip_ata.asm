; chip_ata.asm - guest test of the ATA channels through their ports, with
; a 1 GiB disk as primary master and nothing on the secondary channel.
; Follows ANSI X3.221 (ATA-1) and X3.279 (ATA-2): section 7 (the task file,
; status bits BSY DRDY DSC DRQ ERR, the error register's ABRT, device
; control nIEN and SRST, LBA in the drive/head register), 8 (IDENTIFY
; DEVICE and its words 0-6, 10-19, 27-46, 49, 60-61; READ SECTORS and
; WRITE SECTORS in LBA; NOP and commands the device does not implement end
; with ABRT; EXECUTE DEVICE DIAGNOSTIC's code 01h), 9 (PIO data-in and
; data-out: INTRQ per block, the task file naming the last sector) and
; 9.1 (the signature after SRST); the PC wiring (primary at 1F0h/3F6h on
; IRQ14, secondary at 170h/376h on IRQ15) is the IBM PC/AT's. A channel
; with no device reads all ones: nothing drives the bus.
;
;     tick86 -display none -debug-exit -debugcon stdio -fda chip_ata.img -hda hd1g.img -snapshot

; tick86-args: -hda @B@/guest/pc/hd1g.img -snapshot

%include "lib.inc"
%include "chip_lib.inc"

ATA     equ 1F0h
ATA2    equ 170h
DATA    equ 0
ERR     equ 1
FEAT    equ 1
NSECT   equ 2
SECT    equ 3
LCYL    equ 4
HCYL    equ 5
SELECT  equ 6
STATUS  equ 7
CMD     equ 7
DEVCTL  equ 3F6h
ALTST   equ 3F6h
BUF_SEG equ 2000h
TEST_LBA equ 0ABCDEh

%macro OUTB 2
        mov dx, %1
        mov al, %2
        out dx, al
%endmacro
%macro INB 1
        mov dx, %1
        in al, dx
%endmacro

test_main:
        cli
        in al, PIC2_DATA
        mov [imr2], al
        or al, 40h              ; IRQ14 masked: we look at IRR
        out PIC2_DATA, al
        OUTB DEVCTL, 00h        ; nIEN clear: INTRQ drives IRQ14

        ; ---- IDENTIFY DEVICE ------------------------------------------------------
        OUTB ATA + SELECT, 0A0h ; master
        INB ATA + STATUS
        EXPECT8 al, 50h, "ata status 50h: ready, seek complete"
        OUTB ATA + CMD, 0ECh
        call wait_drq
        EXPECT8 al, 58h, "ata IDENTIFY: DRQ with DRDY and DSC"
        call pic2_irr
        and al, 40h
        EXPECT8 al, 40h, "ata IDENTIFY raises IRQ14 for the data block"
        INB ATA + STATUS        ; acknowledges the interrupt
        call pic2_irr
        and al, 40h
        EXPECT8 al, 0, "ata reading status drops IRQ14"
        mov ax, BUF_SEG
        mov es, ax
        xor di, di
        mov cx, 256
        mov dx, ATA + DATA
.id:
        in ax, dx
        stosw
        loop .id
        xor ax, ax
        mov es, ax
        INB ATA + STATUS
        EXPECT8 al, 50h, "ata status 50h after the 256 words: DRQ clear"
        push ds
        mov ax, BUF_SEG
        mov ds, ax
        mov ax, [0]
        mov bx, [1 * 2]
        mov cx, [3 * 2]
        mov dx, [6 * 2]
        mov si, [49 * 2]
        mov di, [60 * 2]
        mov bp, [61 * 2]
        pop ds
        EXPECT16 ax, 0040h, "ata IDENTIFY word 0: fixed disk"
        EXPECT16 bx, 2080, "ata IDENTIFY word 1: 2080 cylinders"
        EXPECT16 cx, 16, "ata IDENTIFY word 3: 16 heads"
        EXPECT16 dx, 63, "ata IDENTIFY word 6: 63 sectors per track"
        and si, 0200h
        EXPECT16 si, 0200h, "ata IDENTIFY word 49: LBA supported"
        EXPECT16 di, 0000h, "ata IDENTIFY word 60: sectors, low word"
        EXPECT16 bp, 0020h, "ata IDENTIFY words 60-61: 2097152 sectors (1 GiB)"
        push ds
        mov ax, BUF_SEG
        mov ds, ax
        mov ax, [27 * 2]
        mov bx, [28 * 2]
        pop ds
        EXPECT16 ax, 'T' << 8 | 'I', "ata IDENTIFY model: 'TI' first, high byte first"
        EXPECT16 bx, 'C' << 8 | 'K', "ata IDENTIFY model: then 'CK'"

        ; ---- LBA28 write, then read back ------------------------------------------
        mov ax, BUF_SEG         ; the pattern: word i = i * 0101h xor 5AA5h
        mov es, ax
        xor di, di
        xor bx, bx
        mov cx, 256
.pat:
        mov ax, bx
        xor ax, 5AA5h
        stosw
        add bx, 0101h
        loop .pat
        xor ax, ax
        mov es, ax
        call set_lba
        OUTB ATA + CMD, 30h     ; WRITE SECTORS
        call wait_drq
        EXPECT8 al, 58h, "ata WRITE SECTORS: DRQ for the first block"
        call pic2_irr
        and al, 40h
        EXPECT8 al, 0, "ata WRITE SECTORS: no IRQ14 before the first block"
        push ds
        mov ax, BUF_SEG
        mov ds, ax
        xor si, si
        mov cx, 256
        mov dx, ATA + DATA
.wr:
        lodsw
        out dx, ax
        loop .wr
        pop ds
        call pic2_irr
        and al, 40h
        EXPECT8 al, 40h, "ata WRITE SECTORS: IRQ14 once the block is written"
        INB ATA + STATUS
        EXPECT8 al, 50h, "ata WRITE SECTORS: status 50h at the end"
        call check_lba
        mov ax, BUF_SEG         ; clear the buffer before reading back
        mov es, ax
        xor di, di
        xor ax, ax
        mov cx, 256
        rep stosw
        mov es, ax
        call set_lba
        OUTB ATA + CMD, 20h     ; READ SECTORS
        call wait_drq
        EXPECT8 al, 58h, "ata READ SECTORS: DRQ"
        mov ax, BUF_SEG
        mov es, ax
        xor di, di
        mov cx, 256
        mov dx, ATA + DATA
.rd:
        in ax, dx
        stosw
        loop .rd
        xor ax, ax
        mov es, ax
        INB ATA + STATUS
        EXPECT8 al, 50h, "ata READ SECTORS: status 50h after the block"
        call check_lba
        push ds                 ; compare with the pattern
        mov ax, BUF_SEG
        mov ds, ax
        xor si, si
        xor bx, bx
        mov cx, 256
        mov dl, 0
.cmp:
        lodsw
        mov bp, bx
        xor bp, 5AA5h
        cmp ax, bp
        je .same
        mov dl, 1
.same:
        add bx, 0101h
        loop .cmp
        pop ds
        EXPECT8 dl, 0, "ata LBA 0ABCDEh reads back what was written"

        ; ---- two sectors in CHS: one interrupt per block ------------------------------
        ; LBA 0ABCDEh = 703710 = (698 * 16 + 2) * 63 + 0: C 698, H 2, S 1 in the
        ; default translation (16 heads, 63 sectors); start one sector before.
        OUTB ATA + NSECT, 2
        OUTB ATA + SECT, 63
        OUTB ATA + LCYL, 698 & 0FFh
        OUTB ATA + HCYL, 698 >> 8
        OUTB ATA + SELECT, 0A1h ; CHS, master, head 1
        OUTB ATA + CMD, 20h
        call wait_drq
        EXPECT8 al, 58h, "ata CHS READ of 2: DRQ for the first block"
        INB ATA + STATUS
        mov cx, 256
        mov dx, ATA + DATA
.blk1:
        in ax, dx
        loop .blk1
        call pic2_irr
        and al, 40h
        EXPECT8 al, 40h, "ata CHS READ of 2: IRQ14 again for the second block"
        INB ATA + STATUS
        EXPECT8 al, 58h, "ata CHS READ of 2: DRQ for the second block"
        INB ATA + NSECT
        EXPECT8 al, 1, "ata CHS READ of 2: one sector left"
        mov ax, BUF_SEG
        mov es, ax
        xor di, di
        mov cx, 256
        mov dx, ATA + DATA
.blk2:
        in ax, dx
        stosw
        loop .blk2
        xor ax, ax
        mov es, ax
        INB ATA + STATUS
        EXPECT8 al, 50h, "ata CHS READ of 2: status 50h at the end"
        INB ATA + SECT
        EXPECT8 al, 1, "ata CHS READ: task file ends at sector 1 ..."
        INB ATA + SELECT
        EXPECT8 al, 0A2h, "ata CHS READ: ... head 2 ..."
        INB ATA + LCYL
        mov ah, al
        INB ATA + HCYL
        xchg al, ah
        EXPECT16 ax, 698, "ata CHS READ: ... cylinder 698"
        push ds
        mov ax, BUF_SEG
        mov ds, ax
        mov ax, [0]
        mov bx, [2 * 255]
        pop ds
        EXPECT16 ax, 5AA5h, "ata CHS C698 H2 S1 is LBA 0ABCDEh: first word"
        EXPECT16 bx, 0FFFFh ^ 5AA5h, "ata CHS C698 H2 S1 is LBA 0ABCDEh: last word"

        ; ---- bad commands: ABRT ------------------------------------------------------
        OUTB ATA + CMD, 00h     ; NOP: always aborted (ATA-2 8.x)
        INB ATA + STATUS
        EXPECT8 al, 51h, "ata NOP: status 51h (ERR)"
        INB ATA + ERR
        EXPECT8 al, 04h, "ata NOP: error 04h (ABRT)"
        OUTB ATA + CMD, 0A1h    ; IDENTIFY PACKET DEVICE: not an ATAPI device
        INB ATA + STATUS
        EXPECT8 al, 51h, "ata A1h on a disk: status 51h"
        INB ATA + ERR
        EXPECT8 al, 04h, "ata A1h on a disk: ABRT"
        OUTB ATA + FEAT, 0AAh   ; SET FEATURES with a subcommand it lacks
        OUTB ATA + CMD, 0EFh
        INB ATA + ERR
        EXPECT8 al, 04h, "ata SET FEATURES AAh: ABRT"
        OUTB ATA + CMD, 0ECh    ; a good command clears ERR
        call wait_drq
        EXPECT8 al, 58h, "ata IDENTIFY after an abort: no ERR"
        INB ATA + ERR
        EXPECT8 al, 00h, "ata error register cleared by the next command"
        mov cx, 256
        mov dx, ATA + DATA
.drain:
        in ax, dx
        loop .drain

        ; ---- nIEN, SRST and the signature ---------------------------------------------
        INB ATA + STATUS
        OUTB DEVCTL, 02h        ; nIEN
        OUTB ATA + CMD, 10h     ; RECALIBRATE: completes with an interrupt
        call pic2_irr
        and al, 40h
        EXPECT8 al, 0, "ata nIEN keeps IRQ14 low"
        INB ATA + STATUS
        OUTB DEVCTL, 06h        ; SRST
        INB ALTST
        and al, 80h
        EXPECT8 al, 80h, "ata BSY while SRST is held"
        OUTB DEVCTL, 00h
        INB ALTST
        EXPECT8 al, 50h, "ata status 50h after the reset"
        INB ATA + NSECT
        mov ah, al
        INB ATA + SECT
        EXPECT16 ax, 0101h, "ata signature: count 1, sector 1"
        INB ATA + LCYL
        mov ah, al
        INB ATA + HCYL
        EXPECT16 ax, 0000h, "ata signature: cylinder 0 (not ATAPI)"
        INB ATA + ERR
        EXPECT8 al, 01h, "ata diagnostic code 01h after the reset"
        OUTB ATA + CMD, 90h     ; EXECUTE DEVICE DIAGNOSTIC
        INB ATA + ERR
        EXPECT8 al, 01h, "ata EXECUTE DEVICE DIAGNOSTIC: code 01h"
        INB ATA + STATUS

        ; ---- no slave on the primary, nothing on the secondary ---------------------------
        OUTB ATA + SELECT, 0B0h
        INB ATA + STATUS
        EXPECT8 al, 00h, "ata absent slave on a cable with a master: status 00h"
        OUTB ATA + SELECT, 0A0h
        OUTB ATA2 + SECT, 55h
        INB ATA2 + SECT
        EXPECT8 al, 0FFh, "ata empty secondary: sector register reads FFh"
        INB ATA2 + STATUS
        EXPECT8 al, 0FFh, "ata empty secondary: status reads FFh"
        INB ATA2 + SELECT
        EXPECT8 al, 0FFh, "ata empty secondary: drive/head reads FFh"
        mov dx, ATA2 + DATA
        in ax, dx
        EXPECT16 ax, 0FFFFh, "ata empty secondary: data port reads FFFFh"
        INB 376h
        EXPECT8 al, 0FFh, "ata empty secondary: alternate status reads FFh"

        mov al, [imr2]
        out PIC2_DATA, al
        jmp finish

; set_lba: one sector at TEST_LBA, LBA mode, master.
set_lba:
        OUTB ATA + NSECT, 1
        OUTB ATA + SECT, TEST_LBA & 0FFh
        OUTB ATA + LCYL, (TEST_LBA >> 8) & 0FFh
        OUTB ATA + HCYL, (TEST_LBA >> 16) & 0FFh
        OUTB ATA + SELECT, 0E0h | (TEST_LBA >> 24)
        ret

; check_lba: after a one-sector command the task file names that sector
; and the count has gone to 0.
check_lba:
        INB ATA + SECT
        EXPECT8 al, TEST_LBA & 0FFh, "ata task file after the command: LBA bits 0-7"
        INB ATA + LCYL
        EXPECT8 al, (TEST_LBA >> 8) & 0FFh, "ata task file: LBA bits 8-15"
        INB ATA + HCYL
        EXPECT8 al, (TEST_LBA >> 16) & 0FFh, "ata task file: LBA bits 16-23"
        INB ATA + SELECT
        EXPECT8 al, 0E0h, "ata task file: LBA mode, bits 24-27"
        INB ATA + NSECT
        EXPECT8 al, 0, "ata task file: sector count 0"
        ret

; wait_drq: AL = status once BSY is clear and DRQ or ERR set (at most
; 65536 reads of the alternate status, which does not acknowledge).
wait_drq:
        push cx
        push dx
        mov dx, ALTST
        xor cx, cx
.wait:
        in al, dx
        test al, 80h
        jnz .next
        test al, 09h
        jnz .done
.next:
        loop .wait
.done:
        pop dx
        pop cx
        ret

imr2:   db 0

        IMAGE_END
