; bios_kbd.asm - guest test of the keyboard BIOS: INT 09h turning typed
; keys into buffer codes, and INT 16h (Ralf Brown INT 16h AH=00h, 01h,
; 02h, 05h, 10h, 11h, 12h), including the 83-key view of AH=00h/01h
; (extended-only keys skipped, grey keys without E0h) and the LED update.
;
; Types "aB1", Enter, Esc, Tab, Backspace and "z" through the 8042:
;     tick86 -display none -debug-exit -debugcon stdio -fda bios_kbd.img -sendkeys '20000000:aB1\n\e\t\bz'

; tick86-args: -sendkeys 20000000:aB1\n\e\t\bz

%include "lib.inc"

; READKEY fn, expected, "name"
%macro READKEY 3
        mov ah, %1
        int 16h
        EXPECT16 ax, %2, %3
%endmacro
; PUSHKEY code: INT 16h AH=05h
%macro PUSHKEY 1
        mov ah, 05h
        mov cx, %1
        int 16h
%endmacro

test_main:
        sti
        ; ---- keys typed on the keyboard ----------------------------------
        READKEY 00h, 1E61h, "int16 00 typed a"
        READKEY 00h, 3042h, "int16 00 typed B (with Shift)"
        READKEY 10h, 0231h, "int16 10 typed 1"
        READKEY 00h, 1C0Dh, "int16 00 typed Enter"
        READKEY 10h, 011Bh, "int16 10 typed Esc"
        READKEY 00h, 0F09h, "int16 00 typed Tab"
        READKEY 00h, 0E08h, "int16 00 typed Backspace"
        mov ah, 11h             ; wait until the last key is there, peek at it
.wait_z:
        mov ah, 11h
        int 16h
        jz .wait_z
        EXPECT16 ax, 2C7Ah, "int16 11 sees z without taking it"
        READKEY 00h, 2C7Ah, "int16 00 typed z"
        mov ah, 01h
        int 16h
        EXPECT_TRUE z, "int16 01 buffer empty: ZF=1", "ZF clear"
        mov ah, 02h
        int 16h
        EXPECT8 al, 0, "int16 02 no shift key held after typing"
        mov ah, 12h
        int 16h
        EXPECT16 ax, 0, "int16 12 no key held after typing"

        ; ---- AH=05h and the buffer ---------------------------------------
        PUSHKEY 1234h
        EXPECT8 al, 0, "int16 05 stored"
        mov ah, 01h
        int 16h
        EXPECT_TRUE nz, "int16 01 key waiting: ZF=0", "ZF set"
        EXPECT16 ax, 1234h, "int16 01 peeks 1234h"
        READKEY 00h, 1234h, "int16 00 reads 1234h"
        ; 15 keys fit (one slot stays free), the 16th does not
        mov bx, 15
.fill:
        PUSHKEY 3920h
        dec bx
        jnz .fill
        EXPECT8 al, 0, "int16 05 fifteenth key stored"
        PUSHKEY 3920h
        EXPECT8 al, 1, "int16 05 sixteenth key: buffer full"
        mov bx, 15
.drain:
        mov ah, 00h
        int 16h
        dec bx
        jnz .drain
        mov ah, 01h
        int 16h
        EXPECT_TRUE z, "int16 buffer empty after 15 reads", "ZF clear"

        ; ---- the 83-key view of extended codes -----------------------------
        PUSHKEY 8500h           ; F11: only AH=10h knows it
        PUSHKEY 1E61h
        READKEY 00h, 1E61h, "int16 00 skips F11"
        PUSHKEY 8500h
        READKEY 10h, 8500h, "int16 10 returns F11"
        PUSHKEY 48E0h           ; grey Up
        READKEY 00h, 4800h, "int16 00 grey Up as 4800h"
        PUSHKEY 48E0h
        READKEY 10h, 48E0h, "int16 10 grey Up as 48E0h"
        PUSHKEY 0E00Dh          ; keypad Enter
        READKEY 00h, 1C0Dh, "int16 00 keypad Enter as 1C0Dh"
        PUSHKEY 0E00Dh
        READKEY 10h, 0E00Dh, "int16 10 keypad Enter as E00Dh"
        PUSHKEY 01F0h           ; Alt+Esc
        READKEY 10h, 0100h, "int16 10 Alt+Esc as 0100h"
        PUSHKEY 01F0h
        mov ah, 01h
        int 16h
        EXPECT_TRUE z, "int16 01 drops Alt+Esc", "ZF clear"

        ; ---- shift flags and LEDs -------------------------------------------
        push es
        mov ax, 40h
        mov es, ax
        or byte [es:17h], 40h   ; Caps Lock on, as a program may do
        mov ah, 02h
        int 16h
        EXPECT8 al, 40h, "int16 02 shows Caps Lock"
        mov ah, 01h             ; any INT 16h call brings the LEDs in line
        int 16h
        mov al, [es:97h]
        and al, 07h
        EXPECT8 al, 04h, "bda 40:97 Caps Lock LED sent"
        and byte [es:17h], ~40h
        mov ah, 01h
        int 16h
        mov al, [es:97h]
        and al, 07h
        EXPECT8 al, 00h, "bda 40:97 LEDs off again"
        pop es

        ; ---- scan codes straight into the 8042 (command D2h) --------------
        ; set 1 codes as the controller hands them to INT 09h
        mov si, codes_grey_up           ; E0 48, E0 C8
        call inject
        READKEY 10h, 48E0h, "int09 E0 48 grey Up"
        mov si, codes_fake_shift        ; E0 2A E0 48 E0 C8 E0 AA
        call inject
        READKEY 10h, 48E0h, "int09 fake shift around grey Up ignored"
        mov si, codes_kp_enter          ; E0 1C, E0 9C
        call inject
        READKEY 10h, 0E00Dh, "int09 keypad Enter"
        mov si, codes_ctrl_c            ; 1D 2E AE 9D
        call inject
        READKEY 00h, 2E03h, "int09 Ctrl+C"
        mov si, codes_shift_1           ; 2A 02 82 AA
        call inject
        READKEY 00h, 0221h, "int09 Shift+1"
        mov si, codes_f11               ; 57 D7
        call inject
        READKEY 10h, 8500h, "int09 F11"
        mov si, codes_alt_65            ; 38 4D CD 4C CC B8
        call inject
        READKEY 00h, 0041h, "int09 Alt+keypad 6 5"
        mov si, codes_caps              ; 3A BA
        call inject
        push es
        mov ax, 40h
        mov es, ax
        mov al, [es:17h]
        and al, 40h
        EXPECT8 al, 40h, "int09 Caps Lock toggles 40:17 bit 6"
        mov al, [es:97h]
        and al, 07h
        EXPECT8 al, 04h, "int09 Caps Lock LED sent"
        pop es
        mov si, codes_a                 ; 1E 9E
        call inject
        READKEY 00h, 1E41h, "int09 a with Caps Lock"
        mov si, codes_caps
        call inject
        mov si, codes_kp_7              ; 47 C7 without NumLock: Home
        call inject
        READKEY 00h, 4700h, "int09 keypad 7 as Home"
        mov ah, 12h
        int 16h
        EXPECT16 ax, 0, "int16 12 all released"

        jmp finish

codes_grey_up:          db 0E0h, 48h, 0E0h, 0C8h, 0
codes_fake_shift:       db 0E0h, 2Ah, 0E0h, 48h, 0E0h, 0C8h, 0E0h, 0AAh, 0
codes_kp_enter:         db 0E0h, 1Ch, 0E0h, 9Ch, 0
codes_ctrl_c:           db 1Dh, 2Eh, 0AEh, 9Dh, 0
codes_shift_1:          db 2Ah, 02h, 82h, 0AAh, 0
codes_f11:              db 57h, 0D7h, 0
codes_alt_65:           db 38h, 4Dh, 0CDh, 4Ch, 0CCh, 0B8h, 0
codes_caps:             db 3Ah, 0BAh, 0
codes_a:                db 1Eh, 9Eh, 0
codes_kp_7:             db 47h, 0C7h, 0

        IMAGE_END
