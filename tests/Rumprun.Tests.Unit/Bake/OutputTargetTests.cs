using NUnit.Framework;
using Rumprun.Bake.Engine;
using Rumprun.Core;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Bake;

public sealed class OutputTargetTests
{
    [Test]
    public void An_output_in_a_missing_directory_is_refused()
    {
        var error = Assert.Throws<RrException>(() => OutputTarget.Verify("/nonexistent-dir/out.bin"));

        Assert.That(error!.Message, Is.EqualTo("cannot write /nonexistent-dir/out.bin: directory /nonexistent-dir does not exist (create it first)"));
    }

    [Test]
    public void An_output_under_a_file_is_refused()
    {
        var error = Assert.Throws<RrException>(() => OutputTarget.Verify("/proc/version/out.bin"));

        Assert.That(error!.Message, Does.Contain("/proc/version is a file, not a directory"));
    }

    [Test]
    public void An_output_that_is_a_directory_is_refused()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<RrException>(() => OutputTarget.Verify(dir.Path));

        Assert.That(error!.Message, Does.Contain("is a directory"));
    }

    [Test]
    public void A_writable_directory_is_accepted_and_left_clean()
    {
        using var dir = new TempDirectory();

        OutputTarget.Verify(dir.Combine("out.bin"));

        Assert.That(Directory.EnumerateFileSystemEntries(dir.Path), Is.Empty);
    }
}
