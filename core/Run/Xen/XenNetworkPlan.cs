using System.Collections.Immutable;

namespace Rumprun.Core.Run;

/// <summary>Puts a Xen launch's <c>-I</c> and <c>-W</c> together, refusing what cannot work before a domain exists.</summary>
public static class XenNetworkPlan
{
    /// <exception cref="RunException">The options do not fit together; the exit status is the usage one.</exception>
    public static ImmutableArray<XenInterface> Resolve(
        IReadOnlyList<XenInterfaceOption> interfaces,
        IReadOnlyList<NetworkAddressOption> addresses)
    {
        if (interfaces.Count > NetworkPlan.MaximumInterfaces)
            throw RunException.Usage($"-I: {interfaces.Count} interfaces given; the guest can use at most {NetworkPlan.MaximumInterfaces}");
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in interfaces)
        {
            if (!tags.Add(option.Tag))
                throw RunException.Usage($"-I {option}: the tag {option.Tag} names another -I already: give each interface its own tag");
        }
        var byTag = new Dictionary<string, NetworkAddressOption>(StringComparer.Ordinal);
        foreach (var address in addresses)
        {
            if (!tags.Contains(address.Tag))
                throw RunException.Usage($"-W {address}: no -I has the tag {address.Tag}" +
                    (tags.Count == 0 ? ": add an interface, e.g. -I net0,xenif" : $" (tags: {string.Join(", ", interfaces.Select(i => i.Tag))})"));
            if (!byTag.TryAdd(address.Tag, address))
                throw RunException.Usage($"-W {address}: {address.Tag} is configured by another -W already: give one per interface");
        }
        return [.. interfaces.Select((option, index) =>
            new XenInterface(index, option, byTag.GetValueOrDefault(option.Tag) ?? NetworkAddressOption.Dhcp(option.Tag)))];
    }
}
