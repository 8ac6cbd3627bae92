using System.Runtime.Versioning;
using CliWrap;
using Serilog;

namespace Rumprun.Core.Run;

/// <summary>
/// Decides whether <c>rr-run kvm</c> can work here before the real guest starts. Opening /dev/kvm is
/// not enough: nested or software hypervisors (kvm-pvm) accept the device but fail the first SSE
/// instruction in ring 0 with "KVM internal error" and leave QEMU hanging. A probe image that does
/// just that tells them apart in a few tens of milliseconds.
/// </summary>
[SupportedOSPlatform("linux")]
public static class KvmSupport
{
    public const string Device = "/dev/kvm";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <exception cref="RunException">KVM is missing, not ours to use, or cannot run the platform.</exception>
    public static async Task EnsureUsableAsync(string qemu, CancellationToken cancel)
    {
        CheckDevice();
        await ProbeAsync(qemu, cancel);
    }

    public static void CheckDevice()
    {
        if (!File.Exists(Device))
            throw new RunException($"{Device} not found (no KVM on this host, or the kvm module is not loaded): use rr-run qemu");
        try
        {
            using var device = File.Open(Device, FileMode.Open, FileAccess.ReadWrite);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new RunException($"no permission to use {Device}: add yourself to its group (usually kvm) or use rr-run qemu", inner: e);
        }
        catch (IOException e)
        {
            throw new RunException($"cannot open {Device} ({e.Message}): use rr-run qemu", inner: e);
        }
    }

    private static async Task ProbeAsync(string qemu, CancellationToken cancel)
    {
        var image = Path.Combine(Path.GetTempPath(), $"rr-run-kvm-probe-{Environment.ProcessId}-{Guid.NewGuid():N}.bin");
        var files = RunFiles.ForAttached();
        try
        {
            await PvhStubImage.KvmProbe.WriteAsync(image);
            var request = RunRequest.For(Accelerator.Kvm, image).WithMemory(16);
            var arguments = QemuCommandLine.Build(request, "{}", new QemuConsole.LogFile("/dev/null"), files.ControlPath);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(ProbeTimeout);
            var errors = new QemuErrorOutput(timeout.Cancel);
            int exitCode;
            try
            {
                exitCode = (await CliWrap.Cli.Wrap(qemu)
                    .WithArguments(arguments)
                    .WithValidation(CommandResultValidation.None)
                    .WithStandardErrorPipe(errors.Target)
                    .ExecuteAsync(timeout.Token)).ExitCode;
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                exitCode = -1;
            }
            var control = File.Exists(files.ControlPath) ? await File.ReadAllTextAsync(files.ControlPath, cancel) : "";
            if (control.Trim() == "rr:exit 0")
            {
                Log.Debug("kvm probe passed");
                return;
            }
            var outcome = GuestOutcome.HypervisorFailure(exitCode, errors.Text);
            throw new RunException(errors.Text.Contains(GuestOutcome.KvmInternalError, StringComparison.Ordinal)
                ? outcome.Message!
                : $"kvm does not work on this host: {outcome.Message}: use rr-run qemu");
        }
        finally
        {
            RunFiles.TryDelete(image);
            files.DeleteControl();
        }
    }
}
