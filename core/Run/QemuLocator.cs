namespace Rumprun.Core.Run;

/// <summary>Finds QEMU before anything is started, so a missing package gets its install line.</summary>
public static class QemuLocator
{
    public static string Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, QemuCommandLine.Program);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new RunException($"{QemuCommandLine.Program} not found: apt-get install qemu-system-x86");
    }
}
