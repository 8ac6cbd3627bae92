#!/bin/sh
# Installed as /etc/xen/scripts/block in the dom0 (Xen's own is bash, which the initramfs lacks): what
# libxl asks of it for a phy disk. A regular file gets a loop device (read-only for an "r" disk);
# blkback then needs physical-device as hex major:minor. Removal frees the loop device again.
case "$1" in
add)
    target=$(xenstore-read "$XENBUS_PATH/params")
    dev=$target
    if [ -f "$target" ]; then
        ro=""
        [ "$(xenstore-read "$XENBUS_PATH/mode")" = r ] && ro=-r
        # libxl may run the steps of several disks at once: one at a time picks a free loop device.
        until mkdir /var/lock/hotplug-block.lock 2>/dev/null; do sleep 0.1; done
        dev=$(losetup -f) && losetup $ro "$dev" "$target"
        attached=$?
        rmdir /var/lock/hotplug-block.lock
        [ $attached -eq 0 ] || { xenstore-write "$XENBUS_PATH/hotplug-error" "losetup $target failed"; exit 1; }
    fi
    xenstore-write "$XENBUS_PATH/physical-device" "$(stat -L -c %t:%T "$dev")"
    xenstore-write "$XENBUS_PATH/physical-device-path" "$dev"
    xenstore-write "$XENBUS_PATH/hotplug-status" connected
    ;;
remove)
    dev=$(xenstore-read "$XENBUS_PATH/physical-device-path" 2>/dev/null)
    case "$dev" in /dev/loop*) losetup -d "$dev" ;; esac
    ;;
esac
exit 0
