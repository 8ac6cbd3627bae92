namespace Rumprun.Tests.Support;

/// <summary>
/// Where the checkout, the guest programs, the installed toolchain and the object folder are
/// (RR_TEST_PREFIX / RR_TEST_OBJDIR override the last two, so a run can use another build).
/// </summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Guests => Path.Combine(Root, "tests", "guests");

    public static string Examples => Path.Combine(Root, "examples");

    public static string Prefix =>
        Environment.GetEnvironmentVariable("RR_TEST_PREFIX") ?? Path.Combine(Root, "rumprun");

    public static string ObjDir =>
        Environment.GetEnvironmentVariable("RR_TEST_OBJDIR") ?? Path.Combine(Root, "obj-amd64-hw");

    public static string Bin => Path.Combine(Prefix, "bin");

    /// <summary>An image rr-port baked for a port, in the object folder.</summary>
    public static string Image(string port, string image) => Path.Combine(ObjDir, "ports", port, "images", image);

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
