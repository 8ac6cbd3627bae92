using System.Collections.Immutable;

namespace Rumprun.Core.Run;

/// <summary>
/// Puts <c>-I</c>, <c>-W</c> and <c>--forward</c> together into the launch's interfaces, refusing what
/// cannot work before anything starts: a tag given twice, a -W or --forward with nowhere to go, the same
/// host port forwarded twice.
/// </summary>
public static class NetworkPlan
{
    /// <summary>The platform's registry holds this many interfaces (platform/net/netdev.c).</summary>
    public const int MaximumInterfaces = 8;

    /// <exception cref="RunException">The options do not fit together; the exit status is the usage one.</exception>
    public static ImmutableArray<NetworkInterface> Resolve(
        IReadOnlyList<NetworkInterfaceOption> interfaces,
        IReadOnlyList<NetworkAddressOption> addresses,
        IReadOnlyList<PortForward> forwards)
    {
        if (interfaces.Count > MaximumInterfaces)
            throw RunException.Usage($"-I: {interfaces.Count} interfaces given; the guest can use at most {MaximumInterfaces}");
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in interfaces)
        {
            if (!tags.Add(option.Tag))
                throw RunException.Usage($"-I {option}: the tag {option.Tag} names another -I already: give each interface its own tag");
        }
        var taps = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in interfaces)
        {
            if (option.Backend is NetworkBackend.Tap tap && !taps.Add(tap.Name))
                throw RunException.Usage($"-I {option}: tap {tap.Name} is used by another -I already: give each interface its own tap");
        }

        var byTag = new Dictionary<string, NetworkAddressOption>(StringComparer.Ordinal);
        foreach (var address in addresses)
        {
            if (!tags.Contains(address.Tag))
                throw RunException.Usage($"-W {address}: no -I has the tag {address.Tag}" +
                    (tags.Count == 0 ? ": add an interface, e.g. -I net0,vioif" : $" (tags: {string.Join(", ", interfaces.Select(i => i.Tag))})"));
            if (!byTag.TryAdd(address.Tag, address))
                throw RunException.Usage($"-W {address}: {address.Tag} is configured by another -W already: give one per interface");
        }

        var seen = new HashSet<(ForwardProtocol, int)>();
        foreach (var forward in forwards)
        {
            if (!seen.Add((forward.Protocol, forward.HostPort)))
                throw RunException.Usage($"--forward {forward}: host port {forward.Protocol.ToString().ToLowerInvariant()}:{forward.HostPort} is forwarded twice: give each host port once");
        }
        var forwarding = interfaces.Select((option, index) => (option, index)).FirstOrDefault(pair => pair.option.Backend is NetworkBackend.User);
        if (forwards.Count > 0 && forwarding.option is null)
            throw RunException.Usage($"--forward {forwards[0]}: ports are forwarded by QEMU's user networking, and no -I uses it: add one, e.g. -I net0,vioif");

        return [.. interfaces.Select((option, index) => new NetworkInterface(
            index,
            option,
            byTag.GetValueOrDefault(option.Tag) ?? NetworkAddressOption.Dhcp(option.Tag),
            forwarding.option is not null && index == forwarding.index ? [.. forwards] : []))];
    }
}
