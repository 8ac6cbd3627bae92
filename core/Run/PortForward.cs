using System.Globalization;
using System.Text.RegularExpressions;

namespace Rumprun.Core.Run;

/// <summary>
/// One <c>--forward tcp:HOSTPORT:GUESTPORT</c> or <c>udp:…</c> value (contracts §9): QEMU user networking
/// listens on 127.0.0.1:HOSTPORT only and forwards to the guest's GUESTPORT.
/// </summary>
public sealed partial record PortForward(ForwardProtocol Protocol, int HostPort, int GuestPort)
{
    private const string Syntax = "use tcp:HOSTPORT:GUESTPORT or udp:HOSTPORT:GUESTPORT";

    /// <exception cref="RunException">The value does not follow the syntax; the exit status is the usage one.</exception>
    public static PortForward Parse(string text)
    {
        var fields = text.Split(':');
        if (fields.Length != 3)
            throw Bad(text, $"expected three fields separated by ':': {Syntax}");
        var protocol = fields[0] switch
        {
            "tcp" => ForwardProtocol.Tcp,
            "udp" => ForwardProtocol.Udp,
            _ => throw Bad(text, $"'{fields[0]}' is not a protocol: {Syntax}"),
        };
        return new PortForward(protocol, Port(text, "host", fields[1]), Port(text, "guest", fields[2]));
    }

    private string ProtocolName => Protocol == ForwardProtocol.Tcp ? "tcp" : "udp";

    /// <summary>QEMU's hostfwd rule; guestAddress null means the address QEMU's DHCP server hands out.</summary>
    public string HostForwardRule(string? guestAddress) =>
        string.Create(CultureInfo.InvariantCulture, $"hostfwd={ProtocolName}:127.0.0.1:{HostPort}-{guestAddress}:{GuestPort}");

    /// <summary>The option as the user would write it, for messages.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{ProtocolName}:{HostPort}:{GuestPort}");

    private static int Port(string text, string side, string field)
    {
        if (!PortSyntax().IsMatch(field)
            || !int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw Bad(text, $"{side} port '{field}' is out of range: give a number from 1 to 65535");
        return port;
    }

    private static RunException Bad(string text, string message) => RunException.Usage($"--forward {text}: {message}");

    [GeneratedRegex("^[0-9]{1,10}$")]
    private static partial Regex PortSyntax();
}
