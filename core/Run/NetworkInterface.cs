using System.Collections.Immutable;
using System.Globalization;

namespace Rumprun.Core.Run;

/// <summary>
/// One guest interface of a launch, resolved (contracts §9): the n-th <c>-I</c>, its address settings and,
/// on the first user-networking interface, the forwarded ports.
/// </summary>
/// <param name="Index">n: the position of its -I among all of them, from 0.</param>
/// <param name="Option">The -I value it comes from.</param>
/// <param name="Address">Its -W value, or dhcp.</param>
/// <param name="Forwards">--forward rules QEMU applies on this interface.</param>
public sealed record NetworkInterface(
    int Index,
    NetworkInterfaceOption Option,
    NetworkAddressOption Address,
    ImmutableArray<PortForward> Forwards = default)
{
    /// <summary>QEMU user networking's name server, which static guests on it are given.</summary>
    public const string UserNetworkDns = "10.0.2.3";

    public ImmutableArray<PortForward> Forwards { get; init; } = Forwards.IsDefault ? [] : Forwards;

    public string Tag => Option.Tag;

    /// <summary>52:54:00:72:72:&lt;n+1&gt;: QEMU's prefix, then "rr", then the interface's number.</summary>
    public string Mac => "52:54:00:72:72:" + (Index + 1).ToString("x2", CultureInfo.InvariantCulture);

    /// <summary>The guest's name for it: vioif0, vioif1, ... in -I order.</summary>
    public string GuestName => NetworkInterfaceOption.InterfaceBase + Index.ToString(CultureInfo.InvariantCulture);

    public bool Equals(NetworkInterface? other) =>
        other is not null && Index == other.Index && Option == other.Option && Address == other.Address
        && Forwards.SequenceEqual(other.Forwards);

    public override int GetHashCode() => HashCode.Combine(Index, Option, Address);

    /// <summary>The -netdev and -device arguments; virtio-net-pci on the pc and q35 machines, virtio-mmio otherwise.</summary>
    public IReadOnlyList<string> QemuArguments(bool pciMachine) =>
    [
        "-netdev", Option.Backend switch
        {
            NetworkBackend.Tap tap => $"tap,id={Tag},ifname={tap.Name},script=no,downscript=no",
            _ => string.Join(',', Forwards.Select(rule => rule.HostForwardRule(ForwardAddress)).Prepend($"user,id={Tag}")),
        },
        "-device", $"{(pciMachine ? "virtio-net-pci" : "virtio-net-device")},netdev={Tag},mac={Mac}",
    ];

    /// <summary>
    /// Where forwarded connections go: QEMU's default (the address its DHCP server hands out) unless the
    /// guest was given another one.
    /// </summary>
    private string? ForwardAddress => Address.Method == NetworkMethod.Static ? Address.Address : null;

    /// <summary>The guest configuration's entry for it.</summary>
    public GuestNetwork GuestEntry => Address.Method == NetworkMethod.Dhcp
        ? new GuestNetwork(Tag, Mac, NetworkMethod.Dhcp)
        : new GuestNetwork(Tag, Mac, NetworkMethod.Static, Address.Address, Address.Prefix, Address.Gateway,
            Option.Backend is NetworkBackend.User ? [UserNetworkDns] : []);
}
