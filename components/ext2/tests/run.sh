#!/bin/sh
# Builds the ext2 component with the platform's file layer and host harness
# (platform/tests), backed by image files that mke2fs makes, and runs its tests:
# one line per test, then "N passed, N failed". Every write scenario ends with
# e2fsck -fn on the image. Arguments select tests by name substring. platform/tests/run.sh
# builds and runs the same tests inside the platform's test binary; this script runs them alone.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
ext2=$(dirname "$here")
root=$(cd "$ext2/../.." && pwd)
platform=$root/platform
cc=${CC:-gcc}
for tool in mke2fs e2fsck debugfs; do
    if ! command -v $tool >/dev/null 2>&1 && [ ! -x /sbin/$tool ]; then
        echo "FAIL build: $tool not found (install e2fsprogs)"
        echo "0 passed, 1 failed"
        exit 1
    fi
done
PATH=$PATH:/sbin:/usr/sbin
build=$(mktemp -d "${TMPDIR:-/tmp}/rr-ext2-tests.XXXXXX")
trap 'rm -rf "$build"' EXIT

mkdir -p "$build/include/rr"
if [ ! -f "$platform/include/rr/syscall_nr.h" ]; then
    { echo '#pragma once'; grep '^#define __NR_' /usr/include/x86_64-linux-musl/bits/syscall.h; } > "$build/include/rr/syscall_nr.h"
fi

harness="$platform/tests/harness.c $platform/tests/main.c $platform/tests/fake_*.c"
sources="$platform/vfs/*.c $platform/syscall/fs_*.c $platform/syscall/pipe*.c $platform/kern/json.c $platform/kern/config.c $platform/block/*.c"
sanitize=""
if echo 'int main(void){return 0;}' | $cc -x c -fsanitize=address,undefined -o "$build/probe" - 2>/dev/null; then
    sanitize="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
fi
# shellcheck disable=SC2086
if ! $cc -std=gnu11 -O1 -g -Wall -Wextra $sanitize -I"$platform/include" -I"$build/include" -I"$ext2/include" \
        -I"$ext2" -I"$platform/tests" -o "$build/ext2-tests" $sources $harness "$ext2"/*.c "$here"/*.c > "$build/cc.log" 2>&1; then
    cat "$build/cc.log"
    echo "FAIL build: the ext2 host tests do not compile"
    echo "0 passed, 1 failed"
    exit 1
fi
cat "$build/cc.log"
EXT2_TEST_TMP=$build ASAN_OPTIONS=detect_leaks=0 "$build/ext2-tests" "$@"
