using System.CommandLine;
using System.Runtime.Versioning;
using NUnit.Framework;
using Rumprun.Core.Run;
using Rumprun.Run;

namespace Rumprun.Tests.Unit.Run;

/// <summary>rr-run's -I, -W and --forward on the command line.</summary>
[SupportedOSPlatform("linux")]
public sealed class NetworkLaunchOptionTests
{
    private static RunRequest Parse(params string[] args)
    {
        var options = new LaunchOptions();
        var command = new Command("qemu");
        options.AddTo(command);
        var parse = command.Parse(args);
        if (parse.Errors.Count > 0)
            throw new AssertionException(parse.Errors[0].Message);
        return options.ToRequest(parse, Accelerator.Tcg);
    }

    [Test]
    public void The_options_are_repeatable_and_reach_the_request_in_order()
    {
        var request = Parse("-I", "net0,vioif", "-i", "-I", "lan,vioif,tap:tap0", "-W", "lan,inet,static,192.168.7.2/24,192.168.7.1",
            "--forward", "tcp:8080:80", "--forward", "udp:5353:53", "hello.bin");

        Assert.That(request.Networks.Select(n => n.Tag), Is.EqualTo(new[] { "net0", "lan" }));
        Assert.That(request.Networks[0].Address.Method, Is.EqualTo(NetworkMethod.Dhcp));
        Assert.That(request.Networks[1].Address.Gateway, Is.EqualTo("192.168.7.1"));
        Assert.That(request.Networks[0].Forwards, Is.EqualTo(new[] { PortForward.Parse("tcp:8080:80"), PortForward.Parse("udp:5353:53") }));
    }

    [Test]
    public void Without_i_there_are_no_interfaces()
    {
        Assert.That(Parse("hello.bin").Networks, Is.Empty);
    }

    [Test]
    public void Requests_with_different_interfaces_differ()
    {
        Assert.That(Parse("-I", "a,vioif", "hello.bin"), Is.Not.EqualTo(Parse("-I", "b,vioif", "hello.bin")));
        var same = Parse("-I", "a,vioif", "hello.bin");
        Assert.That(Parse("-I", "a,vioif,user", "hello.bin"), Is.EqualTo(same));
        Assert.That(Parse("-I", "a,vioif", "--forward", "tcp:1:2", "hello.bin"), Is.Not.EqualTo(Parse("-I", "a,vioif", "hello.bin")));
    }

    [Test]
    public void A_bad_value_is_a_usage_error_naming_it()
    {
        var e = Assert.Throws<RunException>(() => Parse("-I", "net0,vioif", "-W", "net0,inet,static,10.0.2.15/40", "hello.bin"))!;

        Assert.That(e.ExitCode, Is.EqualTo(RunExitCodes.Usage));
        Assert.That(e.Message, Is.EqualTo("-W net0,inet,static,10.0.2.15/40: '/40' is not a prefix length: give a number from 0 to 32"));
    }
}
