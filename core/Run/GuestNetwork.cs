using System.Collections.Immutable;
using System.Text.Json;

namespace Rumprun.Core.Run;

/// <summary>One entry of the guest configuration's <c>net</c> array (contracts §5, §9).</summary>
/// <param name="Tag">The command line's name for the interface.</param>
/// <param name="Mac">The MAC the platform finds the interface by.</param>
/// <param name="Method">dhcp or static.</param>
/// <param name="Address">static: the IPv4 address.</param>
/// <param name="Prefix">static: the prefix length.</param>
/// <param name="Gateway">static: the default route, if any.</param>
/// <param name="Dns">static: the name servers for /etc/resolv.conf.</param>
public sealed record GuestNetwork(
    string Tag,
    string Mac,
    NetworkMethod Method,
    string? Address = null,
    int? Prefix = null,
    string? Gateway = null,
    ImmutableArray<string> Dns = default)
{
    public ImmutableArray<string> Dns { get; init; } = Dns.IsDefault ? [] : Dns;

    public bool Equals(GuestNetwork? other) =>
        other is not null && Tag == other.Tag && Mac == other.Mac && Method == other.Method && Address == other.Address
        && Prefix == other.Prefix && Gateway == other.Gateway && Dns.SequenceEqual(other.Dns);

    public override int GetHashCode() => HashCode.Combine(Tag, Mac, Method, Address, Prefix, Gateway);

    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("tag", Tag);
        json.WriteString("mac", Mac);
        json.WriteString("method", Method == NetworkMethod.Dhcp ? "dhcp" : "static");
        if (Address is not null)
            json.WriteString("addr", Address);
        if (Prefix is { } prefix)
            json.WriteNumber("prefix", prefix);
        if (Gateway is not null)
            json.WriteString("gateway", Gateway);
        if (!Dns.IsEmpty)
        {
            json.WriteStartArray("dns");
            foreach (var server in Dns)
                json.WriteStringValue(server);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }
}
