using Rumprun.Core.Debian;
using NUnit.Framework;
using Rumprun.Core;
using Rumprun.Port.Sources;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Port;

public sealed class AptSourceListTests
{
    private const string DebianSources = """
        Types: deb
        # http://snapshot.debian.org/archive/debian/20250520T000000Z
        URIs: http://deb.debian.org/debian
        Suites: bookworm bookworm-updates
        Components: main
        Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

        Types: deb
        URIs: http://deb.debian.org/debian-security
        Suites: bookworm-security
        Components: main
        Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
        """;

    [Test]
    public void Deb822_stanzas_are_read_with_their_fields()
    {
        var entries = AptSourceList.ParseDeb822(DebianSources, "debian.sources").ToList();

        Assert.That(entries, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(entries[0].Types, Is.EqualTo(new[] { "deb" }));
            Assert.That(entries[0].Uris, Is.EqualTo(new[] { "http://deb.debian.org/debian" }));
            Assert.That(entries[0].Suites, Is.EqualTo(new[] { "bookworm", "bookworm-updates" }));
            Assert.That(entries[0].SignedBy, Is.EqualTo("/usr/share/keyrings/debian-archive-keyring.gpg"));
            Assert.That(entries[1].Suites, Is.EqualTo(new[] { "bookworm-security" }));
            Assert.That(DebSrcEntries.Enabled(entries), Is.False);
        });
    }

    [Test]
    public void One_line_entries_are_read_with_their_options()
    {
        var entries = AptSourceList.ParseOneLine(
            "# comment\ndeb [arch=amd64 signed-by=/k.gpg] http://m.org/debian bookworm main contrib\ndeb-src http://m.org/debian bookworm main # trailing\n",
            "sources.list").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(entries, Has.Count.EqualTo(2));
            Assert.That(entries[0].SignedBy, Is.EqualTo("/k.gpg"));
            Assert.That(entries[0].Components, Is.EqualTo(new[] { "main", "contrib" }));
            Assert.That(entries[1].IsSource, Is.True);
            Assert.That(DebSrcEntries.Enabled(entries), Is.True);
        });
    }

    [Test]
    public void A_disabled_deb_src_stanza_does_not_count()
    {
        var entries = AptSourceList.ParseDeb822("Types: deb-src\nURIs: http://m.org\nSuites: s\nComponents: main\nEnabled: no\n", "x.sources").ToList();

        Assert.That(DebSrcEntries.Enabled(entries), Is.False);
    }

    [Test]
    public void Only_list_and_sources_files_are_read()
    {
        using var dir = new TempDirectory();
        dir.File("sources.list.d/debian.sources", DebianSources);
        dir.File("sources.list.d/other.list.disabled-by-farm", "deb-src http://x.org/debian bookworm main\n");
        dir.File("sources.list", "deb http://y.org/debian bookworm main\n");

        var entries = AptSourceList.Read(dir.Path);

        Assert.That(entries.Select(e => e.Uris[0]), Is.EqualTo(new[] { "http://y.org/debian", "http://deb.debian.org/debian", "http://deb.debian.org/debian-security" }));
        Assert.That(DebSrcEntries.Enabled(entries), Is.False);
    }

    [Test]
    public void The_deb_src_file_mirrors_each_deb_entry_and_reads_back_as_source_entries()
    {
        var entries = AptSourceList.ParseDeb822(DebianSources, "debian.sources").ToList();

        var text = DebSrcEntries.Render(entries);
        var mirrored = AptSourceList.ParseDeb822(text, DebSrcEntries.FileName).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(mirrored, Has.Count.EqualTo(2));
            Assert.That(mirrored.All(e => e.IsSource && !e.IsBinary), Is.True);
            Assert.That(mirrored[0].Uris, Is.EqualTo(entries[0].Uris));
            Assert.That(mirrored[0].Suites, Is.EqualTo(entries[0].Suites));
            Assert.That(mirrored[0].Components, Is.EqualTo(entries[0].Components));
            Assert.That(mirrored[1].SignedBy, Is.EqualTo(entries[1].SignedBy));
        });
    }

    [Test]
    public void Without_any_deb_entry_there_is_nothing_to_mirror()
    {
        var error = Assert.Throws<RrException>(() => DebSrcEntries.Render([]));

        Assert.That(error!.Message, Does.Contain("no enabled 'deb' entry"));
    }

    [Test]
    public void Enabling_writes_the_file_only_as_root()
    {
        using var dir = new TempDirectory();
        dir.File("sources.list.d/debian.sources", DebianSources);

        var error = Assert.ThrowsAsync<RrException>(() => SourceEnabler.EnableAsync(dir.Path, isRoot: false, CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("sudo rr-port enable-sources"));
        Assert.That(File.Exists(dir.Combine("sources.list.d", DebSrcEntries.FileName)), Is.False);
    }
}
