namespace Rumprun.Core.Run;

/// <summary>
/// Finds the Xen toolstack before anything starts: rr-run xen drives xl and the xenstore tools of the dom0
/// it runs in.
/// </summary>
public static class XenTools
{
    public const string Package = "xen-utils-4.17";

    /// <summary>
    /// The full path of each tool the launch runs, by name. xenstore-watch only saves work (rr-run polls
    /// xl without it), so it is listed when present and never required.
    /// </summary>
    /// <exception cref="RunException">A required tool is missing: the message names its package.</exception>
    public static IReadOnlyDictionary<string, string> Find(string? searchPath = null)
    {
        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        var directories = path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin"]).Distinct().ToList();
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (tool, package) in new[]
        {
            (XenCommands.Xl, Package),
            (XenCommands.XenstoreWrite, Package),
            (XenCommands.XenstoreChmod, Package),
            (XenCommands.XenstoreRead, Package),
        })
        {
            var full = directories.Select(directory => Path.Combine(directory, tool)).FirstOrDefault(File.Exists)
                ?? throw new RunException(
                    $"{tool} not found: rr-run xen must run in a Xen dom0 with the toolstack installed (apt-get install {package})");
            found[tool] = full;
        }
        var watch = directories.Select(directory => Path.Combine(directory, XenCommands.XenstoreWatch)).FirstOrDefault(File.Exists);
        if (watch is not null)
            found[XenCommands.XenstoreWatch] = watch;
        return found;
    }
}
