using Serilog;

namespace Rumprun.Port.Building;

/// <summary>
/// One rr-port at a time works on a port (parallel test runs build zlib for two ports at once):
/// an exclusive lock on OBJDIR/ports/NAME/.lock, waited for with a message.
/// </summary>
public sealed class PortLock : IDisposable
{
    private readonly FileStream _file;

    private PortLock(FileStream file) => _file = file;

    public static async Task<PortLock> AcquireAsync(string path, string name, CancellationToken cancel)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var told = false;
        while (true)
        {
            try
            {
                return new PortLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (!cancel.IsCancellationRequested)
            {
                if (!told)
                {
                    Log.Information("   {Port}: waiting for another rr-port working on it", name);
                    told = true;
                }

                await Task.Delay(500, cancel);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
