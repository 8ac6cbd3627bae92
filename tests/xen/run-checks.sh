#!/bin/sh
# Bakes test guests with xen_pvh (and examples/httpd with xen_net) and runs them in one boot of the
# nested Xen through rr-run xen inside the dom0, then checks what came back: output, arguments and
# environment through xenstore (quotes and backslashes included), piped input with its end, a fault's
# status, a detached domain preserved after it halted and stopped with rr-run stop, the --dry-run
# script run as it stands; a disk (-b, an ISO 9660 file read through blkfront) and an interface (-I and
# -W on the dom0's bridge xenbr0, httpd answering busybox wget through netfront), with their statuses.
# Usage: run-checks.sh CACHE RR_RUN_DIR   (toolchain on PATH: . obj-amd64-xen/config-PATH.sh;
# xorriso on the host)
# Prints "rr-harness: checks passed" and exits 0, or names each failed check and exits 1.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
guests="$here/../guests"
examples="$here/../../examples"
cache=$(cd "${1:?usage: run-checks.sh CACHE RR_RUN_DIR}" && pwd)
rrrun=$(cd "${2:?usage: run-checks.sh CACHE RR_RUN_DIR}" && pwd)
command -v x86_64-rumprun-netbsd-gcc >/dev/null || { echo "run-checks.sh: the toolchain is not on PATH: . obj-amd64-xen/config-PATH.sh" >&2; exit 2; }
command -v xorriso >/dev/null || { echo "run-checks.sh: xorriso is missing (apt-get install xorriso)" >&2; exit 2; }

share="$cache/share"
rm -rf "$share"
mkdir -p "$share/build/files"
for guest in exit_status echo_args cat_stdin null_deref block_files; do
    x86_64-rumprun-netbsd-gcc -O2 -o "$share/build/$guest" "$guests/$guest.c"
    rr-bake xen_pvh "$share/$guest.bin" "$share/build/$guest" >&2
done
x86_64-rumprun-netbsd-gcc -O2 -o "$share/build/httpd" "$examples/httpd.c"
rr-bake xen_net "$share/httpd.bin" "$share/build/httpd" >&2
echo "hello from the disk" > "$share/build/files/hello.txt"
xorriso -as mkisofs -quiet -R -o "$share/tree.iso" "$share/build/files" 2>/dev/null
rm -rf "$share/build"
cp -a "$rrrun" "$share/rr-run"
sh "$here/share-libraries.sh" "$share"
cat "$here/checks-job.sh" "$here/devices-job.sh" > "$share/job.sh"

log="$cache/run-checks.log"
start=$(date +%s)
timeout "${RR_XEN_TIMEOUT:-1800}" sh "$here/boot.sh" "$cache" "$share" < /dev/null | sed -u 's/\r//g' > "$log" || true
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
expect "-b: the file's line from the disk" "block out: hello.txt: hello from the disk"
expect "-b: the disk is read-only" "block out: create new.txt: EROFS"
expect "-b: exactly that output" "rr-harness: block output exact"
expect "-b: status" "rr-harness: block status 0"
expect "-b seven times: the seventh disk read" "seven disks out: hello.txt: hello from the disk"
expect "-b seven times: status" "rr-harness: seven disks status 0"
expect "-I: the body wget fetched" "net body: 10.88.0.2	rumprun"
expect "-I: exactly that body" "rr-harness: net body exact"
expect "-b DIR with -I: the page from the directory" "net page: served from a directory given with -b"
expect "-I: status after two responses" "rr-harness: net status 0"
[ $failed -eq 0 ] && echo "rr-harness: checks passed"
exit $failed
