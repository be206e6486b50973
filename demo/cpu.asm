; cpu.asm - which processor is this? The classic FLAGS tests.
;
; Each generation left a trace in the FLAGS register that software can see
; without a CPUID instruction (Intel, "Intel Processor Identification and the
; CPUID Instruction", AP-485, section "Identification of earlier processors",
; and the 8086/80286/80386/i486 programmer's reference manuals):
;   8086/8088, 80186/80188  FLAGS bits 12-15 always read as 1;
;   80286                   in real mode, bits 12-15 always read as 0;
;   80386                   IOPL and NT (bits 12-14) can be set, but EFLAGS.AC
;                           (bit 18) cannot;
;   i486                    AC can be toggled;
;   CPUID processors        EFLAGS.ID (bit 21) can be toggled, and CPUID leaf 1
;                           gives the family (4 = i486, 5 = Pentium, 6 = P6).
; The 8086 and the 80186 have the same FLAGS; the 80186 is told apart by
; masking shift counts to 5 bits (80186 manual, "Differences from the 8086"):
; SHL AX,CL with CL = 32 leaves AX alone on an 80186 and clears it on an 8086.
;
; Everything up to the 80386 branch is 8086 code; the 32-bit instructions
; after it run only on a processor that has just shown it has them.

CPU_8086        equ 0
CPU_80186       equ 1
CPU_80286       equ 2
CPU_80386       equ 3
CPU_80486       equ 4
CPU_PENTIUM     equ 5
CPU_P6          equ 6
CPU_OTHER       equ 7                   ; a CPUID family above 6

EFLAGS_AC       equ 1 << 18
EFLAGS_ID       equ 1 << 21

; cpu_detect: sets cpu_model (CPU_*), cpu_family (CPUID family or 0) and
; cpu_vendor (CPUID vendor string, or empty). Clobbers AX, BX, CX, DX.
cpu_detect:
        pushf
        pop     ax
        mov     cx, ax                  ; the caller's FLAGS, put back after each test
        and     ax, 0FFFh               ; try to clear bits 12-15
        push    ax
        popf
        pushf
        pop     ax
        push    cx
        popf
        and     ax, 0F000h
        cmp     ax, 0F000h
        jne     .not_8086
        mov     ax, 1                   ; 8086 or 80186: the shift-count test
        mov     cl, 32
        shl     ax, cl                  ; a count of 0 on an 80186 keeps the flags,
        test    ax, ax                  ; so test the result itself
        mov     byte [cpu_model], CPU_8086
        jz      .done
        mov     byte [cpu_model], CPU_80186
        jmp     .done

.not_8086:
        or      cx, 7000h               ; try to set IOPL = 3 and NT
        push    cx
        popf
        pushf
        pop     ax
        and     cx, 8FFFh               ; the caller's bits 12-14 were 0 (real mode)
        push    cx
        popf
        test    ax, 7000h
        mov     byte [cpu_model], CPU_80286
        jz      .done

        cpu     386
        ; An 80386 or later: 32-bit FLAGS from here on.
        pushfd
        pop     eax
        mov     ecx, eax
        xor     eax, EFLAGS_AC
        push    eax
        popfd
        pushfd
        pop     eax
        push    ecx
        popfd
        xor     eax, ecx
        mov     byte [cpu_model], CPU_80386
        test    eax, EFLAGS_AC
        jz      .done

        mov     eax, ecx
        xor     eax, EFLAGS_ID
        push    eax
        popfd
        pushfd
        pop     eax
        push    ecx
        popfd
        xor     eax, ecx
        mov     byte [cpu_model], CPU_80486
        test    eax, EFLAGS_ID
        jz      .done

        cpu     586
        xor     eax, eax                ; leaf 0: highest leaf and vendor
        cpuid
        mov     [cpu_vendor], ebx
        mov     [cpu_vendor + 4], edx
        mov     [cpu_vendor + 8], ecx
        mov     byte [cpu_vendor + 12], 0
        test    eax, eax
        jz      .done                   ; no leaf 1: call it an i486
        mov     eax, 1
        cpuid
        shr     ax, 8                   ; EAX bits 8-11: family
        and     al, 0Fh
        mov     [cpu_family], al
        mov     byte [cpu_model], CPU_80486
        cmp     al, 4
        jbe     .done
        mov     byte [cpu_model], CPU_PENTIUM
        cmp     al, 5
        je      .done
        mov     byte [cpu_model], CPU_P6
        cmp     al, 6
        je      .done
        mov     byte [cpu_model], CPU_OTHER
        cpu     8086
.done:  ret

cpu_model       db 0
cpu_family      db 0
cpu_vendor      times 13 db 0

; cpu_name / cpu_how: SI = the model's name, or the line that says how it
; was recognised (for a CPUID processor the caller adds the family and the
; vendor after cpu_how_cpuid).
cpu_name:
        push    bx
        mov     bx, cpu_names
        jmp     cpu_pick
cpu_how:
        mov     si, cpu_how_cpuid
        cmp     byte [cpu_family], 0
        jne     cpu_ret
        push    bx
        mov     bx, cpu_hows
cpu_pick:
        push    ax
        mov     al, [cpu_model]
        xor     ah, ah
        shl     ax, 1
        add     bx, ax
        mov     si, [bx]
        pop     ax
        pop     bx
cpu_ret:
        ret

cpu_names       dw .n0, .n1, .n2, .n3, .n4, .n5, .n6, .n7
.n0             db "8086/8088", 0
.n1             db "80186/80188", 0
.n2             db "80286", 0
.n3             db "80386", 0
.n4             db "i486", 0
.n5             db "Pentium", 0
.n6             db "P6 family (Pentium Pro/II/III)", 0
.n7             db "a CPUID family above 6", 0

cpu_hows        dw .h0, .h1, .h2, .h3, .h4
.h0             db "FLAGS bits 12-15 stuck at 1; shift counts not masked", 0
.h1             db "FLAGS bits 12-15 stuck at 1; shift counts masked to 5 bits", 0
.h2             db "FLAGS bits 12-15 stuck at 0 in real mode", 0
.h3             db "IOPL/NT settable; EFLAGS.AC (bit 18) stuck", 0
.h4             db "EFLAGS.AC toggles; EFLAGS.ID (bit 21) stuck", 0
cpu_how_cpuid   db "EFLAGS.ID (bit 21) toggles: CPUID family ", 0
