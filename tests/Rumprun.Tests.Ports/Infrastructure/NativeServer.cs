using System.Text;
using CliWrap;
using NUnit.Framework;

namespace Rumprun.Tests.Ports.Infrastructure;

/// <summary>A port's native build run as a server on the host, the other side of a differential test over the network.</summary>
public sealed class NativeServer : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stop = new();
    private Task<CommandResult>? run;

    public static NativeServer Start(string program, IEnumerable<string> arguments, string workingDirectory, string readyText)
    {
        var server = new NativeServer();
        void Line(string line)
        {
            lock (server.output)
                server.output.Append(line).Append('\n');
            if (line.Contains(readyText, StringComparison.Ordinal))
                server.ready.TrySetResult();
        }

        server.run = Cli.Wrap(program)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithStandardInputPipe(PipeSource.Null)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(Line))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Line))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(server.stop.Token).Task;
        _ = server.run.ContinueWith(_ => server.ready.TrySetResult(), TaskScheduler.Default);
        return server;
    }

    public async Task ReadyAsync()
    {
        await ready.Task.WaitAsync(Patience);
        Assert.That(run!.IsCompleted, Is.False, $"the native server ended before it was ready:\n{this}");
    }

    public override string ToString()
    {
        lock (output)
            return output.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await run!;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }
}
