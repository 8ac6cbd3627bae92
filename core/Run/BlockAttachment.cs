namespace Rumprun.Core.Run;

/// <summary>
/// One drive of a launch, resolved (contracts §8): the n-th <c>-b</c> is QEMU drive <c>rr&lt;n&gt;</c>, a
/// virtio-blk device whose serial the guest matches, mounted at <see cref="MountPoint"/>.
/// </summary>
/// <param name="Index">n: the position of its -b among all of them, from 0.</param>
/// <param name="Option">The -b value it comes from.</param>
/// <param name="ImagePath">The file QEMU opens: the source itself, or the image built from the directory.</param>
/// <param name="MountPoint">The guest path.</param>
/// <param name="ReadOnly">Drive and mount read-only: ,ro, an ISO image, or a file the user cannot write.</param>
/// <param name="Format">Whether the image is the source or is built from it.</param>
public sealed record BlockAttachment(
    int Index,
    BlockOption Option,
    string ImagePath,
    string MountPoint,
    bool ReadOnly,
    BlockImageFormat Format)
{
    /// <summary>The QEMU drive id and the virtio-blk serial: rr0, rr1, ...</summary>
    public string DriveId => "rr" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The guest's fstype: detected for a given file, known for an image rr-run built.</summary>
    public string FileSystemType => Format switch
    {
        BlockImageFormat.Iso9660 => "iso9660",
        BlockImageFormat.Ext2 => "ext2",
        _ => "auto",
    };

    /// <summary>The -drive and -device arguments; virtio-blk-pci on the pc and q35 machines, virtio-mmio otherwise.</summary>
    public IReadOnlyList<string> QemuArguments(bool pciMachine) =>
    [
        "-drive", $"file={QemuCommandLine.OptionValue(ImagePath)},format=raw,if=none,id={DriveId}" + (ReadOnly ? ",readonly=on" : ""),
        "-device", $"{(pciMachine ? "virtio-blk-pci" : "virtio-blk-device")},drive={DriveId},serial={DriveId}",
    ];

    /// <summary>The guest configuration's entry for it.</summary>
    public GuestMount Mount => new(DriveId, MountPoint, ReadOnly, FileSystemType, Required: true);
}
