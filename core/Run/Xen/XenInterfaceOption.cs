using System.Text.RegularExpressions;

namespace Rumprun.Core.Run;

/// <summary>
/// One <c>rr-run xen -I TAG,xenif[,BRIDGE]</c> value: a Xen virtual interface named TAG on the command
/// line, plugged by the backend into the dom0 bridge BRIDGE (default xenbr0).
/// </summary>
public sealed partial record XenInterfaceOption(string Tag, string Bridge)
{
    /// <summary>rumprun's name for Xen's network interfaces; the platform finds them by MAC all the same.</summary>
    public const string InterfaceBase = "xenif";

    public const string DefaultBridge = "xenbr0";

    private const string Syntax = "use TAG,xenif[,BRIDGE]";

    /// <exception cref="RunException">The value does not follow the syntax; the exit status is the usage one.</exception>
    public static XenInterfaceOption Parse(string text)
    {
        var fields = text.Split(',');
        if (fields.Length is < 2 or > 3)
            throw Bad(text, $"expected 2 or 3 comma-separated fields: {Syntax}");
        if (!NetworkTag.IsValid(fields[0]))
            throw Bad(text, $"'{fields[0]}' is not a usable tag: give {NetworkTag.Rule}");
        if (fields[1] != InterfaceBase)
            throw Bad(text, $"'{fields[1]}' is not an interface base of Xen guests: use {InterfaceBase} (Xen's virtual interfaces)");
        var bridge = fields.Length == 3 ? fields[2] : DefaultBridge;
        if (!BridgeName().IsMatch(bridge))
            throw Bad(text, $"'{bridge}' is not a dom0 bridge name: give 1 to 15 letters, digits, '-', '.' or '_'");
        return new XenInterfaceOption(fields[0], bridge);
    }

    public override string ToString() => $"{Tag},{InterfaceBase},{Bridge}";

    private static RunException Bad(string text, string message) => RunException.Usage($"-I {text}: {message}");

    [GeneratedRegex("^[A-Za-z0-9._-]{1,15}$")]
    private static partial Regex BridgeName();
}
