#!/bin/sh
# Bakes four test guests with xen_pvh and runs them in one boot of the nested Xen through rr-run xen
# inside the dom0, then checks what came back: output, arguments and environment through xenstore
# (quotes and backslashes included), piped input with its end, a fault's status, a detached domain
# preserved after it halted and stopped with rr-run stop, and the --dry-run script run as it stands.
# Usage: run-checks.sh CACHE RR_RUN_DIR   (toolchain on PATH: . obj-amd64-hw/config-PATH.sh)
# Prints "rr-harness: checks passed" and exits 0, or names each failed check and exits 1.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
guests="$here/../guests"
cache=$(cd "${1:?usage: run-checks.sh CACHE RR_RUN_DIR}" && pwd)
rrrun=$(cd "${2:?usage: run-checks.sh CACHE RR_RUN_DIR}" && pwd)
command -v x86_64-rumprun-netbsd-gcc >/dev/null || { echo "run-checks.sh: the toolchain is not on PATH: . obj-amd64-hw/config-PATH.sh" >&2; exit 2; }

share="$cache/share"
rm -rf "$share"
mkdir -p "$share/build"
for guest in exit_status echo_args cat_stdin null_deref; do
    x86_64-rumprun-netbsd-gcc -O2 -o "$share/build/$guest" "$guests/$guest.c"
    rr-bake xen_pvh "$share/$guest.bin" "$share/build/$guest" >&2
done
rm -rf "$share/build"
cp -a "$rrrun" "$share/rr-run"
sh "$here/share-libraries.sh" "$share"
cp "$here/checks-job.sh" "$share/job.sh"

log="$cache/run-checks.log"
start=$(date +%s)
timeout "${RR_XEN_TIMEOUT:-1800}" sh "$here/boot.sh" "$cache" "$share" < /dev/null | tr -d '\r' > "$log" || true
echo "rr-harness: nested boot and checks took $(( $(date +%s) - start ))s"

failed=0
expect() {
    if grep -aqF -- "$2" "$log"; then
        echo "ok: $1"
    else
        echo "FAILED: $1: no line '$2' in $log"
        failed=1
    fi
}
expect "exit status through data/rr-exit" "rr-harness: exit_status status 7"
expect "console output through xl console" "exiting with 7"
expect "argv from xenstore, backslash kept" "argv[1]=[a\\b]"
expect "argv from xenstore, quotes kept" 'argv[2]=["q"]'
expect "environment from xenstore" 'GREETING=[say "hi" \o/]'
expect "echo_args status" "rr-harness: echo_args status 0"
expect "piped input reaches the guest" "line two"
expect "end of input reaches the guest" "[18 bytes]"
expect "cat_stdin status" "rr-harness: cat_stdin status 0"
expect "a fault's status" "rr-harness: null_deref status 139"
expect "a fault's message" "rr-run: the program was stopped by SIGSEGV"
expect "detached: the handle" "xen:rr-detached"
expect "detached: preserved after the halt with its status" "rr-harness: detached rr-exit exit 5"
expect "rr-run stop" "rr-harness: stop status 0"
expect "rr-run stop destroyed it" "rr-harness: detached gone"
expect "the dry-run script" "rr-harness: dry-run script status 9"
[ $failed -eq 0 ] && echo "rr-harness: checks passed"
exit $failed
