using Serilog;

namespace Rumprun.Build.Engine;

/// <summary>One rr-build at a time per OBJDIR: two concurrent builds would overwrite each other's objects.</summary>
public sealed class BuildLock : IDisposable
{
    private readonly FileStream _file;

    private BuildLock(FileStream file) => _file = file;

    public static async Task<BuildLock> AcquireAsync(string objDir, CancellationToken cancel)
    {
        Directory.CreateDirectory(objDir);
        var path = Path.Combine(objDir, ".rr-build.lock");
        var waiting = false;
        while (true)
        {
            try
            {
                return new BuildLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                if (!waiting)
                {
                    Log.Information(">> waiting for another rr-build using {ObjDir}", objDir);
                    waiting = true;
                }

                await Task.Delay(250, cancel);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
