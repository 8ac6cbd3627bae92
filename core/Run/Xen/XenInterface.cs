using System.Globalization;

namespace Rumprun.Core.Run;

/// <summary>
/// One guest interface of a Xen launch, resolved: the n-th <c>-I</c>, with the MAC contracts §9 gives the
/// n-th interface, so the guest's configuration matches it as under QEMU.
/// </summary>
public sealed record XenInterface(int Index, XenInterfaceOption Option, NetworkAddressOption Address)
{
    public string Tag => Option.Tag;

    public string Mac => "52:54:00:72:72:" + (Index + 1).ToString("x2", CultureInfo.InvariantCulture);

    /// <summary>The interface's entry in xl's <c>vif = [...]</c>.</summary>
    public string Specification => $"mac={Mac}, bridge={Option.Bridge}";

    /// <summary>The guest configuration's entry; a static address names no DNS server (the dom0's network is not known).</summary>
    public GuestNetwork GuestEntry => Address.Method == NetworkMethod.Dhcp
        ? new GuestNetwork(Tag, Mac, NetworkMethod.Dhcp)
        : new GuestNetwork(Tag, Mac, NetworkMethod.Static, Address.Address, Address.Prefix, Address.Gateway);
}
