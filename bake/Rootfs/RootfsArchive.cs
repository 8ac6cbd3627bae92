using System.Formats.Tar;

namespace Rumprun.Bake.Rootfs;

/// <summary>
/// Writes the tree as a POSIX pax archive (ustar headers with pax extended headers, so names of any
/// length, sizes beyond 8 GiB and sub-second times survive): what platform/vfs/rootfs_tar.c unpacks.
/// Owners are recorded as root (uid and gid 0): the guest runs as root and host ids mean nothing there.
/// No entries give no bytes at all (System.Formats.Tar writes the end-of-archive blocks only after an entry).
/// System.Formats.Tar writes it: SharpCompress's tar writer gives every entry mode 0777 and has no
/// symbolic links.
/// </summary>
public static class RootfsArchive
{
    public static async Task<RootfsSummary> WriteAsync(IReadOnlyList<RootfsEntry> entries, string archivePath, CancellationToken cancel)
    {
        int files = 0, directories = 0, links = 0;
        long bytes = 0;
        await using (var stream = new FileStream(archivePath, FileMode.Create, FileAccess.Write))
        {
            await using var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true);
            foreach (var entry in entries)
            {
                var tar = new PaxTarEntry(TypeOf(entry.Kind), entry.Name)
                {
                    Mode = entry.Mode,
                    ModificationTime = entry.ModificationTime,
                    Uid = 0,
                    Gid = 0,
                    UserName = "root",
                    GroupName = "root",
                };
                switch (entry.Kind)
                {
                    case RootfsEntryKind.File:
                        await using (var data = OpenForReading(entry.HostPath))
                        {
                            tar.DataStream = data;
                            await writer.WriteEntryAsync(tar, cancel);
                            bytes += data.Length;
                        }

                        files++;
                        continue;
                    case RootfsEntryKind.SymbolicLink:
                        tar.LinkName = entry.LinkTarget!;
                        links++;
                        break;
                    default:
                        directories++;
                        break;
                }

                await writer.WriteEntryAsync(tar, cancel);
            }
        }

        return new RootfsSummary(files, directories, links, bytes, new FileInfo(archivePath).Length);
    }

    private static TarEntryType TypeOf(RootfsEntryKind kind) => kind switch
    {
        RootfsEntryKind.File => TarEntryType.RegularFile,
        RootfsEntryKind.Directory => TarEntryType.Directory,
        RootfsEntryKind.SymbolicLink => TarEntryType.SymbolicLink,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "only files, directories and links are packed"),
    };

    private static FileStream OpenForReading(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1 << 16, useAsync: true);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new RootfsException($"cannot read {path}: {e.Message.TrimEnd('.')}");
        }
    }
}
