using CliWrap;

namespace Rumprun.Port.Building;

/// <summary>
/// A pipe target that stdout and stderr can share: chunks go to one log stream one at a time, in the
/// order they arrive, so the log reads as a terminal would have shown the output.
/// </summary>
public static class SharedLogTarget
{
    public static PipeTarget For(Stream log)
    {
        var gate = new SemaphoreSlim(1, 1);
        return PipeTarget.Create(async (origin, cancel) =>
        {
            var buffer = new byte[16384];
            int read;
            while ((read = await origin.ReadAsync(buffer, cancel)) > 0)
            {
                await gate.WaitAsync(cancel);
                try
                {
                    await log.WriteAsync(buffer.AsMemory(0, read), cancel);
                }
                finally
                {
                    gate.Release();
                }
            }
        });
    }
}
