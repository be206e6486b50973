#!/bin/sh
# boot_tests.sh - whole-machine tests of the PC, run by `make pc-tests`
# (part of `make check`). Every test boots ./tick86 headless and judges it
# by what the guest printed on the debug console (port E9h), its debug-exit
# status, PNG screenshots compared pixel for pixel with tests/pc/ref/, or
# the state hash.
#
#   tests/pc/boot_tests.sh BUILD_DIR
#
# Tests that need Debian's bochsbios/vgabios packages are skipped, with a
# line saying why, when the files are absent.
set -u
B=${1:-build}
T=./tick86
PNGCMP=$B/pngcmp
OUT=$B/pc-tests
mkdir -p "$OUT"
pass=0 fail=0 skip=0

ok()   { pass=$((pass + 1)); echo "PASS $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL $1: $2"; }
skip() { skip=$((skip + 1)); echo "SKIP $1: $2"; }

# Guest test programs: each floppy image prints PASS/FAIL lines and exits
# through port F4h with 0 (status 1) when every check passed.
for src in tests/guest/pc/*.asm; do
    name=$(basename "$src" .asm)
    img=$B/guest/pc/$name.img
    if [ ! -e "$img" ]; then bad "guest $name" "$img was not built"; continue; fi
    # On the first and last models of each family of address widths, and
    # on the hostile build (80386 model) whose caches shrink to nothing.
    for cpu in 8086 80286 80386 p6 hostile; do
        tt=$T model=$cpu
        if [ $cpu = hostile ]; then tt=$B/tick86-hostile model=80386; fi
        log=$OUT/$name-$cpu.log
        rm -f "$log"
        # Each program names the options it needs on a line of its source
        # starting "; tick86-args:" (disks, scripted keys, the RTC base).
        args=$(sed -n 's/^; tick86-args://p' "$src" | head -1 | sed "s|@B@|$B|g")
        # shellcheck disable=SC2086
        $tt -display none -cpu $model -debug-exit -debugcon "file:$log" -fda "$img" $args \
           -max-cycles 4000000000 >"$OUT/$name-$cpu.out" 2>&1
        st=$?
        if [ $st -eq 1 ] && ! grep -q '^FAIL' "$log" && grep -q '^PASS' "$log"; then
            ok "guest $name ($cpu) ($(grep -c '^PASS' "$log") checks)"
        else
            bad "guest $name ($cpu)" "exit status $st; $(grep '^FAIL' "$log" | head -3 | tr '\n' ' ') $(tail -1 "$OUT/$name-$cpu.out")"
        fi
    done
done

# The demo boots from floppy and from hard disk with our BIOS on every
# CPU model, and every screen of it is reached by scripted keys: each
# screen says on the debug console when it is drawn.
DEMO=$B/demo/demo.img
WALK="demo: menu demo: text demo: menu demo: keys demo: menu demo: vga256 demo: menu demo: clock demo: menu "
if [ -e "$DEMO" ]; then
    for cpu in 8086 80186 80286 80386 80486 pentium p6; do
        for dev in a c; do
            log=$OUT/demo-$cpu-$dev.log
            if [ $dev = a ]; then media="-fda $DEMO"; else media="-hda $DEMO -snapshot"; fi
            # shellcheck disable=SC2086
            $T -display none -cpu $cpu $media -boot $dev -debugcon "file:$log" \
               -sendkeys '30000000:1' -sendkeys '40000000:\e2ab\e' -sendkeys '50000000:3' \
               -sendkeys '60000000:\e4' -sendkeys '70000000:\e' \
               -max-cycles 80000000 >"$OUT/demo-$cpu-$dev.out" 2>&1
            got=$(tr -d '\r' <"$log" 2>/dev/null | tr '\n' ' ')
            if [ "$got" = "$WALK" ]; then ok "demo boots and shows every screen ($cpu, -boot $dev)"
            else bad "demo ($cpu, -boot $dev)" "debug console: '$got'; $(tail -1 "$OUT/demo-$cpu-$dev.out")"; fi
        done
    done

    # Pixel-exact screens: the text menu, the colour text screen and the
    # 256-colour screen, against references checked by eye when made
    # (tests/pc/ref/README.md says how to remake them).
    $T -display none -fda "$DEMO" -screenshot-at 20000000:"$OUT/menu.png" \
       -sendkeys 25000000:1 -screenshot-at 40000000:"$OUT/text.png" \
       -sendkeys '45000000:\e3' -screenshot-at 70000000:"$OUT/vga256.png" -max-cycles 70000000 \
       >"$OUT/screens.out" 2>&1
    for s in menu text vga256; do
        if [ ! -e tests/pc/ref/$s.png ]; then bad "screen $s" "tests/pc/ref/$s.png is missing"
        elif $PNGCMP "$OUT/$s.png" tests/pc/ref/$s.png; then ok "screen $s matches tests/pc/ref/$s.png"
        else bad "screen $s" "differs from tests/pc/ref/$s.png (see $OUT/$s.png)"; fi
    done

    # Determinism: the same scripted input twice gives the same state hash
    # and the same picture; trace shape (-trace-max 1) changes neither.
    # Run 4 is the hostile build (1-instruction traces, 4-entry trace cache
    # and TLB flushed at every instruction boundary).
    for run in 1 2 3 4; do
        tm=16; [ $run = 3 ] && tm=1
        tt=$T; [ $run = 4 ] && tt=$B/tick86-hostile
        $tt -display none -fda "$DEMO" -trace-max $tm -sendkeys 100000000:2 -sendkeys 120000000:hello \
           -screenshot "$OUT/det$run.png" -state-hash -max-cycles 200000000 >"$OUT/det$run.out" 2>&1
    done
    same=1
    for run in 2 3 4; do
        cmp -s "$OUT/det1.out" "$OUT/det$run.out" && $PNGCMP "$OUT/det1.png" "$OUT/det$run.png" || same=0
    done
    if [ -s "$OUT/det1.out" ] && [ $same = 1 ]; then
        ok "determinism (twice, -trace-max 1, hostile build): $(cat "$OUT/det1.out")"
    else
        bad "determinism" "runs differ: $(cat "$OUT"/det[1-4].out | tr '\n' '/')"
    fi
else
    bad "demo" "$DEMO was not built"
fi

# The SDL window paces the guest to wall-clock time; that must not change
# what the guest sees. SDL's offscreen driver stands in for a display.
if [ "${HAVE_SDL:-0}" != 1 ]; then
    skip "sdl pacing" "tick86 was built without SDL (./configure found no libsdl2-dev)"
elif [ -e "$DEMO" ]; then
    for d in sdl none; do
        SDL_VIDEODRIVER=offscreen $T -display $d -fda "$DEMO" -sendkeys 20000000:2hi -state-hash \
            -screenshot "$OUT/pace-$d.png" -max-cycles 40000000 >"$OUT/pace-$d.out" 2>&1
    done
    if [ -s "$OUT/pace-sdl.out" ] && cmp -s "$OUT/pace-sdl.out" "$OUT/pace-none.out" \
       && $PNGCMP "$OUT/pace-sdl.png" "$OUT/pace-none.png"; then
        ok "sdl window (paced) and headless runs agree: $(cat "$OUT/pace-sdl.out")"
    else
        bad "sdl pacing" "sdl: $(cat "$OUT/pace-sdl.out") / none: $(cat "$OUT/pace-none.out")"
    fi
fi

# Debian's Bochs BIOS and LGPL VGA BIOS boot the demo on our chips.
BB=/usr/share/bochs/BIOS-bochs-legacy
VB=/usr/share/vgabios/vgabios.bin
if [ ! -e $BB ] || [ ! -e $VB ]; then
    skip "bochs-bios boots" "needs Debian's bochsbios and vgabios packages ($BB, $VB); ./configure --install-deps installs them"
elif [ -e "$DEMO" ]; then
    for cpu in 80386 80486 pentium p6; do
        for dev in a c; do
            log=$OUT/bochs-$cpu-$dev.log
            if [ $dev = a ]; then media="-fda $DEMO"; else media="-hda $DEMO -snapshot"; fi
            # shellcheck disable=SC2086
            $T -display none -cpu $cpu -bios $BB -vgabios $VB $media -boot $dev \
               -debugcon "file:$log" -max-cycles 300000000 >"$OUT/bochs-$cpu-$dev.out" 2>&1
            if grep -q 'demo: menu' "$log" 2>/dev/null; then ok "bochs-bios boots demo ($cpu, -boot $dev)"
            else bad "bochs-bios boots demo ($cpu, -boot $dev)" "no 'demo: menu'; $(tail -1 "$OUT/bochs-$cpu-$dev.out")"; fi
        done
    done
fi

echo "pc-tests: $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
