using System.Runtime.Versioning;
using Serilog;

namespace Rumprun.Core.Run;

/// <summary>
/// Turns the <c>-b</c> options into drives: checks of the host paths, and the
/// path of the image each directory becomes. Nothing is built or written here, so --dry-run uses it too.
/// </summary>
[SupportedOSPlatform("linux")]
public static class BlockPlan
{
    /// <summary>Checks each source on the host and decides its drive.</summary>
    /// <param name="options">The options, with mount points (see <see cref="BlockMountPoints.Assign"/>).</param>
    /// <param name="imagePath">Where the image of the n-th option is built, for a directory, given its format.</param>
    /// <exception cref="RunException">A source is missing, of the wrong kind, or unreadable (usage status).</exception>
    public static IReadOnlyList<BlockAttachment> Resolve(
        IReadOnlyList<BlockOption> options,
        Func<int, BlockImageFormat, string> imagePath)
    {
        var drives = new List<BlockAttachment>(options.Count);
        for (var index = 0; index < options.Count; index++)
        {
            var option = options[index];
            var mountPoint = option.MountPoint ?? throw new ArgumentException("options need their mount points", nameof(options));
            var kind = BlockSourceKinds.Of(option.Source);
            switch (kind)
            {
                case BlockSourceKind.Directory:
                    var format = option.Ext2 ? BlockImageFormat.Ext2 : BlockImageFormat.Iso9660;
                    drives.Add(new BlockAttachment(index, option, imagePath(index, format), mountPoint,
                        option.ReadOnly || format == BlockImageFormat.Iso9660, format));
                    break;
                case BlockSourceKind.RegularFile:
                case BlockSourceKind.BlockDevice:
                    if (option.Ext2)
                        throw RunException.Usage(
                            $"-b {option}: ext2 builds an image from a directory, and {option.Source} is {BlockSourceKinds.Describe(kind)}: " +
                            "drop ',ext2' (the guest detects the file system of an image)");
                    drives.Add(new BlockAttachment(index, option, Path.GetFullPath(option.Source), mountPoint,
                        option.ReadOnly || !Writable(option), BlockImageFormat.AsIs));
                    break;
                case BlockSourceKind.Missing:
                    throw RunException.Usage($"-b {option.Source}: no such file or directory");
                default:
                    throw RunException.Usage(
                        $"-b {option.Source}: {BlockSourceKinds.Describe(kind)}, not a disk image file, a block device or a directory");
            }
        }
        return drives;
    }

    /// <summary>Whether the user can write the file; reading it is required.</summary>
    private static bool Writable(BlockOption option)
    {
        try
        {
            using (File.Open(option.Source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw RunException.Usage($"-b {option}: cannot read {option.Source} ({e.Message.TrimEnd('.')}): check its permissions");
        }
        if (option.ReadOnly)
            return false;
        try
        {
            using (File.Open(option.Source, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            {
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning("rr-run: {Source} is not writable: the guest gets it read-only", option.Source);
            return false;
        }
    }
}
