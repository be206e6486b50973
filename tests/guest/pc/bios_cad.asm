; bios_cad.asm - guest test of Ctrl-Alt-Del (IBM AT Technical Reference,
; "Keyboard BIOS": Ctrl+Alt+Del sets 40:72 = 1234h and restarts POST,
; which then skips the memory test) and of the POST that follows it.
;
; The keys go in as set 1 scan codes through the 8042's "write keyboard
; output buffer" command (D2h), so INT 09h sees them as typed. After the
; warm boot, memory above the BIOS's areas must still hold our mark, 40:72
; must be clear again, the 8042 and keyboard must have passed POST's tests
; (on a warm boot the 8042 still has keyboard interrupts enabled from the
; last run, so POST must not let INT 09h take the self-test answer), the
; banner on the screen must show no error, and the keyboard must work.
;     tick86 -display none -debug-exit -debugcon stdio -fda bios_cad.img

; tick86-args: -snapshot

%include "lib.inc"

MARK_SEG        equ 2000h       ; survives the warm boot if POST skips the memory test

test_main:
        push es
        mov ax, MARK_SEG
        mov es, ax
        cmp word [es:0], "CD"
        pop es
        je second_boot

        ; ---- first boot: hold Ctrl and Alt, press Del -----------------------
        push es
        mov ax, MARK_SEG
        mov es, ax
        mov word [es:0], "CD"
        mov ax, [failures]
        mov [es:2], ax          ; carry the failure count into the second run
        pop es
        mov si, codes_cad       ; 1D 38 53 (Ctrl, Alt, Del made)
        call inject
        mov si, name_cad
        call fail_begin
        mov si, str_no_reboot
        call put_str
        call newline
        jmp finish

second_boot:
        push es
        mov ax, MARK_SEG
        mov es, ax
        mov ax, [es:2]
        mov [failures], ax
        mov word [es:0], 0
        pop es
        mov si, name_cad
        call pass

        push es
        mov ax, 40h
        mov es, ax
        EXPECT16 [es:72h], 0, "bda 40:72 reset flag clear after Ctrl-Alt-Del"
        EXPECT8 [es:17h], 0, "bda 40:17 no shift state left over"
        mov es, [es:0Eh]
        EXPECT8 [es:6Bh], 1, "post 8042 self test passed on the warm boot"
        EXPECT8 [es:6Ch], 1, "post keyboard reset answered on the warm boot"
        pop es

        ; the banner (text mode, B800h) must not report an error
        push ds
        mov ax, 0B800h
        mov ds, ax
        xor si, si
        mov cx, 80 * 25
        mov al, 1               ; AL = 1 while no "rror" was seen
.scan:
        cmp byte [si], 'r'
        jne .next
        cmp byte [si + 2], 'r'
        jne .next
        cmp byte [si + 4], 'o'
        jne .next
        cmp byte [si + 6], 'r'
        jne .next
        mov al, 0
.next:
        add si, 2
        loop .scan
        pop ds
        mov si, name_banner
        mov di, str_banner_error
        call check_flag

        ; the keyboard still types
        mov si, codes_a         ; 1E 9E
        call inject
        mov ah, 01h
        int 16h
        EXPECT_TRUE nz, "int16 01 a key after the warm boot", "ZF set: no key"
        EXPECT16 ax, 1E61h, "int16 01 the key is a"
        jmp finish


codes_cad:      db 1Dh, 38h, 53h, 0
codes_a:        db 1Eh, 9Eh, 0
name_cad:       db "int09 Ctrl-Alt-Del: warm boot that keeps memory", 0
str_no_reboot:  db "no reboot", 0
name_banner:    db "post banner without an error after the warm boot", 0
str_banner_error: db "the screen shows an error", 0

        IMAGE_END
