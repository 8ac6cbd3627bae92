using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>The file calls of the in-memory root behave as on Linux.</summary>
public sealed class FileSystemCallTests
{
    /// <summary>
    /// Builds tests/guests/NAME.c natively (static musl) and as a unikernel, runs both and
    /// requires the same output and status: the same comparison as DifferentialTests.
    /// </summary>
    internal static async Task AssertSameAsNativeAsync(string name, params string[] args)
    {
        var native = Path.Combine(Guests.WorkDirectory, name + ".native");
        var cc = await Shell.RunAsync("musl-gcc", ["-static", "-O2", "-o", native, Path.Combine(RepoPaths.Guests, name + ".c"), "-lm"]);
        Assert.That(cc.ExitCode, Is.Zero, cc.ToString());
        var image = await Guests.ImageAsync(name);

        var expected = await Shell.RunAsync(native, args);
        var actual = await Guest.RunAsync(image, args);

        Assert.That(actual.StandardOutput, Is.EqualTo(expected.StandardOutput), actual.ToString());
        Assert.That(actual.ExitCode, Is.EqualTo(expected.ExitCode), actual.ToString());
    }

    [Test]
    public Task Open_flags_names_links_attributes_times_sizes_and_descriptors_match_linux() =>
        AssertSameAsNativeAsync("files_ops");

    [Test]
    public async Task The_user_and_group_databases_come_from_the_generated_etc_files()
    {
        var run = await Guest.RunGuestAsync("files_etc");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(
            "getpwuid(0): root uid 0 gid 0 home /root shell /bin/sh\n" +
            "getpwnam(root): /root\n" +
            "getpwnam(nobody): uid 65534 gid 65534\n" +
            "getgrgid(0): root\n" +
            "getgrnam(root): 0\n" +
            "getgrnam(nogroup): 65534\n" +
            "gethostname: rumprun\n"), run.ToString());
    }
}
