using System.Text;
using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;

namespace Rumprun.Tests.EndToEnd;

public sealed class PollTests
{
    [Test]
    public Task Poll_and_select_over_pipes_files_devices_and_bad_descriptors_match_linux() =>
        FileSystemCallTests.AssertSameAsNativeAsync("poll_mixed");

    [Test]
    public Task Ppoll_and_pselect_wait_under_their_signal_mask_as_on_linux() =>
        FileSystemCallTests.AssertSameAsNativeAsync("poll_sigmask");

    [Test]
    public Task Eventfd_and_timerfd_count_block_and_poll_as_on_linux() =>
        FileSystemCallTests.AssertSameAsNativeAsync("poll_eventfd_timerfd");

    [Test]
    public async Task The_console_is_ready_for_output_and_for_input_once_a_line_arrives()
    {
        var run = await Guest.RunGuestAsync("poll_console", standardInput: Encoding.UTF8.GetBytes("hello\n"));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(
            "stdout: 1 4\n" +
            "stdin: 1 1\n" +
            "read 6: hello\n" +
            "select at end of input: 1 1\n" +
            "read at end of input: 0\n"), run.ToString());
    }
}
