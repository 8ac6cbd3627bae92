using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Platform;

/// <summary>The platform's C unit tests (VFS, ramfs, configuration parser), compiled and run on the host.</summary>
public sealed class PlatformHostTests
{
    [Test]
    public async Task The_platform_C_unit_tests_pass_on_the_host()
    {
        var root = RepoRoot.Path;
        var result = await Cli.Wrap("sh")
            .WithArguments([Path.Combine(root, "platform", "tests", "run.sh")])
            .WithWorkingDirectory(root)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();

        var failures = result.StandardOutput.Split('\n').Where(l => l.StartsWith("FAIL")).ToArray();
        Assert.That(failures, Is.Empty, result.StandardOutput + result.StandardError);
        Assert.That(result.ExitCode, Is.Zero, result.StandardOutput + result.StandardError);
        Assert.That(result.StandardOutput, Does.Match(@"\d+ passed, 0 failed"));
    }
}
