namespace Rumprun.Core.Run;

/// <summary>Where the guest's serial console goes.</summary>
public abstract record QemuConsole
{
    /// <summary>QEMU's own stdin/stdout, which rr-run pumps (attached runs).</summary>
    public sealed record Stdio : QemuConsole;

    /// <summary>A log file; the guest gets no input (detached runs).</summary>
    public sealed record LogFile(string Path) : QemuConsole;
}
