using System.Runtime.Versioning;
using CliWrap;
using CliWrap.Buffered;
using Serilog;

namespace Rumprun.Core.Run;

/// <summary>The dom0's real toolstack, through CliWrap, with the tools <see cref="XenTools.Find"/> located.</summary>
[SupportedOSPlatform("linux")]
public sealed class CliXenToolstack(IReadOnlyDictionary<string, string> tools) : IXenToolstack
{
    private const int ChunkSize = 4096;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private int consoleProcessId;
    private long lastOutput = Environment.TickCount64;

    public async Task<XenCommandResult> RunAsync(XenCommand command, CancellationToken cancel)
    {
        Log.Debug("$ {Command}", command.ToShellLine());
        var result = await CliWrap.Cli.Wrap(tools[command.Program])
            .WithArguments(command.Arguments)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancel);
        return new XenCommandResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    public async Task WatchAsync(XenCommand command, Action fired, CancellationToken cancel)
    {
        if (!tools.TryGetValue(command.Program, out var program))
        {
            Log.Debug("no {Program} in this dom0: xl list is asked at the shorter interval", command.Program);
            return;
        }
        Log.Debug("$ {Command}", command.ToShellLine());
        try
        {
            var result = await CliWrap.Cli.Wrap(program)
                .WithArguments(command.Arguments)
                .WithValidation(CommandResultValidation.None)
                .WithStandardOutputPipe(PipeTarget.ToDelegate(_ => fired()))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(line => Log.Debug("{Program}: {Line}", command.Program, line)))
                .ExecuteAsync(cancel);
            Log.Debug("{Program} ended with status {Status}: xl list is asked at the shorter interval from now on", command.Program, result.ExitCode);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The wait is over.
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Log.Debug("{Program} could not start ({Message})", command.Program, e.Message);
        }
    }

    public async Task AttachConsoleAsync(XenCommand command, string? tty, CancellationToken cancel)
    {
        Log.Debug("$ {Command}", command.ToShellLine());
        await using var output = DescriptorStream.StandardOutput();
        using var inputStop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var input = tty is null ? Task.CompletedTask : SendInputAsync(tty, inputStop.Token);
        try
        {
            var task = CliWrap.Cli.Wrap(tools[command.Program])
                .WithArguments(command.Arguments)
                .WithValidation(CommandResultValidation.None)
                .WithStandardInputPipe(OpenEnded)
                .WithStandardOutputPipe(Output(output))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(line => Log.Warning("rr-run: xl console: {Line}", line)))
                .ExecuteAsync(cancel);
            Volatile.Write(ref consoleProcessId, task.ProcessId);
            var result = await task;
            Log.Debug("xl console ended with status {Status}", result.ExitCode);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The domain has halted: the console has nothing more to say.
        }
        finally
        {
            await inputStop.CancelAsync();
            await input;
        }
    }

    /// <summary>rr-run's stdin into the console's terminal, escaped, FF 00 at its end; the terminal stays open until the run ends.</summary>
    private static async Task SendInputAsync(string tty, CancellationToken cancel)
    {
        try
        {
            await using var input = DescriptorStream.StandardInput();
            await using var terminal = new FileStream(tty, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
            await ConsolePump.Input(input, _ => Task.CompletedTask).CopyToAsync(terminal, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning("rr-run: cannot write console input to {Tty} ({Message}): the guest gets none", tty, e.Message);
        }
    }

    /// <summary>
    /// xl console's own stdin: nothing, but never an end either (it reads only a terminal, and some
    /// versions end when their input does).
    /// </summary>
    private static readonly PipeSource OpenEnded = PipeSource.Create(async (_, cancel) =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException)
        {
        }
    });

    public async Task<bool> ConsoleAttachedAsync(string tty, TimeSpan limit, CancellationToken cancel)
    {
        var deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        while (Environment.TickCount64 < deadline)
        {
            var pid = Volatile.Read(ref consoleProcessId);
            if (pid != 0 && ProcessAndChildren(pid).Any(process => HasOpen(process, tty)))
                return true;
            await Task.Delay(PollInterval, cancel);
        }
        return false;
    }

    public async Task ConsoleQuietAsync(TimeSpan quiet, TimeSpan limit)
    {
        // Quiet is counted from the call at the earliest: output may still be on its way when it is made.
        var since = Environment.TickCount64;
        var deadline = since + (long)limit.TotalMilliseconds;
        while (Environment.TickCount64 < deadline
            && Environment.TickCount64 - Math.Max(since, Interlocked.Read(ref lastOutput)) < (long)quiet.TotalMilliseconds)
            await Task.Delay(PollInterval, CancellationToken.None);
    }

    /// <summary>xl console execs xenconsole in its own process; a toolstack that forks it instead is looked through too.</summary>
    private static IEnumerable<int> ProcessAndChildren(int pid)
    {
        yield return pid;
        string children;
        try
        {
            children = File.ReadAllText($"/proc/{pid}/task/{pid}/children");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(child, out var id))
                yield return id;
        }
    }

    private static bool HasOpen(int pid, string path)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd")
                .Any(fd => new FileInfo(fd).LinkTarget == path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Guest output to rr-run's stdout as it arrives, noting when it last came.</summary>
    private PipeTarget Output(Stream output)
    {
        var copy = ConsolePump.Output(output);
        return PipeTarget.Create(async (source, cancel) =>
        {
            await copy.CopyFromAsync(new NotingStream(source, () => Interlocked.Exchange(ref lastOutput, Environment.TickCount64)), cancel);
        });
    }
}
