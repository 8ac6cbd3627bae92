# The dom0 job of nested-xen.sh when given rr-run: the bridge xenbr0 (10.88.0.1/24), the vif
# hotplug step in place of Xen's bash vif-bridge, then `rr-run xen -i -I net0,xenif -W ...` of the
# httpd guest in the background, fetched twice with busybox wget once it answers; rr-run's status.
say() { echo "rr-harness: $*"; }
for m in llc stp bridge; do insmod /share/$m.ko || say "insmod $m failed"; done
brctl addbr xenbr0 && ip addr add 10.88.0.1/24 dev xenbr0 && ip link set xenbr0 up || say "no bridge"
cp /share/nested-vif-hotplug.sh /etc/xen/scripts/vif-bridge && chmod +x /etc/xen/scripts/vif-bridge
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 HOME=/tmp TMPDIR=/tmp
export LD_LIBRARY_PATH=/share/lib:$LD_LIBRARY_PATH
begin=$(cut -d" " -f1 /proc/uptime)
/share/rr-run/rr-run xen -i -I net0,xenif -W net0,inet,static,10.88.0.2/24 /share/httpd.bin -- -p 8080 -n 2 /etc \
    < /dev/null > /tmp/rr-run.out 2>&1 &
pid=$!
i=0
# timeout(1), not wget -T: Debian 12's busybox-static wget crashes (SIGSEGV) whenever -T is given.
until timeout 10 wget -q -O /tmp/first http://10.88.0.2:8080/hosts 2>/dev/null; do
    i=$((i + 1)); [ $i -gt 300 ] && { say "no answer from 10.88.0.2:8080 in 600 s"; break; }
    kill -0 $pid 2>/dev/null || { say "rr-run ended before the guest answered"; break; }
    sleep 2
done
[ -s /tmp/first ] && say "first answer after $(echo "$begin $(cut -d" " -f1 /proc/uptime)" | awk '{ print $2 - $1 }')s:"; cat /tmp/first 2>/dev/null
say "wget 2:"; timeout 60 wget -q -O - http://10.88.0.2:8080/hosts; say "wget 2 status $?"
wait $pid
status=$?
say "rr-run took $(echo "$begin $(cut -d" " -f1 /proc/uptime)" | awk '{ print $2 - $1 }')s"
say "rr-run output:"; cat /tmp/rr-run.out
say "rr-run status $status"
xl list
xl dmesg | grep -a "(d[1-9]" | tail -n 20
