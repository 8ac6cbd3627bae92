using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>The same source built natively against static musl and as a unikernel must behave the same.</summary>
public sealed class DifferentialTests
{
    [TestCase("compute", "2000")]
    [TestCase("echo_args", "a", "b c")]
    [TestCase("tmp_files")]
    public async Task The_unikernel_prints_the_same_bytes_and_status_as_the_native_static_musl_build(string name, params string[] args)
    {
        var native = Path.Combine(Guests.WorkDirectory, name + ".native");
        var cc = await Shell.RunAsync("musl-gcc", ["-static", "-O2", "-o", native, Path.Combine(RepoPaths.Guests, name + ".c"), "-lm"]);
        Assert.That(cc.ExitCode, Is.Zero, cc.ToString());
        var image = await Guests.ImageAsync(name);

        var expected = await Shell.RunAsync(native, args);
        var actual = await Guest.RunAsync(image, args);

        // argv[0] differs by nature (host path vs image name); compare the rest.
        string Normalise(string s, string argv0) => s.Replace($"argv[0]=[{argv0}]", "argv[0]=[PROGRAM]");
        Assert.That(Normalise(actual.StandardOutput, Path.GetFileName(image)), Is.EqualTo(Normalise(expected.StandardOutput, native)));
        Assert.That(actual.ExitCode, Is.EqualTo(expected.ExitCode), actual.ToString());
    }
}
