using System.Runtime.Versioning;

namespace Rumprun.Core.Files;

/// <summary>
/// A file written under a temporary name next to its target and renamed over it only when complete,
/// so no reader ever sees half an output. Disposing without <see cref="Commit"/> deletes the temporary.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class AtomicFile : IDisposable
{
    private bool _committed;

    public AtomicFile(string target)
    {
        Target = Path.GetFullPath(target);
        var directory = Path.GetDirectoryName(Target)!;
        TemporaryPath = Path.Combine(directory, $".{Path.GetFileName(Target)}.tmp{Environment.ProcessId}");
    }

    public string Target { get; }

    /// <summary>Where to write; in the target's directory so that the rename cannot cross file systems.</summary>
    public string TemporaryPath { get; }

    public void Commit()
    {
        File.Move(TemporaryPath, Target, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed)
        {
            File.Delete(TemporaryPath);
        }
    }

    /// <summary>Writes all of <paramref name="content"/> to <paramref name="target"/> atomically, with an optional mode.</summary>
    public static void WriteAllBytes(string target, ReadOnlySpan<byte> content, UnixFileMode? mode = null)
    {
        using var file = new AtomicFile(target);
        File.WriteAllBytes(file.TemporaryPath, content);
        if (mode is { } m)
        {
            File.SetUnixFileMode(file.TemporaryPath, m);
        }

        file.Commit();
    }
}
