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

    public async Task AttachConsoleAsync(XenCommand command, CancellationToken cancel)
    {
        Log.Debug("$ {Command}", command.ToShellLine());
        await using var input = DescriptorStream.StandardInput();
        await using var output = DescriptorStream.StandardOutput();
        try
        {
            var task = CliWrap.Cli.Wrap(tools[command.Program])
                .WithArguments(command.Arguments)
                .WithValidation(CommandResultValidation.None)
                .WithStandardInputPipe(Input(input))
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
    }

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

    /// <summary>
    /// Host input to the guest console as it is. At the host's end of input the pipe stays open, since
    /// xl console ends when its input ends and the guest may still be writing; the PV console has no way
    /// to tell the guest of the end.
    /// </summary>
    private static PipeSource Input(Stream input) => PipeSource.Create(async (destination, cancel) =>
    {
        var buffer = new byte[ChunkSize];
        try
        {
            while (true)
            {
                var read = await input.ReadAsync(buffer, CancellationToken.None).AsTask().WaitAsync(cancel);
                if (read == 0)
                    break;
                await destination.WriteAsync(buffer.AsMemory(0, read), cancel);
                await destination.FlushAsync(cancel);
            }
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
            // xl console ended first.
        }
    });
}
