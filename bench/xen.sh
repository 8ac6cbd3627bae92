#!/bin/sh
# Figures for bench/README.md, "xen platform": boot to exit of a hello baked with xen_pvh against the
# same hello baked with hw_generic, both under QEMU's PVH loader (no Xen: the xen image detects none
# and runs the hw paths), and the image sizes. Measured in the same run, reported as ratios.
# Usage: bench/xen.sh   (needs hyperfine: apt-get install hyperfine)
set -eu
cd "$(dirname "$0")/.."
out=$(pwd)/bench/out/xen
rm -rf "$out"; mkdir -p "$out"
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing: apt-get install hyperfine" >&2; exit 1; }

./rr-build -q hw
./rr-build -q xen
. ./obj-amd64-hw/config-PATH.sh

x86_64-rumprun-netbsd-gcc -O2 -o "$out/nohello" bench/nohello.c
rr-bake hw_generic "$out/nohello.hw.bin" "$out/nohello"
rr-bake xen_pvh "$out/nohello.xen.bin" "$out/nohello"

echo "## Boot to exit, xen_pvh against hw_generic (median of 30, same QEMU command line, TCG)"
qemu_line() { rr-run --dry-run qemu -i "$1"; }
# QEMU exits 1 after a status-0 guest (isa-debug-exit reports (0 << 1) | 1), hence -i.
# hyperfine runs one command's runs after the other's: hw is measured before and after xen, so a
# change of load during the run shows as a difference between the two hw figures.
hyperfine -N -i --warmup 3 --runs 30 --export-csv "$out/boot.csv" \
    -n hw "$(qemu_line "$out/nohello.hw.bin")" \
    -n xen "$(qemu_line "$out/nohello.xen.bin")" \
    -n hw-again "$(qemu_line "$out/nohello.hw.bin")" >"$out/boot.txt" 2>&1 || { cat "$out/boot.txt"; exit 1; }
median() { awk -F, -v n="$1" '$1 == n { printf "%.1f", $4 * 1000 }' "$out/boot.csv"; }
hw_ms=$(median hw); xen_ms=$(median xen); hw2_ms=$(median hw-again)
echo "hw_generic: ${hw_ms} ms before, ${hw2_ms} ms after; xen_pvh: ${xen_ms} ms; ratio $(echo "$xen_ms $hw_ms $hw2_ms" | awk '{printf "%.2f", $1 / (($2 + $3) / 2)}')x"

echo "## Image size (examples/hello.c, stripped)"
x86_64-rumprun-netbsd-gcc -O2 -o "$out/hello" examples/hello.c
for config in hw_generic xen_pvh; do
    rr-bake "$config" "$out/hello.$config.bin" "$out/hello"
    strip -o "$out/hello.$config.stripped.bin" "$out/hello.$config.bin"
done
hw_b=$(stat -c %s "$out/hello.hw_generic.stripped.bin"); xen_b=$(stat -c %s "$out/hello.xen_pvh.stripped.bin")
echo "hw_generic: $((hw_b / 1024)) KiB, xen_pvh: $((xen_b / 1024)) KiB, ratio $(echo "$xen_b $hw_b" | awk '{printf "%.2f", $1 / $2}')x (+$(((xen_b - hw_b) / 1024)) KiB: the Xen layer and its page-aligned hypercall page)"
