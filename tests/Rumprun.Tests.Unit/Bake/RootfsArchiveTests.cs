using System.Formats.Tar;
using System.Runtime.InteropServices;
using NUnit.Framework;
using Rumprun.Bake.Rootfs;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Bake;

public sealed class RootfsArchiveTests
{
    private static readonly DateTimeOffset Stamp = DateTimeOffset.FromUnixTimeSeconds(1600000000).AddMilliseconds(500);

    private static readonly string LongName = new string('n', 120) + ".txt";

    [Test]
    public async Task A_tree_becomes_a_pax_archive_with_types_modes_times_links_and_contents()
    {
        using var tree = new TempDirectory();
        var big = BuildTree(tree);

        var (archive, summary) = await PackAsync(tree.Path);

        var entries = ReadBack(archive);
        Assert.That(entries.Select(e => (e.Name, e.EntryType, Mode: (int)e.Mode)), Is.EqualTo(new[]
        {
            ("big.bin", TarEntryType.RegularFile, 0x1A4),                                   // 0644
            ("deep/", TarEntryType.Directory, 0x1ED),                                       // 0755
            ("deep/er/", TarEntryType.Directory, 0x1C0),                                    // 0700
            ("deep/er/" + LongName, TarEntryType.RegularFile, 0x1A4),
            ("empty", TarEntryType.RegularFile, 0x9ED),                                     // 4755
            ("link", TarEntryType.SymbolicLink, 0x1FF),
            ("shared/", TarEntryType.Directory, 0x3FF),                                     // 1777
            ("shared/secret", TarEntryType.RegularFile, 0x180),                             // 0600
        }));
        Assert.That(entries, Has.All.InstanceOf<PaxTarEntry>());
        Assert.That(entries.Select(e => (e.Uid, e.Gid)), Has.All.EqualTo((0, 0)));
        Assert.That(entries.Single(e => e.Name == "link").LinkName, Is.EqualTo("deep/er/" + LongName));
        Assert.That(entries.Single(e => e.Name == "empty").Length, Is.Zero);
        Assert.That(entries.Single(e => e.Name == "shared/secret").ModificationTime, Is.EqualTo(Stamp));
        Assert.That(entries.Single(e => e.Name == "big.bin").Length, Is.EqualTo(big.Length));
        Assert.That(Contents(archive, "big.bin"), Is.EqualTo(big));
        Assert.That(Contents(archive, "deep/er/" + LongName), Is.EqualTo("long\n"u8.ToArray()));
        Assert.That(summary, Is.EqualTo(new RootfsSummary(Files: 4, Directories: 3, SymbolicLinks: 1, FileBytes: big.Length + 5 + 7, ArchiveBytes: archive.Length)));
    }

    [Test]
    public async Task Hard_links_become_separate_copies()
    {
        using var tree = new TempDirectory();
        var first = tree.File("a", "same bytes\n");
        Assert.That(link(first, tree.Combine("b")), Is.Zero, "link");

        var (archive, _) = await PackAsync(tree.Path);

        var entries = ReadBack(archive);
        Assert.That(entries.Select(e => (e.Name, e.EntryType)), Is.EqualTo(new[]
        {
            ("a", TarEntryType.RegularFile),
            ("b", TarEntryType.RegularFile),
        }));
        Assert.That(Contents(archive, "b"), Is.EqualTo("same bytes\n"u8.ToArray()));
    }

    [Test]
    public async Task The_same_tree_lists_the_same_entries_in_the_same_order()
    {
        using var tree = new TempDirectory();
        foreach (var name in new[] { "b", "a", "B", "c/z", "c/a" })
        {
            tree.File(name, name);
        }

        var (archive, _) = await PackAsync(tree.Path);

        Assert.That(ReadBack(archive).Select(e => e.Name), Is.EqualTo(new[] { "B", "a", "b", "c/", "c/a", "c/z" }));
    }

    [Test]
    public async Task An_empty_directory_gives_an_empty_archive()
    {
        using var tree = new TempDirectory();

        var (archive, summary) = await PackAsync(tree.Path);

        Assert.That(archive, Is.Empty);
        Assert.That(summary.Files + summary.Directories + summary.SymbolicLinks, Is.Zero);
    }

    [Test]
    public void The_top_directory_itself_is_not_an_entry_and_links_are_not_followed()
    {
        using var tree = new TempDirectory();
        Directory.CreateDirectory(tree.Combine("real"));
        tree.File("real/inside", "x");
        File.CreateSymbolicLink(tree.Combine("alias"), "real");

        var entries = RootfsTree.Scan(tree.Path);

        Assert.That(entries.Select(e => (e.Name, e.Kind)), Is.EqualTo(new[]
        {
            ("alias", RootfsEntryKind.SymbolicLink),
            ("real/", RootfsEntryKind.Directory),
            ("real/inside", RootfsEntryKind.File),
        }));
    }

    /// <summary>Nested directories, a symbolic link, special mode bits, an empty file, a name over 100 bytes and a 3 MiB file.</summary>
    private static byte[] BuildTree(TempDirectory tree)
    {
        var big = new byte[3 << 20];
        new Random(7).NextBytes(big);
        File.WriteAllBytes(tree.Combine("big.bin"), big);
        File.SetUnixFileMode(tree.Combine("big.bin"), (UnixFileMode)0x1A4);
        Directory.CreateDirectory(tree.Combine("deep", "er"));
        File.SetUnixFileMode(tree.Combine("deep"), (UnixFileMode)0x1ED);
        File.SetUnixFileMode(tree.Combine("deep", "er"), (UnixFileMode)0x1C0);
        tree.File(Path.Combine("deep", "er", LongName), "long\n");
        File.SetUnixFileMode(tree.Combine("deep", "er", LongName), (UnixFileMode)0x1A4);
        tree.File("empty", "");
        File.SetUnixFileMode(tree.Combine("empty"), (UnixFileMode)0x9ED);
        File.CreateSymbolicLink(tree.Combine("link"), "deep/er/" + LongName);
        Directory.CreateDirectory(tree.Combine("shared"));
        File.SetUnixFileMode(tree.Combine("shared"), (UnixFileMode)0x3FF);
        tree.File(Path.Combine("shared", "secret"), "hidden\n");
        File.SetUnixFileMode(tree.Combine("shared", "secret"), (UnixFileMode)0x180);
        File.SetLastWriteTimeUtc(tree.Combine("shared", "secret"), Stamp.UtcDateTime);
        return big;
    }

    private static async Task<(byte[] Archive, RootfsSummary Summary)> PackAsync(string tree)
    {
        using var work = new TempDirectory();
        var path = work.Combine("rootfs.tar");
        var summary = await RootfsArchive.WriteAsync(RootfsTree.Scan(tree), path, CancellationToken.None);
        return (await File.ReadAllBytesAsync(path), summary);
    }

    private static List<TarEntry> ReadBack(byte[] archive)
    {
        using var reader = new TarReader(new MemoryStream(archive));
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            entries.Add(entry);
        }

        return entries;
    }

    private static byte[] Contents(byte[] archive, string name)
    {
        var entry = ReadBack(archive).Single(e => e.Name == name);
        var bytes = new MemoryStream();
        entry.DataStream!.CopyTo(bytes);
        return bytes.ToArray();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string created);
}
