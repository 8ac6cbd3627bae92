using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>
/// ISO 9660 with Rock Ridge in the guest: trees attached with rr-run -b DIR (xorriso) or as images made
/// by genisoimage read back exactly (names, modes, sizes, link targets, SHA-256 of the contents, from
/// tests/guests/iso_tree.c), damaged images refused or answered with EIO and a console line, and
/// read-only mounts refusing every change.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class Iso9660Tests
{
    private const string Config = "hw_virtio";
    private const int BigFileBytes = 5 << 20;

    private static string Work(string name)
    {
        var dir = Path.Combine(Guests.WorkDirectory, "iso-" + name);
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Long names, a tree deeper than ISO 9660's 8 levels, links of every kind, modes, an empty and a 5 MB file.</summary>
    private static string MakeTree(string name, bool big = true)
    {
        var tree = Path.Combine(Work(name), "tree");
        Directory.CreateDirectory(tree);
        File.WriteAllText(Path.Combine(tree, "hello.txt"), "hello\n");
        File.WriteAllText(Path.Combine(tree, "A File With A Long Name, Spaces and UPPER case " + new string('x', 150) + ".txt"), "long\n");
        File.WriteAllBytes(Path.Combine(tree, "empty"), []);
        File.WriteAllText(Path.Combine(tree, "run.sh"), "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(Path.Combine(tree, "run.sh"), (UnixFileMode)Convert.ToInt32("755", 8));
        File.WriteAllText(Path.Combine(tree, "secret"), "s\n");
        File.SetUnixFileMode(Path.Combine(tree, "secret"), (UnixFileMode)Convert.ToInt32("600", 8));
        var deep = Path.Combine([tree, "deep", .. Enumerable.Range(1, 10).Select(i => "level" + i)]);
        Directory.CreateDirectory(deep);
        File.WriteAllText(Path.Combine(deep, "leaf.txt"), "at the bottom\n");
        Directory.CreateDirectory(Path.Combine(tree, "private"));
        File.SetUnixFileMode(Path.Combine(tree, "private"), (UnixFileMode)Convert.ToInt32("700", 8));
        File.CreateSymbolicLink(Path.Combine(tree, "link"), "hello.txt");
        File.CreateSymbolicLink(Path.Combine(tree, "abs"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(tree, "deep", "up"), "../hello.txt");
        File.CreateSymbolicLink(Path.Combine(tree, "dangling"), "no/such/file");
        if (big)
            File.WriteAllBytes(Path.Combine(tree, "big.bin"), RandomNumberGenerator.GetBytes(BigFileBytes));
        return tree;
    }

    /// <summary>The listing iso_tree prints, made from the host tree (names in byte order, depth first).</summary>
    private static string HostListing(string top, params string[] extraRootDirectories)
    {
        var lines = new StringBuilder();
        var entries = 0;
        void Walk(string dir, string relative, IEnumerable<string> extra)
        {
            var names = Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Select(n => n!)
                .Concat(extra).OrderBy(n => n, StringComparer.Ordinal);
            foreach (var name in names)
            {
                var path = Path.Combine(dir, name);
                var rel = relative.Length == 0 ? name : relative + "/" + name;
                entries++;
                if (extraRootDirectories.Contains(name) && relative.Length == 0)
                {
                    lines.Append($"d 0555 {rel}\n");
                    continue;
                }
                var info = new FileInfo(path);
                var mode = Convert.ToString((int)info.UnixFileMode, 8).PadLeft(4, '0');
                if (info.LinkTarget is { } target)
                    lines.Append($"l {target} {rel}\n");
                else if (Directory.Exists(path))
                {
                    lines.Append($"d {mode} {rel}\n");
                    Walk(path, rel, []);
                }
                else
                {
                    var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
                    lines.Append($"f {mode} {info.Length} {hash} {rel}\n");
                }
            }
        }
        Walk(top, "", extraRootDirectories);
        return lines + $"entries {entries}\n";
    }

    private static async Task<ProcessResult> RunTreeAsync(IEnumerable<string> runOptions, params string[] arguments) =>
        await Guest.RunAsync(await Guests.ImageAsync("iso_tree", Config), arguments, runOptions, timeout: TimeSpan.FromMinutes(4));

    private static async Task<string> XorrisoImageAsync(string tree, string image)
    {
        var made = await Shell.RunAsync("xorriso", ["-as", "mkisofs", "-quiet", "-R", "-o", image, tree]);
        Assert.That(made.ExitCode, Is.Zero, made.ToString());
        return image;
    }

    [Test]
    public async Task A_directory_attached_with_b_reads_back_exactly()
    {
        var tree = MakeTree("dir");

        var run = await RunTreeAsync(["-b", tree]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(HostListing(tree)), run.ToString());
    }

    [Test]
    public async Task A_genisoimage_image_with_relocated_deep_directories_reads_back_exactly()
    {
        var tree = MakeTree("geniso", big: false);
        var image = Path.Combine(Path.GetDirectoryName(tree)!, "tree.iso");
        var made = await Shell.RunAsync("genisoimage", ["-quiet", "-R", "-o", image, tree]);
        Assert.That(made.ExitCode, Is.Zero, made.ToString());

        var run = await RunTreeAsync(["-b", image + ",ro"]);

        // genisoimage moves directories below level 8 into rr_moved and shows them in place through Rock
        // Ridge; the moved copies are hidden, the (then empty) rr_moved stays visible, as on Linux.
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(HostListing(tree, "rr_moved")), run.ToString());
    }

    [Test]
    public async Task A_damaged_primary_volume_descriptor_stops_the_guest_with_the_reason()
    {
        var tree = MakeTree("bad-pvd", big: false);
        var image = await XorrisoImageAsync(tree, Path.Combine(Path.GetDirectoryName(tree)!, "tree.iso"));
        Patch(image, 16 * 2048 + 128, [0x00, 0x02, 0x02, 0x00]);   // logical block size 512, in both byte orders

        var run = await RunTreeAsync(["-b", image]);

        Assert.That(run.ExitCode, Is.EqualTo(78), run.ToString());
        Assert.That(run.StandardError, Does.Contain(
            "mount /data: rr0: iso9660: primary volume descriptor: logical block size 512 (only 2048 is supported)"), run.ToString());
        Assert.That(run.StandardOutput, Does.Not.Contain("entries"), "the program must not start");
    }

    [Test]
    public async Task A_damaged_directory_record_is_an_io_error_with_a_console_line()
    {
        var tree = MakeTree("bad-record", big: false);
        var image = await XorrisoImageAsync(tree, Path.Combine(Path.GetDirectoryName(tree)!, "tree.iso"));
        var record = FindRecord(image, "HELLO.TXT;1");
        Patch(image, record, [5]);   // a record length shorter than any record

        var run = await RunTreeAsync(["-b", image]);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.StandardOutput, Does.Contain($"rumprun: iso9660 rr0: directory record at byte {record}: length 5 (I/O error)\n"));
        Assert.That(run.StandardOutput, Does.EndWith("readdir /data: EIO\n"), run.ToString());
    }

    [Test]
    public async Task An_iso_mount_refuses_every_change()
    {
        var tree = MakeTree("iso-ro", big: false);

        var run = await Guest.RunAsync(await Guests.ImageAsync("iso_readonly", Config), ["/data", "hello.txt"], ["-b", tree]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(ReadOnlyOutput), run.ToString());
    }

    [Test]
    public async Task An_ext2_image_attached_ro_refuses_every_change_and_stays_unchanged()
    {
        var tree = MakeTree("ext2-ro", big: false);
        var image = Path.Combine(Path.GetDirectoryName(tree)!, "tree.ext2");
        var made = await Shell.RunAsync("/sbin/mke2fs", ["-q", "-F", "-t", "ext2", "-d", tree, image, "4M"]);
        Assert.That(made.ExitCode, Is.Zero, made.ToString());
        var before = SHA256.HashData(await File.ReadAllBytesAsync(image));

        var run = await Guest.RunAsync(await Guests.ImageAsync("iso_readonly", Config), ["/data", "hello.txt"], ["-b", image + ",ro"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(ReadOnlyOutput), run.ToString());
        Assert.That(SHA256.HashData(await File.ReadAllBytesAsync(image)), Is.EqualTo(before));
    }

    private const string ReadOnlyOutput =
        "read: hello\n" +
        "open for writing: EROFS\n" +
        "truncate: EROFS\n" +
        "chmod: EROFS\n" +
        "unlink: EROFS\n" +
        "create: EROFS\n" +
        "mkdir: EROFS\n" +
        "symlink: EROFS\n" +
        "rename: EROFS\n";

    private static void Patch(string path, long offset, byte[] bytes)
    {
        using var file = File.OpenWrite(path);
        file.Seek(offset, SeekOrigin.Begin);
        file.Write(bytes);
    }

    /// <summary>The byte position of the directory record with this ISO identifier (its length byte).</summary>
    private static long FindRecord(string image, string identifier)
    {
        var data = File.ReadAllBytes(image);
        var name = Encoding.ASCII.GetBytes(identifier);
        for (var pos = 0; pos + 33 + name.Length <= data.Length; pos++)
        {
            if (data[pos + 32] == name.Length && data.AsSpan(pos + 33, name.Length).SequenceEqual(name) && data[pos] >= 33 + name.Length)
                return pos;
        }
        Assert.Fail($"no directory record named {identifier} in {image}");
        return -1;
    }
}
