#!/bin/sh
# ISO images (rr-run iso): the size of a written ISO and what it is made of, and boot-to-exit of the
# same image from the ISO (pc machine, SeaBIOS, El Torito, GRUB, multiboot2) against rr-run qemu's
# direct PVH boot (microvm) and a PVH boot on pc (to tell the machine's cost from firmware and GRUB's).
# Figures, not tests. Usage: bench/iso.sh [RUNS]  (default 5; needs hyperfine, grub-pc-bin, xorriso;
# RR_OBJDIR names another build than ./obj-amd64-hw)
set -eu
cd "$(dirname "$0")/.."
runs=${1:-5}
out=bench/out/iso
rm -rf "$out"
mkdir -p "$out"
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing: apt-get install hyperfine" >&2; exit 1; }
. "${RR_OBJDIR:-./obj-amd64-hw}/config-PATH.sh"

x86_64-rumprun-netbsd-gcc -O2 -o "$out/nohello" bench/nohello.c
rr-bake -q hw_generic "$out/nohello.bin" "$out/nohello"
strip -o "$out/stripped.bin" "$out/nohello.bin"
rr-run -q iso -o "$out/nohello.iso" --console raw "$out/nohello.bin" >/dev/null
rr-run -q iso -o "$out/stripped.iso" --console raw "$out/stripped.bin" >/dev/null

size_of() { stat -c %s "$1"; }
# Sum of the sizes of the files under a directory of the ISO, as xorriso lists them.
iso_files() { xorriso -indev "$1" -find "$2" -type f -exec lsdl 2>/dev/null | awk '{ s += $5 } END { print s + 0 }'; }

echo "## ISO size (hello without sleep, hw_generic)"
iso=$(size_of "$out/nohello.iso"); image=$(size_of "$out/nohello.bin")
grub=$(iso_files "$out/nohello.iso" /boot/grub)
config=$(iso_files "$out/nohello.iso" /boot/rr-config.json)
padding=$((300 * 1024))
echo "ISO: $iso bytes ($((iso / 1024)) KiB); with the stripped image: $(size_of "$out/stripped.iso") bytes (image $(size_of "$out/stripped.bin"))"
echo "  image $image, GRUB (core image and modules under /boot/grub) $grub, configuration $config,"
echo "  xorriso's default padding $padding, ISO 9660 structures and system area $((iso - image - grub - config - padding))"
echo "  largest GRUB files:"
xorriso -indev "$out/nohello.iso" -find /boot/grub -type f -exec lsdl 2>/dev/null | awk '{ print $5, $9 }' | sort -rn | head -5 | sed 's/^/    /'

echo "## Boot to exit (median of $runs, TCG): ISO on pc against PVH on microvm and PVH on pc"
printf '\0\0' >"$out/sercon-port"
devices="-chardev stdio,id=con,signal=off -serial chardev:con -device isa-debug-exit,iobase=0xf4,iosize=4 -accel tcg"
common="-cpu max -m 64 -nodefaults -no-user-config -display none -no-reboot"
microvm="qemu-system-x86_64 -M microvm,x-option-roms=off,auto-kernel-cmdline=off,rtc=on $common -kernel $out/nohello.bin -append {} $devices"
pc_pvh="qemu-system-x86_64 -M pc $common -kernel $out/nohello.bin -append {} -fw_cfg name=etc/sercon-port,file=$out/sercon-port $devices"
pc_iso="qemu-system-x86_64 -M pc $common -cdrom $out/nohello.iso -boot order=d -fw_cfg name=etc/sercon-port,file=$out/sercon-port $devices"
# QEMU exits 1 after a status-0 guest (isa-debug-exit reports (0 << 1) | 1), hence -i.
hyperfine -N -i --warmup 1 --runs "$runs" --export-csv "$out/boot.csv" \
    -n microvm "$microvm" -n pc-pvh "$pc_pvh" -n pc-iso "$pc_iso" >"$out/boot.txt" 2>&1 || { cat "$out/boot.txt"; exit 1; }
median() { awk -F, -v n="$2" '$1 == n { printf "%.0f", $4 * 1000 }' "$out/$1.csv"; }
m=$(median boot microvm); p=$(median boot pc-pvh); i=$(median boot pc-iso)
echo "microvm -kernel: $m ms; pc -kernel: $p ms ($(echo "$p $m" | awk '{printf "%.2f", $1 / $2}')x); pc -cdrom ISO: $i ms ($(echo "$i $m" | awk '{printf "%.2f", $1 / $2}')x microvm, $(echo "$i $p" | awk '{printf "%.2f", $1 / $2}')x pc -kernel)"

echo "## rr-run iso -i (grub-mkrescue and the boot) against rr-run qemu -i, median of $runs"
hyperfine -N --warmup 1 --runs "$runs" --export-csv "$out/rrrun.csv" \
    -n qemu "rr-run qemu -i $out/nohello.bin" -n iso "rr-run iso -i $out/nohello.bin" >"$out/rrrun.txt" 2>&1 || { cat "$out/rrrun.txt"; exit 1; }
q=$(median rrrun qemu); s=$(median rrrun iso)
echo "rr-run qemu -i: $q ms; rr-run iso -i: $s ms ($(echo "$s $q" | awk '{printf "%.2f", $1 / $2}')x)"
hyperfine -N --warmup 1 --runs "$runs" --export-csv "$out/mkrescue.csv" \
    -n write "rr-run -q iso -o $out/again.iso $out/nohello.bin" >/dev/null 2>&1
echo "rr-run iso -o alone (grub-mkrescue): $(median mkrescue write) ms"
