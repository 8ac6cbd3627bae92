using System.Globalization;

namespace Rumprun.Core.Run;

/// <summary>
/// What rr-run prints for a detached guest and <c>rr-run stop</c> takes back: <c>qemu:PID</c>, the
/// form rumprun's launcher printed, so scripts that captured it keep working.
/// </summary>
public sealed record GuestHandle(int ProcessId)
{
    private const string Prefix = "qemu:";

    public override string ToString() => Prefix + ProcessId.ToString(CultureInfo.InvariantCulture);

    /// <exception cref="RunException">The text is not a handle.</exception>
    public static GuestHandle Parse(string text)
    {
        if (text.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && pid > 0)
            return new GuestHandle(pid);
        throw RunException.Usage($"'{text}' is not a guest handle: give the qemu:PID that rr-run printed when it started the guest");
    }
}
