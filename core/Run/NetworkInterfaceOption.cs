using System.Text.RegularExpressions;

namespace Rumprun.Core.Run;

/// <summary>
/// One <c>-I TAG,IFBASE[,BACKEND]</c> value (contracts §9): a virtio-net interface named TAG on the
/// command line, whose guest names start with IFBASE, on QEMU user networking or a host tap device.
/// </summary>
public sealed partial record NetworkInterfaceOption(string Tag, NetworkBackend Backend)
{
    /// <summary>The only interface family the platform has: the virtio-net driver's vioif0, vioif1, ...</summary>
    public const string InterfaceBase = "vioif";

    private const string Syntax = "use TAG,vioif[,user|tap:NAME]";

    /// <exception cref="RunException">The value does not follow the syntax; the exit status is the usage one.</exception>
    public static NetworkInterfaceOption Parse(string text)
    {
        var fields = text.Split(',');
        if (fields.Length is < 2 or > 3)
            throw Bad(text, $"expected 2 or 3 comma-separated fields: {Syntax}");
        if (!NetworkTag.IsValid(fields[0]))
            throw Bad(text, $"'{fields[0]}' is not a usable tag: give {NetworkTag.Rule}");
        if (fields[1] != InterfaceBase)
            throw Bad(text, $"'{fields[1]}' is not an interface base this platform has: use {InterfaceBase} (the virtio-net driver's interfaces)");
        var backend = fields.Length == 3 ? ParseBackend(text, fields[2]) : NetworkBackend.Default;
        return new NetworkInterfaceOption(fields[0], backend);
    }

    /// <summary>The option as the user would write it, for messages.</summary>
    public override string ToString() => $"{Tag},{InterfaceBase}" + (Backend is NetworkBackend.Tap ? "," + Backend : "");

    private static NetworkBackend ParseBackend(string text, string field)
    {
        if (field == "user")
            return new NetworkBackend.User();
        if (field.StartsWith("tap:", StringComparison.Ordinal))
        {
            var name = field["tap:".Length..];
            if (!InterfaceName().IsMatch(name))
                throw Bad(text, $"'{name}' is not a host interface name: give 1 to 15 letters, digits, '-', '.' or '_'");
            return new NetworkBackend.Tap(name);
        }
        throw Bad(text, $"'{field}' is not a backend: use user (QEMU's user networking) or tap:NAME");
    }

    private static RunException Bad(string text, string message) => RunException.Usage($"-I {text}: {message}");

    /// <summary>Linux interface names: at most 15 bytes; these characters need no quoting anywhere.</summary>
    [GeneratedRegex("^[A-Za-z0-9._-]{1,15}$")]
    private static partial Regex InterfaceName();
}
