namespace Rumprun.Core.Run;

/// <summary>What a directory tree needs in an ext2 image: its entries and its data in 4 KiB blocks.</summary>
/// <param name="Entries">Files, directories, links and other entries under the top (the top itself included).</param>
/// <param name="DataBlocks">4 KiB blocks for file contents, directories and long link targets.</param>
public sealed record TreeSize(long Entries, long DataBlocks)
{
    private const long BlockBytes = 4096;

    /// <summary>Walks the tree without following symbolic links (.NET's own recursion follows them).</summary>
    public static TreeSize Of(string directory)
    {
        long entries = 1, blocks = 1;
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true };
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(directory));
        while (pending.Count > 0)
        {
            foreach (var info in pending.Pop().EnumerateFileSystemInfos("*", options))
            {
                entries++;
                if (info.LinkTarget is { } target)
                    blocks += target.Length > 60 ? 1 : 0;   // ext2 keeps short targets in the inode
                else if (info is FileInfo file)
                    blocks += (file.Length + BlockBytes - 1) / BlockBytes;
                else
                {
                    blocks++;
                    if (info is DirectoryInfo sub)
                        pending.Push(sub);
                }
            }
        }
        return new TreeSize(entries, blocks);
    }
}
