#!/bin/sh
# Boots the nested Xen harness (tests/xen/boot.sh) with a job that runs an httpd guest as a domU
# with one virtual interface on the dom0's bridge xenbr0 (10.88.0.1/24; the guest 10.88.0.2) and
# fetches two files from it with busybox wget from the dom0, then prints the guest's console, its
# data/rr-exit, the front end's and back end's xenstore keys and the dom0's interface counters.
# With RR_RUN_DIR (tests/xen/publish-rr-run.sh), the guest is started by `rr-run xen -i -I
# net0,xenif -W net0,inet,static,10.88.0.2/24` in the dom0 instead (nested-rr-run-job.sh).
# Usage: nested-xen.sh CACHE WORKDIR HTTPD_IMAGE [RR_RUN_DIR]
#   the image: examples/httpd.c baked with xen_net. WORKDIR receives the share and nested.log.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cache=${1:?usage: nested-xen.sh CACHE WORKDIR HTTPD_IMAGE}
work=${2:?usage: nested-xen.sh CACHE WORKDIR HTTPD_IMAGE}
image=${3:?usage: nested-xen.sh CACHE WORKDIR HTTPD_IMAGE}
mods=$(ls -d "$cache"/root/lib/modules/*/kernel/net 2>/dev/null | head -n 1)
[ -n "$mods" ] && [ -f "$mods/bridge/bridge.ko" ] || { echo "nested-xen.sh: no bridge.ko under $cache/root: run tests/xen/fetch.sh $cache first" >&2; exit 2; }

share="$work/share"
rm -rf "$share"
mkdir -p "$share"
cp "$image" "$share/httpd.bin"
cp "$mods/llc/llc.ko" "$mods/802/stp.ko" "$mods/bridge/bridge.ko" "$share/"
cp "$here/nested-vif-hotplug.sh" "$share/"
if [ -n "${4:-}" ]; then
    cp -a "$4" "$share/rr-run"
    sh "$root/tests/xen/share-libraries.sh" "$share"
    cp "$here/nested-rr-run-job.sh" "$share/job.sh"
else
    cp "$here/nested-job.sh" "$share/job.sh"
fi
timeout "${RR_XEN_TIMEOUT:-900}" sh "$root/tests/xen/boot.sh" "$cache" "$share" < /dev/null | tr -d '\r' > "$work/nested.log" || true
sed -n '/rr-harness: running job.sh/,/rr-harness: job status/p' "$work/nested.log" | grep -av '^(XEN) HVM'
