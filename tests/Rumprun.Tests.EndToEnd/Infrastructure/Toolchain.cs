using NUnit.Framework;

namespace Rumprun.Tests.EndToEnd.Infrastructure;

/// <summary>Builds the platform and toolchain once per test run with the root launcher, as the README does.</summary>
[SetUpFixture]
public sealed class Toolchain
{
    [OneTimeSetUp]
    public async Task BuildPlatformAsync()
    {
        var result = await Shell.RunAsync(
            Path.Combine(RepoPaths.Root, "rr-build"),
            ["-q", "-d", RepoPaths.Prefix, "-o", RepoPaths.ObjDir, "hw"],
            timeout: TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0)
            Assert.Fail("rr-build hw failed, so no end-to-end test can run:\n" + result);
    }
}
