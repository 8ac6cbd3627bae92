using NUnit.Framework;

namespace Rumprun.Tests.Support;

/// <summary>
/// Builds the platform and toolchain once per test run with the root launcher, as the README does. NUnit only finds
/// set-up fixtures in the test assembly itself, so each test project derives one from this.
/// </summary>
public abstract class ToolchainBuild
{
    /// <summary>What a failed build means for this project's tests, said after "rr-build hw failed, so ".</summary>
    protected abstract string Consequence { get; }

    [OneTimeSetUp]
    public async Task BuildPlatformAsync()
    {
        var result = await Shell.RunAsync(
            Path.Combine(RepoPaths.Root, "rr-build"),
            ["-q", "-d", RepoPaths.Prefix, "-o", RepoPaths.ObjDir, "hw"],
            timeout: TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0)
            Assert.Fail($"rr-build hw failed, so {Consequence}:\n{result}");
    }
}
