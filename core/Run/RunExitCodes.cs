namespace Rumprun.Core.Run;

/// <summary>
/// Exit statuses rr-run itself chooses. Every other status is the guest program's own: the program's
/// exit(n) comes back as n, a fault as 128 + signal, a configuration error as 78, a platform panic as 134.
/// </summary>
public static class RunExitCodes
{
    /// <summary>The command line is wrong (an option, a value, a missing argument).</summary>
    public const int Usage = 2;

    /// <summary>
    /// The guest never ran to a reported end: the image or QEMU is missing, KVM is unusable, or QEMU
    /// stopped without the platform's control line. Same number as docker run and timeout use.
    /// </summary>
    public const int HypervisorFailed = 125;
}
