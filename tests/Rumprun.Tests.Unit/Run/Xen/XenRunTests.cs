using NUnit.Framework;
using Rumprun.Core.Run;
using static Rumprun.Tests.Unit.Run.Xen.XenLaunchParsing;

namespace Rumprun.Tests.Unit.Run.Xen;

public sealed class XenRunTests
{
    private const string Json = "{\"cmdline\":\"a.bin\"}";

    private static XenRun Runner(FakeToolstack toolstack) => new(toolstack, TimeSpan.FromMilliseconds(1));

    [Test]
    public async Task An_attached_run_creates_paused_configures_attaches_starts_waits_reads_and_destroys()
    {
        var toolstack = new FakeToolstack("t1", domainId: 12) { RunningPolls = 2, ExitValue = "exit 7\n" };

        var outcome = await Runner(toolstack).RunAttachedAsync(Parse("-i", "-N", "t1", "a.bin"), "/tmp/t1.cfg", Json, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new GuestOutcome(7, null, Reported: true)));
        Assert.That(toolstack.Commands, Is.EqualTo(new[]
        {
            "xl create -p /tmp/t1.cfg",
            "xl domid t1",
            "xenstore-write /local/domain/12/rumprun/cfg " + Json,
            "xenstore-chmod -r /local/domain/12/rumprun n0 r12",
            "xenstore-read /local/domain/12/console/tty",
            "xl console t1 (input to /dev/pts/3)",
            "(console attached to /dev/pts/3)",
            "xl unpause t1",
            "xenstore-watch @releaseDomain",
            "xl list t1",
            "xl list t1",
            "xl list t1",
            "xenstore-read /local/domain/12/data/rr-exit",
            "(console quiet)",
            "xl destroy t1",
        }));
        Assert.That(toolstack.ConsoleStopped, Is.True);
    }

    [Test]
    public async Task A_console_that_ends_at_once_does_not_hold_the_guest_paused()
    {
        var toolstack = new FakeToolstack("t7") { ConsoleFails = true, ExitValue = "exit 3" };
        var runner = new XenRun(toolstack, TimeSpan.FromMilliseconds(1)) { ConsoleLimit = TimeSpan.FromMinutes(5) };

        var outcome = await runner.RunAttachedAsync(Parse("-i", "-N", "t7", "a.bin"), "/tmp/t7.cfg", Json, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(outcome.ExitStatus, Is.EqualTo(3));
        Assert.That(toolstack.Commands, Does.Contain("xl unpause t7"));
    }

    [Test]
    public async Task A_crashed_domain_ends_the_wait_too()
    {
        var toolstack = new FakeToolstack("t2") { HaltedState = "----c-", ExitValue = "fault 139 SIGSEGV at 0x0" };

        var outcome = await Runner(toolstack).RunAttachedAsync(Parse("-i", "-N", "t2", "a.bin"), "/tmp/t2.cfg", Json, CancellationToken.None);

        Assert.That(outcome.ExitStatus, Is.EqualTo(139));
        Assert.That(outcome.Message, Does.Contain("SIGSEGV at 0x0"));
    }

    [Test]
    public async Task A_domain_that_halts_without_rr_exit_is_a_hypervisor_failure()
    {
        var toolstack = new FakeToolstack("t3") { ExitValue = null };

        var outcome = await Runner(toolstack).RunAttachedAsync(Parse("-i", "-N", "t3", "a.bin"), "/tmp/t3.cfg", Json, CancellationToken.None);

        Assert.That(outcome.ExitStatus, Is.EqualTo(RunExitCodes.HypervisorFailed));
        Assert.That(outcome.Message, Does.Contain("domain t3 stopped without writing data/rr-exit"));
        Assert.That(toolstack.Commands[^1], Is.EqualTo("xl destroy t3"));
    }

    [Test]
    public void A_failed_create_is_reported_with_xls_words_and_nothing_else_runs()
    {
        var toolstack = new FakeToolstack("t4") { Failing = ["create"] };

        var e = Assert.ThrowsAsync<RunException>(() =>
            Runner(toolstack).RunAttachedAsync(Parse("-i", "-N", "t4", "a.bin"), "/tmp/t4.cfg", Json, CancellationToken.None))!;

        Assert.That(e.Message, Is.EqualTo("xl create failed: xl: create refused"));
        Assert.That(e.ExitCode, Is.EqualTo(RunExitCodes.HypervisorFailed));
        Assert.That(toolstack.Commands, Is.EqualTo(new[] { "xl create -p /tmp/t4.cfg" }));
    }

    [Test]
    public void A_failure_after_create_destroys_the_domain()
    {
        var toolstack = new FakeToolstack("t5", domainId: 3) { Failing = ["xenstore-write"] };

        var e = Assert.ThrowsAsync<RunException>(() =>
            Runner(toolstack).RunAttachedAsync(Parse("-i", "-N", "t5", "a.bin"), "/tmp/t5.cfg", Json, CancellationToken.None))!;

        Assert.That(e.Message, Does.StartWith("xenstore-write /local/domain/3/rumprun/cfg failed: ").And.EndWith("is xenstored running?"));
        Assert.That(toolstack.Commands[^1], Is.EqualTo("xl destroy t5"));
        Assert.That(toolstack.Commands, Has.None.StartsWith("xl unpause"));
    }

    [Test]
    public async Task The_wait_asks_xl_again_when_the_watch_fires_not_on_a_timer()
    {
        var toolstack = new FakeToolstack("w1") { RunningPolls = 1 };
        var runner = new XenRun(toolstack, TimeSpan.FromHours(1)) { WatchedPollInterval = TimeSpan.FromHours(1) };

        await runner.WaitHaltedAsync("w1", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(toolstack.Commands.Count(command => command == "xl list w1"), Is.EqualTo(2));
        Assert.That(toolstack.WatchStopped, Is.True);
    }

    [Test]
    public async Task Without_a_watcher_the_wait_polls_at_the_short_interval()
    {
        var toolstack = new FakeToolstack("w2") { RunningPolls = 3, WatchMissing = true };
        var runner = new XenRun(toolstack, TimeSpan.FromMilliseconds(1)) { WatchedPollInterval = TimeSpan.FromHours(1) };

        await runner.WaitHaltedAsync("w2", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(toolstack.Commands, Is.EqualTo(new[] { "xenstore-watch @releaseDomain", "xl list w2", "xl list w2", "xl list w2", "xl list w2" }));
    }

    [Test]
    public async Task A_silent_watch_still_leaves_the_safety_net_poll()
    {
        var toolstack = new FakeToolstack("w3") { RunningPolls = int.MaxValue };
        var runner = new XenRun(toolstack, TimeSpan.FromHours(1)) { WatchedPollInterval = TimeSpan.FromMilliseconds(20) };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        Assert.CatchAsync<OperationCanceledException>(() => runner.WaitHaltedAsync("w3", cancel.Token));

        // The watch fired once when set; every listing after the second came from the 20 ms net.
        Assert.That(toolstack.Commands.Count(command => command == "xl list w3"), Is.GreaterThan(3));
        Assert.That(toolstack.WatchStopped, Is.True);
    }

    [Test]
    public async Task A_detached_start_leaves_the_domain_running()
    {
        var toolstack = new FakeToolstack("bg", domainId: 4);

        var id = await Runner(toolstack).StartAsync(Parse("-N", "bg", "a.bin"), "/tmp/bg.cfg", Json, CancellationToken.None);

        Assert.That(id, Is.EqualTo(4));
        Assert.That(toolstack.Commands[^1], Is.EqualTo("xl unpause bg"));
        Assert.That(toolstack.Commands, Has.None.StartsWith("xl destroy").And.None.StartsWith("xl console").And.None.Contains("console/tty"));
    }

    [Test]
    public void Stopping_an_attached_run_destroys_the_domain()
    {
        var toolstack = new FakeToolstack("t6") { RunningPolls = int.MaxValue };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.CatchAsync<OperationCanceledException>(() =>
            new XenRun(toolstack, TimeSpan.FromMilliseconds(20)).RunAttachedAsync(Parse("-i", "-N", "t6", "a.bin"), "/tmp/t6.cfg", Json, cancel.Token));

        Assert.That(toolstack.Commands[^1], Is.EqualTo("xl destroy t6"));
        Assert.That(toolstack.ConsoleStopped, Is.True);
    }

    [Test]
    public async Task Stop_destroys_the_named_domain()
    {
        var toolstack = new FakeToolstack("bg");

        await XenStop.StopAsync(XenGuestHandle.Parse("xen:bg"), toolstack, CancellationToken.None);

        Assert.That(toolstack.Commands, Is.EqualTo(new[] { "xl destroy bg" }));
    }

    [Test]
    public void Stopping_a_domain_xl_does_not_know_says_so()
    {
        var toolstack = new FakeToolstack("bg") { Failing = ["destroy"] };

        var e = Assert.ThrowsAsync<RunException>(() => XenStop.StopAsync(XenGuestHandle.Parse("xen:nope"), toolstack, CancellationToken.None))!;

        Assert.That(e.Message, Is.EqualTo("xen:nope: xl destroy failed: xl: destroy refused: check the name with xl list"));
    }
}
