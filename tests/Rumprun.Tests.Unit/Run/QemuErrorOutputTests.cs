using CliWrap;
using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

public sealed class QemuErrorOutputTests
{
    [Test]
    public async Task A_kvm_internal_error_ends_a_process_that_would_hang()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var errors = new QemuErrorOutput(stop.Cancel);

        var started = DateTime.UtcNow;
        Assert.That(
            async () => await CliWrap.Cli.Wrap("sh")
                .WithArguments(["-c", "echo 'KVM internal error. Suberror: 1' >&2; exec sleep 30"])
                .WithStandardErrorPipe(errors.Target)
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(stop.Token),
            Throws.InstanceOf<OperationCanceledException>());

        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(20)));
        Assert.That(errors.Text, Does.Contain("KVM internal error"));
    }

    [Test]
    public async Task Ordinary_errors_are_kept_without_ending_anything()
    {
        var ended = false;
        var errors = new QemuErrorOutput(() => ended = true);

        await CliWrap.Cli.Wrap("sh")
            .WithArguments(["-c", "echo 'qemu-system-x86_64: warning: something' >&2"])
            .WithStandardErrorPipe(errors.Target)
            .ExecuteAsync();

        Assert.That(ended, Is.False);
        Assert.That(errors.Text, Is.EqualTo("qemu-system-x86_64: warning: something\n"));
    }
}
