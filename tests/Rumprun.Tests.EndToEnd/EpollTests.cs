using System.Text;
using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;

namespace Rumprun.Tests.EndToEnd;

public sealed class EpollTests
{
    [Test]
    public Task Epoll_over_pipes_reports_levels_edges_one_shots_hang_ups_and_closes_as_linux_does() =>
        FileSystemCallTests.AssertSameAsNativeAsync("epoll_pipes");

    [Test]
    public Task Epoll_over_eventfd_and_timerfd_with_timeouts_and_signal_masks_matches_linux() =>
        FileSystemCallTests.AssertSameAsNativeAsync("epoll_eventfd_timerfd");

    [Test]
    public async Task Epoll_on_the_console_reports_output_at_once_and_input_once_a_line_arrives()
    {
        var run = await Guest.RunGuestAsync("epoll_console", standardInput: Encoding.UTF8.GetBytes("hello\n"));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(
            "stdout: 1 [fd 1 events 4]\n" +
            "stdin, edge: 1 [fd 0 events 1]\n" +
            "stdin, edge again: 0\n" +
            "stdin, level: 1 [fd 0 events 1]\n" +
            "read 6: hello\n" +
            "end of input: 1 [fd 0 events 1]\n" +
            "read at end of input: 0\n"), run.ToString());
    }
}
