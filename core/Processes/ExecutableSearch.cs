using System.Runtime.Versioning;

namespace Rumprun.Core.Processes;

/// <summary>Finds programs the way a shell does, so "cc" and "/usr/bin/cc" name the same compiler.</summary>
[SupportedOSPlatform("linux")]
public static class ExecutableSearch
{
    /// <summary>The absolute path of <paramref name="name"/>, searched on PATH unless it contains a slash; null if absent.</summary>
    public static string? Find(string name, string? searchPath = null)
    {
        if (name.Contains('/'))
        {
            var full = Path.GetFullPath(name);
            return IsExecutable(full) ? full : null;
        }

        searchPath ??= Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        return searchPath
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path)
        && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
