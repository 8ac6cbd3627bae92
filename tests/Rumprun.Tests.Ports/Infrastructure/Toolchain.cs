using NUnit.Framework;

namespace Rumprun.Tests.Ports.Infrastructure;

/// <summary>Builds the platform and toolchain (and so the installed rr-port) once per run with the root launcher.</summary>
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
            Assert.Fail("rr-build hw failed, so no port can be built:\n" + result);
    }
}
