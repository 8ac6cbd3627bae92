using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>Signal handlers, masks, timers and interrupted calls on the hw platform.</summary>
public sealed class SignalTests
{
    private const string HandlersOutput =
        "raise ran the handler before returning: yes\n" +
        "blocked: handler waits (1), signal pending (1)\n" +
        "unblocked: handler ran once for both (2)\n" +
        "sigqueue: signo 1, code SI_QUEUE 1, value 42, pid 1\n" +
        "inside: the signal itself blocked 1, sa_mask blocked 1; after: 0 0\n" +
        "kill: code SI_USER 1, pid 1\n" +
        "raise: code SI_TKILL 1\n" +
        "without SA_NODEFER the nested raise waits: depth 1, calls 2\n" +
        "with SA_NODEFER it nests: depth 2\n" +
        "SA_RESETHAND: ran 1, then default 1\n" +
        "ignored SIGTERM changed nothing\n" +
        "ucontext holds the interrupted rip: yes\n" +
        "SA_ONSTACK handler ran on the alternate stack: 1, SS_ONSTACK 1\n" +
        "without SA_ONSTACK it did not: 0\n";

    [Test]
    public async Task Handlers_masks_siginfo_flags_and_the_alternate_stack_behave_as_on_Linux()
    {
        var run = await Guest.RunGuestAsync("signals_handlers");

        Assert.That(run.StandardOutput, Is.EqualTo(HandlersOutput), run.ToString());
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }

    [Test]
    public async Task The_handler_program_prints_the_same_as_the_native_static_musl_build()
    {
        var native = Path.Combine(Guests.WorkDirectory, "signals_handlers.native");
        var cc = await Shell.RunAsync("musl-gcc", ["-static", "-O2", "-o", native, Path.Combine(RepoPaths.Guests, "signals_handlers.c")]);
        Assert.That(cc.ExitCode, Is.Zero, cc.ToString());

        var expected = await Shell.RunAsync(native, []);

        Assert.That(expected.StandardOutput, Is.EqualTo(HandlersOutput), "natively");
    }

    [Test]
    public async Task Alarm_itimers_posix_timers_and_interrupted_calls_deliver_as_on_Linux()
    {
        var run = await Guest.RunGuestAsync("signals_timers");

        Assert.That(run.StandardOutput, Is.EqualTo(
            "alarm(1) ended pause(): yes, EINTR 1, after a second: yes\n" +
            "setitimer: getitimer shows it armed 1, at least 5 periodic alarms 1, floating point undisturbed 1\n" +
            "nanosleep interrupted: EINTR 1, time left under 1.7 s: yes\n" +
            "without SA_RESTART: futex wait ended with EINTR at the signal: yes\n" +
            "with SA_RESTART: futex wait went on until woken: yes\n" +
            "timer_create SIGEV_SIGNAL: hits 1, SI_TIMER 1, value 7\n" +
            "blocked periodic timer: sigwaitinfo 1, overruns counted yes\n" +
            "sigtimedwait with nothing pending: EAGAIN 1\n" +
            "SIGEV_NONE: remaining within 5 s 1, interval 1 s 1\n" +
            "timer_create SIGEV_THREAD: notified 1, value 99\n"), run.ToString());
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }

    [Test]
    public async Task Abort_ends_the_guest_with_status_134_even_after_a_handler_returns()
    {
        var run = await Guest.RunGuestAsync("signals_abort");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(134), run.ToString());
            Assert.That(run.StandardOutput, Does.StartWith("calling abort\nSIGABRT handler ran\n"), run.ToString());
            Assert.That(run.StandardOutput, Does.Not.Contain("abort returned"), run.ToString());
        });
    }

    [Test]
    public async Task A_SIGSEGV_handler_sees_the_address_and_catches_a_stack_overflow_on_the_alternate_stack()
    {
        var run = await Guest.RunGuestAsync("signals_segv", ["overflow"], ["-M", "64"]);

        Assert.That(run.StandardOutput, Is.EqualTo(
            "caught SIGSEGV at 0x10, SEGV_MAPERR 1\n" +
            "caught it again (the mask was restored): 0x20\n" +
            "caught the stack overflow on the alternate stack\n"), run.ToString());
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }

    [TestCase("restart", "read returned 6 bytes after the handler ran 1\n")]
    [TestCase("eintr", "read failed: EINTR, handler ran 1\n")]
    public async Task A_console_read_interrupted_by_a_handler_restarts_only_with_SA_RESTART(string mode, string expected)
    {
        var image = await Guests.ImageAsync("signals_read");

        // the input arrives seconds after the alarm, however slowly the guest boots
        var run = await Shell.RunAsync("sh", ["-c", $"(sleep 6; echo hello) | rr-run qemu -i {image} -- {mode}"],
            timeout: TimeSpan.FromSeconds(60));

        Assert.That(run.StandardOutput, Is.EqualTo(expected), run.ToString());
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }

    [Test]
    public async Task Ctrl_C_runs_the_programs_SIGINT_handler_and_the_read_goes_on()
    {
        var image = await Guests.ImageAsync("signals_sigint");
        var typist = string.Join("; ", new[] { "abc\\r", "\\003", "def\\r", "quit\\r" }.Select(k => $"sleep 0.4; printf '{k}'"));

        var run = await Shell.RunAsync(
            "sh",
            ["-c", $"(sleep 2; {typist}) | script -q -e -f -c 'rr-run qemu -i {image}' /dev/null"],
            timeout: TimeSpan.FromSeconds(60));

        var screen = run.StandardOutput;
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(screen, Does.Contain("[line abc]"), run.ToString());
            Assert.That(screen, Does.Contain("^C\r\n[got SIGINT]"), run.ToString());
            Assert.That(screen, Does.Contain("[line def]"), run.ToString());
        });
    }
}
