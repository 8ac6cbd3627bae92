namespace Rumprun.Core.Run;

/// <summary>
/// How an attached run ended, as rr-run reports it: the exit status to return and, when the program
/// did not simply exit, the one line to print.
/// </summary>
/// <param name="ExitStatus">rr-run's exit status.</param>
/// <param name="Message">The line to print after "rr-run: ", if any.</param>
/// <param name="Reported">The platform reported the end on its control channel.</param>
public sealed record GuestOutcome(int ExitStatus, string? Message, bool Reported = false)
{
    public const string KvmInternalError = "KVM internal error";

    /// <summary>
    /// Decides from the control channel first: a control line means the platform reached its own end,
    /// whatever QEMU's exit status (isa-debug-exit never makes it 0). Without one, QEMU failed.
    /// </summary>
    /// <param name="controlChannel">The control file's whole content.</param>
    /// <param name="qemuExitCode">QEMU's exit status.</param>
    /// <param name="qemuErrors">The last lines QEMU wrote to stderr.</param>
    public static GuestOutcome Decide(string controlChannel, int qemuExitCode, string qemuErrors)
    {
        ControlLine? line;
        try
        {
            line = ControlLine.FromChannel(controlChannel);
        }
        catch (FormatException e)
        {
            return new GuestOutcome(
                RunExitCodes.HypervisorFailed,
                $"the platform's control line is unreadable ({e.Message}): the image and rr-run disagree on the contract; rebuild both");
        }
        if (line is null)
            return HypervisorFailure(qemuExitCode, qemuErrors);
        return line.Kind switch
        {
            ControlKind.Exit => new GuestOutcome(line.Status, null, true),
            ControlKind.Fault => new GuestOutcome(line.Status, $"the program was stopped by {line.Text}", true),
            ControlKind.Config => new GuestOutcome(line.Status, $"guest configuration error: {line.Text}", true),
            _ => new GuestOutcome(line.Status, $"the platform stopped on an internal error (panic): {line.Text}", true),
        };
    }

    public static GuestOutcome HypervisorFailure(int qemuExitCode, string qemuErrors)
    {
        if (qemuErrors.Contains(KvmInternalError, StringComparison.Ordinal))
            return new GuestOutcome(RunExitCodes.HypervisorFailed, KvmCannotRunMessage);
        var said = string.IsNullOrWhiteSpace(qemuErrors)
            ? "the guest stopped without reporting how it ended (a triple fault, or not a Rumprun.Net image?)"
            : OneLine(qemuErrors);
        return new GuestOutcome(RunExitCodes.HypervisorFailed, $"qemu failed (exit status {qemuExitCode}): {said}");
    }

    public const string KvmCannotRunMessage =
        "kvm cannot run the platform on this host (KVM internal error: /dev/kvm here cannot run SSE in ring 0, " +
        "as with nested or software hypervisors): use rr-run qemu";

    /// <summary>QEMU's last few stderr lines as one line, without its program-name prefixes.</summary>
    public static string OneLine(string errors, int lines = 3) =>
        string.Join("; ", errors
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.StartsWith(QemuCommandLine.Program + ": ", StringComparison.Ordinal)
                ? line[(QemuCommandLine.Program.Length + 2)..]
                : line)
            .TakeLast(lines));
}
