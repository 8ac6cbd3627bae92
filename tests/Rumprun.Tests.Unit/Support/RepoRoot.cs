namespace Rumprun.Tests.Unit.Support;

/// <summary>The checkout the tests were built from, for tests that read files of the source tree.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Rumprun.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find Rumprun.slnx above " + AppContext.BaseDirectory);
    }
}
