using Rumprun.Core.Debian;
using Rumprun.Core;
using Rumprun.Port.Building;
using Serilog;

namespace Rumprun.Port.Sources;

/// <summary>rr-port enable-sources: adds the deb-src file (see <see cref="DebSrcEntries"/>) and runs apt-get update.</summary>
public static class SourceEnabler
{
    public static async Task EnableAsync(string etcApt, bool isRoot, CancellationToken cancel)
    {
        var entries = AptSourceList.Read(etcApt);
        if (DebSrcEntries.Enabled(entries))
        {
            var where = string.Join(", ", entries.Where(e => e.IsSource).Select(e => e.File).Distinct());
            Log.Information("Debian source packages are already enabled ({Where})", where);
            return;
        }

        if (!isRoot)
        {
            throw new RrException($"enabling Debian source packages writes to {etcApt}: run 'sudo rr-port enable-sources'");
        }

        var file = Path.Combine(etcApt, "sources.list.d", DebSrcEntries.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, DebSrcEntries.Render(entries), cancel);
        Log.Information(">> wrote {File}", file);
        var log = Path.Combine(Path.GetTempPath(), $"rr-port-apt-update-{Environment.ProcessId}.log");
        await StepRunner.RunAsync(new StepRequest("apt-get update (to read the source package indexes)", "apt-get", ["update"], "/", log), cancel);
        File.Delete(log);
    }
}
