#!/bin/sh
# test_cli.sh - checks of tick86's command line: option errors (one line,
# non-zero status, no file written), exit statuses, bare-image
# classification, -sendkeys, -snapshot, -screenshot, -state-hash, and
# -record/-replay (a recorded run replayed gives the same state and
# picture; malformed logs are refused).
#
#   sh tests/tools/test_cli.sh [TICK86 [PNGCMP [DEMO]]]
#       (defaults ./tick86 build/pngcmp, and the demo disk next to PNGCMP:
#        build/demo/demo.img)
#
# The guest is a boot sector assembled here with nasm; it runs on any BIOS
# that boots a floppy or hard disk (INT 19h loads it at 0000:7C00 with the
# drive in DL) and uses only INT 13h/16h and ports E9h/F4h.
set -u
T=${1:-./tick86}
PNGCMP=${2:-build/pngcmp}
DEMO=${3:-$(dirname "$PNGCMP")/demo/demo.img}
NASM=${NASM:-nasm}
W=$(mktemp -d "${TMPDIR:-/tmp}/tick86-cli.XXXXXX")
trap 'rm -rf "$W"' EXIT
pass=0 fail=0
ok()  { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1: $2"; }

# Boot sector. Byte 7C03h (patched below) selects the test:
#   0: print "boot DL=xx" and exit with status 5 (exit code 11)
#   1: read keys with INT 16h AH=00h until Enter, echo them, exit 6 (13)
#   2: write sector 2 with 'W' bytes through INT 13h AH=03h, exit 7 (15)
#   3: cli; hlt
#   4: loop forever (for -max-cycles)
cat >"$W/boot.asm" <<'EOF'
bits 16
org 0x7c00
        jmp short start
        nop
mode:   db 0
start:  cli
        xor ax, ax
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov sp, 0x7c00
        sti
        mov [drive], dl
        mov al, [mode]
        cmp al, 1
        je keys
        cmp al, 2
        je write
        cmp al, 3
        je halt
        cmp al, 4
        je $
        mov si, msg_dl                  ; mode 0
        call puts
        mov al, [drive]
        call hex
        mov al, 10
        out 0xe9, al
        mov al, 5
        out 0xf4, al
        jmp halt
keys:   mov ah, 0                       ; INT 16h AH=00h: wait for a key
        int 0x16
        cmp al, 13
        je .done
        out 0xe9, al
        jmp keys
.done:  mov al, 6
        out 0xf4, al
        jmp halt
write:  mov di, 0x8000                  ; 512 bytes of 'W'
        mov cx, 512
        mov al, 'W'
        rep stosb
        mov ax, 0x0301                  ; INT 13h AH=03h: write 1 sector
        mov cx, 0x0002                  ; cylinder 0, sector 2
        mov dh, 0
        mov dl, [drive]
        mov bx, 0x8000
        int 0x13
        mov al, 7
        jnc .ok
        mov al, 8
.ok:    out 0xf4, al
halt:   cli
        hlt
        jmp halt
puts:   lodsb
        test al, al
        jz .r
        out 0xe9, al
        jmp puts
.r:     ret
hex:    push ax
        shr al, 4
        call .nib
        pop ax
.nib:   and al, 15
        add al, '0'
        cmp al, '9'
        jbe .o
        add al, 7
.o:     out 0xe9, al
        ret
msg_dl: db "boot DL=", 0
drive:  db 0
        times 510-($-$$) db 0
        dw 0xaa55
EOF
if ! $NASM -f bin "$W/boot.asm" -o "$W/boot.bin"; then
    echo "FAIL cli: nasm could not assemble the boot sector"; exit 1
fi
# image MODE SIZE FILE: the boot sector with byte 3 = MODE, padded to SIZE
image() {
    dd if=/dev/zero of="$3" bs=512 count=$(($2 / 512)) 2>/dev/null
    dd if="$W/boot.bin" of="$3" conv=notrunc 2>/dev/null
    printf "\\$(printf %o "$1")" | dd of="$3" bs=1 seek=3 conv=notrunc 2>/dev/null
}
image 0 1474560 "$W/fd0.img"
image 0 1048576 "$W/hd0.img"
image 1 1474560 "$W/keys.img"
image 2 1474560 "$W/write.img"
image 3 1474560 "$W/halt.img"
image 4 1474560 "$W/loop.img"
head -c 1000 /dev/zero >"$W/odd.img"
head -c 1024 /dev/zero >"$W/rom1k.bin"
MAX="-max-cycles 400000000"

# expect_error NAME STATUS 'STDERR LINE' ARGS...: exactly that one line on
# stderr, nothing on stdout, that status, and no files written in $W/out.
expect_error() {
    name=$1 want=$2 line=$3
    shift 3
    rm -rf "$W/out"; mkdir "$W/out"
    "$T" "$@" >"$W/stdout" 2>"$W/stderr" </dev/null
    st=$?
    if [ $st -ne "$want" ]; then bad "$name" "exit status $st, want $want"
    elif [ -s "$W/stdout" ]; then bad "$name" "wrote to stdout: $(head -1 "$W/stdout")"
    elif [ "$(cat "$W/stderr")" != "$line" ]; then bad "$name" "stderr '$(cat "$W/stderr")', want '$line'"
    elif [ -n "$(ls "$W/out")" ]; then bad "$name" "wrote $(ls "$W/out")"
    else ok "$name"; fi
}
O="-debugcon file:$W/out/con -serial file:$W/out/com1 -screenshot $W/out/s.png"
expect_error "unknown option" 2 "tick86: -frobnicate: unknown option (see --help)" -frobnicate $O
expect_error "missing value" 2 "tick86: -m: missing value" "$W/fd0.img" -m
expect_error "bad -cpu" 2 "tick86: -cpu z80: unknown model (8086 80186 80286 80386 80486 pentium p6)" -cpu z80 "$W/fd0.img" $O
expect_error "-mhz above 10 GHz" 2 "tick86: -mhz 10001: expected a clock in MHz from 1 to 10000" -mhz 10001 "$W/fd0.img" $O
expect_error "bad -boot" 2 "tick86: -boot d: expected a, c, ac or ca" -boot d "$W/fd0.img" $O
expect_error "bad -sendkeys" 2 "tick86: -sendkeys 10: expected CYCLES:TEXT" -sendkeys 10 "$W/fd0.img" $O
expect_error "missing image" 1 "tick86: $W/nope.img: No such file or directory" -fda "$W/nope.img" $O
expect_error "missing bare image" 1 "tick86: $W/nope.img: No such file or directory" "$W/nope.img" $O
expect_error "odd floppy" 1 \
    "tick86: $W/odd.img: 1000 bytes is not a floppy size (160K 180K 320K 360K 720K 1.2M 1.44M 2.88M)" \
    -fda "$W/odd.img" $O
expect_error "odd hard disk" 1 \
    "tick86: $W/odd.img: 1000 bytes is not a hard disk size (a nonzero multiple of 512)" "$W/odd.img" $O
expect_error "bad BIOS size" 1 "tick86: $W/rom1k.bin: 1024 bytes; it must be 64 KiB or 128 KiB" \
    -bios "$W/rom1k.bin" "$W/fd0.img" $O
expect_error "missing BIOS" 1 "tick86: $W/nope.bin: No such file or directory" \
    -bios "$W/nope.bin" "$W/fd0.img" $O

if "$T" --help | grep -q -- '-sendkeys CYCLES:TEXT'; then ok "--help"; else bad "--help" "no -sendkeys in it"; fi

# run NAME WANT-STATUS ARGS...: runs headless, keeps stdout/stderr.
run() {
    name=$1 want=$2
    shift 2
    "$T" -display none "$@" >"$W/stdout" 2>"$W/stderr" </dev/null
    st=$?
    if [ $st -eq "$want" ]; then return 0; fi
    bad "$name" "exit status $st, want $want; $(tail -1 "$W/stderr")"
    return 1
}
run "floppy boot" 11 -debug-exit -debugcon stdio "$W/fd0.img" $MAX &&
    { if [ "$(cat "$W/stdout")" = "boot DL=00" ]; then ok "bare floppy image boots as A: (status 11)"
      else bad "bare floppy image" "printed '$(cat "$W/stdout")'"; fi; }
run "hard disk boot" 11 -debug-exit -debugcon stdio "$W/hd0.img" $MAX &&
    { if [ "$(cat "$W/stdout")" = "boot DL=80" ]; then ok "bare 1 MiB image boots as C: (status 11)"
      else bad "bare hard disk image" "printed '$(cat "$W/stdout")'"; fi; }
run "no debug-exit" 0 -debugcon stdio "$W/fd0.img" && ok "without -debug-exit port F4h does nothing (status 0)"
run "max-cycles" 0 "$W/loop.img" -max-cycles 50000000 &&
    { if [ ! -s "$W/stdout" ] && [ ! -s "$W/stderr" ]; then ok "-max-cycles: status 0, prints nothing"
      else bad "-max-cycles" "printed '$(cat "$W/stdout" "$W/stderr")'"; fi; }
run "halt" 0 "$W/halt.img" $MAX &&
    { if grep -q "halted with interrupts disabled" "$W/stderr"; then ok "cli/hlt ends a headless run (status 0)"
      else bad "halt" "no note on stderr"; fi; }
run "sendkeys" 13 -debug-exit -debugcon stdio "$W/keys.img" -sendkeys '30000000:aZ1 ~\\x\n' $MAX &&
    { if [ "$(cat "$W/stdout")" = 'aZ1 ~\x' ]; then ok "-sendkeys types 'aZ1 ~\\x' and Enter"
      else bad "-sendkeys" "guest read '$(cat "$W/stdout")'"; fi; }

cp "$W/write.img" "$W/w1.img"
run "snapshot" 15 -debug-exit -snapshot "$W/w1.img" $MAX &&
    { if cmp -s "$W/write.img" "$W/w1.img"; then ok "-snapshot: the guest's write succeeds, the image is unchanged"
      else bad "-snapshot" "the image changed"; fi; }
run "disk write" 15 -debug-exit "$W/w1.img" $MAX &&
    { if [ "$(dd if="$W/w1.img" bs=512 skip=1 count=1 2>/dev/null | tr -d W | wc -c)" -eq 0 ]; then
          ok "without -snapshot the write reaches sector 2 of the file"
      else bad "disk write" "sector 2 is not all 'W'"; fi; }

# Screenshots and determinism.
run "shot1" 0 "$W/loop.img" -max-cycles 60000000 -screenshot "$W/a.png" -state-hash -trace-max 1 &&
    cp "$W/stderr" "$W/h1"
run "shot2" 0 "$W/loop.img" -max-cycles 60000000 -screenshot-at 60000000:"$W/b.png" -state-hash &&
    cp "$W/stderr" "$W/h2"
if [ -e "$PNGCMP" ]; then
    if "$PNGCMP" "$W/a.png" "$W/b.png"; then ok "-screenshot and -screenshot-at at the same cycle agree"
    else bad "screenshots" "differ"; fi
else
    echo "SKIP pngcmp: $PNGCMP not built"
fi
if cmp -s "$W/h1" "$W/h2" && grep -q '^state-hash [0-9a-f]\{16\} cycles 600000[0-9][0-9]$' "$W/h1"; then
    ok "-state-hash the same with -trace-max 1 and 16: $(cat "$W/h1")"
else bad "state-hash" "'$(cat "$W/h1")' vs '$(cat "$W/h2")'"; fi

# ---- -record / -replay -------------------------------------------------------
# A log the reader refuses: one line "tick86: FILE:LINE: problem", status
# 2, nothing run (no debug console, serial or screenshot file) and no
# -record file written.
L=$W/bad.log
HEAD='tick86-input 1
machine cpu=80386
100 key 1C down'
O="$O -record $W/out/rec.log"
printf 'tick86-input 9\n' >"$L"
expect_error "replay: bad header" 2 "tick86: $L:1: format version 9 is not supported (this tick86 reads 1)" \
    "$W/keys.img" -replay "$L" $O
printf 'P3\n1 1\n' >"$L"
expect_error "replay: not a log" 2 "tick86: $L:1: expected \"tick86-input 1\" (not a tick86 input log)" \
    "$W/keys.img" -replay "$L" $O
printf '%s\n2OO key 1C up\n' "$HEAD" >"$L"
expect_error "replay: bad number" 2 "tick86: $L:4: bad cycle number \"2OO\"" "$W/keys.img" -replay "$L" $O
printf '%s\n99 key 1C up\n' "$HEAD" >"$L"
expect_error "replay: cycles going backwards" 2 \
    "tick86: $L:4: cycle 99 is before the previous event's cycle 100" "$W/keys.img" -replay "$L" $O
printf '%s\n# a comment\n\n200 joystick 1 2\n' "$HEAD" >"$L"
expect_error "replay: unknown event" 2 "tick86: $L:6: unknown event \"joystick\" (key, mouse or serial)" \
    "$W/keys.img" -replay "$L" $O
printf '%s\n200 mouse 0 0 9\n' "$HEAD" >"$L"
expect_error "replay: bad field" 2 "tick86: $L:4: mouse: bad BUTTONS \"9\" (0..7)" "$W/keys.img" -replay "$L" $O
expect_error "replay: missing log" 2 "tick86: $W/nope.log: No such file or directory" \
    "$W/keys.img" -replay "$W/nope.log" $O
expect_error "record twice" 2 "tick86: -record: given twice" "$W/keys.img" -record "$W/out/a" $O
expect_error "record with -load" 2 "tick86: -record: the bare-program mode (-load) takes no input" \
    -load 0x100 "$W/boot.bin" -record "$W/out/a"
# Refused before the run, and before the other outputs are created.
expect_error "record into a missing directory" 1 "tick86: -record $W/out/no/r.log: No such file or directory" \
    "$W/keys.img" -record "$W/out/no/r.log" -debugcon "file:$W/out/con" -screenshot "$W/out/s.png"

# A recorded run replayed: the guest reads the same keys and ends the same
# way; recording the replay gives the same log byte for byte.
run "record keys" 13 -debug-exit -debugcon stdio "$W/keys.img" -sendkeys '30000000:aZ1 ~\\x\n' \
    -record "$W/keys.log" -state-hash $MAX && cp "$W/stderr" "$W/kh1" && cp "$W/stdout" "$W/ko1"
run "replay keys" 13 -debug-exit -debugcon stdio "$W/keys.img" -replay "$W/keys.log" \
    -record "$W/keys2.log" -state-hash $MAX && cp "$W/stderr" "$W/kh2" && cp "$W/stdout" "$W/ko2"
if [ "$(cat "$W/ko1" 2>/dev/null)" = 'aZ1 ~\x' ] && cmp -s "$W/ko1" "$W/ko2" && cmp -s "$W/kh1" "$W/kh2" \
   && grep -q '^state-hash' "$W/kh1"; then
    ok "replay of a -sendkeys run without -sendkeys: same keys read, status 13, $(cat "$W/kh1")"
else bad "replay keys" "read '$(cat "$W/ko1" "$W/ko2" 2>&1)'; '$(cat "$W/kh1" "$W/kh2" 2>&1)'"; fi
if [ "$(grep -c ' key ' "$W/keys.log" 2>/dev/null)" = 20 ] && cmp -s "$W/keys.log" "$W/keys2.log"; then
    ok "-record: 20 key events; recording the replay gives the same log"
else bad "record keys" "$(grep -c ' key ' "$W/keys.log" 2>&1) key events; logs $(cmp "$W/keys.log" "$W/keys2.log" 2>&1)"; fi
# The same log with every event one cycle late is a different run (so the
# comparison above can fail).
awk '/^[0-9]/ { $1 += 1 } { print }' "$W/keys.log" >"$W/late.log"
run "replay late" 13 -debug-exit "$W/keys.img" -replay "$W/late.log" -state-hash $MAX &&
    { if [ "$(cut -d' ' -f2 "$W/stderr")" != "$(cut -d' ' -f2 "$W/kh1")" ]; then
          ok "events one cycle late give another state hash: $(cat "$W/stderr")"
      else bad "replay late" "the same state hash: $(cat "$W/stderr")"; fi; }

# Live keys are ignored while replaying: on a terminal (util-linux script
# gives it a pty) "zz" and Enter are typed half a second in, before the
# recorded keys' cycle 30000000 comes at the terminal's real-time pace.
if command -v script >/dev/null 2>&1; then
    (sleep 0.5; printf 'zz\r'; sleep 2) | script -qec "\"$T\" -display term -debug-exit \
        -debugcon file:\"$W/live.con\" \"$W/keys.img\" -replay \"$W/keys.log\" $MAX" /dev/null >/dev/null 2>&1
    if [ "$(cat "$W/live.con" 2>/dev/null)" = 'aZ1 ~\x' ]; then ok "-display term -replay: live keys are ignored"
    else bad "live keys while replaying" "the guest read '$(cat "$W/live.con" 2>&1)'"; fi
else
    echo "SKIP live keys while replaying: no script(1) for a pty"
fi

# The terminal display clips an 80x25 screen to a smaller terminal instead
# of scrolling it: no cursor addressing beyond row 10 or column 40.
if command -v script >/dev/null 2>&1 && [ -e "$DEMO" ]; then
    (sleep 2) | script -qec "stty rows 10 cols 40; \"$T\" -display term -fda \"$DEMO\" -max-cycles 30000000" \
        "$W/small.tty" >/dev/null 2>&1
    far=$(grep -ao '\[[0-9]*;[0-9]*H' "$W/small.tty" | tr -d '[H' |
          awk -F';' '$1 > 10 || $2 > 40 { n++ } END { print n + 0 }')
    if grep -aq '╔' "$W/small.tty" && [ "$far" = 0 ]; then
        ok "-display term clips 80x25 to a 40x10 terminal"
    else bad "term clipping" "$far cursor moves outside 40x10"; fi
else
    echo "SKIP terminal clipping: no script(1) for a pty, or no demo image"
fi

# Options that differ from the recording: one warning each, then the run.
run "replay warnings" 13 -debug-exit "$W/keys.img" -replay "$W/keys.log" -cpu 80286 -m 32 $MAX &&
    { if [ "$(cat "$W/stderr")" = "tick86: $W/keys.log: recorded with cpu=80386, this run has cpu=80286
tick86: $W/keys.log: recorded with m=16, this run has m=32" ]; then ok "-replay warns once per differing option"
      else bad "replay warnings" "stderr '$(cat "$W/stderr")'"; fi; }

# Serial input: bytes read from stdin are recorded; on replay stdin is
# ignored and the log alone feeds COM1.
printf 'AB' >"$W/serial.in"
"$T" -display none -serial stdio "$W/loop.img" -record "$W/ser.log" -state-hash -max-cycles 30000000 \
    <"$W/serial.in" >/dev/null 2>"$W/sh1"
printf 'something else' | "$T" -display none -serial stdio "$W/loop.img" -replay "$W/ser.log" -state-hash \
    -max-cycles 30000000 >/dev/null 2>"$W/sh2"
"$T" -display none -serial stdio "$W/loop.img" -state-hash -max-cycles 30000000 </dev/null >/dev/null 2>"$W/sh3"
if [ "$(grep -v '^[#mt]' "$W/ser.log" | cut -d' ' -f2-)" = "serial 0 41
serial 0 42" ] && cmp -s "$W/sh1" "$W/sh2" && ! cmp -s "$W/sh1" "$W/sh3"; then
    ok "serial input recorded and replayed (live stdin ignored): $(cat "$W/sh1")"
else bad "serial replay" "log '$(cat "$W/ser.log")'; $(cat "$W/sh1" "$W/sh2" "$W/sh3")"; fi

# Mouse events (only the SDL window makes them) go through as written; a
# hand-written cycle that is not an instruction boundary is taken at the
# next boundary (the loop's JMP $ takes a few clocks).
printf 'tick86-input 1\nmachine\n5000000 mouse -3 12 1\n6000000\tmouse 0 0 0\r\n7000000 key e075 down\n' >"$L"
run "replay mouse" 0 "$W/loop.img" -replay "$L" -record "$W/mouse.log" -max-cycles 10000000 &&
    { if [ "$(grep -v '^[#mt]' "$W/mouse.log" | sed 's/^\(500000\|600000\|700000\)[0-9] /\1x /')" = "500000x mouse -3 12 1
600000x mouse 0 0 0
700000x key E075 down" ]; then ok "a hand-written log with mouse events replays and re-records"
      else bad "replay mouse" "re-recorded '$(cat "$W/mouse.log")'"; fi; }

# The demo's keyboard screen typed at by -sendkeys (standing in for a
# person), then replayed without it: the same state hash and the same
# picture. A run without input must differ.
if [ -e "$DEMO" ]; then
    run "demo record" 0 -fda "$DEMO" -sendkeys 30000000:2 -sendkeys '40000000:Hi \e2xy!' -record "$W/demo.log" \
        -screenshot "$W/d1.png" -state-hash -max-cycles 90000000 && cp "$W/stderr" "$W/dh1"
    run "demo replay" 0 -fda "$DEMO" -replay "$W/demo.log" -screenshot "$W/d2.png" -state-hash \
        -max-cycles 90000000 && cp "$W/stderr" "$W/dh2"
    run "demo no input" 0 -fda "$DEMO" -state-hash -max-cycles 90000000 && cp "$W/stderr" "$W/dh4"
    if grep -q '^state-hash [0-9a-f]\{16\} cycles 90000000$' "$W/dh1" && cmp -s "$W/dh1" "$W/dh2" \
       && ! cmp -s "$W/dh1" "$W/dh4"; then
        ok "demo: replay without -sendkeys gives the recorded run's $(cat "$W/dh1")"
    else bad "demo replay" "hashes '$(cat "$W/dh1")' '$(cat "$W/dh2")', without input '$(cat "$W/dh4")'"; fi
    if [ -e "$PNGCMP" ]; then
        if "$PNGCMP" "$W/d1.png" "$W/d2.png"; then ok "demo: replay gives the recorded run's screenshot"
        else bad "demo replay screenshot" "differs"; fi
    fi
else
    bad "demo replay" "$DEMO was not built"
fi

echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
