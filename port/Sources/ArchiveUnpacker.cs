using Rumprun.Core;
using SharpCompress.Readers;

namespace Rumprun.Port.Sources;

/// <summary>
/// Unpacks a source archive (tar with any common compression, or zip) into a folder, dropping the single
/// top-level folder most archives have, keeping Unix modes (configure must stay executable) and symbolic
/// links, and refusing entries that would land outside the folder.
/// </summary>
public static class ArchiveUnpacker
{
    public static void Unpack(string archive, string destination)
    {
        var staging = destination + ".unpack";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        var root = Path.GetFullPath(staging) + "/";
        try
        {
            using var stream = File.OpenRead(archive);
            using var reader = ReaderFactory.OpenReader(stream, new ReaderOptions());
            while (reader.MoveToNextEntry())
            {
                var entry = reader.Entry;
                var key = entry.Key?.TrimStart('/') ?? string.Empty;
                if (key.Length == 0 || key.Split('/').Contains(".."))
                {
                    throw new RrException($"{archive}: entry '{entry.Key}' points outside the archive's folder");
                }

                var target = Path.GetFullPath(Path.Combine(staging, key));
                if (!target.StartsWith(root, StringComparison.Ordinal) && target + "/" != root)
                {
                    throw new RrException($"{archive}: entry '{entry.Key}' points outside the archive's folder");
                }

                if (entry.IsDirectory)
                {
                    Directory.CreateDirectory(target);
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                if (!string.IsNullOrEmpty(entry.LinkTarget))
                {
                    File.CreateSymbolicLink(target, entry.LinkTarget);
                    continue;
                }

                using (var output = File.Create(target))
                {
                    reader.WriteEntryTo(output);
                }

                var mode = UnixMode(entry);
                if (mode != 0)
                {
                    File.SetUnixFileMode(target, mode);
                }

                if (entry.LastModifiedTime is { } time)
                {
                    // make compares times: generated files must stay newer than what they came from.
                    File.SetLastWriteTimeUtc(target, DateTime.SpecifyKind(time, DateTimeKind.Utc));
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or SharpCompress.Common.InvalidFormatException or InvalidDataException or ArgumentException or NotSupportedException
                                      or SharpCompress.Common.ArchiveException)
        {
            throw new RrException($"{archive} cannot be unpacked: {e.Message}", e);
        }

        var top = Directory.GetFileSystemEntries(staging);
        var content = top.Length == 1 && Directory.Exists(top[0]) ? top[0] : staging;
        if (Directory.Exists(destination))
        {
            Directory.Delete(destination, recursive: true);
        }

        Directory.Move(content, destination);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Tar keeps Unix modes in its header; other formats keep the mode the file was created with.</summary>
    private static UnixFileMode UnixMode(SharpCompress.Common.IEntry entry)
    {
        long mode = entry switch
        {
            SharpCompress.Common.Tar.TarEntry tar => tar.Mode,
            _ => 0,
        };
        return (UnixFileMode)(mode & 0xFFF);
    }
}
