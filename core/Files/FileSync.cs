using System.Runtime.Versioning;

namespace Rumprun.Core.Files;

/// <summary>
/// Installs files only when their content differs, so an unchanged rebuild touches nothing
/// and timestamps downstream (make, ports) stay meaningful.
/// </summary>
[SupportedOSPlatform("linux")]
public static class FileSync
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> unless it already holds the same bytes; true if it wrote.</summary>
    public static bool CopyIfChanged(string source, string target, UnixFileMode? mode = null)
    {
        if (SameContent(source, target))
        {
            return EnsureMode(target, mode);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        using var file = new AtomicFile(target);
        File.Copy(source, file.TemporaryPath, overwrite: true);
        File.SetUnixFileMode(file.TemporaryPath, mode ?? File.GetUnixFileMode(source));
        file.Commit();
        return true;
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="target"/> unless it already holds it; true if it wrote.</summary>
    public static bool WriteIfChanged(string target, ReadOnlySpan<byte> content, UnixFileMode? mode = null)
    {
        if (File.Exists(target) && new FileInfo(target).Length == content.Length && content.SequenceEqual(File.ReadAllBytes(target)))
        {
            return EnsureMode(target, mode);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        AtomicFile.WriteAllBytes(target, content, mode);
        return true;
    }

    /// <summary>
    /// Copies a directory tree file by file, writing only what changed; returns how many files it wrote.
    /// Files only the target has are kept: users install their own headers and libraries there too.
    /// </summary>
    public static int CopyTree(string source, string target) =>
        Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
            .Count(file => CopyIfChanged(file, Path.Combine(target, Path.GetRelativePath(source, file))));

    /// <summary>Deletes files matching <paramref name="pattern"/> in <paramref name="directory"/> that are not in <paramref name="keep"/>.</summary>
    public static int RemoveOthers(string directory, string pattern, IEnumerable<string> keep)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var kept = keep.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(directory, pattern).Where(f => !kept.Contains(Path.GetFullPath(f))).ToList())
        {
            File.Delete(file);
            removed++;
        }

        return removed;
    }

    private static bool SameContent(string source, string target)
    {
        var a = new FileInfo(source);
        var b = new FileInfo(target);
        if (!b.Exists || a.Length != b.Length)
        {
            return false;
        }

        using var left = a.OpenRead();
        using var right = b.OpenRead();
        Span<byte> x = stackalloc byte[16384];
        Span<byte> y = stackalloc byte[16384];
        while (true)
        {
            var n = left.ReadAtLeast(x, x.Length, throwOnEndOfStream: false);
            var m = right.ReadAtLeast(y, y.Length, throwOnEndOfStream: false);
            if (n != m || !x[..n].SequenceEqual(y[..m]))
            {
                return false;
            }

            if (n == 0)
            {
                return true;
            }
        }
    }

    private static bool EnsureMode(string target, UnixFileMode? mode)
    {
        if (mode is { } m && File.GetUnixFileMode(target) != m)
        {
            File.SetUnixFileMode(target, m);
            return true;
        }

        return false;
    }
}
