namespace Rumprun.Core.Run;

/// <summary>How a <c>-b</c> source becomes a drive: attached as it is, or built from a directory first.</summary>
public enum BlockImageFormat
{
    /// <summary>A disk image file or block device, attached unchanged; the guest detects its file system.</summary>
    AsIs,

    /// <summary>An ISO 9660 image with Rock Ridge, made by xorriso (read-only).</summary>
    Iso9660,

    /// <summary>An ext2 image, made by mke2fs -d (writable; it lives as long as the image file).</summary>
    Ext2,
}
