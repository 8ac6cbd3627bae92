using NUnit.Framework;
using Rumprun.Port.Building;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Port;

public sealed class StepRunnerTests
{
    [Test]
    public async Task Output_goes_to_the_log_not_the_terminal()
    {
        using var dir = new TempDirectory();
        var log = dir.Combine("logs", "build.log");

        await StepRunner.RunAsync(StepRequest.Shell("demo: build", "echo to-stdout; echo to-stderr >&2", dir.Path, log), CancellationToken.None);

        var text = File.ReadAllText(log);
        Assert.That(text, Does.Contain("to-stdout").And.Contain("to-stderr"));
        Assert.That(text, Does.StartWith("$ cd "));
    }

    [Test]
    public void A_failed_step_names_itself_its_status_and_its_log()
    {
        using var dir = new TempDirectory();
        var log = dir.Combine("logs", "build.log");

        var error = Assert.ThrowsAsync<StepFailedException>(() =>
            StepRunner.RunAsync(StepRequest.Shell("demo: build step 1/1: make", "echo compiling; echo 'x.c:1: error: boom' >&2; exit 3", dir.Path, log), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Status, Is.EqualTo(3));
            Assert.That(error.Message, Is.EqualTo($"demo: build step 1/1: make failed with status 3 (last lines above; full log: {log})"));
            Assert.That(StepRunner.Tail(log), Does.Contain("x.c:1: error: boom"));
        });
    }

    [Test]
    public void The_tail_is_the_last_lines()
    {
        using var dir = new TempDirectory();
        var log = dir.File("l.log", string.Join("\n", Enumerable.Range(1, 50)) + "\n");

        Assert.That(StepRunner.Tail(log, 3), Is.EqualTo(new[] { "48", "49", "50" }));
        Assert.That(StepRunner.Tail(dir.Combine("missing.log")), Is.Empty);
    }

    [Test]
    public void Stamps_match_only_the_digest_they_hold()
    {
        using var dir = new TempDirectory();
        var stamp = dir.Combine("stamps", "target.built");
        var digest = Stamp.Digest(["a", "b"]);

        Assert.That(Stamp.Matches(stamp, digest), Is.False);
        Stamp.Write(stamp, digest);
        Assert.That(Stamp.Matches(stamp, digest), Is.True);
        Assert.That(Stamp.Matches(stamp, Stamp.Digest(["a", "c"])), Is.False);
        Assert.That(Stamp.Digest(["ab", ""]), Is.Not.EqualTo(Stamp.Digest(["a", "b"])));
        Stamp.Remove(stamp);
        Stamp.Remove(stamp);
        Assert.That(File.Exists(stamp), Is.False);
    }

    [Test]
    public void Native_and_target_flavours_give_recipes_the_same_variables()
    {
        var layout = new Rumprun.Core.Toolchain.InstallLayout("/opt/rr");
        var target = BuildFlavour.Target(layout).Variables(layout.BinDir, 3);
        var native = BuildFlavour.Native("/obj/ports/.native-prefix").Variables(layout.BinDir, 3);

        Assert.Multiple(() =>
        {
            Assert.That(target["CC"], Is.EqualTo("x86_64-rumprun-netbsd-gcc"));
            Assert.That(target["HOST"], Is.EqualTo("x86_64-rumprun-netbsd"));
            Assert.That(target["PREFIX"], Is.EqualTo("/opt/rr/x86_64-rumprun-netbsd"));
            Assert.That(target["CONFIG_SITE"], Is.EqualTo("/opt/rr/share/rumprun/config.site"));
            Assert.That(target["JOBS"], Is.EqualTo("3"));
            Assert.That(target["PATH"], Does.StartWith("/opt/rr/bin:"));
            Assert.That(target["CFLAGS"], Is.Null, "a user's CFLAGS must not leak into a port build");
            Assert.That(native["CC"], Is.EqualTo("musl-gcc -static"));
            Assert.That(target["BUILD_CC"], Is.EqualTo("musl-gcc -static"), "configure probes that run are built for the host");
            Assert.That(native["BUILD_CC"], Is.EqualTo("musl-gcc -static"));
            Assert.That(native["PREFIX"], Is.EqualTo("/obj/ports/.native-prefix"));
            Assert.That(native["CONFIG_SITE"], Is.Null);
            Assert.That(native["LDFLAGS"], Is.EqualTo("-L/obj/ports/.native-prefix/lib"));
            Assert.That(native.Keys, Is.SupersetOf(target.Keys.Where(k => k != "PKG_CONFIG")));
        });
    }
}
