namespace Rumprun.Core.Run;

/// <summary>
/// One <c>rr-run xen -I TAG,xenif[,BRIDGE]</c> value: a Xen virtual interface named TAG on the command
/// line, plugged by the backend into the dom0 bridge BRIDGE (default xenbr0).
/// </summary>
public sealed record XenInterfaceOption(string Tag, string Bridge)
{
    /// <summary>rumprun's name for Xen's network interfaces; the platform finds them by MAC all the same.</summary>
    public const string InterfaceBase = "xenif";

    public const string DefaultBridge = "xenbr0";

    /// <exception cref="RunException">The value does not follow the syntax; the exit status is the usage one.</exception>
    public static XenInterfaceOption Parse(string text)
    {
        var fields = InterfaceOptionFields.Parse(text, InterfaceBase,
            $"of Xen guests: use {InterfaceBase} (Xen's virtual interfaces)", $"TAG,{InterfaceBase}[,BRIDGE]");
        var bridge = fields.Third ?? DefaultBridge;
        if (!InterfaceOptionFields.IsHostName(bridge))
            throw InterfaceOptionFields.Bad(text, $"'{bridge}' is not a dom0 bridge name: give {InterfaceOptionFields.HostNameRule}");
        return new XenInterfaceOption(fields.Tag, bridge);
    }

    public override string ToString() => $"{Tag},{InterfaceBase},{Bridge}";
}
