#!/bin/sh
# Builds the platform's host unit tests (file layer, JSON, guest configuration)
# with the host compiler and runs them: one line per test, then "N passed, N failed".
# Exit status: 0 when every test passed. Arguments select tests by name substring.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
platform=$(dirname "$here")
cc=${CC:-gcc}
build=$(mktemp -d "${TMPDIR:-/tmp}/rr-platform-tests.XXXXXX")
trap 'rm -rf "$build"' EXIT

# The kernel build generates rr/syscall_nr.h; outside it, derive it from musl's list.
if [ ! -f "$platform/include/rr/syscall_nr.h" ]; then
    mkdir -p "$build/include/rr"
    musl_nr=/usr/include/x86_64-linux-musl/bits/syscall.h
    if [ ! -f "$musl_nr" ]; then
        echo "FAIL build: $musl_nr not found (install musl-dev)"
        echo "0 passed, 1 failed"
        exit 1
    fi
    { echo '#pragma once'; grep '^#define __NR_' "$musl_nr"; } > "$build/include/rr/syscall_nr.h"
fi

sources="$platform/vfs/*.c $platform/syscall/fs_*.c $platform/syscall/pipe*.c $platform/syscall/socket_calls.c $platform/kern/json.c $platform/kern/config.c $platform/lib/hex.c $platform/kern/multiboot2_tags.c $here/*.c"
# Components with a tests/ folder are tested here too: their sources, their tests, their headers.
includes=""
for tests in "$platform"/../components/*/tests; do
    first=$(ls "$tests"/*.c 2>/dev/null | head -n 1)
    [ -n "$first" ] || continue
    component=$(dirname "$tests")
    sources="$sources $component/*.c $tests/*.c"
    includes="$includes -I$component/include -I$component"
done
case "$sources" in *components/*) sources="$sources $platform/block/*.c" ;; esac
sanitize=""
if echo 'int main(void){return 0;}' | $cc -x c -fsanitize=address,undefined -o "$build/probe" - 2>/dev/null; then
    sanitize="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
fi
# shellcheck disable=SC2086
if ! $cc -std=gnu11 -O1 -g -Wall -Wextra $sanitize -I"$platform/include" -I"$build/include" -I"$here" $includes \
        -o "$build/platform-tests" $sources > "$build/cc.log" 2>&1; then
    cat "$build/cc.log"
    echo "FAIL build: the host tests do not compile"
    echo "0 passed, 1 failed"
    exit 1
fi
cat "$build/cc.log"
ASAN_OPTIONS=detect_leaks=0 "$build/platform-tests" "$@"
