using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

public sealed class GuestOutcomeTests
{
    [Test]
    public void An_exit_line_gives_its_status_and_no_message()
    {
        var outcome = GuestOutcome.Decide("rr:exit 3\n", qemuExitCode: 1, qemuErrors: "");

        Assert.That(outcome, Is.EqualTo(new GuestOutcome(3, null, Reported: true)));
    }

    [Test]
    public void A_fault_gives_its_status_and_says_what_happened()
    {
        var outcome = GuestOutcome.Decide("rr:fault 139 page fault at 0x0\n", 1, "");

        Assert.That(outcome.ExitStatus, Is.EqualTo(139));
        Assert.That(outcome.Message, Does.Contain("page fault at 0x0"));
    }

    [Test]
    public void A_configuration_error_is_reported_as_such()
    {
        var outcome = GuestOutcome.Decide("rr:config 78 unknown key \"x\"\n", 1, "");

        Assert.That(outcome.ExitStatus, Is.EqualTo(78));
        Assert.That(outcome.Message, Is.EqualTo("guest configuration error: unknown key \"x\""));
    }

    [Test]
    public void A_panic_says_the_platform_stopped()
    {
        var outcome = GuestOutcome.Decide("rr:panic 134 assertion failed\n", 1, "");

        Assert.That(outcome.ExitStatus, Is.EqualTo(134));
        Assert.That(outcome.Message, Does.Contain("platform stopped").And.Contain("assertion failed"));
    }

    [Test]
    public void No_control_line_is_a_hypervisor_failure_quoting_qemu()
    {
        var outcome = GuestOutcome.Decide("", 1, "qemu-system-x86_64: -foo: invalid option\n");

        Assert.That(outcome.ExitStatus, Is.EqualTo(RunExitCodes.HypervisorFailed));
        Assert.That(outcome.Message, Is.EqualTo("qemu failed (exit status 1): -foo: invalid option"));
        Assert.That(outcome.Reported, Is.False);
    }

    [Test]
    public void A_silent_qemu_without_control_line_is_still_a_hypervisor_failure()
    {
        var outcome = GuestOutcome.Decide("", 0, "");

        Assert.That(outcome.ExitStatus, Is.EqualTo(125));
        Assert.That(outcome.Message, Does.StartWith("qemu failed (exit status 0): "));
    }

    [Test]
    public void A_garbled_control_line_is_a_failure_not_a_program_status()
    {
        var outcome = GuestOutcome.Decide("rr:exit banana\n", 1, "");

        Assert.That(outcome.ExitStatus, Is.EqualTo(125));
        Assert.That(outcome.Message, Does.Contain("rr:exit banana"));
    }

    [Test]
    public void A_kvm_internal_error_gets_a_message_that_points_to_tcg()
    {
        var outcome = GuestOutcome.Decide("", -1, "KVM internal error. Suberror: 1\nextra data[0]: 0x1\n");

        Assert.That(outcome.ExitStatus, Is.EqualTo(125));
        Assert.That(outcome.Message, Does.Contain("rr-run qemu"));
    }

    [Test]
    public void Only_the_last_three_stderr_lines_are_quoted_on_one_line()
    {
        var message = GuestOutcome.OneLine("one\ntwo\n\nthree\nfour\n");

        Assert.That(message, Is.EqualTo("two; three; four"));
    }
}
