using System.Runtime.Versioning;
using NUnit.Framework;
using Rumprun.Core.Run;
using static Rumprun.Tests.Unit.Run.Xen.XenLaunchParsing;

namespace Rumprun.Tests.Unit.Run.Xen;

[SupportedOSPlatform("linux")]
public sealed class XenLaunchOptionsTests
{
    [Test]
    public void The_defaults_are_detached_64_MB_preserved_and_a_derived_unique_name()
    {
        var first = Parse("hello.bin");
        var second = Parse("hello.bin");

        Assert.Multiple(() =>
        {
            Assert.That(first.Attached, Is.False);
            Assert.That(first.Request.MemoryMegabytes, Is.EqualTo(64));
            Assert.That(first.DestroyOnHalt, Is.False);
            Assert.That(first.HaltAction, Is.EqualTo("preserve"));
            Assert.That(first.DomainName, Does.Match("^rr-hello-[0-9a-f]{6}$"));
            Assert.That(second.DomainName, Is.Not.EqualTo(first.DomainName));
            Assert.That(first.Request.Name, Is.EqualTo(first.DomainName));
        });
    }

    [Test]
    public void Every_option_reaches_the_launch()
    {
        var launch = Parse("-i", "-M", "128", "-e", "A=1", "-N", "web", "-d", "-I", "net0,xenif", "-I", "lan,xenif,br1",
            "-W", "lan,inet,static,10.1.0.2/24,10.1.0.1", "-b", "disk.img,/srv,ro", "app.bin", "--", "-v", "x y");

        Assert.Multiple(() =>
        {
            Assert.That(launch.Attached, Is.True);
            Assert.That(launch.Request.MemoryMegabytes, Is.EqualTo(128));
            Assert.That(launch.Request.Environment, Is.EqualTo(new[] { "A=1" }));
            Assert.That(launch.DomainName, Is.EqualTo("web"));
            Assert.That(launch.DestroyOnHalt, Is.True);
            Assert.That(launch.Request.Argv, Is.EqualTo(new[] { "app.bin", "-v", "x y" }));
            Assert.That(launch.Request.Blocks.Single(), Is.EqualTo(new BlockOption("disk.img", "/srv", ReadOnly: true)));
            Assert.That(launch.Interfaces.Select(i => (i.Tag, i.Option.Bridge, i.Mac)), Is.EqualTo(new[]
            {
                ("net0", "xenbr0", "52:54:00:72:72:01"),
                ("lan", "br1", "52:54:00:72:72:02"),
            }));
            Assert.That(launch.Interfaces[1].Address.Method, Is.EqualTo(NetworkMethod.Static));
        });
    }

    [Test]
    public void An_attached_run_preserves_the_domain_even_with_d_so_the_status_can_be_read()
    {
        Assert.That(Parse("-i", "-d", "a.bin").HaltAction, Is.EqualTo("preserve"));
        Assert.That(Parse("-d", "a.bin").HaltAction, Is.EqualTo("destroy"));
    }

    [Test]
    public void Derived_names_keep_only_plain_characters_and_stay_short()
    {
        var name = XenDomainName.Derive("/tmp/my app+v2.bin");
        var longName = XenDomainName.Derive(new string('x', 100) + ".bin");

        Assert.That(name, Does.Match("^rr-my_app_v2-[0-9a-f]{6}$"));
        Assert.That(longName.Length, Is.EqualTo(XenDomainName.MaximumLength));
        Assert.That(XenDomainName.IsValid(longName), Is.True);
    }

    [TestCase(new[] { "-N", "a b", "x.bin" }, "-N 'a b': not a usable domain name")]
    [TestCase(new[] { "-N", "-x", "x.bin" }, "-N '-x': not a usable domain name")]
    [TestCase(new[] { "-I", "net0,vioif", "x.bin" }, "-I net0,vioif: 'vioif' is not an interface base of Xen guests: use xenif")]
    [TestCase(new[] { "-I", "net0,xenif,br 0", "x.bin" }, "'br 0' is not a dom0 bridge name")]
    [TestCase(new[] { "-I", "net0", "x.bin" }, "-I net0: expected 2 or 3 comma-separated fields: use TAG,xenif[,BRIDGE]")]
    [TestCase(new[] { "-I", "a,xenif", "-I", "a,xenif,br1", "x.bin" }, "the tag a names another -I already")]
    [TestCase(new[] { "-W", "net0,inet,dhcp", "x.bin" }, "-W net0,inet,dhcp: no -I has the tag net0: add an interface, e.g. -I net0,xenif")]
    [TestCase(new[] { "-M", "1", "x.bin" }, "-M 1: the guest needs at least 2 MB")]
    [TestCase(new[] { "-e", "NOEQUALS", "x.bin" }, "-e NOEQUALS: an environment setting has the form VAR=VALUE")]
    public void Bad_values_are_refused_with_the_usage_status(string[] args, string message)
    {
        var e = Assert.Throws<RunException>(() => Parse(args))!;

        Assert.That(e.Message, Does.Contain(message));
        Assert.That(e.ExitCode, Is.EqualTo(RunExitCodes.Usage));
    }

    [TestCase("-g")]
    [TestCase("-D")]
    [TestCase("--forward")]
    public void QEMU_only_options_are_not_options_of_xen(string option)
    {
        var e = Assert.Throws<RunException>(() => Parse(option, "x", "a.bin"))!;

        Assert.That(e.Message, Is.EqualTo($"{option}: not an option of rr-run xen (rr-run xen --help lists them): give the image first"));
        Assert.That(e.ExitCode, Is.EqualTo(RunExitCodes.Usage));
    }
}
