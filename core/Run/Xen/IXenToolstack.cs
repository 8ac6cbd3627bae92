namespace Rumprun.Core.Run;

/// <summary>What a toolstack command printed and how it ended.</summary>
public sealed record XenCommandResult(int ExitCode, string Output, string Errors)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// The command's complaint as one line, for rr-run's message: libxl reports the cause first and the
    /// clean-up's own failures after it, so its first error lines are taken, else the last lines.
    /// </summary>
    public string Complaint
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Errors))
                return $"exit status {ExitCode}";
            var errors = Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase))
                .Take(2)
                .ToList();
            return errors.Count > 0 ? string.Join("; ", errors) : GuestOutcome.OneLine(Errors);
        }
    }
}

/// <summary>Runs the dom0's toolstack commands for a launch (xl and the xenstore tools).</summary>
public interface IXenToolstack
{
    /// <summary>Runs a command to its end and returns what it printed.</summary>
    Task<XenCommandResult> RunAsync(XenCommand command, CancellationToken cancel);

    /// <summary>
    /// Makes rr-run's stdin and stdout the guest console until <c>xl console</c> ends by itself or
    /// <paramref name="cancel"/> stops it: output through <c>xl console</c>, input written to the console's
    /// terminal <paramref name="tty"/> (xl console reads only a terminal), encoded as on the serial console
    /// (contracts §6: FF FF for a data byte FF, FF 00 for the end of input). No input without a terminal.
    /// </summary>
    Task AttachConsoleAsync(XenCommand command, string? tty, CancellationToken cancel);

    /// <summary>
    /// Waits until the console started by <see cref="AttachConsoleAsync"/> has the domain's console
    /// terminal <paramref name="tty"/> open; false when it has not within <paramref name="limit"/>.
    /// </summary>
    Task<bool> ConsoleAttachedAsync(string tty, TimeSpan limit, CancellationToken cancel);

    /// <summary>
    /// Runs the watch <paramref name="command"/> (xenstore-watch) until <paramref name="cancel"/> stops it,
    /// calling <paramref name="fired"/> for each event it reports; returns early when the watcher ends by
    /// itself (missing, refused, or killed), after which no event will come.
    /// </summary>
    Task WatchAsync(XenCommand command, Action fired, CancellationToken cancel);

    /// <summary>Waits until no console output has come for <paramref name="quiet"/>, or at most <paramref name="limit"/>.</summary>
    Task ConsoleQuietAsync(TimeSpan quiet, TimeSpan limit);
}
