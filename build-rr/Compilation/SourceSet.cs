namespace Rumprun.Build.Compilation;

/// <summary>The sources of a folder list: every *.c and *.S directly in each folder (not recursive), in a stable order.</summary>
public static class SourceSet
{
    public static IReadOnlyList<string> Collect(string root, IEnumerable<string> folders) =>
        folders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder))
                .Where(IsSource)
                .Order(StringComparer.Ordinal))
            .Select(Path.GetFullPath)
            .Distinct()
            .ToList();

    public static bool IsSource(string path) => path.EndsWith(".c", StringComparison.Ordinal) || path.EndsWith(".S", StringComparison.Ordinal);

    public static bool IsAssembly(string path) => path.EndsWith(".S", StringComparison.Ordinal);
}
