using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;

namespace Rumprun.Tests.EndToEnd;

public sealed class FaultTests
{
    [Test]
    public async Task A_null_dereference_reports_where_and_ends_the_guest_with_status_139()
    {
        var run = await Guest.RunGuestAsync("null_deref");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(139), run.ToString());
            Assert.That(run.StandardOutput, Does.StartWith("about to fault\n"), run.ToString());
            Assert.That(run.StandardOutput, Does.Not.Contain("still running"));
            Assert.That(run.StandardOutput, Does.Contain("page fault").IgnoreCase, run.ToString());
            Assert.That(run.StandardOutput, Does.Contain("0x0000000000000000").Or.Contain("address 0x0"), run.ToString());
            Assert.That(run.StandardOutput, Does.Contain("rip").IgnoreCase, "a register dump: " + run);
            Assert.That(run.StandardOutput, Does.Contain("crash_here").Or.Contain("main"), "a symbolised backtrace: " + run);
        });
    }

    [Test]
    public async Task An_invalid_instruction_reports_and_ends_the_guest_with_status_132()
    {
        var run = await Guest.RunGuestAsync("bad_instruction");

        Assert.That(run.ExitCode, Is.EqualTo(132), run.ToString());
        Assert.That(run.StandardOutput, Does.StartWith("about to execute ud2\n"), run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("invalid opcode").IgnoreCase, run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("main"), "a symbolised backtrace: " + run);
    }

    [Test]
    public async Task A_stack_overflow_is_named_and_ends_the_guest_with_status_139()
    {
        var run = await Guest.RunGuestAsync("stack_overflow", runOptions: ["-M", "32"]);

        Assert.That(run.ExitCode, Is.EqualTo(139), run.ToString());
        Assert.That(run.StandardOutput, Does.StartWith("recursing\n"), run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("stack overflow").IgnoreCase, run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("recurse"), "a symbolised backtrace: " + run);
    }
}
