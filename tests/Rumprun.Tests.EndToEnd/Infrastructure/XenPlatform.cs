using NUnit.Framework;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd.Infrastructure;

/// <summary>The xen platform in the tests' install tree, built once by the first fixture that bakes a xen configuration.</summary>
public static class XenPlatform
{
    private static readonly Lazy<Task<ProcessResult>> Build = new(() => Shell.RunAsync(
        Path.Combine(RepoPaths.Root, "rr-build"),
        ["-q", "-d", RepoPaths.Prefix, "-o", Path.Combine(Path.GetDirectoryName(RepoPaths.ObjDir)!, "obj-amd64-xen"), "xen"],
        timeout: TimeSpan.FromMinutes(10)));

    public static async Task EnsureBuiltAsync()
    {
        var result = await Build.Value;
        if (result.ExitCode != 0)
            Assert.Fail("rr-build xen failed:\n" + result);
    }
}
