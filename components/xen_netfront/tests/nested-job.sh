# The dom0 job of nested-xen.sh: a bridge xenbr0 holding 10.88.0.1/24, then the httpd guest as a
# domU on it (xl create paused, the guest configuration in rumprun/cfg, unpause), fetched twice
# with busybox wget; the guest ends after two responses and is waited for through data/rr-exit.
say() { echo "rr-harness: $*"; }
for m in llc stp bridge; do insmod /share/$m.ko || say "insmod $m failed"; done
brctl addbr xenbr0 && ip addr add 10.88.0.1/24 dev xenbr0 && ip link set xenbr0 up || say "no bridge"
ip addr show xenbr0
cat > /tmp/net1.cfg <<CFG
name = "net1"
type = "pvh"
kernel = "/share/httpd.bin"
memory = 64
vcpus = 1
on_poweroff = "preserve"
on_crash = "preserve"
on_reboot = "destroy"
vif = [ 'mac=52:54:00:72:72:01, bridge=xenbr0, script=/share/nested-vif-hotplug.sh' ]
CFG
if ! timeout 120 xl -v create -p /tmp/net1.cfg > /tmp/net1.xl 2>&1; then
    say "xl create failed or took over 120 s"
    grep -v "debug" /tmp/net1.xl | tail -n 15
    xenstore-ls -f /local/domain/0/backend/vif 2>&1 | tail -n 30
    dmesg | tail -n 15
    exit 1
fi
domid=$(xl domid net1)
xenstore-write /local/domain/$domid/rumprun/cfg '{"cmdline":"httpd -p 8080 -n 2 /etc","env":[],"console":"raw","net":[{"tag":"net0","mac":"52:54:00:72:72:01","method":"static","addr":"10.88.0.2","prefix":24}]}'
xenstore-chmod -r /local/domain/$domid/rumprun n0 r$domid
t0=$(date +%s)
xl unpause net1
i=0
until [ "$(xenstore-read /local/domain/0/backend/vif/$domid/0/state 2>/dev/null)" = 4 ]; do
    i=$((i + 1)); [ $i -gt 120 ] && { say "the back end did not connect in 60 s"; break; }
    sleep 0.5
done
say "back end state $(xenstore-read /local/domain/0/backend/vif/$domid/0/state 2>&1) after $(( $(date +%s) - t0 )) s"
sleep 2
ip link show
ls /sys/class/net/xenbr0/brif; ip addr show vif$domid.0
say "ping:"; ping -c 3 -W 5 10.88.0.2
say "wget 1:"; timeout 60 wget -q -O - http://10.88.0.2:8080/hosts; say "wget 1 status $?"
say "wget 2:"; timeout 60 wget -q -O - http://10.88.0.2:8080/resolv.conf; say "wget 2 status $?"
i=0
until xenstore-read /local/domain/$domid/data/rr-exit >/dev/null 2>&1; do
    i=$((i + 1)); [ $i -gt 120 ] && { say "no rr-exit after 60 s"; break; }
    sleep 0.5
done
say "net1 rr-exit: $(xenstore-read /local/domain/$domid/data/rr-exit 2>&1)"
say "net1 frontend:"; xenstore-ls -f /local/domain/$domid/device/vif 2>&1 | head -20
say "net1 backend:"; xenstore-ls -f /local/domain/0/backend/vif/$domid 2>&1 | head -30
say "vif counters:"; cat /proc/net/dev; arp -n
say "net1 console:"; cat /var/log/xen/console/guest-net1.log
xl dmesg | grep -a "(d[1-9]" | tail -n 30
xl destroy net1
