namespace Rumprun.Bake.Rootfs;

/// <summary>
/// Lists the tree given to --rootfs, the top directory itself excluded (the guest's / keeps mode 0755):
/// each directory before its contents, names in ordinal order so that the same tree gives the same
/// archive. Symbolic links are recorded, not followed. A file with several hard links becomes
/// independent copies. Anything but files, directories and links is refused, as is what cannot be read.
/// </summary>
public static class RootfsTree
{
    public static IReadOnlyList<RootfsEntry> Scan(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new RootfsException(File.Exists(directory)
                ? $"--rootfs {directory}: not a directory (give the directory whose contents become the guest's /)"
                : $"--rootfs {directory}: no such directory");
        }

        var entries = new List<RootfsEntry>();
        Walk(directory, "", entries);
        return entries;
    }

    private static void Walk(string hostDirectory, string prefix, List<RootfsEntry> entries)
    {
        foreach (var name in Names(hostDirectory))
        {
            var host = Path.Combine(hostDirectory, name);
            var status = HostFileStatus.Read(host);
            var archived = prefix + name;
            switch (status.Kind)
            {
                case RootfsEntryKind.Directory:
                    entries.Add(new RootfsEntry(archived + "/", status.Kind, status.Permissions, status.ModificationTime, 0, null, host));
                    Walk(host, archived + "/", entries);
                    break;
                case RootfsEntryKind.File:
                    EnsureReadable(host);
                    entries.Add(new RootfsEntry(archived, status.Kind, status.Permissions, status.ModificationTime, status.Size, null, host));
                    break;
                case RootfsEntryKind.SymbolicLink:
                    var target = new FileInfo(host).LinkTarget
                        ?? throw new RootfsException($"cannot read the symbolic link {host}");
                    entries.Add(new RootfsEntry(archived, status.Kind, (UnixFileMode)0x1FF, status.ModificationTime, 0, target, host));
                    break;
                default:
                    throw new RootfsException(
                        $"--rootfs: {host} is a {status.TypeName}; the root file system holds only files, directories and symbolic links (the guest makes /dev itself)");
            }
        }
    }

    private static string[] Names(string hostDirectory)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(hostDirectory)
                .Select(p => Path.GetFileName(p))
                .Order(StringComparer.Ordinal)
                .ToArray();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new RootfsException($"cannot read the directory {hostDirectory}: {e.Message.TrimEnd('.')}");
        }
    }

    private static void EnsureReadable(string host)
    {
        try
        {
            using var stream = new FileStream(host, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new RootfsException($"cannot read {host}: {e.Message.TrimEnd('.')}");
        }
    }
}
