using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

public sealed class ControlLineTests
{
    [TestCase("rr:exit 0", ControlKind.Exit, 0, "")]
    [TestCase("rr:exit 255", ControlKind.Exit, 255, "")]
    [TestCase("rr:fault 139 page fault at 0x0 (rip 0x401000)", ControlKind.Fault, 139, "page fault at 0x0 (rip 0x401000)")]
    [TestCase("rr:config 78 unknown key \"foo\"", ControlKind.Config, 78, "unknown key \"foo\"")]
    [TestCase("rr:panic 134 out of memory in vfs.c:12", ControlKind.Panic, 134, "out of memory in vfs.c:12")]
    [TestCase("rr:fault 132", ControlKind.Fault, 132, "")]
    public void Each_kind_of_line_is_parsed(string line, ControlKind kind, int status, string text)
    {
        Assert.That(ControlLine.Parse(line), Is.EqualTo(new ControlLine(kind, status, text)));
    }

    [TestCase("rr:exit")]
    [TestCase("rr:exit 256")]
    [TestCase("rr:exit -1")]
    [TestCase("rr:exit +3")]
    [TestCase("rr:exit 3 extra")]
    [TestCase("rr:exit  3")]
    [TestCase("rr:exit x")]
    [TestCase("rr:quit 3")]
    [TestCase("rr:")]
    [TestCase("exit 3")]
    public void Garbage_is_a_format_error(string line)
    {
        Assert.That(() => ControlLine.Parse(line), Throws.TypeOf<FormatException>());
    }

    [Test]
    public void The_ready_line_is_not_how_the_guest_ended()
    {
        Assert.That(ControlLine.FromChannel("rr:ready\n"), Is.Null);
        Assert.That(ControlLine.FromChannel("rr:ready\nrr:exit 7\n"), Is.EqualTo(new ControlLine(ControlKind.Exit, 7, "")));
    }

    [Test]
    public void The_last_control_line_of_the_channel_counts()
    {
        var channel = "rr:exit 1\nnoise\nrr:fault 139 segv\n";

        Assert.That(ControlLine.FromChannel(channel)?.Kind, Is.EqualTo(ControlKind.Fault));
    }

    [Test]
    public void A_line_without_a_final_newline_still_counts()
    {
        Assert.That(ControlLine.FromChannel("rr:exit 9"), Is.EqualTo(new ControlLine(ControlKind.Exit, 9, "")));
    }

    [Test]
    public void Carriage_returns_are_ignored()
    {
        Assert.That(ControlLine.FromChannel("rr:exit 9\r\n")?.Status, Is.EqualTo(9));
    }

    [TestCase("")]
    [TestCase("boot noise\nmore noise\n")]
    public void A_channel_without_control_lines_has_none(string channel)
    {
        Assert.That(ControlLine.FromChannel(channel), Is.Null);
    }

    [Test]
    public void Every_exit_status_comes_back_exactly()
    {
        var statuses = Enumerable.Range(0, 256).Select(n => ControlLine.Parse($"rr:exit {n}").Status);

        Assert.That(statuses, Is.EqualTo(Enumerable.Range(0, 256)));
    }
}
