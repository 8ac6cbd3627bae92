using Serilog;

namespace Rumprun.Core.Run;

/// <summary><c>rr-run stop xen:NAME</c>: destroys a domain that rr-run xen started detached.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class XenStop
{
    public static async Task StopAsync(XenGuestHandle handle, IXenToolstack toolstack, CancellationToken cancel)
    {
        var result = await toolstack.RunAsync(XenCommands.Destroy(handle.DomainName), cancel);
        if (!result.Succeeded)
            throw new RunException($"{handle}: xl destroy failed: {result.Complaint}: check the name with xl list");
        RemoveImages(handle.DomainName);
        Log.Information("rr-run: stopped {Handle}", handle.ToString());
    }

    /// <summary>The images rr-run built from -b directories for the domain: NAME-PID.rrN.iso or .ext2 in the run directory.</summary>
    private static void RemoveImages(string name)
    {
        var directory = RunDirectory.Path;
        if (!Directory.Exists(directory))
            return;
        foreach (var pattern in new[] { $"{name}-*.rr*.iso", $"{name}-*.rr*.ext2" })
        {
            foreach (var image in Directory.EnumerateFiles(directory, pattern))
                RunFiles.TryDelete(image);
        }
    }
}
