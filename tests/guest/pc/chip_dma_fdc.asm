; chip_dma_fdc.asm - guest test of the 82077AA floppy controller and the
; 8237A DMA channel 2, programmed through their ports with no BIOS help,
; against what INT 13h reads from the same diskette (this test's own
; image). Follows the Intel 82077AA datasheet: "Register Description" (DOR,
; MSR: RQM, DIO, CB; CCR), "Reset" (after a DOR reset the controller
; polls the four drives and SENSE INTERRUPT STATUS answers C0h-C3h),
; "Command Set Descriptions" (READ DATA's result phase: ST0-ST2 and the
; next sector's C H R N when TC ends the transfer; RECALIBRATE, SEEK and
; their SENSE INTERRUPT STATUS; SENSE DRIVE STATUS's ST3; SPECIFY; VERSION
; 90h; DUMPREG; an invalid command gives ST0 80h) and the 8237A datasheet
; (mask, mode, flip-flop, base address and count, status register TC bits
; cleared by reading, current address and count after TC). PC wiring (IBM
; PC/AT Technical Reference): DMA channel 2 with page register 81h, IRQ6
; through DOR bit 3.
;
;     tick86 -display none -debug-exit -debugcon stdio -fda chip_dma_fdc.img

%include "lib.inc"
%include "chip_lib.inc"

BIOS_SEG        equ 2000h       ; INT 13h reads here
DMA_SEG         equ 3000h       ; our DMA reads here (page 3, offset 0)
DOR             equ 3F2h
MSR             equ 3F4h
FIFO            equ 3F5h
CCR             equ 3F7h

test_main:
        sti
        ; ---- the reference: INT 13h reads (C,H,R) 0,0,1 and 0,0,3 ----------
        mov cx, 0001h
        mov bx, 0
        call bios_read
        mov cx, 0003h
        mov bx, 512
        call bios_read
        cli
        in al, PIC1_DATA
        mov [imr1], al
        or al, 40h              ; IRQ6 masked: we poll IRR for the INT
        out PIC1_DATA, al

        ; ---- reset through DOR: four polling interrupts ----------------------
        mov dx, DOR
        mov al, 00h             ; reset, DMA and INT gate off
        out dx, al
        mov dx, MSR
        in al, dx
        EXPECT8 al, 00h, "fdc MSR 00h while DOR holds the reset"
        mov dx, DOR
        mov al, 1Ch             ; motor A on, DMA/INT gate, out of reset, drive 0
        out dx, al
        call wait_irq6
        EXPECT8 al, 1, "fdc interrupt after the reset"
        mov dx, MSR
        in al, dx
        EXPECT8 al, 80h, "fdc MSR 80h: ready for a command"
        mov bl, 0C0h
.poll:
        mov al, 08h             ; SENSE INTERRUPT STATUS
        call fdc_out
        call fdc_in
        EXPECT8 al, bl, "fdc SENSE INTERRUPT STATUS after reset: ST0 C0h+drive"
        call fdc_in
        EXPECT8 al, 00h, "fdc SENSE INTERRUPT STATUS after reset: PCN 0"
        inc bl
        cmp bl, 0C4h
        jb .poll
        call pic_irr
        and al, 40h
        EXPECT8 al, 0, "fdc IRQ6 drops after the four senses"
        mov al, 08h
        call fdc_out
        call fdc_in
        EXPECT8 al, 80h, "fdc SENSE INTERRUPT STATUS with nothing pending: 80h"
        mov dx, MSR
        in al, dx
        EXPECT8 al, 80h, "fdc the invalid answer is one byte"

        ; ---- VERSION, SPECIFY, DUMPREG ------------------------------------------
        mov al, 10h
        call fdc_out
        mov dx, MSR
        in al, dx
        EXPECT8 al, 0D0h, "fdc MSR D0h: result byte waiting (RQM DIO CB)"
        call fdc_in
        EXPECT8 al, 90h, "fdc VERSION answers 90h (82077AA)"
        mov dx, CCR
        mov al, 00h             ; 500 kbps
        out dx, al
        mov al, 03h             ; SPECIFY: SRT 3 ms, HUT 240 ms, HLT 4 ms, DMA
        call fdc_out
        mov dx, MSR
        in al, dx
        EXPECT8 al, 90h, "fdc MSR 90h: command in progress, wants bytes"
        mov al, 0DFh
        call fdc_out
        mov al, 02h
        call fdc_out
        mov al, 0Eh             ; DUMPREG
        call fdc_out
        mov cx, 10
        mov di, dump
.dump:
        call fdc_in
        mov [di], al
        inc di
        loop .dump
        mov ax, [dump]
        or ax, [dump + 2]
        EXPECT16 ax, 0, "fdc DUMPREG: PCN of drives 0-3 are 0"
        EXPECT8 [dump + 4], 0DFh, "fdc DUMPREG: SRT/HUT byte from SPECIFY"
        EXPECT8 [dump + 5], 02h, "fdc DUMPREG: HLT/ND byte from SPECIFY"
        EXPECT8 [dump + 8], 20h, "fdc DUMPREG: CONFIGURE defaults after reset (FIFO off)"
        EXPECT8 [dump + 9], 00h, "fdc DUMPREG: PRETRK 0"
        mov al, 1Fh             ; not a command of the 82077AA
        call fdc_out
        call fdc_in
        EXPECT8 al, 80h, "fdc invalid command: ST0 80h"

        ; ---- RECALIBRATE, SEEK, SENSE DRIVE STATUS -----------------------------
        mov al, 07h
        call fdc_out
        mov al, 00h
        call fdc_out
        call wait_irq6
        EXPECT8 al, 1, "fdc interrupt after RECALIBRATE"
        call sense_int
        EXPECT16 ax, 2000h, "fdc RECALIBRATE: ST0 20h (seek end), PCN 0"
        mov al, 04h             ; SENSE DRIVE STATUS, head 0, drive 0
        call fdc_out
        mov al, 00h
        call fdc_out
        call fdc_in
        EXPECT8 al, 38h, "fdc ST3 38h at track 0: T0, ready, two-sided"
        mov al, 0Fh             ; SEEK head 1 to cylinder 5
        call fdc_out
        mov al, 04h
        call fdc_out
        mov al, 5
        call fdc_out
        mov dx, MSR
        in al, dx
        and al, 01h
        EXPECT8 al, 01h, "fdc MSR bit 0: drive 0 busy seeking"
        call wait_irq6
        EXPECT8 al, 1, "fdc interrupt after SEEK"
        call sense_int
        EXPECT16 ax, 2405h, "fdc SEEK: ST0 24h (seek end, head 1), PCN 5"
        mov al, 04h
        call fdc_out
        mov al, 04h             ; head 1
        call fdc_out
        call fdc_in
        EXPECT8 al, 2Ch, "fdc ST3 2Ch at cylinder 5: head 1, no T0"
        mov al, 07h
        call fdc_out
        mov al, 00h
        call fdc_out
        call wait_irq6
        call sense_int
        EXPECT16 ax, 2000h, "fdc RECALIBRATE from cylinder 5: PCN 0"

        ; ---- READ DATA through DMA channel 2 -----------------------------------
        mov cl, 1
        call dma_read_sector
        mov si, rd_res
        mov al, [si]
        EXPECT8 al, 00h, "fdc READ DATA R=1: ST0 00h"
        EXPECT8 [si + 1], 00h, "fdc READ DATA R=1: ST1 00h"
        EXPECT8 [si + 2], 00h, "fdc READ DATA R=1: ST2 00h"
        EXPECT8 [si + 3], 00h, "fdc READ DATA R=1: C 0"
        EXPECT8 [si + 4], 00h, "fdc READ DATA R=1: H 0"
        EXPECT8 [si + 5], 02h, "fdc READ DATA R=1 stopped by TC: R 2 (the next)"
        EXPECT8 [si + 6], 02h, "fdc READ DATA R=1: N 2"
        in al, 08h              ; DMA1 status
        and al, 0Fh
        EXPECT8 al, 04h, "dma status: channel 2 reached TC"
        in al, 08h
        and al, 0Fh
        EXPECT8 al, 00h, "dma status: reading cleared the TC bits"
        out 0Ch, al
        in al, 04h
        mov ah, al
        in al, 04h
        xchg al, ah
        EXPECT16 ax, 0200h, "dma channel 2 current address: 512 bytes on"
        in al, 05h
        mov ah, al
        in al, 05h
        xchg al, ah
        EXPECT16 ax, 0FFFFh, "dma channel 2 current count FFFFh after TC"
        mov si, 0
        call compare
        EXPECT8 al, 0, "fdc+dma sector 1 matches INT 13h's"
        mov cl, 3
        call dma_read_sector
        EXPECT8 [rd_res + 5], 04h, "fdc READ DATA R=3 stopped by TC: R 4"
        mov si, 512
        call compare
        EXPECT8 al, 0, "fdc+dma sector 3 matches INT 13h's"

        ; ---- the end of the track: C+1, R=1 (MT off); H flips with MT on ---------
        mov cl, 18
        call dma_read_sector
        EXPECT8 [rd_res], 00h, "fdc READ DATA R=18=EOT: ST0 00h"
        EXPECT8 [rd_res + 3], 01h, "fdc READ DATA ending at EOT, MT off: C+1"
        EXPECT8 [rd_res + 4], 00h, "fdc READ DATA ending at EOT, MT off: H 0"
        EXPECT8 [rd_res + 5], 01h, "fdc READ DATA ending at EOT, MT off: R 1"
        mov byte [rd_mt], 80h
        mov cl, 18
        call dma_read_sector
        mov byte [rd_mt], 0
        EXPECT8 [rd_res + 3], 00h, "fdc READ DATA ending at EOT of head 0, MT on: C"
        EXPECT8 [rd_res + 4], 01h, "fdc READ DATA ending at EOT of head 0, MT on: H 1"
        EXPECT8 [rd_res + 5], 01h, "fdc READ DATA ending at EOT of head 0, MT on: R 1"

        ; ---- DMA autoinitialize and address decrement -------------------------------
        mov byte [dma_mode], 56h ; autoinit, increment
        mov cl, 1
        call dma_read_sector
        out 0Ch, al
        in al, 04h
        mov ah, al
        in al, 04h
        xchg al, ah
        EXPECT16 ax, 0000h, "dma autoinit: current address back to the base after TC"
        in al, 05h
        mov ah, al
        in al, 05h
        xchg al, ah
        EXPECT16 ax, 01FFh, "dma autoinit: current count back to the base after TC"
        mov al, 06h
        out 0Ah, al             ; (autoinit leaves the channel unmasked)
        mov byte [dma_mode], 66h ; single, decrement, write, channel 2
        mov word [dma_addr], 01FFh
        mov cl, 1
        call dma_read_sector
        mov word [dma_addr], 0
        mov byte [dma_mode], 46h
        push ds
        mov ax, DMA_SEG
        mov ds, ax
        mov ax, [0000h]         ; the sector's last two bytes, reversed
        mov bx, [01FEh]         ; its first two, reversed
        pop ds
        push ds
        mov cx, BIOS_SEG
        mov ds, cx
        mov cx, [01FEh]
        mov dx, [0000h]
        pop ds
        xchg cl, ch
        xchg dl, dh
        EXPECT16 ax, cx, "dma decrement: the sector's end lands at the lowest address"
        EXPECT16 bx, dx, "dma decrement: its start at the highest"
        out 0Ch, al
        in al, 04h
        mov ah, al
        in al, 04h
        xchg al, ah
        EXPECT16 ax, 0FFFFh, "dma decrement: current address 512 below the start"

        ; ---- READ ID: the ID field of the next sector under the head -----------------
        mov al, 4Ah             ; READ ID, MFM
        call fdc_out
        mov al, 00h
        call fdc_out
        call wait_irq6
        EXPECT8 al, 1, "fdc interrupt after READ ID"
        mov cx, 7
        mov di, rd_res
.rid:
        call fdc_in
        mov [di], al
        inc di
        loop .rid
        EXPECT8 [rd_res], 00h, "fdc READ ID: ST0 00h"
        EXPECT8 [rd_res + 3], 00h, "fdc READ ID: C 0"
        EXPECT8 [rd_res + 6], 02h, "fdc READ ID: N 2"
        mov al, [rd_res + 5]
        dec al
        cmp al, 18
        EXPECT_TRUE b, "fdc READ ID: R in 1..18", "R out of range"

        ; ---- DIR: the disk-change line is clear after the seeks ----------------------
        mov dx, CCR
        in al, dx
        and al, 80h
        EXPECT8 al, 0, "fdc DIR bit 7: no disk change after a step with the disk in"
        mov dx, DOR
        in al, dx
        EXPECT8 al, 1Ch, "fdc DOR reads back 1Ch"

        ; ---- DMA channel masked: the controller overruns -------------------------
        mov byte [dma_masked], 1
        mov cl, 1
        call dma_read_sector
        mov byte [dma_masked], 0
        EXPECT8 [rd_res], 40h, "fdc READ DATA without DMA: ST0 40h (abnormal end)"
        EXPECT8 [rd_res + 1], 10h, "fdc READ DATA without DMA: ST1 10h (overrun)"

        ; ---- non-DMA mode: the sector through the FIFO, byte by byte -----------------
        mov al, 03h             ; SPECIFY with ND = 1
        call fdc_out
        mov al, 0DFh
        call fdc_out
        mov al, 03h
        call fdc_out
        mov al, 06h             ; keep DMA out of it
        out 0Ah, al
        mov al, 46h             ; READ DATA C0 H0 R1, EOT 1: one sector
        call fdc_out
        mov al, 00h
        call fdc_out
        mov al, 0
        call fdc_out
        mov al, 0
        call fdc_out
        mov al, 1
        call fdc_out
        mov al, 2
        call fdc_out
        mov al, 1
        call fdc_out
        mov al, 1Bh
        call fdc_out
        mov al, 0FFh
        call fdc_out
        mov dx, MSR             ; wait for the first byte
        xor cx, cx
.nd_first:
        in al, dx
        test al, 80h
        loopz .nd_first
        EXPECT8 al, 0F0h, "fdc non-DMA READ DATA: MSR F0h (RQM DIO NDMA CB)"
        push es
        mov ax, DMA_SEG
        mov es, ax
        xor di, di
        mov bx, 512
.nd_byte:
        mov dx, MSR
        xor cx, cx
.nd_wait:
        in al, dx
        test al, 80h
        loopz .nd_wait
        mov dx, FIFO
        in al, dx
        stosb
        dec bx
        jnz .nd_byte
        pop es
        call wait_irq6
        EXPECT8 al, 1, "fdc non-DMA READ DATA: interrupt for the result"
        mov cx, 7
        mov di, rd_res
.nd_res:
        call fdc_in
        mov [di], al
        inc di
        loop .nd_res
        EXPECT8 [rd_res], 40h, "fdc non-DMA READ DATA past EOT without TC: ST0 40h"
        EXPECT8 [rd_res + 1], 80h, "fdc non-DMA READ DATA to EOT without TC: ST1 80h (EN)"
        mov si, 0
        call compare
        EXPECT8 al, 0, "fdc non-DMA sector 1 matches INT 13h's"
        mov al, 03h             ; SPECIFY back to DMA
        call fdc_out
        mov al, 0DFh
        call fdc_out
        mov al, 02h
        call fdc_out

        ; ---- page registers read back --------------------------------------------
        mov al, 5Ah
        out 82h, al             ; channel 3's page
        mov al, 0A5h
        out 8Bh, al             ; channel 5's page
        in al, 82h
        EXPECT8 al, 5Ah, "dma page register 82h reads back"
        in al, 8Bh
        EXPECT8 al, 0A5h, "dma page register 8Bh reads back"
        in al, 81h
        EXPECT8 al, DMA_SEG >> 12, "dma page register 81h holds channel 2's page"

        ; ---- put things back -------------------------------------------------------
        mov dx, DOR
        mov al, 0Ch             ; motor off
        out dx, al
        mov al, [imr1]
        out PIC1_DATA, al
        jmp finish

; bios_read: INT 13h AH=02h, one sector (CX = cylinder/sector, head 0) of
; the boot drive to BIOS_SEG:BX, with up to 3 attempts.
bios_read:
        mov di, 3
.again:
        push cx
        push bx
        mov ax, BIOS_SEG
        mov es, ax
        mov ax, 0201h
        mov dh, 0
        mov dl, [boot_drive]
        int 13h
        pop bx
        pop cx
        jnc .ok
        xor ax, ax
        int 13h
        dec di
        jnz .again
.ok:
        EXPECT_CF 0, "int13 02 reads the reference sector"
        xor ax, ax
        mov es, ax
        ret

; dma_read_sector: READ DATA of cylinder 0, head 0, sector CL (N=2, EOT 18)
; into DMA_SEG:0000 through channel 2 (left masked if [dma_masked]); the
; 7 result bytes go to rd_res.
dma_read_sector:
        push cx
        mov al, 06h             ; mask channel 2
        out 0Ah, al
        out 0Ch, al             ; clear the byte flip-flop
        mov al, [dma_mode]      ; 46h: single, increment, no autoinit, write, ch 2
        out 0Bh, al
        mov al, [dma_addr]
        out 04h, al             ; address (0000h)
        mov al, [dma_addr + 1]
        out 04h, al
        mov al, DMA_SEG >> 12
        out 81h, al             ; page
        mov al, 0FFh            ; count 511: 512 bytes
        out 05h, al
        mov al, 01h
        out 05h, al
        cmp byte [dma_masked], 0
        jne .masked
        mov al, 02h             ; unmask channel 2
        out 0Ah, al
.masked:
        mov al, 46h             ; READ DATA, MFM (MT if [rd_mt])
        or al, [rd_mt]
        call fdc_out
        mov al, 00h             ; head 0, drive 0
        call fdc_out
        mov al, 0               ; C
        call fdc_out
        mov al, 0               ; H
        call fdc_out
        pop cx
        mov al, cl              ; R
        call fdc_out
        mov al, 2               ; N: 512 bytes
        call fdc_out
        mov al, 18              ; EOT
        call fdc_out
        mov al, 1Bh             ; GPL
        call fdc_out
        mov al, 0FFh            ; DTL
        call fdc_out
        call wait_irq6
        EXPECT8 al, 1, "fdc interrupt at the end of READ DATA"
        mov cx, 7
        mov di, rd_res
.res:
        call fdc_in
        mov [di], al
        inc di
        loop .res
        ret

; compare: AL = 0 if DMA_SEG:0000 and BIOS_SEG:SI hold the same 512 bytes.
compare:
        push ds
        push es
        push si
        push di
        push cx
        mov ax, DMA_SEG
        mov ds, ax
        mov ax, BIOS_SEG
        mov es, ax
        mov di, si
        xor si, si
        mov cx, 256
        repe cmpsw
        mov al, 0
        je .same
        mov al, 1
.same:
        pop cx
        pop di
        pop si
        pop es
        pop ds
        ret

; sense_int: SENSE INTERRUPT STATUS; AH = ST0, AL = PCN.
sense_int:
        mov al, 08h
        call fdc_out
        call fdc_in
        mov ah, al
        call fdc_in
        ret

; fdc_out: AL to the data register once MSR says RQM and not DIO.
fdc_out:
        push dx
        push cx
        push ax
        mov dx, MSR
        xor cx, cx
.wait:
        in al, dx
        and al, 0C0h
        cmp al, 80h
        loopne .wait
        pop ax
        mov dx, FIFO
        out dx, al
        pop cx
        pop dx
        ret

; fdc_in: AL from the data register once MSR says RQM and DIO.
fdc_in:
        push dx
        push cx
        mov dx, MSR
        xor cx, cx
.wait:
        in al, dx
        and al, 0C0h
        cmp al, 0C0h
        loopne .wait
        mov dx, FIFO
        in al, dx
        pop cx
        pop dx
        ret

; wait_irq6: AL = 1 once IRQ6 shows in the master's IRR, 0 after about a
; second without it.
wait_irq6:
        push cx
        mov cx, 1200
.wait:
        call pic_irr
        test al, 40h
        jnz .yes
        push cx
        mov cx, 1000            ; 0.84 ms
        call delay_ticks
        pop cx
        loop .wait
        mov al, 0
        pop cx
        ret
.yes:
        mov al, 1
        pop cx
        ret

imr1:       db 0
dma_masked: db 0
dma_mode:   db 46h
dma_addr:   dw 0
rd_mt:      db 0
dump:       times 10 db 0
rd_res:     times 7 db 0

        IMAGE_END
