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
            await CliWrap.Cli.Wrap(tools[command.Program])
                .WithArguments(command.Arguments)
                .WithValidation(CommandResultValidation.None)
                .WithStandardInputPipe(Input(input))
                .WithStandardOutputPipe(ConsolePump.Output(output))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(line => Log.Debug("xl console: {Line}", line)))
                .ExecuteAsync(cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The domain has halted: the console has nothing more to say.
        }
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
