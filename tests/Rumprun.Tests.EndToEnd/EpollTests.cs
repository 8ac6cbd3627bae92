using System.Text;
using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

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
    public async Task Epoll_over_loopback_tcp_reports_connections_edges_and_the_peers_shutdown_as_linux_does()
    {
        const string name = "epoll_tcp";
        var native = Path.Combine(Guests.WorkDirectory, name + ".native");
        var cc = await Shell.RunAsync("musl-gcc", ["-static", "-O2", "-o", native, Path.Combine(RepoPaths.Guests, name + ".c")]);
        Assert.That(cc.ExitCode, Is.Zero, cc.ToString());
        var program = await Guests.CompileAsync(name);
        var image = Path.Combine(Guests.WorkDirectory, name + "+lwip.bin");
        var bake = await Shell.RunAsync("rr-bake", ["-m", "add lwip", "hw_generic", image, program]);
        Assert.That(bake.ExitCode, Is.Zero, bake.ToString());

        var expected = await Shell.RunAsync(native, []);
        var actual = await Guest.RunAsync(image);

        Assert.That(actual.StandardOutput, Is.EqualTo(expected.StandardOutput), actual.ToString());
        Assert.That(actual.ExitCode, Is.EqualTo(expected.ExitCode), actual.ToString());
    }

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
