#!/usr/bin/env bash
# compare.sh - run bench workloads on Bochs, for the ratio against tick86.
#
# usage: bench/bochs/compare.sh [--cpu BOCHS_MODEL] build/bench/*.bin
#
# Each workload is wrapped in a boot floppy (bootsect.asm) and booted on
# Debian's Bochs (apt-get install bochs bochsbios vgabios) with bochsrc here.
# The workload prints its checksum on port E9h and stops Bochs through port
# 8900h. Bochs counts one tick per instruction, so the ticks between "Booting
# from 0000:7c00" and the shutdown are the workload's instructions. Host time
# is user CPU time minus that of a baseline floppy that shuts down at once
# (the BIOS's POST and the boot), so run it on an idle machine. make bench
# does not run this; it is for people comparing by hand.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cpu=pentium
if [ "${1:-}" = "--cpu" ]; then
	cpu=$2
	shift 2
fi
if [ $# -eq 0 ]; then
	echo "usage: $0 [--cpu BOCHS_MODEL] build/bench/*.bin" >&2
	exit 2
fi
for tool in bochs nasm; do
	command -v "$tool" >/dev/null || { echo "compare.sh: $tool not found (apt-get install bochs bochsbios vgabios nasm)" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo c >"$tmp/continue.rc"      # Debian's Bochs starts in its debugger
export BXSHARE=${BXSHARE:-/usr/share/bochs} BENCH_BOCHS_CPU=$cpu

# boot IMG -> sets secs (user CPU seconds), ticks (instructions after the
# boot sector took over) and sum (what the guest printed on port E9h).
boot() {
	local log=$tmp/log
	TIMEFORMAT=%U
	{ time BENCH_IMG=$1 bochs -q -f "$here/bochsrc" -rc "$tmp/continue.rc" >"$log" 2>&1 || true; } 2>"$tmp/time"
	secs=$(tail -n 1 "$tmp/time")
	local t0 t1
	t0=$(grep -a 'Booting from 0000:7c00' "$log" | head -n 1 | sed 's/^0*\([0-9][0-9]*\)[a-z].*/\1/')
	t1=$(grep -a 'Shutdown port: shutdown requested' "$log" | head -n 1 | sed 's/^0*\([0-9][0-9]*\)[a-z].*/\1/')
	if [ -z "$t0" ] || [ -z "$t1" ]; then
		echo "compare.sh: $2: Bochs did not boot it or it did not shut down; log kept in $log.kept" >&2
		cp "$log" "$log.kept"
		ticks=0
	else
		ticks=$((t1 - t0))
	fi
	sum=$(grep -a -E '^[0-9A-F]{8}$' "$log" | head -n 1 || true)
}

nasm -f bin "$here/bootsect.asm" -o "$tmp/baseline.img"
boot "$tmp/baseline.img" baseline
base=$secs
printf 'Bochs %s, cpu %s; baseline (POST and boot) %s s of user time\n' \
	"$(bochs --help 2>&1 | sed -n 's/.*Bochs x86 Emulator \([^ ]*\).*/\1/p' | head -n 1)" "$cpu" "$base"
printf '%-14s %12s %9s %8s %s\n' workload instructions "user s" MIPS checksum
for bin in "$@"; do
	name=$(basename "$bin" .bin)
	nasm -f bin -DPAYLOAD="\"$bin\"" "$here/bootsect.asm" -o "$tmp/$name.img"
	boot "$tmp/$name.img" "$name"
	awk -v n="$name" -v i="$ticks" -v s="$secs" -v b="$base" -v c="${sum:--}" 'BEGIN {
		d = s - b; m = "-"; if (d > 0) m = sprintf("%.1f", i / d / 1e6)
		printf "%-14s %12d %9.2f %8s %s\n", n, i, d, m, c }'
done
