namespace Rumprun.Core.Run;

/// <summary>One entry of the guest configuration's <c>mounts</c> array (contracts §5, §8).</summary>
/// <param name="Device">The virtio-blk serial the platform finds the device by.</param>
/// <param name="Path">The mount point, made in the root file system when missing.</param>
/// <param name="ReadOnly">Mount read-only.</param>
/// <param name="FileSystemType">auto, ext2 or iso9660.</param>
/// <param name="Required">A failure stops the guest (true) or is reported and skipped (false).</param>
public sealed record GuestMount(string Device, string Path, bool ReadOnly, string FileSystemType, bool Required);
