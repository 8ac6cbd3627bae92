using Serilog;

namespace Rumprun.Bake.Rootfs;

/// <summary>--rootfs DIR for one bake: the tree is read before anything is linked, then packed into the object the second link adds.</summary>
public sealed class RootfsImage
{
    private const string ArchiveFileName = "rootfs.tar";

    private readonly string _directory;
    private readonly IReadOnlyList<RootfsEntry> _entries;

    private RootfsImage(string directory, IReadOnlyList<RootfsEntry> entries)
    {
        _directory = directory;
        _entries = entries;
    }

    /// <summary>The archive's size once packed, null when the tree is empty; the image check compares it with the section's.</summary>
    public long? ArchiveBytes { get; private set; }

    /// <summary>Reads the tree; refusals (a missing directory, a FIFO, an unreadable file) come now, before any output exists.</summary>
    public static RootfsImage Scan(string directory) => new(directory, RootfsTree.Scan(directory));

    /// <summary>The object to link, or null for an empty tree: the guest's root then starts empty, as without --rootfs.</summary>
    public async Task<string?> WriteObjectAsync(string workDir, CancellationToken cancel)
    {
        var summary = await RootfsArchive.WriteAsync(_entries, Path.Combine(workDir, ArchiveFileName), cancel);
        ArchiveBytes = summary.ArchiveBytes > 0 ? summary.ArchiveBytes : null;
        Log.Information(
            "root file system {Directory:l}: {Files} file(s) of {FileBytes} bytes, {Directories} director(ies), {Links} symbolic link(s); archive {ArchiveBytes} bytes",
            _directory, summary.Files, summary.FileBytes, summary.Directories, summary.SymbolicLinks, summary.ArchiveBytes);
        return ArchiveBytes is null ? null : await RootfsObject.WriteAsync(ArchiveFileName, workDir, cancel);
    }
}
