#!/bin/sh
# Block I/O throughput: a guest on an ext2 disk (rr-run -b, virtio-blk, TCG) against the host on the
# same image file (dd for sequential transfers, os.pread/os.pwrite for random 4 KiB ones), as ratios;
# then the guest's reads from an ISO 9660 image of a directory (rr-run -b DIR) against the same host figures.
# Figures, not tests. Usage: bench/block.sh [MB]  (default 32; RR_OBJDIR names another build than ./obj-amd64-hw)
set -eu
cd "$(dirname "$0")/.."
mb=${1:-32}
out=bench/out/block
rm -rf "$out"
mkdir -p "$out"
. "${RR_OBJDIR:-./obj-amd64-hw}/config-PATH.sh"

# The guest side: one phase per boot, so reads start with the platform's caches cold.
cat > "$out/blockbench.c" <<'EOF'
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static unsigned long next = 12345;
static long pick(long blocks)
{
    next = next * 6364136223846793005UL + 1442695040888963407UL;
    return (long)((next >> 33) % (unsigned long)blocks);
}

int main(int argc, char **argv)
{
    const char *phase = argv[1];
    long mb = atol(argv[2]), total = mb << 20, chunk = 1 << 16, blocks = total / 4096, ops = 1000;
    static char buf[1 << 16];
    memset(buf, 'x', sizeof(buf));
    int fd = open("/data/bench.bin", strcmp(phase, "write") == 0 ? O_RDWR | O_CREAT | O_TRUNC : O_RDONLY, 0644);
    if (fd < 0) { perror("open"); return 1; }
    if (strcmp(phase, "write") == 0) {
        double t = now();
        for (long done = 0; done < total; done += chunk)
            if (write(fd, buf, chunk) != chunk) { perror("write"); return 1; }
        fsync(fd);
        printf("seq-write %.2f\n", mb / (now() - t));
        t = now();
        for (long i = 0; i < ops; i++)
            if (pwrite(fd, buf, 4096, pick(blocks) * 4096) != 4096) { perror("pwrite"); return 1; }
        fsync(fd);
        printf("rand-write %.2f\n", ops * 4096.0 / (1 << 20) / (now() - t));
    } else {
        double t = now();
        long n;
        while ((n = read(fd, buf, chunk)) > 0)
            ;
        printf("seq-read %.2f\n", mb / (now() - t));
        t = now();
        for (long i = 0; i < ops; i++)
            if (pread(fd, buf, 4096, pick(blocks) * 4096) != 4096) { perror("pread"); return 1; }
        printf("rand-read %.2f\n", ops * 4096.0 / (1 << 20) / (now() - t));
    }
    return 0;
}
EOF
x86_64-rumprun-netbsd-gcc -O2 -o "$out/blockbench" "$out/blockbench.c"
rr-bake hw_virtio "$out/blockbench.bin" "$out/blockbench"
/sbin/mke2fs -q -F -t ext2 "$out/disk.ext2" "$((mb * 2 + 16))M"
rr-run qemu -i -M 128 -b "$out/disk.ext2" "$out/blockbench.bin" -- write "$mb" > "$out/guest.txt"
rr-run qemu -i -M 128 -b "$out/disk.ext2" "$out/blockbench.bin" -- read "$mb" >> "$out/guest.txt"
# the same reads from an ISO 9660 image of a directory (rr-run -b DIR)
mkdir -p "$out/tree"
head -c $((mb << 20)) /dev/urandom > "$out/tree/bench.bin"
rr-run qemu -i -M 128 -b "$out/tree" "$out/blockbench.bin" -- read "$mb" | sed 's/^/iso-/' >> "$out/guest.txt"

# The host side, on a copy of the same image file.
cp "$out/disk.ext2" "$out/host.img"
host_rate() {   # dd's "copied, S s, R MB/s" line -> MB/s
    sed -n 's/.* copied, \([0-9.]*\) s.*/\1/p' | awk -v mb="$mb" '{ printf "%.2f\n", mb / $1 }'
}
seq_write=$(dd if=/dev/zero of="$out/host.img" bs=64k count=$((mb * 16)) conv=notrunc,fdatasync 2>&1 | host_rate)
seq_read=$(dd if="$out/host.img" of=/dev/null bs=64k count=$((mb * 16)) iflag=direct 2>&1 | host_rate)
random=$(python3 - "$out/host.img" "$mb" <<'EOF'
import os, random, sys, time
path, mb = sys.argv[1], int(sys.argv[2])
blocks, ops, buf = (mb << 20) // 4096, 1000, b"x" * 4096
rng = random.Random(12345)
fd = os.open(path, os.O_RDWR)
t = time.monotonic()
for _ in range(ops):
    os.pwrite(fd, buf, rng.randrange(blocks) * 4096)
os.fsync(fd)
w = ops * 4096 / (1 << 20) / (time.monotonic() - t)
os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
t = time.monotonic()
for _ in range(ops):
    os.pread(fd, 4096, rng.randrange(blocks) * 4096)
r = ops * 4096 / (1 << 20) / (time.monotonic() - t)
print(f"{w:.2f} {r:.2f}")
EOF
)
rand_write=${random% *}
rand_read=${random#* }

guest() { sed -n "s/^$1 //p" "$out/guest.txt"; }
printf '| transfer (%s MB file, 4 KiB random) | guest MB/s | host MB/s | guest / host |\n| --- | --- | --- | --- |\n' "$mb"
for row in "seq-write $seq_write" "seq-read $seq_read" "rand-write $rand_write" "rand-read $rand_read" \
           "iso-seq-read $seq_read" "iso-rand-read $rand_read"; do
    set -- $row
    g=$(guest "$1")
    printf '| %s | %s | %s | %s |\n' "$1" "$g" "$2" "$(awk -v g="$g" -v h="$2" 'BEGIN { printf "%.3f", g / h }')"
done
