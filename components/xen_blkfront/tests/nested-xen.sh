#!/bin/sh
# Boots the nested Xen harness (tests/xen/boot.sh) with a job that runs two block-file guests as
# domUs on an ISO 9660 image (read-only) and on an ext2 image (read-write, then read again), and
# prints each guest's console, its data/rr-exit, the back end's and front end's xenstore keys and
# blkback's request counters. The disks are loop devices in the dom0 with a busybox hotplug step
# (the dom0 has no bash for Xen's own block script).
# Usage: nested-xen.sh CACHE WORKDIR BLOCK_FILES_IMAGE ISO_TREE_IMAGE
#   the images: tests/guests/block_files.c and iso_tree.c baked with a xen configuration that holds
#   xen_blkfront, iso9660 and ext2. WORKDIR receives the share, the disks and nested.log.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cache=${1:?usage: nested-xen.sh CACHE WORKDIR BLOCK_FILES_IMAGE ISO_TREE_IMAGE}
work=${2:?usage: nested-xen.sh CACHE WORKDIR BLOCK_FILES_IMAGE ISO_TREE_IMAGE}
bf=${3:?usage: nested-xen.sh CACHE WORKDIR BLOCK_FILES_IMAGE ISO_TREE_IMAGE}
tree=${4:?usage: nested-xen.sh CACHE WORKDIR BLOCK_FILES_IMAGE ISO_TREE_IMAGE}
loop=$(ls "$cache"/root/lib/modules/*/kernel/drivers/block/loop.ko 2>/dev/null | head -n 1)
[ -n "$loop" ] || { echo "nested-xen.sh: no loop.ko under $cache/root: run tests/xen/fetch.sh $cache first" >&2; exit 2; }

share="$work/share"
rm -rf "$share" "$work/files"
mkdir -p "$share" "$work/files/sub"
echo "hello from the disk" > "$work/files/hello.txt"
printf 'second file\n' > "$work/files/sub/two.txt"
# Larger than one request (88 sectors), so reads span several.
head -c 200000 /dev/urandom > "$work/files/sub/random.bin"
xorriso -as mkisofs -quiet -R -o "$share/disk.iso" "$work/files"
mke2fs -q -t ext2 -b 1024 -d "$work/files" "$share/ext2.img" 8M
cp "$bf" "$share/bf.bin"
cp "$tree" "$share/tree.bin"
cp "$loop" "$share/loop.ko"
cp "$here/nested-hotplug.sh" "$here/nested-job.sh" "$share/"
mv "$share/nested-job.sh" "$share/job.sh"
echo "host: $(cd "$work/files" && sha256sum hello.txt sub/random.bin sub/two.txt | tr '\n' ';')"
timeout "${RR_XEN_TIMEOUT:-900}" sh "$root/tests/xen/boot.sh" "$cache" "$share" < /dev/null | tr -d '\r' > "$work/nested.log" || true
sed -n '/rr-harness: running job.sh/,/rr-harness: job status/p' "$work/nested.log" | grep -av '^(XEN) HVM'
echo "host: e2fsck of the ext2 image after the guests:"
e2fsck -fn "$share/ext2.img"
