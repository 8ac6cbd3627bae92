using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run.Xen;

/// <summary>
/// A dom0 toolstack that records every command and answers from a script: xl create/domid/unpause/destroy
/// succeed, <c>xl list</c> shows the domain running for <see cref="RunningPolls"/> polls and then halted,
/// and xenstore-read gives <see cref="ExitValue"/>. Its @releaseDomain watch fires once when set, as
/// xenstored's do, and again when the domain halts (right after the last listing that shows it running).
/// </summary>
internal sealed class FakeToolstack(string name, int domainId = 7) : IXenToolstack
{
    public List<string> Commands { get; } = [];

    public int RunningPolls { get; init; }

    public string? ExitValue { get; init; } = "exit 0\n";

    public string HaltedState { get; init; } = "---s--";

    /// <summary>Commands (the first word after the program, e.g. "create") that fail with status 1.</summary>
    public HashSet<string> Failing { get; init; } = [];

    /// <summary>xl console fails at once (as without /var/lock) instead of running until stopped.</summary>
    public bool ConsoleFails { get; init; }

    public bool ConsoleAttached { get; private set; }

    /// <summary>xenstore-watch ends at once without an event (missing from the dom0).</summary>
    public bool WatchMissing { get; init; }

    public bool WatchStopped { get; private set; }

    private Action? watchFired;

    public bool ConsoleStopped { get; private set; }

    private int polls;

    public Task<XenCommandResult> RunAsync(XenCommand command, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        var line = command.Program + " " + string.Join(' ', command.Arguments);
        Commands.Add(line);
        var verb = command.Arguments.Count > 0 ? command.Arguments[0] : "";
        if (Failing.Contains(verb) || Failing.Contains(command.Program))
            return Result(1, "", $"{command.Program}: {verb} refused\n");
        return (command.Program, verb) switch
        {
            ("xl", "domid") => Result(0, $"{domainId}\n"),
            ("xl", "list") => Result(0,
                "Name                                        ID   Mem VCPUs\tState\tTime(s)\n" +
                $"{name,-40}{domainId,8}    64     1     {(Poll() ? "-b----" : HaltedState)}       0.3\n"),
            ("xenstore-read", _) when verb.EndsWith("/console/tty", StringComparison.Ordinal) => Result(0, "/dev/pts/3\n"),
            ("xenstore-read", _) when ExitValue is null => Result(1, "", "xenstore-read: couldn't read path\n"),
            ("xenstore-read", _) => Result(0, ExitValue!),
            _ => Result(0, ""),
        };
    }

    /// <summary>One listing: whether it shows the domain running; the domain halts after the last such one.</summary>
    private bool Poll()
    {
        var running = polls++ < RunningPolls;
        if (running && polls == RunningPolls)
            watchFired?.Invoke();
        return running;
    }

    public async Task WatchAsync(XenCommand command, Action fired, CancellationToken cancel)
    {
        Commands.Add(command.Program + " " + string.Join(' ', command.Arguments));
        if (WatchMissing)
            return;
        watchFired = fired;
        fired();
        try
        {
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException)
        {
            WatchStopped = true;
        }
        finally
        {
            watchFired = null;
        }
    }

    public async Task AttachConsoleAsync(XenCommand command, string? tty, CancellationToken cancel)
    {
        Commands.Add(command.Program + " " + string.Join(' ', command.Arguments) + " (input to " + tty + ")");
        if (ConsoleFails)
            return;
        ConsoleAttached = true;
        try
        {
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException)
        {
            ConsoleStopped = true;
        }
    }

    public async Task<bool> ConsoleAttachedAsync(string tty, TimeSpan limit, CancellationToken cancel)
    {
        if (!ConsoleAttached)
        {
            // As the real one: it waits for a console that never opens the terminal.
            await Task.Delay(limit, cancel);
            return false;
        }
        Commands.Add("(console attached to " + tty + ")");
        return true;
    }

    public Task ConsoleQuietAsync(TimeSpan quiet, TimeSpan limit)
    {
        Commands.Add("(console quiet)");
        return Task.CompletedTask;
    }

    private static Task<XenCommandResult> Result(int status, string output, string errors = "") =>
        Task.FromResult(new XenCommandResult(status, output, errors));
}
