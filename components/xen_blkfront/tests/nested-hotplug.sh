#!/bin/sh
# libxl's hotplug step for a phy disk, in busybox sh: blkback needs physical-device (hex major:minor).
case "$1" in
add)
    dev=$(xenstore-read "$XENBUS_PATH/params")
    xenstore-write "$XENBUS_PATH/physical-device" "$(stat -L -c %t:%T "$dev")"
    xenstore-write "$XENBUS_PATH/physical-device-path" "$dev"
    xenstore-write "$XENBUS_PATH/hotplug-status" connected
    ;;
esac
exit 0
