; bios_mouse.asm - guest test of the PS/2 pointing device services, INT 15h
; AX=C200h-C207h (Ralf Brown INT 15h AH=C2h: status codes #00522, the
; handler's stack at AX=C207h, the device status bytes of AX=C206h), and
; of INT 74h, which must far-call the installed handler with each 3-byte
; data package.
;
; Host mouse motion cannot be scripted, so the packages are put into the
; 8042 with its "write auxiliary device output buffer" command (D3h), which
; makes each byte arrive as if the mouse had sent it, with IRQ12.
;     tick86 -display none -debug-exit -debugcon stdio -fda bios_mouse.img

; tick86-args:

%include "lib.inc"

test_main:
        ; ---- no handler yet: enabling is refused ----------------------------
        mov ax, 0C200h
        mov bh, 1
        int 15h
        EXPECT_CF 1, "int15 C200 enable without a handler: CF set"
        EXPECT8 ah, 05h, "int15 C200 enable without a handler: AH=05h"

        ; ---- initialise, reset, identify -------------------------------------
        mov ax, 0C205h
        mov bh, 3
        int 15h
        EXPECT_CF 0, "int15 C205 3-byte packages: CF clear"
        EXPECT8 ah, 00h, "int15 C205: AH=0"
        mov ax, 0C205h
        mov bh, 9
        int 15h
        EXPECT_CF 1, "int15 C205 9-byte packages: CF set"
        EXPECT8 ah, 02h, "int15 C205 9-byte packages: AH=02h invalid input"
        mov ax, 0C201h
        mov bx, 0FFFFh
        int 15h
        EXPECT_CF 0, "int15 C201 reset: CF clear"
        EXPECT16 bx, 00AAh, "int15 C201 reset: BH=00h ID, BL=AAh"
        mov ax, 0C204h
        mov bh, 0FFh
        int 15h
        EXPECT_CF 0, "int15 C204 type: CF clear"
        EXPECT8 bh, 00h, "int15 C204 type: 00h standard mouse"

        ; ---- rate, resolution, scaling, read back by C206h BH=0 --------------
        mov ax, 0C206h
        mov bh, 0
        int 15h
        EXPECT_CF 0, "int15 C206 status after reset: CF clear"
        EXPECT8 bl, 00h, "int15 C206 after reset: disabled, 1:1, no buttons"
        EXPECT8 cl, 02h, "int15 C206 after reset: 4 counts/mm"
        EXPECT8 dl, 100, "int15 C206 after reset: 100 reports/s"
        mov ax, 0C202h
        mov bh, 2               ; 40 reports a second
        int 15h
        EXPECT_CF 0, "int15 C202 rate 40: CF clear"
        mov ax, 0C203h
        mov bh, 3               ; 8 counts/mm
        int 15h
        EXPECT_CF 0, "int15 C203 resolution 8/mm: CF clear"
        mov ax, 0C206h
        mov bh, 2               ; 2:1 scaling
        int 15h
        EXPECT_CF 0, "int15 C206 scaling 2:1: CF clear"
        mov ax, 0C206h
        mov bh, 0
        int 15h
        EXPECT8 bl, 10h, "int15 C206: 2:1 scaling in the status"
        EXPECT8 cl, 03h, "int15 C206: resolution 3"
        EXPECT8 dl, 40, "int15 C206: 40 reports/s"
        mov ax, 0C202h
        mov bh, 7
        int 15h
        EXPECT_CF 1, "int15 C202 rate code 7: CF set"
        EXPECT8 ah, 02h, "int15 C202 rate code 7: AH=02h"
        mov ax, 0C203h
        mov bh, 4
        int 15h
        EXPECT8 ah, 02h, "int15 C203 resolution code 4: AH=02h"
        mov ax, 0C208h
        int 15h
        EXPECT_CF 1, "int15 C208: CF set"
        EXPECT8 ah, 01h, "int15 C208: AH=01h invalid function"

        ; ---- handler, enable, packages ---------------------------------------
        mov ax, 0C207h
        mov bx, mouse_handler
        push cs
        pop es
        int 15h
        EXPECT_CF 0, "int15 C207 handler installed: CF clear"
        mov ax, 0C200h
        mov bh, 1
        int 15h
        EXPECT_CF 0, "int15 C200 enable: CF clear"
        EXPECT8 ah, 00h, "int15 C200 enable: AH=0"
        in al, 0A1h
        and al, 10h
        EXPECT8 al, 0, "int15 C200 enable: IRQ12 unmasked"
        mov ax, 0C206h
        mov bh, 0
        int 15h
        EXPECT8 bl, 30h, "int15 C206: reporting on (and 2:1)"

        ; a byte that cannot start a package (bit 3 clear) is dropped; then
        ; left button, X = +5, Y = -5; then right button, X = -2, Y = +1
        mov si, packets
        call inject_aux
        EXPECT16 [calls], 2, "int74 called the handler once per package"
        EXPECT16 [got + 0], 0029h, "int74 package 1: status word"
        EXPECT16 [got + 2], 0005h, "int74 package 1: X word"
        EXPECT16 [got + 4], 00FBh, "int74 package 1: Y word"
        EXPECT16 [got + 6], 0000h, "int74 package 1: fourth word 0"
        EXPECT16 [got + 8], 001Ah, "int74 package 2: status word"
        EXPECT16 [got + 10], 00FEh, "int74 package 2: X word"
        EXPECT16 [got + 12], 0001h, "int74 package 2: Y word"

        ; ---- disable, remove the handler ------------------------------------
        mov ax, 0C200h
        mov bh, 0
        int 15h
        EXPECT_CF 0, "int15 C200 disable: CF clear"
        mov ax, 0C206h
        mov bh, 0
        int 15h
        EXPECT8 bl, 10h, "int15 C206: reporting off again"
        xor bx, bx
        mov es, bx
        mov ax, 0C207h
        int 15h
        EXPECT_CF 0, "int15 C207 0000:0000 removes the handler"
        mov ax, 0C200h
        mov bh, 1
        int 15h
        EXPECT8 ah, 05h, "int15 C200 enable after removal: AH=05h"
        jmp finish

; the program's handler: copies the four stack words, counts the calls
mouse_handler:
        push bp
        mov bp, sp
        push ax
        push di
        mov di, [cs:calls]
        cmp di, 2
        jae .full
        shl di, 1
        shl di, 1
        shl di, 1               ; 8 bytes per call
        mov ax, [bp + 12]       ; status (SP+0Ah at the far call)
        mov [cs:got + di], ax
        mov ax, [bp + 10]       ; X
        mov [cs:got + di + 2], ax
        mov ax, [bp + 8]        ; Y
        mov [cs:got + di + 4], ax
        mov ax, [bp + 6]        ; 0
        mov [cs:got + di + 6], ax
.full:
        inc word [cs:calls]
        pop di
        pop ax
        pop bp
        retf

; inject_aux: the zero-terminated list at CS:SI (FFh stands for a byte
; 00h) into the 8042 as bytes of the auxiliary device, waiting for INT 74h
; to take each
inject_aux:
        sti
.next:
        mov ah, [cs:si]
        inc si
        test ah, ah
        jz .done
        cmp ah, 0FFh
        jne .wait_in
        xor ah, ah
.wait_in:
        in al, 64h
        test al, 03h
        jnz .wait_in
        mov al, 0D3h            ; write auxiliary device output buffer
        out 64h, al
.wait_in2:
        in al, 64h
        test al, 02h
        jnz .wait_in2
        mov al, ah
        out 60h, al
        mov cx, 0FFFFh
.wait_taken:
        in al, 64h
        test al, 01h
        jz .next
        loop .wait_taken
        jmp .next
.done:
        mov cx, 100h
.settle:
        in al, 64h
        loop .settle
        ret

packets:        db 04h                  ; out of step: bit 3 clear
                db 29h, 05h, 0FBh       ; left, X+5, Y-5 (Y sign)
                db 1Ah, 0FEh, 01h       ; right, X-2 (X sign), Y+1
                db 0
calls:          dw 0
got:            times 8 dw 0FFFFh

        IMAGE_END
