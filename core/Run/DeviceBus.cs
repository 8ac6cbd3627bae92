namespace Rumprun.Core.Run;

/// <summary>
/// The device model a launch gives the guest's disks and interfaces: QEMU's virtio devices
/// (rr-run qemu, kvm) or Xen's split front ends (rr-run xen). An image's drivers speak one of them.
/// </summary>
public enum DeviceBus
{
    Virtio,
    Xen,
}
