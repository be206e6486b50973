; boot.asm - sector 0 of the demo disk: load the rest of the demo and start it.
;
; The BIOS loads this sector to 0000:7C00 and jumps to it with the boot drive
; in DL (00h for the first floppy, 80h for the first hard disk; IBM PC/AT
; Technical Reference, "System BIOS", INT 19h bootstrap). The same image bytes
; boot from either, because this sector never assumes a geometry: it asks the
; BIOS for it with INT 13h AH=08h and converts each sector number to
; cylinder/head/sector itself. If AH=08h fails (the original PC and XT BIOSes
; do not have it for diskettes), it falls back to a 1.44 MiB diskette's
; 18 sectors per track and 2 heads, which is what this image is.
;
; The payload (everything after this sector) is read with INT 13h AH=02h,
; at most one track per call (a BIOS may refuse to cross a track), to
; 0000:7E00, right behind this sector, so the whole demo is one flat program
; assembled with ORG 7C00h. It must end below physical 1_0000h because a
; diskette transfer goes through the 8237 DMA controller, which cannot cross a
; 64 KiB boundary (INT 13h status 09h); demo.asm checks that at assembly time.
;
; Interrupt numbers and registers follow Ralf Brown's Interrupt List (RBIL):
; INT 13h AH=00h reset, AH=02h read sectors, AH=08h get drive parameters;
; INT 10h AH=0Eh teletype output.

boot_entry:
        jmp     short boot_start        ; EB xx 90: the shape some BIOSes
        nop                             ; check for on a diskette's sector 0

boot_start:
        cli                             ; no interrupt while SS:SP is half set
        xor     ax, ax
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, 7C00h               ; the stack grows down from below us
        sti
        cld
        jmp     0000h:boot_cs0          ; some BIOSes enter at 07C0:0000; make CS 0
boot_cs0:
        mov     [boot_drive], dl

        ; Geometry from the BIOS. RBIL asks for ES:DI = 0000:0000 on entry
        ; to guard against BIOS bugs; AH=08h returns a diskette parameter
        ; table pointer in ES:DI, so ES is reloaded afterwards.
        mov     ah, 08h
        xor     di, di
        int     13h
        mov     ax, 0
        mov     es, ax
        jc      boot_load               ; keep the 18/2 defaults
        mov     al, cl                  ; CL bits 0-5: last sector number
        and     al, 3Fh
        jz      boot_load
        mov     [boot_spt], al
        mov     al, dh                  ; DH: last head number
        inc     ax                      ; heads = last head + 1 (up to 256)
        mov     [boot_heads], ax
        mov     al, cl                  ; cylinders = last cylinder + 1, whose
        rol     al, 1                   ; bits 8-9 are CL bits 6-7 (the
        rol     al, 1                   ; payload shows them)
        and     al, 3
        mov     ah, al
        mov     al, ch
        inc     ax
        mov     [boot_cyls], ax

boot_load:
        mov     word [boot_lba], 1      ; the payload starts at sector 1
        mov     word [boot_left], PAYLOAD_SECTORS
        mov     word [boot_seg], PAYLOAD_ADDR >> 4

boot_next:
        ; LBA -> CHS: sector = lba mod spt + 1, track = lba / spt,
        ; head = track mod heads, cylinder = track / heads.
        mov     ax, [boot_lba]
        xor     dx, dx
        div     word [boot_spt]         ; AX = track, DX = sector - 1
        mov     cx, [boot_spt]
        sub     cx, dx                  ; sectors left on this track
        cmp     cx, [boot_left]
        jbe     .count_ok
        mov     cx, [boot_left]
.count_ok:
        mov     [boot_count], cl
        mov     bl, dl
        inc     bx                      ; BL = sector number (1-based)
        xor     dx, dx
        div     word [boot_heads]       ; AX = cylinder, DX = head
        mov     dh, dl                  ; DH = head
        mov     ch, al                  ; CH = cylinder bits 0-7
        mov     cl, 6
        shl     ah, cl                  ; cylinder bits 8-9 go to CL bits 6-7
        or      ah, bl
        mov     cl, ah                  ; CL = cylinder high | sector
        mov     byte [boot_tries], 3

.read:  mov     es, [boot_seg]
        xor     bx, bx                  ; ES:BX = where this run goes
        mov     dl, [boot_drive]
        mov     al, [boot_count]
        mov     ah, 02h
        push    cx
        push    dx
        int     13h
        pop     dx
        pop     cx
        jnc     .done
        dec     byte [boot_tries]
        jz      boot_fail
        xor     ah, ah                  ; reset the controller and try again
        int     13h                     ; (diskette motors take a moment)
        jmp     .read

.done:  xor     ax, ax
        mov     al, [boot_count]
        add     [boot_lba], ax
        sub     [boot_left], ax
        mov     cl, 5
        shl     ax, cl                  ; 512 bytes = 32 paragraphs per sector
        add     [boot_seg], ax
        cmp     word [boot_left], 0
        jne     boot_next

        xor     ax, ax
        mov     es, ax
        cmp     word [payload_end - 2], PAYLOAD_MAGIC
        jne     boot_fail
        jmp     main                    ; demo.asm

; Print the message and the last INT 13h status, then stay halted.
boot_fail:
        mov     bl, ah                  ; INT 13h status (0 after a bad magic)
        mov     si, boot_msg_err
.puts:  lodsb
        test    al, al
        jz      .code
        mov     ah, 0Eh
        mov     bh, 0
        push    bx
        int     10h
        pop     bx
        jmp     .puts
.code:  mov     al, bl                  ; two hex digits of the status
        mov     cl, 4
        shr     al, cl
        call    boot_hexdigit
        mov     al, bl
        and     al, 0Fh
        call    boot_hexdigit
.halt:  hlt
        jmp     .halt

boot_hexdigit:
        add     al, '0'
        cmp     al, '9'
        jbe     .out
        add     al, 'A' - '0' - 10
.out:   mov     ah, 0Eh
        mov     bh, 0
        int     10h
        ret

boot_msg_err    db "tick86 demo: cannot read the disk, INT 13h status ", 0

; Variables the payload reads too (boot_drive).
boot_drive      db 0
boot_cyls       dw 0                    ; 0: INT 13h AH=08h failed, 18/2 assumed
boot_count      db 0
boot_tries      db 0
boot_spt        dw 18                   ; word: the divisor of a 16-bit DIV
boot_heads      dw 2
boot_lba        dw 0
boot_left       dw 0
boot_seg        dw 0

        times 510 - ($ - $$) db 0
        dw      0AA55h                  ; boot signature (IBM PC/AT Tech. Ref.)
