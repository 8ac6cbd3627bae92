using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

/// <summary>The syntax of -I, -W and --forward values (contracts §9).</summary>
public sealed class NetworkOptionTests
{
    private static void AssertUsage(TestDelegate parse, string prefix, string message)
    {
        var e = Assert.Throws<RunException>(parse)!;
        Assert.That(e.ExitCode, Is.EqualTo(RunExitCodes.Usage));
        Assert.That(e.Message, Does.StartWith(prefix).And.Contain(message));
        Assert.That(e.Message, Does.Not.Contain('\n'));
    }

    [Test]
    public void An_interface_is_on_user_networking_unless_a_tap_is_named()
    {
        Assert.That(NetworkInterfaceOption.Parse("net0,vioif"), Is.EqualTo(new NetworkInterfaceOption("net0", new NetworkBackend.User())));
        Assert.That(NetworkInterfaceOption.Parse("net0,vioif,user"), Is.EqualTo(new NetworkInterfaceOption("net0", new NetworkBackend.User())));
        Assert.That(NetworkInterfaceOption.Parse("lan.2,vioif,tap:tap0"), Is.EqualTo(new NetworkInterfaceOption("lan.2", new NetworkBackend.Tap("tap0"))));
        Assert.That(NetworkInterfaceOption.Parse("lan,vioif,tap:tap0").ToString(), Is.EqualTo("lan,vioif,tap:tap0"));
        Assert.That(NetworkInterfaceOption.Parse("net0,vioif,user").ToString(), Is.EqualTo("net0,vioif"));
    }

    [TestCase("net0", "expected 2 or 3 comma-separated fields")]
    [TestCase("net0,vioif,user,x", "expected 2 or 3 comma-separated fields")]
    [TestCase("0net,vioif", "'0net' is not a usable tag")]
    [TestCase("a b,vioif", "'a b' is not a usable tag")]
    [TestCase("abcdefghijklmnopqrstuvwx,vioif", "is not a usable tag: give a letter, then letters, digits, '-', '.' or '_', at most 23 in all")]
    [TestCase(",vioif", "'' is not a usable tag")]
    [TestCase("net0,eth", "'eth' is not an interface base this platform has: use vioif")]
    [TestCase("net0,vioif,slirp", "'slirp' is not a backend: use user (QEMU's user networking) or tap:NAME")]
    [TestCase("net0,vioif,tap:", "'' is not a host interface name")]
    [TestCase("net0,vioif,tap:abcdefghijklmnop", "is not a host interface name: give 1 to 15")]
    [TestCase("net0,vioif,tap:a/b", "'a/b' is not a host interface name")]
    public void Bad_interfaces_are_refused(string text, string message)
    {
        AssertUsage(() => NetworkInterfaceOption.Parse(text), $"-I {text}: ", message);
    }

    [Test]
    public void Addresses_are_dhcp_or_static_with_an_optional_gateway()
    {
        Assert.That(NetworkAddressOption.Parse("net0,inet,dhcp"), Is.EqualTo(NetworkAddressOption.Dhcp("net0")));
        Assert.That(NetworkAddressOption.Parse("net0,inet,static,10.0.2.15/24,10.0.2.2"),
            Is.EqualTo(new NetworkAddressOption("net0", NetworkMethod.Static, "10.0.2.15", 24, "10.0.2.2")));
        Assert.That(NetworkAddressOption.Parse("n,inet,static,192.168.1.7/32"),
            Is.EqualTo(new NetworkAddressOption("n", NetworkMethod.Static, "192.168.1.7", 32)));
        Assert.That(NetworkAddressOption.Parse("n,inet,static,0.0.0.0/0").Prefix, Is.Zero);
        Assert.That(NetworkAddressOption.Parse("net0,inet,static,10.0.2.15/24,10.0.2.2").ToString(), Is.EqualTo("net0,inet,static,10.0.2.15/24,10.0.2.2"));
    }

    [TestCase("net0,inet", "expected at least 3 comma-separated fields")]
    [TestCase("9,inet,dhcp", "'9' is not a usable tag")]
    [TestCase("net0,inet6,dhcp", "'inet6' is not an address family this platform configures: use inet (IPv4)")]
    [TestCase("net0,inet,bootp", "'bootp' is not a method: use dhcp or static")]
    [TestCase("net0,inet,dhcp,10.0.2.15/24", "dhcp takes no address")]
    [TestCase("net0,inet,static", "static needs ADDR/PREFIX")]
    [TestCase("net0,inet,static,10.0.2.15/24,10.0.2.2,x", "static needs ADDR/PREFIX")]
    [TestCase("net0,inet,static,10.0.2.15", "has no prefix length: write the address as ADDR/PREFIX")]
    [TestCase("net0,inet,static,10.0.2/24", "'10.0.2' is not an IPv4 address")]
    [TestCase("net0,inet,static,10.0.2.256/24", "'10.0.2.256' is not an IPv4 address")]
    [TestCase("net0,inet,static,10.0.02.15/24", "'10.0.02.15' is not an IPv4 address")]
    [TestCase("net0,inet,static,host.lan/24", "'host.lan' is not an IPv4 address")]
    [TestCase("net0,inet,static,10.0.2.15/33", "'/33' is not a prefix length: give a number from 0 to 32")]
    [TestCase("net0,inet,static,10.0.2.15/024", "'/024' is not a prefix length")]
    [TestCase("net0,inet,static,10.0.2.15/", "'/' is not a prefix length")]
    [TestCase("net0,inet,static,10.0.2.15/-1", "'/-1' is not a prefix length")]
    [TestCase("net0,inet,static,10.0.2.15/24,10.0.2", "gateway '10.0.2' is not an IPv4 address")]
    [TestCase("net0,inet,static,10.0.2.15/24,10.0.3.2", "gateway 10.0.3.2 is not another address of 10.0.2.0/24")]
    [TestCase("net0,inet,static,10.0.2.15/24,10.0.2.15", "gateway 10.0.2.15 is not another address of 10.0.2.0/24")]
    public void Bad_addresses_are_refused(string text, string message)
    {
        AssertUsage(() => NetworkAddressOption.Parse(text), $"-W {text}: ", message);
    }

    [Test]
    public void Forwards_name_a_protocol_and_two_ports()
    {
        Assert.That(PortForward.Parse("tcp:8080:80"), Is.EqualTo(new PortForward(ForwardProtocol.Tcp, 8080, 80)));
        Assert.That(PortForward.Parse("udp:1:65535"), Is.EqualTo(new PortForward(ForwardProtocol.Udp, 1, 65535)));
        Assert.That(PortForward.Parse("tcp:8080:80").ToString(), Is.EqualTo("tcp:8080:80"));
        Assert.That(PortForward.Parse("tcp:8080:80").HostForwardRule(null), Is.EqualTo("hostfwd=tcp:127.0.0.1:8080-:80"));
        Assert.That(PortForward.Parse("udp:53:5353").HostForwardRule("10.0.2.20"), Is.EqualTo("hostfwd=udp:127.0.0.1:53-10.0.2.20:5353"));
    }

    [TestCase("tcp:8080", "expected three fields separated by ':'")]
    [TestCase("tcp:1:2:3", "expected three fields separated by ':'")]
    [TestCase("sctp:1:2", "'sctp' is not a protocol")]
    [TestCase("TCP:1:2", "'TCP' is not a protocol")]
    [TestCase("tcp:0:80", "host port '0' is out of range: give a number from 1 to 65535")]
    [TestCase("tcp:65536:80", "host port '65536' is out of range")]
    [TestCase("tcp:8080:99999999999", "guest port '99999999999' is out of range")]
    [TestCase("tcp:+80:80", "host port '+80' is out of range")]
    [TestCase("udp:80:", "guest port '' is out of range")]
    public void Bad_forwards_are_refused(string text, string message)
    {
        AssertUsage(() => PortForward.Parse(text), $"--forward {text}: ", message);
    }

    [TestCase("10.0.2.15", 0x0a00020fu)]
    [TestCase("0.0.0.0", 0u)]
    [TestCase("255.255.255.255", 0xffffffffu)]
    public void Dotted_quads_are_read_exactly(string text, uint value)
    {
        Assert.That(Ipv4Text.Parse(text), Is.EqualTo(value));
        Assert.That(Ipv4Text.Format(value), Is.EqualTo(text));
    }

    [TestCase("1.2.3")]
    [TestCase("1.2.3.4.5")]
    [TestCase("01.2.3.4")]
    [TestCase("1.2.3.4 ")]
    [TestCase("0x1.2.3.4")]
    [TestCase("")]
    public void Other_address_texts_are_not_addresses(string text)
    {
        Assert.That(Ipv4Text.Parse(text), Is.Null);
    }
}
