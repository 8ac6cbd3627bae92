using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

public sealed class RunErrorTests
{
    [Test]
    public async Task A_missing_image_is_named_in_one_line()
    {
        var run = await Shell.RunAsync("rr-run", ["qemu", "-i", "/nonexistent/image.bin"]);

        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.StandardError.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.ToString());
        Assert.That(run.StandardError, Does.Contain("/nonexistent/image.bin"), run.ToString());
    }

    [Test]
    public async Task An_unbaked_program_given_to_rr_run_is_refused_with_a_hint_to_bake()
    {
        var program = await Guests.CompileAsync("exit_status");

        var run = await Shell.RunAsync("rr-run", ["qemu", "-i", program]);

        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.StandardError.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.ToString());
        Assert.That(run.StandardError, Does.Contain("rr-bake"), run.ToString());
    }

    [Test]
    public async Task Dry_run_prints_the_qemu_command_line_without_running_it()
    {
        var image = await Guests.ImageAsync("exit_status");

        var run = await Shell.RunAsync("rr-run", ["--dry-run", "qemu", "-i", "-M", "48", image, "--", "7"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Does.StartWith("qemu-system-x86_64 "));
        Assert.That(run.StandardOutput, Does.Contain("-m 48").And.Contain("-kernel").And.Contain("microvm"));
    }

    [Test]
    public async Task A_bad_environment_option_is_refused()
    {
        var image = await Guests.ImageAsync("exit_status");

        var run = await Shell.RunAsync("rr-run", ["qemu", "-i", "-e", "NOEQUALS", image]);

        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.StandardError.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.ToString());
        Assert.That(run.StandardError, Does.Contain("NOEQUALS"), run.ToString());
    }

    [Test]
    public async Task A_hypervisor_failure_is_told_apart_from_a_program_status()
    {
        var image = await Guests.ImageAsync("exit_status");

        var run = await Shell.RunAsync("rr-run", ["qemu", "-i", "-g", "-no-such-qemu-option", image]);

        Assert.That(run.ExitCode, Is.EqualTo(125), run.ToString());
        Assert.That(run.StandardError, Does.Contain("qemu").IgnoreCase, run.ToString());
    }
}
