# The dom0 job of nested-xen.sh: loop devices for the two disks, then one domU per check (xl
# create paused, the guest configuration in rumprun/cfg, unpause), each waited for through data/rr-exit.
say() { echo "rr-harness: $*"; }
insmod /share/loop.ko || say "insmod loop failed"
sleep 1
# The disks live in the dom0's tmpfs: the loop driver then never waits on the 9p share.
cp /share/disk.iso /share/ext2.img /tmp/
losetup -r /dev/loop0 /tmp/disk.iso || say "losetup iso failed"
losetup /dev/loop1 /tmp/ext2.img || say "losetup ext2 failed"
losetup -a
n=0
run() {   # run IMAGE LOOPDEV ACCESS FSTYPE READONLY ARGS-JSON...
    n=$((n + 1)); name=blk$n
    cat > /tmp/$name.cfg <<CFG
name = "$name"
type = "pvh"
kernel = "/share/$1"
memory = 64
vcpus = 1
on_poweroff = "preserve"
on_crash = "preserve"
on_reboot = "destroy"
disk = [ 'format=raw, vdev=xvda, access=$3, script=/share/nested-hotplug.sh, target=$2' ]
CFG
    say "== $name: $1 on $2 ($4, $3): $6"
    if ! timeout 120 xl -v create -p /tmp/$name.cfg > /tmp/$name.xl 2>&1; then
        say "xl create failed or took over 120 s"
        grep -v "debug" /tmp/$name.xl | tail -n 15
        xenstore-ls -f /local/domain/0/backend/vbd 2>&1 | grep "state\|hotplug\|physical-device =" | tail -n 12
        dmesg | tail -n 15
        xl destroy $name 2>/dev/null
        return
    fi
    domid=$(xl domid $name)
    xenstore-write /local/domain/$domid/rumprun/cfg "{\"cmdline\":\"$1 $6\",\"env\":[],\"console\":\"raw\",\"mounts\":[{\"device\":\"xvda\",\"path\":\"/data\",\"readonly\":$5,\"fstype\":\"$4\",\"required\":true}]}"
    xenstore-chmod -r /local/domain/$domid/rumprun n0 r$domid
    xl unpause $name
    i=0
    until xenstore-read /local/domain/$domid/data/rr-exit >/dev/null 2>&1; do
        i=$((i + 1)); [ $i -gt 240 ] && { say "no rr-exit after 120 s"; break; }
        sleep 0.5
    done
    say "$name rr-exit: $(xenstore-read /local/domain/$domid/data/rr-exit 2>&1)"
    sleep 1
    say "$name backend:"; xenstore-ls -f /local/domain/0/backend/vbd/$domid 2>&1 | grep -v "/params\|/mode\|/type\|/online\|/removable\|/bootable\|/device-type\|/discard\|/script" | head -40
    say "$name frontend:"; xenstore-ls -f /local/domain/$domid/device/vbd 2>&1 | head -20
    say "$name blkback statistics:"; for f in rd_req wr_req f_req oo_req rd_sect wr_sect; do echo "$f $(cat /sys/bus/xen-backend/devices/vbd-$domid-51712/statistics/$f 2>&1)"; done
    say "$name console:"; cat /var/log/xen/console/guest-$name.log
    xl destroy $name
}
run bf.bin /dev/loop0 ro iso9660 true "/data hello.txt"
run tree.bin /dev/loop0 ro iso9660 true "/data"
run bf.bin /dev/loop1 rw ext2 false "/data hello.txt"
run tree.bin /dev/loop1 rw ext2 false "/data"
# Two disks in one domain: xvda (the ISO, read-only) at /data and xvdb (ext2) at /data1.
say "== blk5: tree.bin with xvda = /dev/loop0 (iso9660, ro) at /data and xvdb = /dev/loop1 (ext2, rw) at /data1: /data1"
cat > /tmp/blk5.cfg <<CFG
name = "blk5"
type = "pvh"
kernel = "/share/tree.bin"
memory = 64
vcpus = 1
on_poweroff = "preserve"
on_crash = "preserve"
on_reboot = "destroy"
disk = [ 'format=raw, vdev=xvda, access=ro, script=/share/nested-hotplug.sh, target=/dev/loop0', 'format=raw, vdev=xvdb, access=rw, script=/share/nested-hotplug.sh, target=/dev/loop1' ]
CFG
if timeout 120 xl create -p /tmp/blk5.cfg > /tmp/blk5.xl 2>&1; then
    domid=$(xl domid blk5)
    xenstore-write /local/domain/$domid/rumprun/cfg '{"cmdline":"tree.bin /data1","env":[],"console":"raw","mounts":[{"device":"xvda","path":"/data","readonly":true,"fstype":"iso9660","required":true},{"device":"xvdb","path":"/data1","readonly":false,"fstype":"ext2","required":true}]}'
    xenstore-chmod -r /local/domain/$domid/rumprun n0 r$domid
    xl unpause blk5
    i=0
    until xenstore-read /local/domain/$domid/data/rr-exit >/dev/null 2>&1; do
        i=$((i + 1)); [ $i -gt 240 ] && { say "no rr-exit after 120 s"; break; }
        sleep 0.5
    done
    say "blk5 rr-exit: $(xenstore-read /local/domain/$domid/data/rr-exit 2>&1)"
    sleep 1
    say "blk5 frontends:"; xenstore-ls -f /local/domain/$domid/device/vbd 2>&1 | grep "ring-ref\|event-channel\|/state"
    say "blk5 console:"; cat /var/log/xen/console/guest-blk5.log
    xl destroy blk5
else
    say "xl create failed or took over 120 s"; tail -n 15 /tmp/blk5.xl
fi
say "== rr-run's disk line (a file target, the default block script)"
cat > /tmp/plain.cfg <<CFG
name = "plain"
type = "pvh"
kernel = "/share/bf.bin"
memory = 64
disk = [ 'format=raw, vdev=xvda, access=ro, target=/share/disk.iso' ]
CFG
timeout 60 xl create -p /tmp/plain.cfg 2>&1 | grep -v "^libxl: debug" | tail -15
xl destroy plain 2>/dev/null
xl dmesg | grep -a "(d[1-9]" | tail -n 30
losetup -d /dev/loop1; losetup -d /dev/loop0
cp /tmp/ext2.img /share/ext2.img
sync
