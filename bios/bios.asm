; bios.asm - tick86's system BIOS: power-on self test and the PC/AT BIOS
; services, in one 64 KiB ROM mapped at F000:0000-FFFF.
;
; Build: nasm -f bin -Ibios/ bios/bios.asm -o build/bios/bios.bin
; (the build sets the last byte so that all bytes sum to 0 mod 256).
;
; What it follows:
;  - IBM Personal Computer AT Technical Reference (POST order, BIOS data
;    area, the fixed entry points programs jump to, the diskette and fixed
;    disk parameter tables, the model byte FCh at F000:FFFE);
;  - Ralf Brown's interrupt list for the calling conventions of every
;    service (INT 08h-1Ah, 70h-77h), cited next to each handler;
;  - Phoenix "System BIOS for IBM PCs, Compatibles and EISA Computers" for
;    what the list leaves open (LBA-assisted translation, the translated
;    fixed disk parameter table);
;  - the T13 "BIOS Enhanced Disk Drive Services" (EDD 3.0) for INT 13h
;    41h-48h, the ACPI specification for the INT 15h E820h address map;
;  - the chip datasheets (8259A, 8254, 8237A, 8042, MC146818A, 16550A,
;    82077AA) and ATA-2 for the programming of each chip.
;
; The common path is 8086 code ("cpu 8086" below makes nasm refuse
; anything newer), so the same ROM runs on every CPU model; the few places
; that need a 386 say so and run only after POST found one.
;
; Files: bios_bda.inc (names for memory and ports), bios_util.inc
; (console, CMOS and small helpers), bios_kbd.inc (INT 09h/16h),
; bios_fdd.inc (INT 13h diskette, INT 0Eh), bios_hdd.inc (INT 13h fixed
; disk on ATA, EDD), bios_mouse.inc (INT 15h C2h, INT 74h), bios_svc.inc
; (INT 08h, 11h, 12h, 14h, 15h, 17h, 18h, 19h, 1Ah and the IRQ handlers).

        cpu 8086
        bits 16
        org 0                   ; offsets are relative to segment F000h

%include "bios_bda.inc"

BIOS_SEG        equ 0F000h
POST_STACK      equ 7C00h       ; SS:SP = 0000:7C00 while POST runs

; POST checkpoint: the code is written to port 80h before each step, so a
; machine that stops shows where (IBM AT Technical Reference, "POST").
%macro POST 1
        mov al, %1
        out POST_PORT, al
%endmacro

; Pads up to a fixed entry point (offset in segment F000h) that programs
; call directly; fails the build if the code before it grew past it.
%macro FIXED 1
  %if ($ - $$) > %1
    %error "code before fixed entry point %1 is too long"
  %endif
        times (%1 - ($ - $$)) db 0
%endmacro

; Register frame built by SAVE_REGS: the caller's registers, then the
; interrupt's return address and flags. Handlers read arguments from and
; write results into the frame (BP points at it) and leave via regs_exit.
%macro SAVE_REGS 0
        push es
        push ds
        push bp
        push di
        push si
        push dx
        push cx
        push bx
        push ax
        mov bp, sp
%endmacro
F_AX    equ 0
F_AL    equ 0
F_AH    equ 1
F_BX    equ 2
F_BL    equ 2
F_BH    equ 3
F_CX    equ 4
F_CL    equ 4
F_CH    equ 5
F_DX    equ 6
F_DL    equ 6
F_DH    equ 7
F_SI    equ 8
F_DI    equ 10
F_BP    equ 12
F_DS    equ 14
F_ES    equ 16
F_IP    equ 18
F_CS    equ 20
F_FL    equ 22

section .text

rom_start:
        db "tick86 BIOS", 0

; ========================================================================
; Power-on self test. Entered from the reset vector (F000:FFF0 ->
; F000:E05B) with interrupts off, and again on a warm boot (Ctrl-Alt-Del
; sets 40:72 = 1234h first) or an 8042/port 92h reset.
; ========================================================================
post:
        cli
        cld
        POST 01h
        ; The CMOS shutdown byte tells why the CPU was reset. A 286 program
        ; leaves protected mode by resetting the CPU with 05h or 0Ah there
        ; and its return address at 40:67 (IBM AT Technical Reference,
        ; "Shutdown status byte"; Ralf Brown CMOS.LST, register 0Fh).
        mov al, CMOS_NMI_OFF | CM_SHUTDOWN
        out CMOS_INDEX, al
        in al, CMOS_DATA
        mov ah, al
        mov al, CMOS_NMI_OFF | CM_SHUTDOWN
        out CMOS_INDEX, al
        xor al, al
        out CMOS_DATA, al
        mov bx, BDA_SEG
        mov ds, bx
        cmp ah, 05h
        je .shut_eoi
        cmp ah, 0Ah
        je .shut_jmp
        cmp ah, 0Bh
        je .shut_iret
        cmp ah, 0Ch
        je .shut_retf
        jmp .normal
.shut_eoi:                      ; 05h: flush the keyboard, EOI, jump to 40:67
        in al, KBC_DATA
        mov al, PIC_EOI
        out PIC2_CMD, al
        out PIC1_CMD, al
.shut_jmp:                      ; 0Ah: jump to 40:67
        jmp far [BDA_RESETPTR]
.shut_iret:                     ; 0Bh: IRET with SS:SP from 40:67
        mov ss, [BDA_RESETPTR + 2]
        mov sp, [BDA_RESETPTR]
        iret
.shut_retf:                     ; 0Ch: RETF with SS:SP from 40:67
        mov ss, [BDA_RESETPTR + 2]
        mov sp, [BDA_RESETPTR]
        retf

.normal:
        ; The warm-boot flag must survive until we decide whether to test
        ; memory; keep it in BP (nothing below uses BP before that).
        mov bp, [BDA_RESETFLAG]
        xor ax, ax
        mov ss, ax
        mov sp, POST_STACK

        POST 02h                ; which CPU are we?
        call detect_cpu
        mov di, ax              ; DI = CPU_* until the EBDA exists

        POST 03h                ; 8237A pair: master clear, channel 4 cascade
        out 0Dh, al             ; DMA1 master clear (any value)
        out 0DAh, al            ; DMA2 master clear
        xor al, al
        out 08h, al             ; DMA1 command: enabled, normal timing
        out 0D0h, al            ; DMA2 command
        mov al, 0C0h            ; DMA2 mode: channel 4 (its channel 0) cascade
        out 0D6h, al
        xor al, al
        out 0D4h, al            ; unmask channel 4 so DMA1 reaches the bus

        POST 04h                ; 8259A pair (datasheet "Initialization Command Words")
        mov al, 11h             ; ICW1: edge triggered, cascade, ICW4 follows
        out PIC1_CMD, al
        out PIC2_CMD, al
        mov al, 08h             ; ICW2: IRQ0-7 -> INT 08h-0Fh
        out PIC1_DATA, al
        mov al, 70h             ; IRQ8-15 -> INT 70h-77h
        out PIC2_DATA, al
        mov al, 04h             ; ICW3 master: slave on IR2
        out PIC1_DATA, al
        mov al, 02h             ; ICW3 slave: its cascade identity is 2
        out PIC2_DATA, al
        mov al, 01h             ; ICW4: 8086 mode, normal EOI
        out PIC1_DATA, al
        out PIC2_DATA, al
        mov al, 0FFh            ; everything masked until the vectors exist
        out PIC1_DATA, al
        out PIC2_DATA, al

        POST 05h                ; 8254: channel 0 mode 3, count 0 (65536) -> 18.2 Hz
        mov al, 36h
        out PIT_MODE, al
        xor al, al
        out PIT_CH0, al
        out PIT_CH0, al
        mov al, 54h             ; channel 1: mode 2, LSB only, 18 (DRAM refresh, 15 us)
        out PIT_MODE, al
        mov al, 18
        out 41h, al
        mov al, 0B6h            ; channel 2: mode 3, a 896 Hz beep tone when gated
        out PIT_MODE, al
        mov ax, 1331
        out PIT_CH2, al
        mov al, ah
        out PIT_CH2, al

        POST 06h                ; base memory: probe each 64 KB, clear on a cold boot
        call probe_memory       ; AX = KB of base memory found
        mov si, ax
        ; The stack is about to be cleared, so nothing may stay on it: the
        ; CPU type moves to BP, the warm-boot flag to DI.
        xchg bp, di
        cmp di, 1234h
        je .skip_clear
        ; Cold boot: clear base memory (the stack holds nothing yet that we
        ; need after this, so the loop may run over it).
        mov bx, ax              ; KB still to clear
        xor dx, dx              ; segment
.clear:
        mov es, dx
        mov ax, bx
        cmp ax, 64
        jbe .clear_part
        mov ax, 64
.clear_part:
        sub bx, ax
        mov cl, 9               ; KB -> words (64 KB = 8000h words)
        shl ax, cl
        mov cx, ax
        xor ax, ax
        xor di, di
        rep stosw
        add dx, 1000h
        test bx, bx
        jnz .clear
.skip_clear:
        mov di, bp              ; DI = CPU type again
        xor ax, ax
        mov ss, ax
        mov sp, POST_STACK

        POST 07h                ; BIOS data area, EBDA and interrupt vectors
        mov ax, BDA_SEG
        mov es, ax
        xor ax, ax
        mov cx, 128             ; 40:00-40:FF
        push di
        xor di, di
        rep stosw
        pop di
        mov ds, cx              ; DS = 0 for the vector table
        ; The EBDA takes the top KB of base memory (SI = KB found).
        mov ax, si
        dec ax
        mov [es:BDA_MEMKB], ax
        mov cl, 6
        shl ax, cl              ; KB -> paragraphs
        mov [es:BDA_EBDA], ax
        push es
        mov es, ax
        xor ax, ax
        mov cx, 512
        push di
        xor di, di
        rep stosw
        pop di
        mov byte [es:EB_SIZE], EBDA_KB
        mov byte [es:EB_MSFLAGS2], 2    ; mouse packages of 3 bytes until C205h says otherwise
        mov [es:EB_BASEKB], si
        mov ax, di
        mov [es:EB_CPU], al
        pop es
        call init_vectors

        ; BDA basics: keyboard buffer, 101-key keyboard flag.
        mov ax, BDA_SEG
        mov ds, ax
        mov ax, BDA_KBBUF
        mov [BDA_KBHEAD], ax
        mov [BDA_KBTAIL], ax
        mov [BDA_KBSTART], ax
        add ax, 32
        mov [BDA_KBEND], ax
        mov byte [BDA_KBFLAG3], KF3_101

        ; Interrupts can run now: timer, keyboard, cascade, floppy; RTC and
        ; both ATA channels on the slave. The rest stay masked (their
        ; devices have no BIOS driver; programs that want them unmask them).
        mov al, 0B8h            ; IRQ0, 1, 2, 6 enabled
        out PIC1_DATA, al
        mov al, 3Eh             ; IRQ8, 14, 15 enabled
        out PIC2_DATA, al
        sti

        POST 08h                ; 8042 and keyboard
        call init_keyboard

        POST 09h                ; RTC, memory sizes from CMOS, time of day
        call init_cmos

        POST 0Ah                ; serial and parallel ports, coprocessor, equipment
        call init_ports

        POST 0Bh                ; video option ROM (C0000h-C7FFFh)
        mov bx, 0C000h
        mov dx, 0C800h
        call rom_scan

        POST 0Ch                ; banner
        call print_banner

        POST 0Dh                ; diskette drives
        call fd_init

        POST 0Eh                ; fixed disks on both ATA channels
        call hd_init

        POST 0Fh                ; other option ROMs (C8000h-DFFFFh)
        mov bx, 0C800h
        mov dx, 0E000h
        call rom_scan

        mov ax, BDA_SEG
        mov ds, ax
        mov word [BDA_RESETFLAG], 0
        POST 10h                ; bootstrap
        int 19h
        jmp $

; ------------------------------------------------------------------------
; detect_cpu: AX = CPU_* for the processor we run on. The FLAGS tests of
; Intel's processor identification notes: the 8086/80186 keep FLAGS bits
; 12-15 at 1; the 80286 in real mode keeps them at 0; a 386 can set them.
; The 80186 masks shift counts to 5 bits (8086: a count of 32 clears the
; register). On a 386: EFLAGS.AC (bit 18) cannot be set on a 386; EFLAGS.ID
; (bit 21) toggles when CPUID exists, whose family field picks the rest.
; ------------------------------------------------------------------------
detect_cpu:
        pushf
        pop bx                  ; BX = flags on entry
        mov ax, bx
        and ax, 0FFFh
        push ax
        popf
        pushf
        pop ax
        push bx
        popf
        and ah, 0F0h
        cmp ah, 0F0h
        jne .not_8086
        mov al, 1
        mov cl, 32
        shl al, cl
        mov ax, CPU_8086
        jz .done
        mov ax, CPU_186
.done:
        ret
.not_8086:
        mov ax, bx
        or ax, 7000h
        push ax
        popf
        pushf
        pop ax
        push bx
        popf
        test ax, 7000h
        jnz .is_386
        mov ax, CPU_286
        ret
.is_386:
        cpu 386
        pushfd
        pop eax
        mov ecx, eax
        xor eax, 40000h         ; try to flip AC
        push eax
        popfd
        pushfd
        pop eax
        push ecx
        popfd
        xor eax, ecx
        test eax, 40000h
        jnz .is_486
        mov ax, CPU_386
        ret
.is_486:
        mov eax, ecx
        xor eax, 200000h        ; try to flip ID
        push eax
        popfd
        pushfd
        pop eax
        push ecx
        popfd
        xor eax, ecx
        test eax, 200000h
        jz .family4
        xor eax, eax
        db 0Fh, 0A2h            ; CPUID (nasm only knows it from "cpu 586" on)
        cmp eax, 1
        jb .family4
        mov eax, 1
        db 0Fh, 0A2h            ; CPUID (nasm only knows it from "cpu 586" on)
        shr ax, 8
        and ax, 0Fh
        cmp al, 5
        jb .family4
        je .ret
        mov al, CPU_686         ; family 6 and later: P6 class
.ret:   ret
.family4:
        mov ax, CPU_486
        ret
        cpu 8086

; ------------------------------------------------------------------------
; probe_memory: AX = KB of base memory. Writes two patterns at the start
; of each 64 KB block from 64 KB up to 640 KB and stops at the first block
; that does not keep them (the word is restored, so a warm boot keeps its
; memory). CMOS 15h/16h caps the result, as the board reports it there.
; ------------------------------------------------------------------------
probe_memory:
        mov bx, 1000h
        mov cx, 64
.next:
        mov es, bx
        mov dx, [es:0]
        mov word [es:0], 0AA55h
        cmp word [es:0], 0AA55h
        jne .top
        mov word [es:0], 055AAh
        cmp word [es:0], 055AAh
        jne .top
        mov [es:0], dx
        add cx, 64
        add bx, 1000h
        cmp bx, 0A000h
        jb .next
.top:
        mov al, CM_BASEHI
        call cmos_read
        mov ah, al
        mov al, CM_BASELO
        call cmos_read
        test ax, ax
        jz .done                ; no CMOS figure: trust the probe
        cmp ax, cx
        jae .done
        mov cx, ax
.done:
        mov ax, cx
        ret

; ------------------------------------------------------------------------
; init_vectors: every vector to the dummy IRET, then the hardware IRQs to
; EOI handlers, then the real services (DS = 0).
; ------------------------------------------------------------------------
init_vectors:
        push es
        xor ax, ax
        mov es, ax
        push di
        xor di, di
        mov cx, 256
.fill:
        mov ax, dummy_iret
        stosw
        mov ax, BIOS_SEG
        stosw
        loop .fill
        ; IBM leaves the user vectors 60h-67h at 0 (programs test for it).
        mov di, 60h * 4
        mov cx, 16
        xor ax, ax
        rep stosw
        pop di
        mov si, vector_list
.set:
        mov bl, [cs:si]
        mov ax, [cs:si + 1]
        add si, 3
        cmp bl, 0FFh
        je .special
        xor bh, bh
        shl bx, 1
        shl bx, 1
        mov [bx], ax
        mov word [bx + 2], BIOS_SEG
        jmp .set
.special:
        ; Pointers, not code: video parameters, diskette parameters; the
        ; 8x8 upper font half stays 0 until a program supplies one.
        mov word [1Dh * 4], video_parms
        mov word [1Dh * 4 + 2], BIOS_SEG
        mov word [1Eh * 4], diskette_parms
        mov word [1Eh * 4 + 2], BIOS_SEG
        mov word [1Fh * 4], 0
        mov word [1Fh * 4 + 2], 0
        pop es
        ret

; vector, handler (the list ends with FFh)
vector_list:
        db 02h
        dw nmi_entry
        db 05h
        dw int05_entry
        db 08h
        dw int08_entry
        db 09h
        dw int09_entry
        db 0Ah
        dw irq_master_eoi
        db 0Bh
        dw irq_master_eoi
        db 0Ch
        dw irq_master_eoi
        db 0Dh
        dw irq_master_eoi
        db 0Eh
        dw int0e_entry
        db 0Fh
        dw irq_master_eoi
        db 10h
        dw int10_entry
        db 11h
        dw int11_entry
        db 12h
        dw int12_entry
        db 13h
        dw int13_entry
        db 14h
        dw int14_entry
        db 15h
        dw int15_entry
        db 16h
        dw int16_entry
        db 17h
        dw int17_entry
        db 18h
        dw int18_handler
        db 19h
        dw int19_entry
        db 1Ah
        dw int1a_entry
        db 40h                  ; diskette-only INT 13h, for disk ROMs that take over 13h
        dw int40_entry
        db 70h
        dw int70_handler
        db 71h
        dw int71_handler
        db 72h
        dw irq_slave_eoi
        db 73h
        dw irq_slave_eoi
        db 74h
        dw int74_handler
        db 75h
        dw int75_handler
        db 76h
        dw int76_handler
        db 77h
        dw int77_handler
        db 0FFh
        dw 0

; ------------------------------------------------------------------------
; rom_scan: calls each option ROM between segments BX and DX (exclusive),
; in 2 KB steps (IBM AT Technical Reference, "Adapter ROM modules"): a ROM
; starts with 55h AAh and a length in 512-byte blocks, its bytes sum to 0
; mod 256, and its initialisation is a far call to offset 3.
; ------------------------------------------------------------------------
rom_scan:
.next:
        cmp bx, dx
        jb .check
        ret
.check:
        mov es, bx
        cmp word [es:0], 0AA55h
        jne .step
        mov al, [es:2]
        xor ah, ah
        test ax, ax
        jz .step
        ; checksum: AX blocks of 512 bytes
        push dx
        mov cx, ax
        mov dl, 0
        push es
.sum_block:
        push cx
        mov cx, 512
        xor si, si
.sum_byte:
        add dl, [es:si]
        inc si
        loop .sum_byte
        mov si, es
        add si, 32              ; next 512 bytes
        mov es, si
        pop cx
        loop .sum_block
        pop es
        test dl, dl
        pop dx
        jnz .step
        ; call it; a ROM may change any register but SS:SP
        push bx
        push dx
        push bp
        push es
        push cs
        mov ax, .back
        push ax
        push es
        mov ax, 3
        push ax
        retf                    ; far "call" ES:0003
.back:
        cld
        pop es
        pop bp
        pop dx
        pop bx
        ; continue after the ROM, rounded up to the next 2 KB
        mov al, [es:2]
        xor ah, ah
        mov cl, 5
        shl ax, cl              ; blocks -> paragraphs
        add ax, 7Fh
        and ax, 0FF80h
        jz .step
        add bx, ax
        jmp .next
.step:
        add bx, 80h
        jmp .next

%include "bios_util.inc"
%include "bios_svc.inc"
%include "bios_kbd.inc"
%include "bios_fdd.inc"
%include "bios_hdd.inc"
%include "bios_mouse.inc"

code_end:

; ========================================================================
; Fixed entry points and tables: the addresses the IBM PC/AT BIOS used,
; which some programs call or read directly.
; ========================================================================
        FIXED 0E05Bh
post_entry:
        jmp post

        FIXED 0E2C3h
nmi_entry:
        jmp nmi_handler

        FIXED 0E3FEh
int13_entry:
        jmp int13_handler

        FIXED 0E6F2h
int19_entry:
        jmp int19_handler

        FIXED 0E6F5h
; INT 15h AH=C0h system configuration table (Ralf Brown, INT 15/AH=C0h)
config_table:
        dw 8                    ; bytes that follow
        db 0FCh                 ; model: AT
        db 01h                  ; submodel
        db 00h                  ; BIOS revision
        db 74h                  ; feature 1: second 8259 (bit 6), RTC (bit 5),
                                ; INT 09h calls INT 15h/4Fh (bit 4), EBDA (bit 2)
        db 00h                  ; feature 2
        db 00h, 00h, 00h        ; features 3-5

        FIXED 0E729h
; 8250 divisors for the INT 14h AH=00h rates 110 ... 9600 baud
baud_divisors:
        dw 0417h, 0300h, 0180h, 00C0h, 0060h, 0030h, 0018h, 000Ch

        FIXED 0E739h
int14_entry:
        jmp int14_handler

        FIXED 0E82Eh
int16_entry:
        jmp int16_handler

        FIXED 0E987h
int09_entry:
        jmp int09_handler

        FIXED 0EC59h
int40_entry:
        jmp int40_handler

        FIXED 0EF57h
int0e_entry:
        jmp int0e_handler

        FIXED 0EFC7h
; Diskette parameter table (INT 1Eh), for a 1.44 MB medium (IBM AT
; Technical Reference, "Diskette parameter table"; the values are those of
; the 3.5" high-density format).
diskette_parms:
        db 0DFh                 ; SPECIFY 1: step rate 3 ms, head unload 240 ms
        db 02h                  ; SPECIFY 2: head load 4 ms, DMA mode
        db 25h                  ; motor-off delay in ticks (about 2 s)
        db 02h                  ; 512 bytes per sector
        db 18                   ; sectors per track
        db 1Bh                  ; read/write gap length
        db 0FFh                 ; data length (unused with 512-byte sectors)
        db 6Ch                  ; format gap length
        db 0F6h                 ; format filler byte
        db 0Fh                  ; head settle time, ms
        db 08h                  ; motor start time, 1/8 s

        FIXED 0EFD2h
int17_entry:
        jmp int17_handler

        FIXED 0F065h
; INT 10h before a video ROM hooks it: nothing to drive, just return.
int10_entry:
        iret

        FIXED 0F0A4h
; INT 1Dh: 6845 parameters of the IBM CGA/MDA modes (IBM Technical
; Reference, "Video parameter table"): 40x25, 80x25, graphics, monochrome;
; then the regen buffer lengths, the columns and the mode-select values.
video_parms:
        db 38h, 28h, 2Dh, 0Ah, 1Fh, 06h, 19h, 1Ch, 02h, 07h, 06h, 07h, 0, 0, 0, 0
        db 71h, 50h, 5Ah, 0Ah, 1Fh, 06h, 19h, 1Ch, 02h, 07h, 06h, 07h, 0, 0, 0, 0
        db 38h, 28h, 2Dh, 0Ah, 7Fh, 06h, 64h, 70h, 02h, 01h, 06h, 07h, 0, 0, 0, 0
        db 61h, 50h, 52h, 0Fh, 19h, 06h, 19h, 19h, 02h, 0Dh, 0Bh, 0Ch, 0, 0, 0, 0
        dw 0800h, 1000h, 4000h, 4000h
        db 40, 40, 80, 80, 40, 40, 80, 80
        db 2Ch, 28h, 2Dh, 29h, 2Ah, 2Eh, 1Eh, 29h

        FIXED 0F841h
int12_entry:
        jmp int12_handler

        FIXED 0F84Dh
int11_entry:
        jmp int11_handler

        FIXED 0F859h
int15_entry:
        jmp int15_handler

        ; The CGA graphics-mode font for characters 00h-7Fh, 8x8, where the
        ; IBM BIOS keeps it (INT 1Fh points at the other half, which the
        ; video BIOS provides). Drawn in bios/font8x8.inc; only its first
        ; 128 glyphs (1024 rows) are placed here.
        FIXED 0FA6Eh
%include "fontrow.inc"
%assign cga_font_rows 0
%unmacro R 1
%macro R 1
  %if cga_font_rows < 1024
        FONTROW_DB %1
  %endif
  %assign cga_font_rows cga_font_rows + 1
%endmacro
cga_font:
%include "font8x8.inc"
%if cga_font_rows != 2048
  %error "font8x8.inc should draw 256 glyphs of 8 rows"
%endif

        FIXED 0FE6Eh
int1a_entry:
        jmp int1a_handler

        FIXED 0FEA5h
int08_entry:
        jmp int08_handler

        FIXED 0FF53h
dummy_iret:
        iret
int05_entry:                    ; F000:FF54 print screen: no printer, nothing to do
        iret

        FIXED 0FFF0h
reset_vector:
        jmp BIOS_SEG:post_entry

        FIXED 0FFF5h
        db "11/21/26"           ; BIOS date
        FIXED 0FFFEh
        db 0FCh                 ; model byte: PC/AT
        db 0                    ; checksum byte, set by the build
