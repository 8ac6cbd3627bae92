using Rumprun.Core;
using Rumprun.Core.Catalogue;
using Rumprun.Core.Debian;
using Rumprun.Core.Processes;
using Serilog;

namespace Rumprun.Build.Components;

/// <summary>
/// The unpacked tree of a component's Debian source package: OBJDIR/sources/PACKAGE_VERSION, made
/// once with apt-get source (apt checks every file against the signed Sources index and applies the
/// package's patches) and kept while its stamp names the same package and version.
/// </summary>
public static class DebianSourceTree
{
    private const string StampName = ".rr-fetched";

    public static async Task<string> EnsureAsync(string objDir, string componentName, ComponentDebianSource source, CancellationToken cancel, string etcApt = AptSourceList.DefaultEtcApt)
    {
        var pin = $"{source.Package}={source.Version}";
        var tree = Path.Combine(objDir, "sources", $"{source.Package}_{WithoutEpoch(source.Version)}");
        var stamp = Path.Combine(tree, StampName);
        if (File.Exists(stamp) && File.ReadAllText(stamp).Trim() == pin)
        {
            return tree;
        }

        if (!DebSrcEntries.Enabled(AptSourceList.Read(etcApt)))
        {
            throw new RrException($"component {componentName} needs the Debian source package {pin}, but Debian source packages are not enabled (no deb-src entry in {etcApt}): {DebSrcEntries.Advice}");
        }

        if (ExecutableSearch.Find("dpkg-source") is null)
        {
            throw new RrException($"component {componentName} needs dpkg-source to unpack {pin}: apt-get install dpkg-dev");
        }

        var staging = tree + ".fetch";
        Remove(staging);
        Directory.CreateDirectory(staging);
        Log.Information(">> component {Component}: apt-get source {Pin}", componentName, pin);
        var outcome = await ProcessRunner.RunAsync(new ProcessSpec("apt-get", ["source", "-q", pin]).WithWorkingDirectory(staging), cancel);
        if (!outcome.Succeeded)
        {
            var text = outcome.CombinedOutput;
            var why = text.Contains("Can not find version", StringComparison.Ordinal) || text.Contains("Unable to find a source package", StringComparison.Ordinal)
                ? $"apt has no source package {pin}: run apt-get update, or 'apt-cache showsrc {source.Package}' for the versions Debian offers"
                : $"apt-get source {pin} failed (status {outcome.ExitCode}): {LastLine(text)}";
            throw new RrException($"component {componentName}: {why}");
        }

        var unpacked = Directory.EnumerateDirectories(staging).ToList();
        if (unpacked.Count != 1)
        {
            throw new RrException($"component {componentName}: apt-get source {pin} left {unpacked.Count} folders in {staging}, expected one");
        }

        Remove(tree);
        Directory.Move(unpacked[0], tree);
        Remove(staging);
        File.WriteAllText(stamp, pin + "\n");
        return tree;
    }

    /// <summary>The tree's sources: each entry a folder (its *.c files, not recursive) or one .c file.</summary>
    public static IReadOnlyList<string> Sources(string tree, ComponentDebianSource source, string manifestPath)
    {
        var found = new List<string>();
        foreach (var entry in source.Sources)
        {
            var path = Path.GetFullPath(Path.Combine(tree, entry));
            if (Directory.Exists(path))
            {
                found.AddRange(Directory.EnumerateFiles(path, "*.c").Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path) && path.EndsWith(".c", StringComparison.Ordinal))
            {
                found.Add(path);
            }
            else
            {
                throw new RrException($"{manifestPath}: debian_source entry '{entry}' is neither a folder nor a .c file of {source.Package} {source.Version}");
            }
        }

        return found.Distinct().ToList();
    }

    private static string WithoutEpoch(string version)
    {
        var colon = version.IndexOf(':');
        return colon >= 0 ? version[(colon + 1)..] : version;
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";

    private static void Remove(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
