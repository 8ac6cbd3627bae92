using System.Globalization;
using System.Text.RegularExpressions;

namespace Rumprun.Core.Run;

/// <summary>
/// One <c>-W TAG,inet,dhcp</c> or <c>-W TAG,inet,static,ADDR/PREFIX[,GATEWAY]</c> value (contracts §9): how
/// the interface TAG gets its IPv4 address. Addresses are kept as normalised dotted quads.
/// </summary>
public sealed partial record NetworkAddressOption(
    string Tag,
    NetworkMethod Method,
    string? Address = null,
    int Prefix = 0,
    string? Gateway = null)
{
    private const string Syntax = "use TAG,inet,dhcp or TAG,inet,static,ADDR/PREFIX[,GATEWAY]";

    /// <summary>What an -I without -W gets.</summary>
    public static NetworkAddressOption Dhcp(string tag) => new(tag, NetworkMethod.Dhcp);

    /// <exception cref="RunException">The value does not follow the syntax; the exit status is the usage one.</exception>
    public static NetworkAddressOption Parse(string text)
    {
        var fields = text.Split(',');
        if (fields.Length < 3)
            throw Bad(text, $"expected at least 3 comma-separated fields: {Syntax}");
        if (!NetworkTag.IsValid(fields[0]))
            throw Bad(text, $"'{fields[0]}' is not a usable tag: give {NetworkTag.Rule}");
        if (fields[1] != "inet")
            throw Bad(text, $"'{fields[1]}' is not an address family this platform configures: use inet (IPv4)");
        switch (fields[2])
        {
            case "dhcp" when fields.Length == 3:
                return Dhcp(fields[0]);
            case "dhcp":
                throw Bad(text, "dhcp takes no address: use TAG,inet,dhcp");
            case "static" when fields.Length is 4 or 5:
                return ParseStatic(text, fields);
            case "static":
                throw Bad(text, $"static needs ADDR/PREFIX and at most a gateway after it: {Syntax}");
            default:
                throw Bad(text, $"'{fields[2]}' is not a method: use dhcp or static");
        }
    }

    private static NetworkAddressOption ParseStatic(string text, string[] fields)
    {
        var slash = fields[3].IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
            throw Bad(text, $"'{fields[3]}' has no prefix length: write the address as ADDR/PREFIX, e.g. 10.0.2.15/24");
        var address = Ipv4Text.Parse(fields[3][..slash])
            ?? throw Bad(text, $"'{fields[3][..slash]}' is not an IPv4 address: give four numbers 0-255 such as 10.0.2.15");
        var prefixText = fields[3][(slash + 1)..];
        if (!PrefixSyntax().IsMatch(prefixText)
            || int.Parse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture) is var prefix && prefix > 32)
            throw Bad(text, $"'/{prefixText}' is not a prefix length: give a number from 0 to 32");
        string? gateway = null;
        if (fields.Length == 5)
        {
            var router = Ipv4Text.Parse(fields[4])
                ?? throw Bad(text, $"gateway '{fields[4]}' is not an IPv4 address: give four numbers 0-255 such as 10.0.2.2");
            var mask = Ipv4Text.Mask(prefix);
            if ((router & mask) != (address & mask) || router == address)
                throw Bad(text, $"gateway {fields[4]} is not another address of {Ipv4Text.Format(address & mask)}/{prefix}: give one on the interface's network");
            gateway = Ipv4Text.Format(router);
        }
        return new NetworkAddressOption(fields[0], NetworkMethod.Static, Ipv4Text.Format(address), prefix, gateway);
    }

    /// <summary>The option as the user would write it, for messages.</summary>
    public override string ToString() => Method == NetworkMethod.Dhcp
        ? $"{Tag},inet,dhcp"
        : $"{Tag},inet,static,{Address}/{Prefix}" + (Gateway is null ? "" : "," + Gateway);

    private static RunException Bad(string text, string message) => RunException.Usage($"-W {text}: {message}");

    [GeneratedRegex("^(0|[1-9][0-9]?)$")]
    private static partial Regex PrefixSyntax();
}
