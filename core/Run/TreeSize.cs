namespace Rumprun.Core.Run;

/// <summary>What a directory tree needs in an ext2 image: its entries and its data in 4 KiB blocks.</summary>
/// <param name="Entries">Files, directories, links and other entries under the top (the top itself included).</param>
/// <param name="DataBlocks">4 KiB blocks for file contents, directories and long link targets.</param>
public sealed record TreeSize(long Entries, long DataBlocks)
{
    private const long BlockBytes = 4096;

    /// <summary>Walks the tree without following symbolic links.</summary>
    public static TreeSize Of(string directory)
    {
        long entries = 1, blocks = 1;
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = 0,
            IgnoreInaccessible = true,
            ReturnSpecialDirectories = false,
        };
        foreach (var info in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", options))
        {
            entries++;
            if (info.LinkTarget is { } target)
                blocks += target.Length > 60 ? 1 : 0;   // ext2 keeps short targets in the inode
            else if (info is FileInfo file)
                blocks += (file.Length + BlockBytes - 1) / BlockBytes;
            else
                blocks++;
        }
        return new TreeSize(entries, blocks);
    }
}
