# The second half of the dom0's job for run-checks.sh (runs from /share): a disk and an interface through
# rr-run alone, Xen's block and vif-bridge steps being the initramfs's busybox ones and xenbr0 made by init.
# (checks-job.sh set the environment and $rr.)
say() { echo "rr-harness: $*"; }
# What the dom0 sees of a domain whose interface does not answer: domains, the vif back ends and
# their hotplug state, the bridge's ports, rr-run's output so far, the guests' console logs.
state() {
    say "state at $(cut -d' ' -f1 /proc/uptime)s:"
    xl list 2>&1
    xenstore-ls -f /local/domain/0/backend/vif 2>&1 | grep -E '/(state|hotplug-status|hotplug-error|bridge|script|mac)\b'
    for port in /sys/class/net/xenbr0/brif/*; do
        [ -e "$port/state" ] && echo "xenbr0 port: ${port##*/} state $(cat "$port/state") (3: forwarding)"
    done
    grep -E 'xenbr0|vif' /proc/net/dev
    ip neigh show dev xenbr0 2>&1 | sed 's/^/neighbour: /'
    ping -c 2 -W 2 10.88.0.2 2>&1 | grep -E 'bytes from|packets'
    top -b -n 1 | head -n 12
    sed 's/^/rr-run so far: /' /tmp/net.out
    for f in /var/log/xen/console/guest-*.log; do [ -f "$f" ] && sed "s|^|$f: |" "$f" | tail -n 8; done
    xl dmesg | grep -a "(d[1-9]" | tail -n 8
}

# A loop device over a 9p file can stall xl create; the dom0's tmpfs does not.
cp /share/tree.iso /tmp/tree.iso
# Whether xenstore-watch passes each event on at once through a file (no stdio buffering): it prints
# one line for the watch being set and one per domain that halts or goes.
xenstore-watch @releaseDomain > /tmp/watch.out 2>&1 &
watcher=$!
$rr xen -i -b /tmp/tree.iso /share/block_files.bin -- /data hello.txt < /dev/null > /tmp/blk.out 2>&1
say "block status $?"
sed 's/^/block out: /' /tmp/blk.out
printf 'hello.txt: hello from the disk\ncreate new.txt: EROFS\n' | cmp -s - /tmp/blk.out && say "block output exact"
losetup -a | sed 's/^/rr-harness: loop after: /'
sed 's/^/rr-harness: watch event: /' /tmp/watch.out
kill $watcher

# Seven disks take 7 x 89 grant references, more than the table's first frame holds (504): the
# seventh disk's ring and pages are granted from frames the guest maps as it needs them.
$rr xen -i -b /tmp/tree.iso -b /tmp/tree.iso -b /tmp/tree.iso -b /tmp/tree.iso -b /tmp/tree.iso -b /tmp/tree.iso \
    -b /tmp/tree.iso /share/block_files.bin -- /data6 hello.txt < /dev/null > /tmp/blk7.out 2>&1
say "seven disks status $?"
sed 's/^/seven disks out: /' /tmp/blk7.out

# The README's example: a directory as a disk (rr-run makes the ISO with the dom0's xorriso) and an
# interface, httpd serving the whole tree: /etc/hosts (the -W address under the guest's name) and the page.
mkdir -p /tmp/site && echo "served from a directory given with -b" > /tmp/site/page.txt
$rr xen -i -b /tmp/site -I net0,xenif -W net0,inet,static,10.88.0.2/24 /share/httpd.bin -- -p 8080 -n 2 / \
    < /dev/null > /tmp/net.out 2>&1 &
pid=$!
# timeout(1), not wget -T: Debian 12's busybox-static wget crashes (SIGSEGV) whenever -T is given.
began=$(cut -d. -f1 /proc/uptime)
i=0
until timeout 10 wget -q -O /tmp/body http://10.88.0.2:8080/etc/hosts 2>/dev/null; do
    rm -f /tmp/body
    [ $(( $(cut -d. -f1 /proc/uptime) - began )) -gt 900 ] && { say "no answer from 10.88.0.2:8080 in 900 s"; state; break; }
    kill -0 $pid 2>/dev/null || { say "rr-run ended before the guest answered"; break; }
    i=$((i + 1)); [ $((i % 45)) -eq 0 ] && state
    sleep 2
done
[ -s /tmp/body ] && say "first answer $(( $(cut -d. -f1 /proc/uptime) - began )) s after rr-run started"
sed 's/^/net body: /' /tmp/body 2>/dev/null
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n10.88.0.2\trumprun\n' | cmp -s - /tmp/body && say "net body exact"
timeout 60 wget -q -O /tmp/page http://10.88.0.2:8080/data/page.txt
say "page status $?"
sed 's/^/net page: /' /tmp/page 2>/dev/null
wait $pid
say "net status $?"
sed 's/^/net out: /' /tmp/net.out
xl list
