namespace Rumprun.Core.Run;

/// <summary>What a toolstack command printed and how it ended.</summary>
public sealed record XenCommandResult(int ExitCode, string Output, string Errors)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The command's complaint as one line, for rr-run's message.</summary>
    public string Complaint => string.IsNullOrWhiteSpace(Errors)
        ? $"exit status {ExitCode}"
        : GuestOutcome.OneLine(Errors);
}

/// <summary>Runs the dom0's toolstack commands for a launch (xl and the xenstore tools).</summary>
public interface IXenToolstack
{
    /// <summary>Runs a command to its end and returns what it printed.</summary>
    Task<XenCommandResult> RunAsync(XenCommand command, CancellationToken cancel);

    /// <summary>
    /// Runs <c>xl console</c> with rr-run's stdin and stdout as the guest console, until it ends by itself
    /// or <paramref name="cancel"/> stops it.
    /// </summary>
    Task AttachConsoleAsync(XenCommand command, CancellationToken cancel);

    /// <summary>
    /// Waits until the console started by <see cref="AttachConsoleAsync"/> has the domain's console
    /// terminal <paramref name="tty"/> open; false when it has not within <paramref name="limit"/>.
    /// </summary>
    Task<bool> ConsoleAttachedAsync(string tty, TimeSpan limit, CancellationToken cancel);

    /// <summary>Waits until no console output has come for <paramref name="quiet"/>, or at most <paramref name="limit"/>.</summary>
    Task ConsoleQuietAsync(TimeSpan quiet, TimeSpan limit);
}
