using System.Text.Json;
using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

/// <summary>-I, -W and --forward together: interfaces, MACs, QEMU arguments and the guest's net entries.</summary>
public sealed class NetworkPlanTests
{
    private static NetworkInterfaceOption I(string text) => NetworkInterfaceOption.Parse(text);

    private static NetworkAddressOption W(string text) => NetworkAddressOption.Parse(text);

    private static PortForward F(string text) => PortForward.Parse(text);

    private static string Refusal(NetworkInterfaceOption[] interfaces, NetworkAddressOption[] addresses, PortForward[] forwards)
    {
        var e = Assert.Throws<RunException>(() => NetworkPlan.Resolve(interfaces, addresses, forwards))!;
        Assert.That(e.ExitCode, Is.EqualTo(RunExitCodes.Usage));
        return e.Message;
    }

    [Test]
    public void Interfaces_keep_their_order_and_get_numbered_macs_and_names()
    {
        var plan = NetworkPlan.Resolve([I("net0,vioif"), I("lan,vioif,tap:tap3")], [W("lan,inet,static,192.168.7.2/24")], []);

        Assert.That(plan.Select(n => (n.Index, n.Tag, n.Mac, n.GuestName)), Is.EqualTo(new[]
        {
            (0, "net0", "52:54:00:72:72:01", "vioif0"),
            (1, "lan", "52:54:00:72:72:02", "vioif1"),
        }));
        Assert.That(plan[0].Address, Is.EqualTo(NetworkAddressOption.Dhcp("net0")));
        Assert.That(plan[1].Address.Address, Is.EqualTo("192.168.7.2"));
    }

    [Test]
    public void Forwards_go_to_the_first_user_networking_interface()
    {
        var plan = NetworkPlan.Resolve([I("lan,vioif,tap:tap3"), I("a,vioif"), I("b,vioif")], [], [F("tcp:8080:80"), F("udp:8080:53")]);

        Assert.That(plan[0].Forwards, Is.Empty);
        Assert.That(plan[1].Forwards, Is.EqualTo(new[] { F("tcp:8080:80"), F("udp:8080:53") }));
        Assert.That(plan[2].Forwards, Is.Empty);
    }

    [Test]
    public void Qemu_gets_a_netdev_and_a_virtio_net_device_per_interface()
    {
        var plan = NetworkPlan.Resolve([I("net0,vioif"), I("lan,vioif,tap:tap3")], [], [F("tcp:8080:80"), F("udp:5353:53")]);

        Assert.That(plan[0].QemuArguments(pciMachine: false), Is.EqualTo(new[]
        {
            "-netdev", "user,id=net0,hostfwd=tcp:127.0.0.1:8080-:80,hostfwd=udp:127.0.0.1:5353-:53",
            "-device", "virtio-net-device,netdev=net0,mac=52:54:00:72:72:01",
        }));
        Assert.That(plan[1].QemuArguments(pciMachine: true), Is.EqualTo(new[]
        {
            "-netdev", "tap,id=lan,ifname=tap3,script=no,downscript=no",
            "-device", "virtio-net-pci,netdev=lan,mac=52:54:00:72:72:02",
        }));
    }

    [Test]
    public void A_static_guest_on_user_networking_is_forwarded_to_its_own_address()
    {
        var plan = NetworkPlan.Resolve([I("net0,vioif")], [W("net0,inet,static,10.0.2.20/24,10.0.2.2")], [F("tcp:8080:80")]);

        Assert.That(plan[0].QemuArguments(false)[1], Is.EqualTo("user,id=net0,hostfwd=tcp:127.0.0.1:8080-10.0.2.20:80"));
    }

    [Test]
    public void The_guest_configuration_lists_each_interface_in_net()
    {
        var plan = NetworkPlan.Resolve(
            [I("net0,vioif"), I("net1,vioif"), I("lan,vioif,tap:t0")],
            [W("net1,inet,static,10.0.2.15/24,10.0.2.2"), W("lan,inet,static,192.168.7.2/24")],
            []);
        var request = RunRequest.For(Accelerator.Tcg, "a.bin").WithNetworks(plan);

        var json = GuestConfiguration.For(request, ConsoleMode.Raw).ToJson();

        var net = JsonDocument.Parse(json).RootElement.GetProperty("net").GetRawText();
        Assert.That(net, Is.EqualTo(
            """[{"tag":"net0","mac":"52:54:00:72:72:01","method":"dhcp"},""" +
            """{"tag":"net1","mac":"52:54:00:72:72:02","method":"static","addr":"10.0.2.15","prefix":24,"gateway":"10.0.2.2","dns":["10.0.2.3"]},""" +
            """{"tag":"lan","mac":"52:54:00:72:72:03","method":"static","addr":"192.168.7.2","prefix":24}]"""));
    }

    [Test]
    public void Without_interfaces_the_configuration_has_no_net_key_and_qemu_no_network()
    {
        var request = RunRequest.For(Accelerator.Tcg, "a.bin");

        Assert.That(JsonDocument.Parse(GuestConfiguration.For(request, ConsoleMode.Raw).ToJson()).RootElement.TryGetProperty("net", out _), Is.False);
        Assert.That(QemuCommandLine.Build(request, "{}", new QemuConsole.Stdio(), "/tmp/c"), Has.None.StartsWith("-netdev"));
    }

    [Test]
    public void Qemu_line_places_the_interfaces_after_the_drives_and_picks_pci_on_pc()
    {
        var request = RunRequest.For(Accelerator.Tcg, "a.bin")
            .WithNetworks(NetworkPlan.Resolve([I("net0,vioif")], [], []))
            .WithHypervisorArguments("-M", "q35");

        var args = QemuCommandLine.Build(request, "{}", new QemuConsole.Stdio(), "/tmp/c");

        Assert.That(string.Join(' ', args), Does.Contain("-netdev user,id=net0 -device virtio-net-pci,netdev=net0,mac=52:54:00:72:72:01 -M q35"));
    }

    [Test]
    public void A_tag_given_twice_is_refused()
    {
        Assert.That(Refusal([I("net0,vioif"), I("net0,vioif,tap:t")], [], []),
            Is.EqualTo("-I net0,vioif,tap:t: the tag net0 names another -I already: give each interface its own tag"));
    }

    [Test]
    public void A_tap_given_twice_is_refused()
    {
        Assert.That(Refusal([I("a,vioif,tap:t"), I("b,vioif,tap:t")], [], []),
            Is.EqualTo("-I b,vioif,tap:t: tap t is used by another -I already: give each interface its own tap"));
    }

    [Test]
    public void A_w_for_an_unknown_tag_is_refused()
    {
        Assert.That(Refusal([I("net0,vioif"), I("lan,vioif")], [W("wan,inet,dhcp")], []),
            Is.EqualTo("-W wan,inet,dhcp: no -I has the tag wan (tags: net0, lan)"));
        Assert.That(Refusal([], [W("net0,inet,dhcp")], []),
            Is.EqualTo("-W net0,inet,dhcp: no -I has the tag net0: add an interface, e.g. -I net0,vioif"));
    }

    [Test]
    public void Two_ws_for_one_interface_are_refused()
    {
        Assert.That(Refusal([I("net0,vioif")], [W("net0,inet,dhcp"), W("net0,inet,static,10.0.2.9/24")], []),
            Is.EqualTo("-W net0,inet,static,10.0.2.9/24: net0 is configured by another -W already: give one per interface"));
    }

    [Test]
    public void A_host_port_forwarded_twice_is_refused_but_tcp_and_udp_may_share_it()
    {
        Assert.That(Refusal([I("net0,vioif")], [], [F("tcp:8080:80"), F("tcp:8080:81")]),
            Is.EqualTo("--forward tcp:8080:81: host port tcp:8080 is forwarded twice: give each host port once"));
        Assert.That(NetworkPlan.Resolve([I("net0,vioif")], [], [F("tcp:53:53"), F("udp:53:53")])[0].Forwards, Has.Length.EqualTo(2));
    }

    [Test]
    public void Forwards_without_user_networking_are_refused()
    {
        Assert.That(Refusal([I("lan,vioif,tap:t")], [], [F("tcp:8080:80")]),
            Is.EqualTo("--forward tcp:8080:80: ports are forwarded by QEMU's user networking, and no -I uses it: add one, e.g. -I net0,vioif"));
    }

    [Test]
    public void More_interfaces_than_the_guest_holds_are_refused()
    {
        var nine = Enumerable.Range(0, 9).Select(i => I($"n{i},vioif")).ToArray();

        Assert.That(Refusal(nine, [], []), Is.EqualTo("-I: 9 interfaces given; the guest can use at most 8"));
        Assert.That(NetworkPlan.Resolve(nine[..8], [], []).Last().Mac, Is.EqualTo("52:54:00:72:72:08"));
    }
}
