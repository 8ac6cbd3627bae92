#!/bin/sh
# Installed as /etc/xen/scripts/vif-bridge in the dom0 (Xen's own is bash, which the initramfs lacks):
# the back end's interface joins the bridge the vif line names (default xenbr0) and comes up.
vif=${vif:-}
if [ -z "$vif" ]; then
    domid=$(echo "$XENBUS_PATH" | awk -F/ '{print $(NF-1)}')
    devid=$(echo "$XENBUS_PATH" | awk -F/ '{print $NF}')
    vif=vif$domid.$devid
fi
bridge=$(xenstore-read "$XENBUS_PATH/bridge" 2>/dev/null)
bridge=${bridge:-xenbr0}
case "$1" in
online|add)
    brctl addif "$bridge" "$vif" || { xenstore-write "$XENBUS_PATH/hotplug-error" "brctl addif $bridge $vif failed"; exit 1; }
    ip link set "$vif" up
    xenstore-write "$XENBUS_PATH/hotplug-status" connected
    ;;
offline|remove)
    brctl delif "$bridge" "$vif" 2>/dev/null
    ;;
esac
exit 0
