using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

public sealed class HelloTests
{
    [Test]
    public async Task The_hello_example_prints_both_lines_sleeps_three_seconds_and_exits_0()
    {
        var program = Path.Combine(Guests.WorkDirectory, "hello");
        var compile = await Shell.RunAsync(Guests.Tuple + "-gcc", ["-o", program, Path.Combine(RepoPaths.Examples, "hello.c")]);
        Assert.That(compile.ExitCode, Is.Zero, compile.ToString());
        var image = program + ".bin";
        var bake = await Shell.RunAsync("rr-bake", ["hw_generic", image, program]);
        Assert.That(bake.ExitCode, Is.Zero, bake.ToString());

        var run = await Guest.RunAsync(image);

        Assert.Multiple(() =>
        {
            Assert.That(run.StandardOutput, Is.EqualTo("Hello!\nGoodbye!\n"), run.ToString());
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Duration, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(3)), "sleep(3) returned early");
            Assert.That(run.Duration, Is.LessThan(TimeSpan.FromSeconds(30)), "sleep(3) took far too long");
        });
    }
}
