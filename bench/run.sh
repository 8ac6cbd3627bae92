#!/bin/sh
# Figures for bench/README.md: boot-to-exit against an empty kernel, image size, smallest memory,
# rr-build cold and warm, rr-bake. Each figure is compared with a baseline measured in the same run.
# Usage: bench/run.sh   (needs hyperfine: apt-get install hyperfine)
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
out=$root/bench/out
rm -rf "$out"; mkdir -p "$out"
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing: apt-get install hyperfine" >&2; exit 1; }

./rr-build -q hw
. ./obj-amd64-hw/config-PATH.sh

# Baseline kernel and the measured program.
gcc -c -o "$out/empty.o" bench/baseline/empty.S
ld -T bench/baseline/empty.ld -z max-page-size=4096 -o "$out/empty.bin" "$out/empty.o"
x86_64-rumprun-netbsd-gcc -O2 -o "$out/nohello" bench/nohello.c
rr-bake hw_generic "$out/nohello.bin" "$out/nohello"

echo "## Boot to exit (median of 30, same QEMU command line, TCG)"
qemu_line() { rr-run --dry-run qemu -i "$1"; }
# QEMU exits 1 after a status-0 guest (isa-debug-exit reports (0 << 1) | 1), hence -i.
hyperfine -N -i --warmup 3 --runs 30 --export-csv "$out/boot.csv" \
    -n empty "$(qemu_line "$out/empty.bin")" \
    -n hello "$(qemu_line "$out/nohello.bin")" >"$out/boot.txt" 2>&1 || { cat "$out/boot.txt"; exit 1; }
median() { awk -F, -v n="$1" '$1 == n { printf "%.1f", $4 * 1000 }' "$out/boot.csv"; }
empty_ms=$(median empty); hello_ms=$(median hello)
echo "empty kernel: ${empty_ms} ms, hello: ${hello_ms} ms, ratio $(echo "$hello_ms $empty_ms" | awk '{printf "%.2f", $1 / $2}')x"

echo "## rr-run overhead (hello through rr-run qemu -i, median of 10)"
hyperfine -N --warmup 1 --runs 10 --export-csv "$out/rrrun.csv" -n rr-run "rr-run qemu -i $out/nohello.bin" >/dev/null 2>&1
rr_ms=$(awk -F, '$1 == "rr-run" { printf "%.1f", $4 * 1000 }' "$out/rrrun.csv")
echo "rr-run qemu -i hello: ${rr_ms} ms ($(echo "$rr_ms $hello_ms" | awk '{printf "%.2f", $1 / $2}')x the bare QEMU run)"

echo "## Console input (1 MB piped into rr-run qemu -i, against an empty stdin; median of 3)"
x86_64-rumprun-netbsd-gcc -O2 -o "$out/count_stdin" bench/count_stdin.c
rr-bake hw_generic "$out/count_stdin.bin" "$out/count_stdin"
head -c 1000000 /dev/urandom >"$out/stdin.data"
hyperfine -N --warmup 1 --runs 3 --export-csv "$out/stdin.csv" \
    -n empty "sh -c 'rr-run qemu -i $out/count_stdin.bin </dev/null'" \
    -n mb "sh -c 'rr-run qemu -i $out/count_stdin.bin <$out/stdin.data'" >/dev/null 2>&1
stdin_empty=$(awk -F, '$1 == "empty" { print $4 }' "$out/stdin.csv"); stdin_mb=$(awk -F, '$1 == "mb" { print $4 }' "$out/stdin.csv")
echo "1 MB: $(echo "$stdin_mb" | awk '{printf "%.2f", $1}') s, empty stdin $(echo "$stdin_empty" | awk '{printf "%.2f", $1}') s: $(echo "$stdin_mb $stdin_empty" | awk '{printf "%.0f", 1000 / ($1 - $2)}') KB/s"

echo "## System calls (ns per call, median of 5 rounds: the same source natively with musl-gcc -static, and as a unikernel under TCG)"
musl-gcc -static -O2 -o "$out/syscalls.native" bench/syscalls.c
x86_64-rumprun-netbsd-gcc -O2 -o "$out/syscalls" bench/syscalls.c
rr-bake hw_generic "$out/syscalls.bin" "$out/syscalls"
"$out/syscalls.native" >"$out/syscalls.native.txt"
rr-run qemu -i "$out/syscalls.bin" >"$out/syscalls.guest.txt"
join "$out/syscalls.native.txt" "$out/syscalls.guest.txt" |
    awk '{ printf "%s: native %.0f ns, unikernel %.0f ns, ratio %.2fx\n", $1, $2, $3, $3 / $2 }'

echo "## Image size"
strip -o "$out/nohello.stripped.bin" "$out/nohello.bin"
x86_64-rumprun-netbsd-gcc -O2 -o "$out/hello" examples/hello.c
rr-bake hw_generic "$out/hello.bin" "$out/hello"
strip -o "$out/hello.stripped.bin" "$out/hello.bin"
size_of() { stat -c %s "$1"; }
echo "hello.bin: $(size_of "$out/hello.bin") bytes, stripped $(size_of "$out/hello.stripped.bin") bytes ($(size_of "$out/hello.stripped.bin" | awk '{printf "%.1f", $1 / 1024}') KiB); empty kernel $(size_of "$out/empty.bin") bytes"
echo "stripped hello boots: $(rr-run qemu -i "$out/hello.stripped.bin" 2>&1 | tr '\n' ' ')"

echo "## Smallest memory (-M, MiB) with which hello runs"
smallest=none
for mb in 1 2 3 4 6 8 16; do
    if [ "$(rr-run qemu -i -M "$mb" "$out/nohello.bin" 2>/dev/null)" = "$(printf 'Hello!\nGoodbye!')" ]; then
        smallest=$mb; break
    fi
done
echo "smallest -M: $smallest"

echo "## rr-build hw cold and warm, rr-bake (this machine: $(nproc) cores)"
start=$(date +%s.%N); ./rr-build -q -d "$out/prefix" -o "$out/obj" hw; cold=$(echo "$(date +%s.%N) $start" | awk '{printf "%.1f", $1 - $2}')
start=$(date +%s.%N); ./rr-build -q -d "$out/prefix" -o "$out/obj" hw; warm=$(echo "$(date +%s.%N) $start" | awk '{printf "%.1f", $1 - $2}')
echo "rr-build hw: cold ${cold} s, warm ${warm} s"
hyperfine -N --warmup 1 --runs 10 --export-csv "$out/bake.csv" -n bake "rr-bake hw_generic $out/bake.bin $out/hello" \
    -n dotnet-start "rr-bake list" >/dev/null 2>&1
bake_ms=$(awk -F, '$1 == "bake" { printf "%.0f", $4 * 1000 }' "$out/bake.csv")
list_ms=$(awk -F, '$1 == "dotnet-start" { printf "%.0f", $4 * 1000 }' "$out/bake.csv")
echo "rr-bake hello: ${bake_ms} ms (rr-bake list, i.e. tool start-up alone: ${list_ms} ms)"

echo "## Idle cost of sleep(3) (host CPU seconds for the whole QEMU run)"
# QEMU exits 1 after a status-0 guest (see above).
/usr/bin/time -f "%U %S %e" -o "$out/idle.txt" sh -c "$(qemu_line "$out/hello.bin") >/dev/null" || true
tail -n 1 "$out/idle.txt" | awk '{printf "user %.2f s + sys %.2f s over %.2f s wall\n", $1, $2, $3}'
