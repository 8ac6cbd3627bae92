using NUnit.Framework;
using Rumprun.Core;
using Rumprun.Port.Building;
using Rumprun.Port.Recipes;
using Rumprun.Port.Sources;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Port;

public sealed class UpstreamSourceTests
{
    /// <summary>A tar.gz made by the host's tar, with an executable script and a link, under one top folder.</summary>
    private static async Task<string> MakeArchiveAsync(TempDirectory dir)
    {
        dir.File("demo-1.0/configure", "#!/bin/sh\necho configured\n");
        File.SetUnixFileMode(dir.Combine("demo-1.0", "configure"), (UnixFileMode)Convert.ToInt32("755", 8));
        dir.File("demo-1.0/src/main.c", "int main(void) { return 0; }\n");
        File.CreateSymbolicLink(dir.Combine("demo-1.0", "link.c"), "src/main.c");
        var archive = dir.Combine("demo-1.0.tar.gz");
        var tar = await Rumprun.Core.Processes.ProcessRunner.RunAsync(
            new Rumprun.Core.Processes.ProcessSpec("tar", ["-czf", archive, "-C", dir.Path, "demo-1.0"]));
        Assert.That(tar.ExitCode, Is.Zero, tar.CombinedOutput);
        return archive;
    }

    [Test]
    public async Task Archives_unpack_without_their_top_folder_keeping_modes_and_links()
    {
        using var dir = new TempDirectory();
        var archive = await MakeArchiveAsync(dir);

        ArchiveUnpacker.Unpack(archive, dir.Combine("out"));

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(dir.Combine("out", "src", "main.c")), Does.Contain("int main"));
            Assert.That(File.GetUnixFileMode(dir.Combine("out", "configure")) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));
            Assert.That(new FileInfo(dir.Combine("out", "link.c")).LinkTarget, Is.EqualTo("src/main.c"));
        });
    }

    [Test]
    public void A_file_that_is_not_an_archive_is_one_clear_error()
    {
        using var dir = new TempDirectory();
        var bogus = dir.File("bogus.tar.gz", "this is not an archive at all");

        var error = Assert.Throws<RrException>(() => ArchiveUnpacker.Unpack(bogus, dir.Combine("out")));

        Assert.That(error!.Message, Does.Contain("cannot be unpacked"));
    }

    [Test]
    public async Task A_file_url_is_fetched_once_and_checked_against_its_digest()
    {
        using var dir = new TempDirectory();
        var archive = await MakeArchiveAsync(dir);
        var digest = Checksums.Sha256File(archive);
        var work = new WorkTree(dir.Combine("obj"), "demo");
        var recipe = new PortRecipe("demo", "1.0", "s", new SourceSpec(Url: new Uri(archive).AbsoluteUri, Sha256: digest), ["true"]) { Directory = dir.Path };

        var fetched = await UpstreamFetcher.FetchAsync(recipe, work, CancellationToken.None);
        Assert.That(Checksums.Sha256File(fetched), Is.EqualTo(digest));

        var wrong = recipe with { Source = recipe.Source with { Sha256 = new string('0', 64) } };
        File.Delete(fetched);
        var error = Assert.ThrowsAsync<RrException>(() => UpstreamFetcher.FetchAsync(wrong, work, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("but the recipe expects 0000"));
        Assert.That(File.Exists(fetched), Is.False, "a download that does not verify is not kept");
    }

    [Test]
    public async Task An_upstream_source_is_prepared_with_the_ports_own_patches()
    {
        using var dir = new TempDirectory();
        var archive = await MakeArchiveAsync(dir);
        dir.File("port/patches/fix.patch", "--- a/src/main.c\n+++ b/src/main.c\n@@ -1 +1 @@\n-int main(void) { return 0; }\n+int main(void) { return 7; }\n");
        var recipe = new PortRecipe("demo", "1.0", "s", new SourceSpec(Url: new Uri(archive).AbsoluteUri, Sha256: Checksums.Sha256File(archive)), ["true"],
            Patches: ["fix.patch"]) { Directory = dir.Combine("port") };
        var work = new WorkTree(dir.Combine("obj"), "demo");
        var preparer = new SourcePreparer(new DebianFetcher(dir.Combine("no-apt")));

        var first = await preparer.PrepareAsync(recipe, work, CancellationToken.None);
        var second = await preparer.PrepareAsync(recipe, work, CancellationToken.None);

        Assert.That(File.ReadAllText(Path.Combine(work.SourceDir, "src", "main.c")), Does.Contain("return 7"));
        Assert.That(second, Is.EqualTo(first));
        dir.File("port/patches/fix.patch", File.ReadAllText(dir.Combine("port/patches/fix.patch")).Replace("return 7", "return 8"));
        Assert.That(SourcePreparer.Digest(recipe), Is.Not.EqualTo(first), "a changed patch changes the source's digest");
    }
}
