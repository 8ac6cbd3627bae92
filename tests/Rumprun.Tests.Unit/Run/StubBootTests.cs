using CliWrap;
using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

/// <summary>
/// rr-run's QEMU wiring checked with hand-made PVH kernels that print a line, report on the control
/// channel and stop: the platform's contract without the platform.
/// </summary>
public sealed class StubBootTests
{
    [SetUp]
    public void RequireQemu() => RrRunProcess.RequireQemu();

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(42)]
    [TestCase(125)]
    [TestCase(255)]
    public async Task The_guests_exit_status_is_rr_runs_exit_status(int status)
    {
        var run = await RrRunProcess.BootAsync(new PvhStubImage("", $"rr:exit {status}\n"));

        Assert.That(run.ExitCode, Is.EqualTo(status), run.ToString());
        Assert.That(run.Errors, Is.Empty, run.ToString());
    }

    [Test]
    public async Task The_console_output_reaches_stdout_byte_for_byte()
    {
        var run = await RrRunProcess.BootAsync(new PvhStubImage("hello from the stub\r\nünï\n", "rr:exit 0\n"));

        Assert.That(run.OutputText, Is.EqualTo("hello from the stub\r\nünï\n"), run.ToString());
    }

    [Test]
    public async Task A_fault_gives_its_signal_status_and_one_line()
    {
        var run = await RrRunProcess.BootAsync(new PvhStubImage("", "rr:fault 139 page fault at 0x0\n"));

        Assert.That(run.ExitCode, Is.EqualTo(139), run.ToString());
        Assert.That(run.Errors.TrimEnd(), Is.EqualTo("rr-run: the program was stopped by page fault at 0x0"));
    }

    [Test]
    public async Task A_configuration_error_is_printed_and_gives_its_status()
    {
        var run = await RrRunProcess.BootAsync(new PvhStubImage("", "rr:config 78 unknown key \"x\"\n"));

        Assert.That(run.ExitCode, Is.EqualTo(78), run.ToString());
        Assert.That(run.Errors.TrimEnd(), Is.EqualTo("rr-run: guest configuration error: unknown key \"x\""));
    }

    [Test]
    public async Task A_panic_says_the_platform_stopped()
    {
        var run = await RrRunProcess.BootAsync(new PvhStubImage("", "rr:panic 134 assertion failed\n"));

        Assert.That(run.ExitCode, Is.EqualTo(134), run.ToString());
        Assert.That(run.Errors, Does.Contain("platform stopped"), run.ToString());
    }

    [Test]
    public async Task A_guest_that_stops_without_a_control_line_is_a_hypervisor_failure()
    {
        var run = await RrRunProcess.BootAsync(new PvhStubImage("bye\n", ""));

        Assert.That(run.ExitCode, Is.EqualTo(125), run.ToString());
        Assert.That(run.Errors, Does.StartWith("rr-run: qemu failed (exit status 1): "), run.ToString());
    }

    [Test]
    public async Task A_bad_hypervisor_argument_is_a_hypervisor_failure_quoting_qemu()
    {
        var run = await RrRunProcess.BootAsync(new PvhStubImage("", "rr:exit 0\n"), null, "-g", "-no-such-qemu-option");

        Assert.That(run.ExitCode, Is.EqualTo(125), run.ToString());
        Assert.That(run.Errors.TrimEnd(), Is.EqualTo("rr-run: qemu failed (exit status 1): -no-such-qemu-option: invalid option"));
    }

    [Test]
    public async Task A_stdin_that_never_ends_does_not_keep_rr_run_waiting_after_the_guest_stopped()
    {
        var endless = PipeSource.Create(async (destination, cancel) =>
        {
            await destination.WriteAsync("typed"u8.ToArray(), cancel);
            await Task.Delay(Timeout.Infinite, cancel);
        });

        var run = await RrRunProcess.BootAsync(new PvhStubImage("done\n", "rr:exit 3\n"), endless);

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
    }

    [Test]
    public async Task No_temporary_control_file_is_left_behind()
    {
        var before = Directory.GetFiles(Path.GetTempPath(), "rr-run-*.ctl").Length;

        await RrRunProcess.BootAsync(new PvhStubImage("", "rr:exit 0\n"));

        Assert.That(Directory.GetFiles(Path.GetTempPath(), "rr-run-*.ctl"), Has.Length.AtMost(before));
    }

    [Test]
    public async Task Dry_run_prints_one_shell_line_and_starts_nothing()
    {
        var image = Path.Combine(Path.GetTempPath(), $"rr-run-stub-{Guid.NewGuid():N}.bin");
        await new PvhStubImage("", "rr:exit 9\n").WriteAsync(image);
        try
        {
            var run = await RrRunProcess.RunAsync(["--dry-run", "qemu", "-i", "-M", "48", image, "--", "a b"]);

            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            var words = ShellWords.Split(run.OutputText.TrimEnd('\n'));
            Assert.That(words[0], Is.EqualTo("qemu-system-x86_64"));
            Assert.That(words, Does.Contain("48"));
            Assert.That(run.OutputText.TrimEnd('\n'), Does.Not.Contain("\n"));
        }
        finally
        {
            File.Delete(image);
        }
    }
}
