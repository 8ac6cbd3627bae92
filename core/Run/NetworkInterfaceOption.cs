namespace Rumprun.Core.Run;

/// <summary>
/// One <c>-I TAG,IFBASE[,BACKEND]</c> value (contracts §9): a virtio-net interface named TAG on the
/// command line, whose guest names start with IFBASE, on QEMU user networking or a host tap device.
/// </summary>
public sealed record NetworkInterfaceOption(string Tag, NetworkBackend Backend)
{
    /// <summary>The only interface family the platform has: the virtio-net driver's vioif0, vioif1, ...</summary>
    public const string InterfaceBase = "vioif";

    /// <exception cref="RunException">The value does not follow the syntax; the exit status is the usage one.</exception>
    public static NetworkInterfaceOption Parse(string text)
    {
        var fields = InterfaceOptionFields.Parse(text, InterfaceBase,
            $"this platform has: use {InterfaceBase} (the virtio-net driver's interfaces)", $"TAG,{InterfaceBase}[,user|tap:NAME]");
        var backend = fields.Third is null ? NetworkBackend.Default : ParseBackend(text, fields.Third);
        return new NetworkInterfaceOption(fields.Tag, backend);
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
            if (!InterfaceOptionFields.IsHostName(name))
                throw InterfaceOptionFields.Bad(text, $"'{name}' is not a host interface name: give {InterfaceOptionFields.HostNameRule}");
            return new NetworkBackend.Tap(name);
        }
        throw InterfaceOptionFields.Bad(text, $"'{field}' is not a backend: use user (QEMU's user networking) or tap:NAME");
    }
}
