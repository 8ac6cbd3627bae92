using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;

namespace Rumprun.Tests.EndToEnd;

public sealed class ExitStatusTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(42)]
    [TestCase(127)]
    [TestCase(128)]
    [TestCase(255)]
    public async Task The_program_exit_status_becomes_the_status_of_rr_run(int status)
    {
        var run = await Guest.RunGuestAsync("exit_status", [status.ToString()]);

        Assert.That(run.StandardOutput, Is.EqualTo($"exiting with {status}\n"), run.ToString());
        Assert.That(run.ExitCode, Is.EqualTo(status), run.ToString());
    }
}
