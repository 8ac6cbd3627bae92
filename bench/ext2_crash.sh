#!/bin/sh
# ext2 crash consistency for bench/README.md: TRIALS times (default 50), a guest appends numbered
# 64-byte records to /data/log on an ext2 disk, fsync after each, printing a record's number once
# fsync returned (tests/guests/ext2_crash_append.c); the host kills QEMU with SIGKILL at a random
# moment, runs e2fsck -fy, then requires e2fsck -fn clean and every printed record present and intact.
# Block sizes alternate between 1 and 4 KiB. QEMU: microvm, TCG, virtio-blk (contracts §7, §8).
# Usage: bench/ext2_crash.sh [TRIALS]     Exit status: 0 when every trial kept every promise.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
trials=${1:-50}
out=$root/bench/out/ext2_crash
rm -rf "$out"; mkdir -p "$out"
PATH=$PATH:/sbin:/usr/sbin

[ -n "${RR_BENCH_NO_BUILD:-}" ] || ./rr-build -q hw   # RR_BENCH_NO_BUILD=1: use the installed tools as they are
. ./obj-amd64-hw/config-PATH.sh
x86_64-rumprun-netbsd-gcc -O2 -o "$out/append" tests/guests/ext2_crash_append.c
rr-bake -q hw_virtio "$out/append.bin" "$out/append"

config='{"cmdline":"ext2_crash_append /data/log","console":"raw","mounts":[{"device":"rr0","path":"/data","readonly":false,"fstype":"ext2","required":true}]}'

# The expected first N records, byte for byte.
expected() {
    awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) { s = sprintf("record %08d ", i); while (length(s) < 63) s = s "."; print s } }'
}

failures=0; repaired=0; promised_total=0; min=""; max=0
i=0
while [ "$i" -lt "$trials" ]; do
    bs=$(( i % 2 == 0 ? 1024 : 4096 ))
    img=$out/disk.img
    rm -f "$img"
    mke2fs -q -F -t ext2 -b "$bs" "$img" 8M > /dev/null
    : > "$out/console"
    qemu-system-x86_64 -M microvm,x-option-roms=off,auto-kernel-cmdline=off,rtc=on -cpu max -m 64 \
        -nodefaults -no-user-config -display none -no-reboot -kernel "$out/append.bin" -append "$config" \
        -chardev stdio,id=con,signal=off -serial chardev:con \
        -chardev file,id=ctl,path="$out/ctl" -device isa-debugcon,chardev=ctl,iobase=0xe9 \
        -device isa-debug-exit,iobase=0xf4,iosize=4 -accel tcg \
        -drive file="$img",format=raw,if=none,id=rr0 -device virtio-blk-device,drive=rr0,serial=rr0 \
        < /dev/null > "$out/console" 2>&1 &
    qemu=$!
    waited=0
    until grep -q '^[0-9]' "$out/console" 2>/dev/null; do
        sleep 0.05
        waited=$((waited + 1))
        if [ "$waited" -gt 1200 ] || ! kill -0 "$qemu" 2>/dev/null; then
            echo "trial $i: the guest printed no record"; cat "$out/console"; exit 1
        fi
    done
    # a random moment 0 to 1.5 s after the first record
    ms=$(( $(od -An -N2 -tu2 /dev/urandom) % 1500 ))
    delay=$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))
    sleep "$delay"
    kill -9 "$qemu"
    wait "$qemu" 2>/dev/null || true
    # only whole lines count: the last one may have been cut by the kill
    last=$(awk '/^[0-9]+$/ { n = $0 } END { print (n == "" ? -1 : n) }' "$out/console")
    if [ -n "$(tail -c 1 "$out/console")" ]; then
        last=$(head -n -1 "$out/console" | awk '/^[0-9]+$/ { n = $0 } END { print (n == "" ? -1 : n) }')
    fi
    status=0
    e2fsck -fy "$img" > "$out/fsck.log" 2>&1 || status=$?
    verdict=ok
    if [ "$status" -gt 1 ]; then
        verdict="e2fsck -fy status $status"
    elif ! e2fsck -fn "$img" > "$out/fsck2.log" 2>&1; then
        verdict="not clean after repair"
    else
        # status 1 alone means "marked clean"; an answered question is a real repair
        grep -q '? yes' "$out/fsck.log" && repaired=$((repaired + 1))
        rm -f "$out/log"
        debugfs -R "dump /log $out/log" "$img" > /dev/null 2>&1 || true
        count=$((last + 1))
        expected "$count" > "$out/want"
        if [ ! -f "$out/log" ] || ! head -c "$((count * 64))" "$out/log" | cmp -s - "$out/want"; then
            verdict="a promised record is missing or damaged"
        fi
    fi
    if [ "$verdict" != ok ]; then
        failures=$((failures + 1))
        cp "$img" "$out/failed-$i.img"
    fi
    promised_total=$((promised_total + last + 1))
    [ -z "$min" ] || [ "$((last + 1))" -lt "$min" ] && min=$((last + 1))
    [ "$((last + 1))" -gt "$max" ] && max=$((last + 1))
    fixes=$(grep -c '? yes' "$out/fsck.log" || true)
    printf 'trial %2d: %4d-byte blocks, killed %ss after the first record, %5d records promised, e2fsck -fy %d (%s fixes): %s\n' \
        "$i" "$bs" "$delay" "$((last + 1))" "$status" "$fixes" "$verdict"
    i=$((i + 1))
done
echo
echo "| trials | promises kept | records promised per trial (min / mean / max) | images with problems e2fsck -fy fixed |"
echo "| --- | --- | --- | --- |"
echo "| $trials | $((trials - failures)) of $trials | $min / $((promised_total / trials)) / $max | $repaired |"
[ "$failures" -eq 0 ]
