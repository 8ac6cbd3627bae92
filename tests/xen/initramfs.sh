#!/bin/sh
# Assembles the dom0's initramfs from the packages fetch.sh unpacked: busybox, the Xen tools and the
# shared libraries they load (found by ldd; Debian 12 host and packages agree on the C library), the
# kernel modules a dom0 needs (xenfs, event channels, grant tables, privcmd; virtio and 9p to see the
# host's shared folder), and init. Prints the cpio's path.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cache=$(cd "${1:?usage: initramfs.sh CACHE}" && pwd)
pkg="$cache/root"
[ -d "$pkg" ] || { echo "initramfs.sh: $pkg missing: run fetch.sh $cache first" >&2; exit 1; }
kver=$(ls "$pkg/lib/modules" | head -n 1)
busybox="$pkg/bin/busybox"
out="$cache/dom0.cpio"
tree="$cache/initramfs"

rm -rf "$tree"
mkdir -p "$tree"/bin "$tree"/sbin "$tree"/usr/bin "$tree"/usr/sbin "$tree"/usr/lib/x86_64-linux-gnu \
    "$tree"/lib/x86_64-linux-gnu "$tree"/lib64 "$tree"/etc "$tree"/proc "$tree"/sys "$tree"/dev "$tree"/run \
    "$tree"/tmp "$tree"/var/lib/xen "$tree"/var/log/xen "$tree"/var/run "$tree"/share "$tree/lib/modules/$kver"

cp "$busybox" "$tree/bin/busybox"
for applet in $("$busybox" --list); do
    [ -e "$tree/bin/$applet" ] || ln -s busybox "$tree/bin/$applet"
done

cp -a "$pkg/usr/lib/xen-4.17" "$tree/usr/lib/"
rm -rf "$tree/usr/lib/xen-4.17/lib/python"
cp -a "$pkg"/usr/lib/x86_64-linux-gnu/libxen* "$pkg"/usr/lib/x86_64-linux-gnu/libxl* \
    "$pkg"/usr/lib/x86_64-linux-gnu/libyajl* "$tree/usr/lib/x86_64-linux-gnu/"
cp -a "$pkg/etc/xen" "$tree/etc/"
for tool in xl xenstored xenconsoled xen-init-dom0 xenstore-control; do
    ln -s "../lib/xen-4.17/bin/$tool" "$tree/usr/sbin/$tool"
done
cp -a "$pkg"/usr/bin/xenstore* "$tree/usr/bin/"
# The host's xorriso (same Debian release): rr-run xen -b DIR makes its ISO 9660 image in the dom0.
command -v xorriso >/dev/null || { echo "initramfs.sh: xorriso is missing (apt-get install xorriso)" >&2; exit 1; }
cp -L "$(command -v xorriso)" "$tree/usr/bin/xorriso"

# Host copies of the libraries the packages do not carry (libc, libuuid, libz, ...).
elves=$(find "$tree/usr/lib/xen-4.17/bin" "$tree/usr/bin" "$tree/usr/lib/x86_64-linux-gnu" -type f)
LD_LIBRARY_PATH="$tree/usr/lib/x86_64-linux-gnu:$tree/usr/lib/xen-4.17/lib/x86_64-linux-gnu" \
    ldd $elves 2>/dev/null | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/lib64\/[^ ]*\) .*/\1/p' \
    | sort -u | while read -r library; do
        case "$library" in "$tree"/*) continue ;; esac
        target="$tree/lib/x86_64-linux-gnu/$(basename "$library")"
        [ -e "$target" ] || cp -L "$library" "$target"
    done
cp -L /lib64/ld-linux-x86-64.so.2 "$tree/lib64/"
# Loaded with dlopen, so ldd does not list them: glibc's pthread_cancel needs libgcc_s (xl aborts
# without it), and a self-contained .NET program (rr-run on the shared folder) needs libstdc++.
for library in libgcc_s.so.1 libstdc++.so.6; do
    cp -L "/lib/x86_64-linux-gnu/$library" "$tree/lib/x86_64-linux-gnu/"
done
missing=$(LD_LIBRARY_PATH="$tree/usr/lib/x86_64-linux-gnu:$tree/lib/x86_64-linux-gnu" ldd $elves 2>/dev/null | grep 'not found' | sort -u || true)
[ -z "$missing" ] || { echo "initramfs.sh: libraries not found: $missing" >&2; exit 1; }

# Modules and the ones they depend on, in load order, listed for init.
# loop backs file disks (the block hotplug step), bridge (with stp and llc) holds xenbr0.
modules="xenfs xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xen-blkback xen-netback loop bridge virtio_pci virtio_blk 9pnet_virtio 9p"
"$busybox" depmod -b "$pkg" "$kver" 2>/dev/null || true
dep="$pkg/lib/modules/$kver/modules.dep"
[ -s "$dep" ] || { echo "initramfs.sh: busybox depmod made no $dep" >&2; exit 1; }
order=""
add_module() {
    local path need
    path=$(sed -n "s|^\([^:]*/$1\.ko\):.*|\1|p" "$dep" | head -n 1)
    [ -n "$path" ] || { echo "initramfs.sh: module $1 not in $kver" >&2; exit 1; }
    for need in $(sed -n "s|^$path: *||p" "$dep"); do
        add_module "$(basename "$need" .ko)"
    done
    case " $order " in *" $path "*) ;; *) order="$order $path" ;; esac
}
for module in $modules; do add_module "$module"; done
: > "$tree/etc/modules.order"
for path in $order; do
    mkdir -p "$tree/lib/modules/$kver/$(dirname "$path")"
    cp "$pkg/lib/modules/$kver/$path" "$tree/lib/modules/$kver/$path"
    echo "/lib/modules/$kver/$path" >> "$tree/etc/modules.order"
done

# Busybox sh hotplug steps in place of Xen's bash block and vif-bridge scripts.
cp "$here/hotplug-block.sh" "$tree/etc/xen/scripts/block"
cp "$here/hotplug-vif-bridge.sh" "$tree/etc/xen/scripts/vif-bridge"
chmod +x "$tree/etc/xen/scripts/block" "$tree/etc/xen/scripts/vif-bridge"

cp "$here/dom0-init.sh" "$tree/init"
chmod +x "$tree/init"
echo "root:x:0:0:root:/:/bin/sh" > "$tree/etc/passwd"

(cd "$tree" && find . | "$busybox" cpio -o -H newc > "$out.tmp" 2>/dev/null)
mv "$out.tmp" "$out"
echo "$out"
