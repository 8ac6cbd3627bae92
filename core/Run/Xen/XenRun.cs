using System.Globalization;
using Serilog;

namespace Rumprun.Core.Run;

/// <summary>
/// Runs a launch through a toolstack (contracts §10): the domain is created paused, given its
/// configuration in xenstore and started; an attached run then waits for it to halt, reads
/// <c>data/rr-exit</c> and destroys it.
/// </summary>
public sealed class XenRun(IXenToolstack toolstack, TimeSpan pollInterval)
{
    /// <summary>How often a waiting run asks xl whether the domain has halted when no watch tells it when to.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often it asks while the <c>@releaseDomain</c> watch runs: a safety net only, as the watch fires
    /// as soon as a domain halts. Each xl run costs the dom0 a process and a libxl context; twice a second
    /// it took all the CPU of a dom0 emulated by TCG, away from the back ends the guest's devices need.
    /// </summary>
    public TimeSpan WatchedPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the guest stays paused waiting for xl console to open its terminal: seconds on a real
    /// dom0, far more in a dom0 emulated by TCG.
    /// </summary>
    public TimeSpan ConsoleLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After the domain halts, output still on its way is waited for until the console has been quiet this long.</summary>
    public TimeSpan ConsoleQuiet { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Creates, configures and starts the domain; returns its id.</summary>
    /// <exception cref="RunException">A step failed; a domain already created is destroyed.</exception>
    public async Task<int> StartAsync(XenLaunch launch, string configurationPath, string json, CancellationToken cancel,
        Func<int, Task>? beforeUnpause = null)
    {
        var name = launch.DomainName;
        var created = await toolstack.RunAsync(XenCommands.Create(configurationPath), cancel);
        if (!created.Succeeded)
            throw new RunException($"xl create failed: {created.Complaint}");
        try
        {
            var domid = await toolstack.RunAsync(XenCommands.DomainId(name), cancel);
            if (!domid.Succeeded || !int.TryParse(domid.Output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                throw new RunException($"xl domid {name} failed: {(domid.Succeeded ? $"printed '{domid.Output.Trim()}'" : domid.Complaint)}");
            foreach (var step in new[] { XenCommands.WriteConfiguration(json), XenCommands.ShareConfiguration() })
            {
                var command = step.ForDomain(id);
                var result = await toolstack.RunAsync(command, cancel);
                if (!result.Succeeded)
                    throw new RunException($"{command.Program} {command.Arguments[0]} failed: {result.Complaint}: is xenstored running?");
            }
            if (beforeUnpause is not null)
                await beforeUnpause(id);
            var unpaused = await toolstack.RunAsync(XenCommands.Unpause(name), cancel);
            if (!unpaused.Succeeded)
                throw new RunException($"xl unpause {name} failed: {unpaused.Complaint}");
            return id;
        }
        catch
        {
            await DestroyAsync(name);
            throw;
        }
    }

    /// <summary>-i: starts the domain with the console attached, waits for it to halt and returns how it ended.</summary>
    public async Task<GuestOutcome> RunAttachedAsync(XenLaunch launch, string configurationPath, string json, CancellationToken cancel)
    {
        var name = launch.DomainName;
        using var consoleStop = new CancellationTokenSource();
        Task console = Task.CompletedTask;
        int id;
        try
        {
            // The console attaches while the domain is paused, so not a byte of its output is missed.
            id = await StartAsync(launch, configurationPath, json, cancel, async domainId =>
            {
                var tty = await ConsoleTtyAsync(domainId, cancel);
                if (tty is null)
                    Log.Warning("rr-run: xenconsoled gave domain {Name} no console terminal within {Seconds} s: is xenconsoled running?", name, ConsoleLimit.TotalSeconds);
                console = toolstack.AttachConsoleAsync(XenCommands.Console(name), tty, consoleStop.Token);
                using var attaching = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                var attached = tty is null ? Task.FromResult(false) : toolstack.ConsoleAttachedAsync(tty, ConsoleLimit, attaching.Token);
                if (await Task.WhenAny(attached, console) == console)
                {
                    await attaching.CancelAsync();
                    await attached.ContinueWith(_ => { }, TaskScheduler.Default);
                    cancel.ThrowIfCancellationRequested();
                    Log.Warning("rr-run: xl console ended before the domain started (its message is above): the guest's output is lost");
                }
                else if (!await attached)
                {
                    Log.Warning("rr-run: xl console did not attach within {Seconds} s: the guest's first output may be lost", ConsoleLimit.TotalSeconds);
                }
            });
        }
        catch
        {
            await consoleStop.CancelAsync();
            await console;
            throw;
        }

        try
        {
            await WaitHaltedAsync(name, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await consoleStop.CancelAsync();
            await console;
            await DestroyAsync(name);
            throw;
        }
        var exit = await toolstack.RunAsync(XenCommands.ReadExit().ForDomain(id), CancellationToken.None);
        // The guest's last output was in its console ring before it wrote its status; xenconsoled and xl
        // console pass it on after the domain has halted.
        await toolstack.ConsoleQuietAsync(ConsoleQuiet, ConsoleLimit);
        await consoleStop.CancelAsync();
        await console;
        await DestroyAsync(name);
        return XenExitRecord.Decide(exit.Succeeded ? exit.Output : null, name);
    }

    /// <summary>The terminal xenconsoled made for the domain's console, once it has written its name; null when it never does.</summary>
    private async Task<string?> ConsoleTtyAsync(int domainId, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + ConsoleLimit;
        while (DateTime.UtcNow < deadline)
        {
            var tty = await toolstack.RunAsync(XenCommands.ReadConsoleTty().ForDomain(domainId), cancel);
            if (tty.Succeeded && tty.Output.Trim().Length > 0)
                return tty.Output.Trim();
            await Task.Delay(pollInterval, cancel);
        }
        return null;
    }

    /// <summary>
    /// Waits until <c>xl list</c> shows the domain halted, or no longer lists it: xl is asked each time the
    /// <c>@releaseDomain</c> watch fires, else every <see cref="WatchedPollInterval"/>, or every poll
    /// interval once the watcher has ended (a dom0 without xenstore-watch still works, only at more cost).
    /// </summary>
    public async Task WaitHaltedAsync(string name, CancellationToken cancel)
    {
        using var fired = new SemaphoreSlim(0);
        using var stopWatch = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var watch = toolstack.WatchAsync(XenCommands.WatchDomainReleases(), () => fired.Release(), stopWatch.Token);
        try
        {
            while (true)
            {
                var listing = await toolstack.RunAsync(XenCommands.List(name), cancel);
                var halted = listing.Succeeded ? XenDomainState.Halted(listing.Output, name) : null;
                if (halted is null)
                {
                    Log.Debug("xl list {Name}: the domain is gone ({Complaint})", name, listing.Complaint);
                    return;
                }
                if (halted.Value)
                    return;
                await fired.WaitAsync(watch.IsCompleted ? pollInterval : WatchedPollInterval, cancel);
            }
        }
        finally
        {
            await stopWatch.CancelAsync();
            await watch;
        }
    }

    /// <summary>Destroys the domain; a domain that is already gone is no failure.</summary>
    public async Task DestroyAsync(string name)
    {
        var result = await toolstack.RunAsync(XenCommands.Destroy(name), CancellationToken.None);
        if (!result.Succeeded)
            Log.Debug("xl destroy {Name}: {Complaint}", name, result.Complaint);
    }
}
