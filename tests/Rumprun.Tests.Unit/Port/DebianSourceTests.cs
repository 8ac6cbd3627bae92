using NUnit.Framework;
using Rumprun.Core;
using Rumprun.Port.Building;
using Rumprun.Port.Recipes;
using Rumprun.Port.Sources;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Port;

public sealed class DebianSourceTests
{
    [TestCase("zlib", "1:1.2.13.dfsg-1", "zlib_1.2.13.dfsg-1.dsc")]
    [TestCase("lua5.4", "5.4.4-3+deb12u1", "lua5.4_5.4.4-3+deb12u1.dsc")]
    public void The_dsc_file_name_drops_the_epoch(string package, string version, string expected) =>
        Assert.That(DebianFetcher.DscName(package, version), Is.EqualTo(expected));

    [Test]
    public void Listed_files_are_verified_by_size_and_sha256()
    {
        using var dir = new TempDirectory();
        var tarball = dir.File("demo_1.0.orig.tar.gz", "pretend archive");
        var digest = Checksums.Sha256File(tarball);
        var dsc = dir.File("demo_1.0-1.dsc", $"Format: 3.0 (quilt)\nSource: demo\nChecksums-Sha256:\n {digest} 15 demo_1.0.orig.tar.gz\nFiles:\n abc 15 demo_1.0.orig.tar.gz\n");

        var parsed = DscFile.Read(dsc);
        Assert.That(parsed.Files, Is.EqualTo(new[] { new DscFile.Entry(digest, 15, "demo_1.0.orig.tar.gz") }));
        Assert.DoesNotThrow(parsed.Verify);

        File.WriteAllText(tarball, "tampered archive");
        var error = Assert.Throws<RrException>(parsed.Verify);
        Assert.That(error!.Message, Does.Contain("does not match demo_1.0-1.dsc"));
    }

    [Test]
    public void A_file_without_checksums_is_not_a_dsc() =>
        Assert.That(Assert.Throws<RrException>(() => DscFile.Parse("Source: x\n", "x.dsc"))!.Message, Does.Contain("no Checksums-Sha256"));

    [Test]
    public void The_pinned_dsc_digest_is_enforced()
    {
        using var dir = new TempDirectory();
        var dsc = dir.File("demo_1.0-1.dsc", "Checksums-Sha256:\n" + new string('0', 64) + " 0 none\n");

        var error = Assert.Throws<RrException>(() => DebianFetcher.Verify(dsc, new string('1', 64)));

        Assert.That(error!.Message, Does.Contain("the recipe pins 1111"));
    }

    [Test]
    public void Without_deb_src_entries_fetching_says_how_to_enable_them()
    {
        using var dir = new TempDirectory();
        dir.File("apt/sources.list.d/debian.sources", "Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\n");
        var recipe = new PortRecipe("demo", "1", "s", new SourceSpec(Debian: "demo", DebianVersion: "1-1"), ["true"]) { Directory = dir.Path };

        var error = Assert.ThrowsAsync<RrException>(() =>
            new DebianFetcher(dir.Combine("apt")).FetchAsync(recipe, new WorkTree(dir.Combine("obj"), "demo"), CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("Debian source packages are not enabled"));
        Assert.That(error.Message, Does.Contain("rr-port enable-sources"));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void The_patch_series_keeps_levels_and_drops_comments()
    {
        var series = PatchSeries.Parse("# header\n01-a.patch\n02-b.patch -p0\n\n03-c.patch # why\n");

        Assert.That(series, Is.EqualTo(new[] { new PatchSeries.Entry("01-a.patch", 1), new PatchSeries.Entry("02-b.patch", 0), new PatchSeries.Entry("03-c.patch", 1) }));
        Assert.That(PatchSeries.Select(series, ["02-b.patch"], "series").Select(e => e.Name), Is.EqualTo(new[] { "01-a.patch", "03-c.patch" }));
    }

    [Test]
    public void Skipping_a_patch_the_series_does_not_list_is_an_error()
    {
        var error = Assert.Throws<RrException>(() => PatchSeries.Select([new PatchSeries.Entry("a.patch", 1)], ["typo.patch"], "debian/patches/series"));

        Assert.That(error!.Message, Does.Contain("typo.patch"));
    }
}
