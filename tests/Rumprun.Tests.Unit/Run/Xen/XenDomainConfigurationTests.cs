using System.Collections.Immutable;
using System.Runtime.Versioning;
using NUnit.Framework;
using Rumprun.Core.Run;
using static Rumprun.Tests.Unit.Run.Xen.XenLaunchParsing;

namespace Rumprun.Tests.Unit.Run.Xen;

[SupportedOSPlatform("linux")]
public sealed class XenDomainConfigurationTests
{
    /// <summary>The launch with its -b options resolved as drives of the given files, as rr-run does before writing the file.</summary>
    private static XenLaunch WithDrives(XenLaunch launch, params string[] images)
    {
        var drives = launch.Request.Blocks.Select((option, index) =>
            new BlockAttachment(index, option, images[index], option.MountPoint!, option.ReadOnly, BlockImageFormat.AsIs));
        return launch.WithRequest(launch.Request.WithDrives(drives));
    }

    [Test]
    public void An_attached_launch_is_a_preserved_pvh_domain_of_the_image()
    {
        var text = XenDomainConfiguration.Text(Parse("-i", "-N", "hello", "-M", "32", "/srv/img/hello.bin"));

        Assert.That(text, Is.EqualTo(
            "# rr-run xen hello.bin\n" +
            "name = \"hello\"\n" +
            "type = \"pvh\"\n" +
            "kernel = \"/srv/img/hello.bin\"\n" +
            "memory = 32\n" +
            "vcpus = 1\n" +
            "on_poweroff = \"preserve\"\n" +
            "on_crash = \"preserve\"\n" +
            "on_reboot = \"destroy\"\n"));
    }

    [Test]
    public void A_detached_launch_with_d_is_destroyed_by_xen_when_it_halts()
    {
        var text = XenDomainConfiguration.Text(Parse("-d", "-N", "bg", "/i/a.bin"));

        Assert.That(text, Does.Contain("on_poweroff = \"destroy\"\n").And.Contain("on_crash = \"destroy\"\n"));
    }

    [Test]
    public void The_image_path_is_made_absolute()
    {
        var text = XenDomainConfiguration.Text(Parse("-N", "a", "rel/a.bin"));

        Assert.That(text, Does.Contain($"kernel = \"{Path.GetFullPath("rel/a.bin")}\"\n"));
    }

    [Test]
    public void Disks_are_xvda_onwards_with_their_access_and_the_target_last()
    {
        var launch = WithDrives(Parse("-N", "d", "-b", "/d/one.img", "-b", "/d/two.iso,/iso,ro", "/i/a.bin"), "/d/one.img", "/d/two.iso");

        var text = XenDomainConfiguration.Text(launch);

        Assert.That(text, Does.Contain(
            "disk = [ 'format=raw, vdev=xvda, access=rw, target=/d/one.img', 'format=raw, vdev=xvdb, access=ro, target=/d/two.iso' ]\n"));
    }

    [Test]
    public void The_guest_mounts_name_the_vdevs()
    {
        var launch = WithDrives(Parse("-N", "d", "-b", "/d/one.img", "-b", "/d/two.iso,/iso,ro", "/i/a.bin"), "/d/one.img", "/d/two.iso");

        var configuration = launch.GuestConfiguration(ConsoleMode.Raw);

        Assert.That(configuration.Mounts, Is.EqualTo(new[]
        {
            new GuestMount("xvda", "/data", false, "auto", true),
            new GuestMount("xvdb", "/iso", true, "auto", true),
        }));
        Assert.That(configuration.ToJson(), Does.Contain("\"mounts\":[{\"device\":\"xvda\",\"path\":\"/data\""));
    }

    [Test]
    public void Interfaces_are_vifs_on_their_bridges_with_the_contract_macs()
    {
        var launch = Parse("-N", "n", "-I", "net0,xenif", "-I", "lan,xenif,br1", "-W", "lan,inet,static,10.1.0.2/24", "/i/a.bin");

        var text = XenDomainConfiguration.Text(launch);
        var json = launch.GuestConfiguration(ConsoleMode.Raw).ToJson();

        Assert.That(text, Does.Contain("vif = [ 'mac=52:54:00:72:72:01, bridge=xenbr0', 'mac=52:54:00:72:72:02, bridge=br1' ]\n"));
        Assert.That(json, Does.Contain(
            "\"net\":[{\"tag\":\"net0\",\"mac\":\"52:54:00:72:72:01\",\"method\":\"dhcp\"}," +
            "{\"tag\":\"lan\",\"mac\":\"52:54:00:72:72:02\",\"method\":\"static\",\"addr\":\"10.1.0.2\",\"prefix\":24}]"));
    }

    [Test]
    public void The_guest_configuration_is_the_one_qemu_launches_get()
    {
        var launch = Parse("-N", "c", "-e", "A=1", "/i/prog.bin", "--", "x y");
        var seed = ImmutableArray.Create<byte>(1, 2);

        var xen = launch.GuestConfiguration(ConsoleMode.Tty).WithSeed(seed).ToJson();
        var qemu = GuestConfiguration.For(launch.Request, ConsoleMode.Tty).WithSeed(seed).ToJson();

        Assert.That(xen, Is.EqualTo(qemu));
        Assert.That(xen, Does.StartWith("{\"cmdline\":\"prog.bin 'x y'\",\"env\":[\"A=1\"]"));
    }

    [TestCase("/tmp/it's.bin")]
    [TestCase("/tmp/a\"b.bin")]
    [TestCase("/tmp/back\\slash.bin")]
    public void Paths_xl_cannot_quote_are_refused(string image)
    {
        var e = Assert.Throws<RunException>(() => XenDomainConfiguration.Text(Parse("-N", "q", image)))!;

        Assert.That(e.Message, Does.Contain("which xl's configuration cannot hold"));
        Assert.That(e.ExitCode, Is.EqualTo(RunExitCodes.Usage));
    }
}
