using System.Runtime.Versioning;
using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

/// <summary>The checks that keep QEMU from starting on a tap it cannot open.</summary>
[SupportedOSPlatform("linux")]
public sealed class NetworkTapAccessTests
{
    private string root = "";
    private string clone = "";
    private string interfaces = "";

    private static readonly NetworkBackend.Tap Tap = new("tap5");
    private static readonly NetworkInterface Network = new(0, new NetworkInterfaceOption("lan", Tap), NetworkAddressOption.Dhcp("lan"));

    [SetUp]
    public void MakeFakeSystem()
    {
        root = Directory.CreateTempSubdirectory("rr-tap-").FullName;
        clone = Path.Combine(root, "tun");
        File.WriteAllText(clone, "");
        interfaces = Path.Combine(root, "net");
        Directory.CreateDirectory(interfaces);
    }

    [TearDown]
    public void RemoveFakeSystem() => Directory.Delete(root, recursive: true);

    private void AddTap(string owner)
    {
        var device = Directory.CreateDirectory(Path.Combine(interfaces, Tap.Name)).FullName;
        File.WriteAllText(Path.Combine(device, "tun_flags"), "0x1002\n");
        File.WriteAllText(Path.Combine(device, "owner"), owner + "\n");
    }

    private string Refusal(uint user)
    {
        var e = Assert.Throws<RunException>(() => TapAccess.Check(Network, Tap, clone, interfaces, user))!;
        Assert.That(e.ExitCode, Is.EqualTo(RunExitCodes.Usage));
        return e.Message;
    }

    [Test]
    public void Without_the_clone_device_nothing_starts()
    {
        File.Delete(clone);

        Assert.That(Refusal(0), Is.EqualTo($"-I lan,vioif,tap:tap5: tap tap5: {clone} does not exist: load the tun module (modprobe tun) or use the user backend"));
    }

    [Test]
    public void Root_may_use_any_tap_qemu_creates_it()
    {
        Assert.DoesNotThrow(() => TapAccess.Check(Network, Tap, clone, interfaces, 0));
    }

    [Test]
    public void A_user_needs_an_existing_tap_of_their_own()
    {
        Assert.That(Refusal(1000), Is.EqualTo("-I lan,vioif,tap:tap5: tap tap5 does not exist and only root may create one: " +
            "create it with 'ip tuntap add dev tap5 mode tap user 1000' (as root)"));
        AddTap("1001");
        Assert.That(Refusal(1000), Does.Contain("tap tap5 belongs to user 1001, not to you"));
    }

    [Test]
    public void A_user_may_use_their_own_tap_or_one_without_owner()
    {
        AddTap("1000");
        Assert.DoesNotThrow(() => TapAccess.Check(Network, Tap, clone, interfaces, 1000));
        File.WriteAllText(Path.Combine(interfaces, Tap.Name, "owner"), "-1\n");
        Assert.DoesNotThrow(() => TapAccess.Check(Network, Tap, clone, interfaces, 1000));
    }

    [Test]
    public void An_interface_that_is_not_a_tap_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(interfaces, Tap.Name));

        Assert.That(Refusal(1000), Does.Contain("tap tap5 is not a tap device"));
    }
}
