using CliWrap;

namespace Rumprun.Core.Run;

/// <summary>
/// Moves console bytes between rr-run's stdio and QEMU's serial chardev while an attached guest runs.
/// </summary>
public static class ConsolePump
{
    /// <summary>Small, so that a program's output appears as it writes it.</summary>
    private const int ChunkSize = 4096;

    /// <summary>
    /// Host input to the guest, escaped (contracts §6). At the host's end of input the guest is told
    /// with FF 00, and QEMU's stdin then stays open: closing it would make QEMU's stdio chardev
    /// report a hang-up, and the guest may still be writing. Nothing is sent before
    /// <paramref name="ready"/> completes (the guest's console is not yet able to keep it).
    /// </summary>
    public static PipeSource Input(Stream input, Func<CancellationToken, Task> ready) => PipeSource.Create(async (destination, cancel) =>
    {
        var buffer = new byte[ChunkSize];
        var encoded = new byte[ConsoleInputEscaper.MaxEncodedLength(ChunkSize)];
        try
        {
            await ready(cancel);
            while (true)
            {
                // A blocking read of a terminal ignores cancellation; WaitAsync lets the run end without
                // waiting for one more key, and the abandoned read ends with the process.
                var read = await input.ReadAsync(buffer, CancellationToken.None).AsTask().WaitAsync(cancel);
                if (read == 0)
                    break;
                var length = ConsoleInputEscaper.Encode(buffer.AsSpan(0, read), encoded);
                await destination.WriteAsync(encoded.AsMemory(0, length), cancel);
                await destination.FlushAsync(cancel);
            }
            await destination.WriteAsync(ConsoleInputEscaper.EndOfInput.ToArray(), cancel);
            await destination.FlushAsync(cancel);
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // QEMU has exited: nothing more to deliver.
        }
        catch (IOException)
        {
            // QEMU closed its end first (it exited or crashed); its exit status tells the rest.
        }
    });

    /// <summary>Guest output to the host, chunk by chunk as it arrives.</summary>
    public static PipeTarget Output(Stream output) => PipeTarget.Create(async (source, cancel) =>
    {
        var buffer = new byte[ChunkSize];
        var reader = true;
        int read;
        while ((read = await source.ReadAsync(buffer, cancel)) > 0)
        {
            if (!reader)
                continue;
            try
            {
                await output.WriteAsync(buffer.AsMemory(0, read), cancel);
                await output.FlushAsync(cancel);
            }
            catch (IOException)
            {
                // Whoever read our stdout is gone (as with "| head"); the guest runs on to its own end,
                // so keep draining QEMU lest it block on a full pipe.
                reader = false;
            }
        }
    });
}
