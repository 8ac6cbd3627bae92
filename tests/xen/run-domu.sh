#!/bin/sh
# Runs a baked image as a domU of a nested Xen through `rr-run xen -i` inside the dom0, and prints
# the console (Xen's, the dom0's and, through xl console, the guest's).
# Usage: run-domu.sh CACHE RR_RUN_DIR IMAGE [RR-RUN XEN OPTIONS...] [-- ARGS...]
#   RR_RUN_DIR: a self-contained linux-x64 publish of rr-run (publish-rr-run.sh makes one).
# The dom0 prints "rr-harness: rr-run status N" with rr-run's exit status; this script exits with it
# (125 when the line never came: the dom0 or Xen failed first).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cache=$(cd "${1:?usage: run-domu.sh CACHE RR_RUN_DIR IMAGE [OPTIONS...]}" && pwd)
rrrun=$(cd "${2:?usage: run-domu.sh CACHE RR_RUN_DIR IMAGE [OPTIONS...]}" && pwd)
image=${3:?usage: run-domu.sh CACHE RR_RUN_DIR IMAGE [OPTIONS...]}
shift 3
[ -x "$rrrun/rr-run" ] || { echo "run-domu.sh: $rrrun/rr-run missing: run publish-rr-run.sh first" >&2; exit 2; }
[ -f "$image" ] || { echo "run-domu.sh: $image: no such image" >&2; exit 2; }

share="$cache/share"
rm -rf "$share"
mkdir -p "$share"
cp -a "$rrrun" "$share/rr-run"
cp "$image" "$share/$(basename "$image")"
sh "$here/share-libraries.sh" "$share"
{
    echo 'export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 HOME=/tmp TMPDIR=/tmp'
    echo 'export LD_LIBRARY_PATH=/share/lib:$LD_LIBRARY_PATH'
    echo 'begin=$(cut -d" " -f1 /proc/uptime)'
    printf '/share/rr-run/rr-run xen -i'
    for word in "$@"; do
        printf " '%s'" "$(printf '%s' "$word" | sed "s/'/'\\\\''/g")"
    done
    printf " /share/%s" "$(basename "$image")"
    echo ' < /dev/null'
    echo 'status=$?'
    echo 'echo "rr-harness: rr-run took $(echo "$begin $(cut -d" " -f1 /proc/uptime)" | awk "{ print \$2 - \$1 }")s"'
    echo 'echo "rr-harness: rr-run status $status"'
    echo 'xl list'
    echo 'xl dmesg | grep -a "(d[1-9]" | tail -n 20'
    echo 'for log in /var/log/xen/console/guest-*.log; do [ -f "$log" ] && { echo "rr-harness: xenconsoled log $log:"; cat "$log"; }; done'
} > "$share/job.sh"

log="$cache/run-domu.log"
start=$(date +%s)
timeout "${RR_XEN_TIMEOUT:-900}" sh "$here/boot.sh" "$cache" "$share" < /dev/null | tee "$log" | tr -d '\r'
echo "rr-harness: nested boot and run took $(( $(date +%s) - start ))s"
status=$(tr -d '\r' < "$log" | sed -n 's/^rr-harness: rr-run status \([0-9]*\)$/\1/p' | tail -n 1)
exit "${status:-125}"
