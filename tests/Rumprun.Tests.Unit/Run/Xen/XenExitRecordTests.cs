using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run.Xen;

public sealed class XenExitRecordTests
{
    [TestCase("exit 0", 0)]
    [TestCase("exit 7\n", 7)]
    [TestCase("exit 255", 255)]
    public void An_exit_record_gives_the_programs_status_silently(string value, int status)
    {
        Assert.That(XenExitRecord.Decide(value, "d"), Is.EqualTo(new GuestOutcome(status, null, Reported: true)));
    }

    [TestCase("fault 139 SIGSEGV at 0x10", 139, "the program was stopped by SIGSEGV at 0x10")]
    [TestCase("config 78 mount /data: device xvda not found", 78, "guest configuration error: mount /data: device xvda not found")]
    [TestCase("panic 134 out of page tables", 134, "the platform stopped on an internal error (panic): out of page tables")]
    public void Other_records_give_their_status_and_a_message(string value, int status, string message)
    {
        var outcome = XenExitRecord.Decide(value, "d");

        Assert.That(outcome.ExitStatus, Is.EqualTo(status));
        Assert.That(outcome.Message, Is.EqualTo(message));
    }

    [Test]
    public void A_missing_key_is_a_hypervisor_failure_naming_the_domain()
    {
        var outcome = XenExitRecord.Decide(null, "rr-a-123456");

        Assert.That(outcome.ExitStatus, Is.EqualTo(125));
        Assert.That(outcome.Message, Does.StartWith("domain rr-a-123456 stopped without writing data/rr-exit"));
    }

    [TestCase("", "wrote an empty data/rr-exit")]
    [TestCase("exit", "wrote an unreadable data/rr-exit 'exit'")]
    [TestCase("exit 300", "wrote an unreadable data/rr-exit 'exit 300'")]
    [TestCase("rr:exit 1", "wrote an unreadable data/rr-exit 'rr:exit 1'")]
    [TestCase("ready", "wrote an unreadable data/rr-exit 'ready'")]
    public void Unreadable_records_are_hypervisor_failures(string value, string message)
    {
        var outcome = XenExitRecord.Decide(value, "d");

        Assert.That(outcome.ExitStatus, Is.EqualTo(125));
        Assert.That(outcome.Message, Does.Contain(message));
    }
}
