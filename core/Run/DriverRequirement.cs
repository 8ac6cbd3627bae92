namespace Rumprun.Core.Run;

/// <summary>
/// What an image must hold before a launch gives it disks (-b) or interfaces (-I): a driver of that
/// kind for the launch's bus. The bake's --gc-sections keeps only what is called, so a driver's own
/// entry points in the image's function table tell which drivers were linked; the registration
/// function alone tells that some driver of the kind was. Checked before anything starts, because a
/// guest given a device its drivers cannot see only fails later, at mount or at the first packet.
/// </summary>
/// <param name="Devices">The kind's name in messages ("block-device", "network").</param>
/// <param name="Option">The rr-run option that asks for such devices.</param>
/// <param name="RegistrationFunction">What every driver of the kind calls (platform/include/rr).</param>
/// <param name="VirtioFunction">An entry point only the virtio driver has.</param>
/// <param name="XenFunction">An entry point only the Xen front end has.</param>
/// <param name="VirtioConfiguration">The configuration to bake with for rr-run qemu.</param>
/// <param name="XenConfiguration">The configuration to bake with for rr-run xen.</param>
public sealed record DriverRequirement(
    string Devices, string Option, string RegistrationFunction, string VirtioFunction, string XenFunction,
    string VirtioConfiguration, string XenConfiguration)
{
    public static readonly DriverRequirement Block = new(
        "block-device", "-b", "rr_blkdev_register", "rr_vblk_transfer", "rr_blkfront_transfer", "hw_virtio", "xen_pvh");

    public static readonly DriverRequirement Network = new(
        "network", "-I", "rr_netdev_register", "rr_vnet_transmit", "rr_netfront_transmit", "hw_virtio", "xen_net");

    /// <exception cref="RunException">The image has no driver of this kind for <paramref name="bus"/> (or cannot be read).</exception>
    public void Check(string imagePath, DeviceBus bus)
    {
        var functions = ImageFunctions.Read(imagePath);
        var (wanted, other) = bus == DeviceBus.Virtio ? (VirtioFunction, XenFunction) : (XenFunction, VirtioFunction);
        if (functions.Contains(wanted))
            return;
        var configuration = bus == DeviceBus.Virtio ? VirtioConfiguration : XenConfiguration;
        if (functions.Contains(other))
        {
            var (has, runsUnder, launch) = bus == DeviceBus.Virtio ? ("Xen's front end", "rr-run xen", "rr-run qemu") : ("virtio's", "rr-run qemu", "rr-run xen");
            throw new RunException(
                $"{imagePath}: its {Devices} driver is {has}, which {Option} reaches only under {runsUnder}: for {launch} bake it with {configuration}");
        }
        throw new RunException($"{imagePath} has no {Devices} support: bake it with {configuration}");
    }
}
