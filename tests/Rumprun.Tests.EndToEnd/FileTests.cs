using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;

namespace Rumprun.Tests.EndToEnd;

public sealed class FileTests
{
    /// <summary>What tests/guests/urandom.c prints on any configuration.</summary>
    internal const string UrandomOutput =
        "getrandom=16\n" +
        "urandom read=16\n" +
        "differ=1\n" +
        "null write=1\n" +
        "zero read=8 first=0\n" +
        "sysname=Linux machine=x86_64\n" +
        "slept_at_least_50ms=1\n" +
        "realtime_after_2020=1\n";

    [Test]
    public async Task A_file_written_under_tmp_reads_back_lists_and_unlinks()
    {
        var run = await Guest.RunGuestAsync("tmp_files");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(
            "size=21 regular=1\n" +
            "read: line 1\n" +
            "read: line 2\n" +
            "read: line 3\n" +
            "entry: notes.txt\n" +
            "after unlink: gone\n"), run.ToString());
    }

    [Test]
    public async Task Devices_randomness_identity_and_clocks_behave_as_on_linux()
    {
        var run = await Guest.RunGuestAsync("urandom");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(UrandomOutput), run.ToString());
    }
}
