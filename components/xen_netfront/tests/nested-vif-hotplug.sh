#!/bin/sh
# libxl's hotplug step for a vif, in busybox sh (the harness's dom0 has no bash for Xen's
# vif-bridge): the back end's interface joins the bridge, or holds the address itself when the
# dom0 has no bridge.
vif=${vif:-}
if [ -z "$vif" ]; then
    domid=$(echo "$XENBUS_PATH" | awk -F/ '{print $(NF-1)}')
    devid=$(echo "$XENBUS_PATH" | awk -F/ '{print $NF}')
    vif=vif$domid.$devid
fi
case "$1" in
online|add)
    if [ -d /sys/class/net/xenbr0/bridge ]; then
        brctl addif xenbr0 "$vif"
    else
        ip addr add 10.88.0.1/24 dev "$vif"
    fi
    ip link set "$vif" up
    xenstore-write "$XENBUS_PATH/hotplug-status" connected
    ;;
esac
exit 0
