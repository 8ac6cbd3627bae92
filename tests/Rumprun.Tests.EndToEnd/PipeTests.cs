using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;

namespace Rumprun.Tests.EndToEnd;

public sealed class PipeTests
{
    [Test]
    public Task Pipes_and_fifos_in_one_thread_match_linux() =>
        FileSystemCallTests.AssertSameAsNativeAsync("pipes_basic");

    [Test]
    public async Task A_write_without_readers_ends_the_program_with_sigpipe()
    {
        var run = await Guest.RunGuestAsync("pipes_sigpipe");

        Assert.That(run.ExitCode, Is.EqualTo(128 + 13), run.ToString());
        Assert.That(run.StandardOutput, Does.StartWith("writing to a pipe without readers\n"), run.ToString());
        Assert.That(run.StandardOutput, Does.Not.Contain("still running"), run.ToString());
    }
}
