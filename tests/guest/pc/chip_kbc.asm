; chip_kbc.asm - guest test of the 8042 keyboard controller and the PS/2
; keyboard and mouse behind it, through ports 60h/64h. Follows the IBM
; PC/AT Technical Reference, "Keyboard Controller" (status register: OBF,
; system flag, command/data; command byte 20h/60h; self-test AAh -> 55h;
; interface test ABh -> 00h; output port D0h/D1h with bit 0 reset and
; bit 1 A20) and the IBM PS/2 Hardware Interface Technical Reference
; (aux interface test A9h, A7h/A8h, D2h/D3h/D4h, status bit 5 for aux data;
; keyboard commands EEh echo, EDh LEDs, F3h typematic, F2h identify,
; FFh reset with BAT AAh; pointing device FFh reset -> FAh AAh 00h, F2h ->
; FAh 00h). With translation on (command byte bit 6), the keyboard's
; identify bytes ABh 83h reach the host as ABh 41h.
;
;     tick86 -display none -debug-exit -debugcon stdio -fda chip_kbc.img

%include "lib.inc"
%include "chip_lib.inc"

; KREAD "name", value: the next byte from the output buffer is value, from
; the keyboard (status bit 5 clear)
%macro KREAD 2
        call kbc_read
        EXPECT8 al, %2, %1
%endmacro
; MREAD "name", value: the next byte is value, from the aux device
%macro MREAD 2
        call kbc_read
        EXPECT8 al, %2, %1
        and ah, 20h
        EXPECT8 ah, 20h, {%1, " (aux: status bit 5)"}
%endmacro

test_main:
        cli
        call kbc_flush
        mov al, 20h
        call kbc_cmd
        call kbc_read
        mov [cb], al
        in al, 64h
        and al, 04h
        EXPECT8 al, 04h, "kbc status: system flag set after POST"

        ; ---- command byte write and read --------------------------------------
        mov al, 60h
        call kbc_cmd
        in al, 64h
        and al, 08h
        EXPECT8 al, 08h, "kbc status bit 3: last write was a command"
        mov al, 74h             ; translate, aux off, keyboard off, sys flag
        call kbc_out
        in al, 64h
        and al, 08h
        EXPECT8 al, 0, "kbc status bit 3: last write was data"
        mov al, 20h
        call kbc_cmd
        KREAD "kbc command byte reads back 74h", 74h
        mov al, 0AEh            ; keyboard interface on
        call kbc_cmd
        mov al, 0A8h            ; aux interface on
        call kbc_cmd
        mov al, 20h
        call kbc_cmd
        KREAD "kbc AEh and A8h clear command byte bits 4 and 5", 44h
        mov al, 0ADh
        call kbc_cmd
        mov al, 20h
        call kbc_cmd
        KREAD "kbc ADh sets command byte bit 4", 54h
        mov al, 0AEh
        call kbc_cmd

        ; ---- controller tests -------------------------------------------------
        mov al, 0AAh
        call kbc_cmd
        KREAD "kbc self-test AAh answers 55h", 55h
        mov al, 0ABh
        call kbc_cmd
        KREAD "kbc keyboard interface test ABh answers 00h", 00h
        mov al, 0A9h
        call kbc_cmd
        KREAD "kbc aux interface test A9h answers 00h", 00h
        in al, 64h
        and al, 01h
        EXPECT8 al, 0, "kbc output buffer empty after the reads"

        ; ---- output port -----------------------------------------------------
        mov al, 0D0h
        call kbc_cmd
        call kbc_read
        mov [outp], al
        and al, 03h
        EXPECT8 al, 03h, "kbc output port: reset high, A20 on"
        mov al, 0D1h
        call kbc_cmd
        mov al, [outp]
        and al, 0FDh            ; A20 off
        call kbc_out
        mov al, 0D0h
        call kbc_cmd
        call kbc_read
        and al, 03h
        EXPECT8 al, 01h, "kbc output port D1h: A20 off reads back"
        mov al, 0D1h
        call kbc_cmd
        mov al, [outp]
        call kbc_out
        mov al, 0D0h
        call kbc_cmd
        call kbc_read
        and al, 03h
        EXPECT8 al, 03h, "kbc output port D1h: A20 on again"

        ; ---- D2h / D3h: bytes into the output buffer ----------------------------
        mov al, 0D2h
        call kbc_cmd
        mov al, 12h
        call kbc_out
        call kbc_read
        EXPECT8 al, 12h, "kbc D2h byte comes back"
        and ah, 21h
        EXPECT8 ah, 01h, "kbc D2h byte: OBF, not aux"
        mov al, 0D3h
        call kbc_cmd
        mov al, 34h
        call kbc_out
        MREAD "kbc D3h byte comes back", 34h

        ; ---- the keyboard ------------------------------------------------------
        mov al, 0EEh
        call kbc_out
        KREAD "kbd echo EEh answers EEh", 0EEh
        mov al, 0EDh            ; set LEDs
        call kbc_out
        KREAD "kbd EDh acknowledged (FAh)", 0FAh
        mov al, 07h
        call kbc_out
        KREAD "kbd LED byte 07h acknowledged (FAh)", 0FAh
        mov al, 0EDh
        call kbc_out
        call kbc_read
        xor al, al
        call kbc_out
        KREAD "kbd LED byte 00h acknowledged (FAh)", 0FAh
        mov al, 0F3h            ; typematic rate and delay
        call kbc_out
        KREAD "kbd F3h acknowledged (FAh)", 0FAh
        mov al, 2Bh             ; 10.9 cps, 500 ms: the default
        call kbc_out
        KREAD "kbd typematic byte acknowledged (FAh)", 0FAh
        mov al, 0F2h            ; identify
        call kbc_out
        KREAD "kbd F2h acknowledged (FAh)", 0FAh
        KREAD "kbd identify: first byte ABh", 0ABh
        KREAD "kbd identify: 83h translated to 41h", 41h
        mov al, 0F0h            ; scan code set: get
        call kbc_out
        KREAD "kbd F0h acknowledged (FAh)", 0FAh
        xor al, al
        call kbc_out
        KREAD "kbd F0h 00h acknowledged (FAh)", 0FAh
        KREAD "kbd scan code set 2, translated to 41h", 41h
        mov al, 0FFh            ; reset
        call kbc_out
        KREAD "kbd FFh acknowledged (FAh)", 0FAh
        KREAD "kbd reset: BAT passed (AAh)", 0AAh
        in al, 64h
        and al, 01h
        EXPECT8 al, 0, "kbd nothing more after the BAT"

        ; ---- the mouse -----------------------------------------------------------
        mov al, 0D4h
        call kbc_cmd
        mov al, 0FFh            ; reset
        call kbc_out
        MREAD "aux FFh acknowledged (FAh)", 0FAh
        MREAD "aux reset: BAT passed (AAh)", 0AAh
        MREAD "aux reset: device ID 00h", 00h
        mov al, 0D4h
        call kbc_cmd
        mov al, 0F2h            ; read device type
        call kbc_out
        MREAD "aux F2h acknowledged (FAh)", 0FAh
        MREAD "aux F2h: device ID 00h", 00h
        mov al, 0D4h
        call kbc_cmd
        mov al, 0F3h            ; sample rate 40
        call kbc_out
        MREAD "aux F3h acknowledged (FAh)", 0FAh
        mov al, 0D4h
        call kbc_cmd
        mov al, 40
        call kbc_out
        MREAD "aux sample rate byte acknowledged (FAh)", 0FAh
        mov al, 0D4h
        call kbc_cmd
        mov al, 0E9h            ; status request
        call kbc_out
        MREAD "aux E9h acknowledged (FAh)", 0FAh
        MREAD "aux status: stream, scaling 1:1, reporting off", 00h
        MREAD "aux status: resolution 2 (4 counts/mm)", 02h
        MREAD "aux status: sample rate 40", 40

        mov al, 0D4h
        call kbc_cmd
        mov al, 0E7h            ; scaling 2:1
        call kbc_out
        MREAD "aux E7h acknowledged (FAh)", 0FAh
        mov al, 0D4h
        call kbc_cmd
        mov al, 0E8h            ; resolution 3 (8 counts/mm)
        call kbc_out
        MREAD "aux E8h acknowledged (FAh)", 0FAh
        mov al, 0D4h
        call kbc_cmd
        mov al, 03h
        call kbc_out
        MREAD "aux resolution byte acknowledged (FAh)", 0FAh
        mov al, 0D4h
        call kbc_cmd
        mov al, 0E9h
        call kbc_out
        MREAD "aux E9h acknowledged again (FAh)", 0FAh
        MREAD "aux status: scaling 2:1 (bit 4)", 10h
        MREAD "aux status: resolution 3", 03h
        MREAD "aux status: sample rate still 40", 40
        mov al, 0D4h
        call kbc_cmd
        mov al, 0EBh            ; read data: one packet, no motion
        call kbc_out
        MREAD "aux EBh acknowledged (FAh)", 0FAh
        MREAD "aux EBh packet byte 1: 08h (always-one bit)", 08h
        MREAD "aux EBh packet byte 2: X 0", 00h
        MREAD "aux EBh packet byte 3: Y 0", 00h

        ; ---- interrupts: IRQ1 and IRQ12 follow command byte bits 0 and 1 ---------
        mov al, 60h
        call kbc_cmd
        mov al, 47h             ; translate, sys, aux and keyboard interrupts
        call kbc_out
        mov al, 0D2h
        call kbc_cmd
        mov al, 55h
        call kbc_out
        call pic_irr
        and al, 02h
        EXPECT8 al, 02h, "kbc IRQ1 with a keyboard byte waiting"
        in al, 60h
        call pic_irr
        and al, 02h
        EXPECT8 al, 0, "kbc IRQ1 drops when port 60h is read"
        mov al, 0D3h
        call kbc_cmd
        mov al, 55h
        call kbc_out
        call pic2_irr
        and al, 10h
        EXPECT8 al, 10h, "kbc IRQ12 with an aux byte waiting"
        in al, 60h
        mov al, 60h
        call kbc_cmd
        mov al, 44h             ; no interrupts
        call kbc_out
        mov al, 0D2h
        call kbc_cmd
        mov al, 55h
        call kbc_out
        call pic_irr
        and al, 02h
        EXPECT8 al, 0, "kbc no IRQ1 with command byte bit 0 clear"
        in al, 60h

        ; ---- put things back ----------------------------------------------------
        mov al, 0D4h
        call kbc_cmd
        mov al, 0F6h            ; mouse defaults
        call kbc_out
        call kbc_read
        mov al, 60h
        call kbc_cmd
        mov al, [cb]
        call kbc_out
        call kbc_flush
        jmp finish

cb:     db 0
outp:   db 0

        IMAGE_END
