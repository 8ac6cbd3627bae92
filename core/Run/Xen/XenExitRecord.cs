namespace Rumprun.Core.Run;

/// <summary>
/// The value of <c>data/rr-exit</c>: the control line the platform would have written to debugcon, without
/// <c>rr:</c> (contracts §10), decided as the QEMU control channel is.
/// </summary>
public static class XenExitRecord
{
    /// <summary>How the guest ended, from the key's value; null when the guest never wrote the key.</summary>
    public static GuestOutcome Decide(string? value, string domainName)
    {
        if (value is null)
            return new GuestOutcome(RunExitCodes.HypervisorFailed,
                $"domain {domainName} stopped without writing data/rr-exit (it crashed before its end, or is not a xen_pvh image): see xl dmesg");
        var line = value.Trim();
        if (line.Length == 0)
            return new GuestOutcome(RunExitCodes.HypervisorFailed, $"domain {domainName} wrote an empty data/rr-exit: the image and rr-run disagree on the contract; rebuild both");
        return GuestOutcome.Decide("rr:" + line + "\n", 0, "") is { Reported: true } outcome
            ? outcome
            : new GuestOutcome(RunExitCodes.HypervisorFailed, $"domain {domainName} wrote an unreadable data/rr-exit '{line}': the image and rr-run disagree on the contract; rebuild both");
    }
}
