#!/bin/sh
# Boots Xen 4.17 with the harness's dom0 under QEMU (TCG, AMD SVM emulated for HVM/PVH guests),
# sharing SHARE with the dom0 through 9p when given. The console (Xen's, then the dom0's) goes to
# stdout. Usage: boot.sh CACHE [SHARE]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cache=$(cd "${1:?usage: boot.sh CACHE [SHARE]}" && pwd)
share=${2:-}
pkg="$cache/root"
kernel=$(ls "$pkg"/boot/vmlinuz-* | head -n 1)
xen="$cache/xen-4.17-amd64"
# QEMU's multiboot loader takes an ELF but not a gzip file.
[ -f "$xen" ] || gzip -dc "$pkg/boot/xen-4.17-amd64.gz" > "$xen"
initrd=$(sh "$here/initramfs.sh" "$cache")

# smap=0: with SMAP on, Xen 4.17 crashes the PV dom0 at its first exception under QEMU 7.2's TCG
# (#PF in create_bounce_frame writing the dom0's stack). noreboot keeps a crash message on screen.
set -- qemu-system-x86_64 -M pc -accel tcg -cpu max,+svm -m 2048 -smp 1 -nographic -no-reboot \
    -kernel "$xen" \
    -append "console=com1 com1=115200,8n1 dom0_mem=768M,max:768M dom0_max_vcpus=1 smap=0 loglvl=all guest_loglvl=all noreboot" \
    -initrd "$kernel console=hvc0 earlyprintk=xen quiet loglevel=4,$initrd"
if [ -n "$share" ]; then
    set -- "$@" -virtfs "local,path=$(cd "$share" && pwd),mount_tag=share,security_model=none,id=share"
fi
exec "$@"
