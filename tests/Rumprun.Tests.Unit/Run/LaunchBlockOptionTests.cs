using System.CommandLine;
using System.Runtime.Versioning;
using NUnit.Framework;
using Rumprun.Core.Run;
using Rumprun.Run;

namespace Rumprun.Tests.Unit.Run;

/// <summary>rr-run's -b on the command line: repeatable, in order, defaults filled in, refusals with the usage status.</summary>
[SupportedOSPlatform("linux")]
public sealed class LaunchBlockOptionTests
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
    public void B_is_repeatable_and_keeps_its_order()
    {
        var request = Parse("-b", "a.img", "-b", "tree,/srv,ext2=8M", "-i", "-b", "b.iso,ro", "hello.bin");

        Assert.That(request.Blocks, Is.EqualTo(new[]
        {
            new BlockOption("a.img", "/data"),
            new BlockOption("tree", "/srv", Ext2: true, Ext2Bytes: 8L << 20),
            new BlockOption("b.iso", "/data1", ReadOnly: true),
        }));
    }

    [Test]
    public void Without_b_there_are_no_blocks()
    {
        Assert.That(Parse("hello.bin").Blocks, Is.Empty);
        Assert.That(Parse("hello.bin"), Is.EqualTo(RunRequest.For(Accelerator.Tcg, "hello.bin")));
    }

    [Test]
    public void A_bad_b_is_a_usage_error()
    {
        var e = Assert.Throws<RunException>(() => Parse("-b", "a.img,/x,/y", "hello.bin"))!;

        Assert.That(e.ExitCode, Is.EqualTo(RunExitCodes.Usage));
        Assert.That(e.Message, Is.EqualTo("-b a.img,/x,/y: two mount points (/x and /y): give one"));
    }

    [Test]
    public void Requests_with_different_blocks_differ()
    {
        Assert.That(Parse("-b", "a", "hello.bin"), Is.Not.EqualTo(Parse("-b", "a,ro", "hello.bin")));
    }
}
