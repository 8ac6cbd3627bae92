namespace Rumprun.Core.Run;

/// <summary>
/// One <c>-b</c> drive as a Xen virtual disk: the n-th is <c>xvd</c> + the n-th letter, and the guest
/// configuration's mount names that vdev as its device (contracts §10; §8 with Xen's names).
/// </summary>
public sealed record XenDisk(BlockAttachment Drive)
{
    /// <summary>xvda..xvdz: more disks than that would need Xen's two-letter names, and the guest takes far fewer.</summary>
    public const int MaximumDisks = 26;

    public string Vdev => "xvd" + (char)('a' + Drive.Index);

    /// <summary>The disk's entry in xl's <c>disk = [...]</c>; the target goes last, as xl requires of a path.</summary>
    public string Specification =>
        $"format=raw, vdev={Vdev}, access={(Drive.ReadOnly ? "ro" : "rw")}, target={Drive.ImagePath}";

    public GuestMount Mount => new(Vdev, Drive.MountPoint, Drive.ReadOnly, Drive.FileSystemType, Required: true);
}
