namespace Rumprun.Tests.EndToEnd.Infrastructure;

/// <summary>Where the source tree, the guest programs and the installed toolchain are.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Guests => Path.Combine(Root, "tests", "guests");

    public static string Examples => Path.Combine(Root, "examples");

    /// <summary>The install tree the tests build into (RR_TEST_PREFIX overrides).</summary>
    public static string Prefix =>
        Environment.GetEnvironmentVariable("RR_TEST_PREFIX") ?? Path.Combine(Root, "rumprun");

    public static string ObjDir =>
        Environment.GetEnvironmentVariable("RR_TEST_OBJDIR") ?? Path.Combine(Root, "obj-amd64-hw");

    public static string Bin => Path.Combine(Prefix, "bin");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Rumprun.slnx")))
                return dir.FullName;
        }

        throw new InvalidOperationException("cannot find the repository root (Rumprun.slnx) above " + AppContext.BaseDirectory);
    }
}
