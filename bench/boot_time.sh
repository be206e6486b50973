#!/bin/sh
# boot_time.sh - how long the demo disk takes to reach its first screen,
# in guest cycles and in host seconds, per CPU model and BIOS. Part of
# `make bench`.
#
#   bench/boot_time.sh BUILD_DIR
#
# The first screen is the moment the demo writes "demo: menu" to the debug
# console (after drawing the menu). Its cycle is found by bisection on
# -max-cycles, which is exact because runs are deterministic: the line is
# there with N cycles and not with N-1 (to the instruction boundary at
# which -max-cycles stops). Host seconds are the median of 3 timed runs of
# exactly that many cycles, headless.
set -u
B=${1:-build}
T=./tick86
DEMO=$B/demo/demo.img
BB=/usr/share/bochs/BIOS-bochs-legacy
VB=/usr/share/vgabios/vgabios.bin

reaches() {     # reaches CYCLES ARGS... : does the menu appear within CYCLES?
    n=$1
    shift
    "$T" -display none -fda "$DEMO" "$@" -debugcon stdio -max-cycles "$n" 2>/dev/null | grep -q 'demo: menu'
}

first_cycle() { # first_cycle ARGS... : prints the first cycle count that reaches the menu
    lo=0
    hi=1000000
    while ! reaches $hi "$@"; do
        lo=$hi
        hi=$((hi * 2))
        [ $hi -gt 4000000000 ] && { echo never; return; }
    done
    while [ $((hi - lo)) -gt 1000 ]; do
        mid=$(((lo + hi) / 2))
        if reaches $mid "$@"; then hi=$mid; else lo=$mid; fi
    done
    echo $hi
}

host_seconds() { # host_seconds CYCLES ARGS...
    n=$1
    shift
    for i in 1 2 3; do
        s=$(date +%s%N)
        "$T" -display none -fda "$DEMO" "$@" -max-cycles "$n" >/dev/null 2>&1
        e=$(date +%s%N)
        echo $(((e - s) / 1000))
    done | sort -n | sed -n 2p
}

printf '%-10s %-12s %14s %12s %12s\n' model BIOS "guest cycles" "guest ms" "host ms"
for bios in ours bochs; do
    if [ $bios = bochs ]; then
        if [ ! -e $BB ] || [ ! -e $VB ]; then
            echo "bochs: skipped (needs Debian's bochsbios and vgabios)"
            continue
        fi
        models="80386 pentium p6"
        set -- -bios $BB -vgabios $VB
    else
        models="8086 80286 80386 80486 pentium p6"
        set --
    fi
    for m in $models; do
        c=$(first_cycle -cpu $m "$@")
        if [ "$c" = never ]; then
            printf '%-10s %-12s %14s\n' $m $bios "never"
            continue
        fi
        us=$(host_seconds $c -cpu $m "$@")
        # 33 MHz is the default clock: cycles / 33000 = guest milliseconds
        printf '%-10s %-12s %14s %12s %12s\n' $m $bios $c $((c / 33000)) "$((us / 1000)).$(((us % 1000) / 100))"
    done
done
