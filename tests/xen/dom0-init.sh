#!/bin/sh
# The nested harness's dom0: brings up what a Xen toolstack needs (xenfs, the Xen device nodes,
# xenstored, xen-init-dom0, xenconsoled), mounts the host's shared folder, runs its job.sh (or shows
# `xl info` when there is none), prints "rr-harness: job status N" and powers the machine off.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /tmp
rm -rf /var/run && ln -s /run /var/run
# xenconsole takes a lock file there (/var/lock/xenconsole.DOMID) and ends without it.
mkdir -p /run/lock && rm -rf /var/lock && ln -s /run/lock /var/lock
mkdir -p /run/xen /run/xenstored /var/lib/xenstored /var/lib/xen /var/log/xen

say() { echo "rr-harness: $*"; }

while read -r module; do
    insmod "$module" || say "insmod $module failed"
done < /etc/modules.order

mkdir -p /proc/xen
mount -t xenfs xenfs /proc/xen || say "mount xenfs failed"
[ -e /proc/xen/capabilities ] && grep -q control_d /proc/xen/capabilities || say "not running as dom0 (no control_d capability)"

started=$(cut -d' ' -f1 /proc/uptime)
/usr/sbin/xenstored --pid-file /run/xenstored.pid || say "xenstored failed to start"
tries=0
until xenstore-read / >/dev/null 2>&1 || xenstore-ls / >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ $tries -gt 100 ] && { say "xenstored does not answer"; break; }
    sleep 0.2
done
/usr/lib/xen-4.17/bin/xen-init-dom0 || say "xen-init-dom0 failed"
mkdir -p /var/log/xen/console && /usr/sbin/xenconsoled --pid-file=/run/xenconsoled.pid --log=guest --log-dir=/var/log/xen/console || say "xenconsoled failed to start"
say "toolstack up at $(cut -d' ' -f1 /proc/uptime)s (xenstored started at ${started}s)"

# The bridge rr-run's vif lines name by default, with the dom0 as 10.88.0.1 on it.
brctl addbr xenbr0 && ip addr add 10.88.0.1/24 dev xenbr0 && ip link set xenbr0 up || say "no bridge xenbr0"

status=0
if mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 share /share 2>/dev/null && [ -f /share/job.sh ]; then
    say "running job.sh"
    cd /share
    sh /share/job.sh
    status=$?
    cd /
    sync
    umount /share
else
    xl info
    status=$?
    xl list
fi
say "job status $status"
poweroff -f
sleep 10
