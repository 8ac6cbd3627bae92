using System.Runtime.InteropServices;
using System.Text;
using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>rr-bake --rootfs: a host tree becomes the guest's writable root, seen by tests/guests/rootfs_walk.c.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RootfsTests
{
    private static readonly string LongName = new string('n', 110) + ".txt";

    private static readonly byte[] Big = MakeBig();

    private static readonly Lazy<Task<Baked>> Image = new(BakeAsync);

    private sealed record Baked(string Image, string Tree, ProcessResult Bake);

    [Test]
    public async Task The_guest_sees_the_tree_with_names_sizes_modes_links_times_and_contents_and_can_write_into_it()
    {
        var baked = await Image.Value;

        var run = await Guest.RunAsync(baked.Image, ["/data", "write"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(
            "d 0755 0:0 /data mtime=1600000100.000000000\n" +
            FileLine("0644", "/data/big.bin", Big, "1600000001.000000000") +
            "d 0700 0:0 /data/deep mtime=1600000101.000000000\n" +
            FileLine("0644", "/data/deep/" + LongName, "long name\n"u8.ToArray(), "1600000002.000000000") +
            FileLine("4755", "/data/empty", [], "1600000003.000000000") +
            FileLine("0644", "/data/hard", "first version\n"u8.ToArray(), "1600000000.500000000") +
            "l 0777 0:0 /data/link -> sub/file.txt\n" +
            "d 1777 0:0 /data/sticky mtime=1600000102.000000000\n" +
            "d 0755 0:0 /data/sub mtime=1600000103.250000000\n" +
            FileLine("0644", "/data/sub/file.txt", "first version\n"u8.ToArray(), "1600000000.500000000") +
            "/data/new.txt: made in the guest\n" +
            "/data/sub/file.txt: overwritten\n"), run.ToString());
    }

    [Test]
    public async Task Files_at_the_top_of_the_tree_are_at_the_guest_root_and_win_over_generated_ones()
    {
        var baked = await Image.Value;

        var top = await Guest.RunAsync(baked.Image, ["/hello.txt"]);
        var etc = await Guest.RunAsync(baked.Image, ["/etc/hostname"]);

        Assert.That(top.ExitCode, Is.Zero, top.ToString());
        Assert.That(top.StandardOutput, Is.EqualTo(FileLine("0600", "/hello.txt", "hello\n"u8.ToArray(), "1600000004.000000000")), top.ToString());
        Assert.That(etc.ExitCode, Is.Zero, etc.ToString());
        Assert.That(etc.StandardOutput, Is.EqualTo(FileLine("0644", "/etc/hostname", "from-the-rootfs\n"u8.ToArray(), "1600000005.000000000")), etc.ToString());
    }

    [Test]
    public async Task The_bake_says_what_the_root_file_system_holds()
    {
        var baked = await Image.Value;

        Assert.That(baked.Bake.StandardError, Does.Contain(
            $"root file system {baked.Tree}: 7 file(s) of {Big.Length + 10 + 14 + 14 + 6 + 16} bytes, 5 director(ies), 1 symbolic link(s); archive "),
            baked.Bake.ToString());
    }

    [Test]
    public async Task A_damaged_header_stops_the_guest_with_a_message_naming_the_entry()
    {
        var baked = await Image.Value;
        var image = await File.ReadAllBytesAsync(baked.Image);
        var first = FirstHeader(image);
        image[first + 3] ^= 0x20;

        var run = await RunPatchedAsync(image, "checksum");

        Assert.That(run.ExitCode, Is.EqualTo(78), run.ToString());
        Assert.That(run.StandardError, Does.Contain(
            "guest configuration error: root file system archive: entry 1 at byte 0: the header checksum does not match"), run.ToString());
    }

    [Test]
    public async Task A_size_past_the_end_of_the_archive_is_caught_before_any_byte_is_read()
    {
        var baked = await Image.Value;
        var image = await File.ReadAllBytesAsync(baked.Image);
        var header = FirstHeader(image) + 1024;   // past the pax header and its record block: the entry for "data/"
        Encoding.ASCII.GetBytes("77777777777\0").CopyTo(image, header + 124);
        Reseal(image, header);

        var run = await RunPatchedAsync(image, "size");

        Assert.That(run.ExitCode, Is.EqualTo(78), run.ToString());
        Assert.That(run.StandardError, Does.Contain(
            "root file system archive: entry 1 (/data) at byte 1024: the entry's data runs past the end of the archive (8589934591 bytes"), run.ToString());
    }

    [Test]
    public async Task A_missing_directory_is_refused_in_one_line_without_an_image()
    {
        var program = await Guests.CompileAsync("rootfs_walk");
        var output = Path.Combine(Guests.WorkDirectory, "rootfs-missing.bin");

        var run = await Shell.RunAsync("rr-bake", ["--rootfs", "/nonexistent/tree", "hw_generic", output, program]);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.StandardError.TrimEnd(), Is.EqualTo("rr-bake: --rootfs /nonexistent/tree: no such directory"), run.ToString());
        Assert.That(System.IO.File.Exists(output), Is.False);
    }

    [Test]
    public async Task A_fifo_in_the_tree_is_refused_by_name_without_an_image()
    {
        var program = await Guests.CompileAsync("rootfs_walk");
        var tree = Directory.CreateTempSubdirectory("rr-rootfs-fifo.").FullName;
        var output = Path.Combine(Guests.WorkDirectory, "rootfs-fifo.bin");
        try
        {
            Assert.That(mkfifo(Path.Combine(tree, "pipe"), 0x1B6), Is.Zero);

            var run = await Shell.RunAsync("rr-bake", ["--rootfs", tree, "hw_generic", output, program]);

            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.StandardError.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.ToString());
            Assert.That(run.StandardError, Does.StartWith($"rr-bake: --rootfs: {tree}/pipe is a FIFO;"), run.ToString());
            Assert.That(System.IO.File.Exists(output), Is.False);
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }

    private static string FileLine(string mode, string path, byte[] contents, string mtime) =>
        $"f {mode} 0:0 {path} size={contents.Length} read={contents.Length} links=1 sum={Fnv1a(contents):x8} mtime={mtime}\n";

    private static uint Fnv1a(byte[] bytes)
    {
        var h = 2166136261u;
        foreach (var b in bytes)
        {
            h = (h ^ b) * 16777619u;
        }

        return h;
    }

    private static byte[] MakeBig()
    {
        var bytes = new byte[3 << 20];
        new Random(11).NextBytes(bytes);
        return bytes;
    }

    private static async Task<Baked> BakeAsync()
    {
        var program = await Guests.CompileAsync("rootfs_walk");
        var tree = Path.Combine(Guests.WorkDirectory, "rootfs-tree");
        BuildTree(tree);
        var image = Path.Combine(Guests.WorkDirectory, "rootfs_walk.rootfs.bin");
        var bake = await Shell.RunAsync("rr-bake", ["--rootfs", tree, "hw_generic", image, program]);
        if (bake.ExitCode != 0)
            Assert.Fail("baking with --rootfs failed:\n" + bake);
        return new Baked(image, tree, bake);
    }

    private static void BuildTree(string tree)
    {
        if (Directory.Exists(tree))
            Directory.Delete(tree, recursive: true);
        string P(string relative) => Path.Combine(tree, relative);
        void Put(string relative, byte[] bytes, int mode, DateTime mtime)
        {
            System.IO.File.WriteAllBytes(P(relative), bytes);
            System.IO.File.SetUnixFileMode(P(relative), (UnixFileMode)mode);
            System.IO.File.SetLastWriteTimeUtc(P(relative), mtime);
        }

        DateTime At(double seconds) => DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        foreach (var dir in new[] { "data/deep", "data/sticky", "data/sub", "etc" })
            Directory.CreateDirectory(P(dir));
        Put("data/big.bin", Big, 0x1A4, At(1600000001));
        Put("data/deep/" + LongName, "long name\n"u8.ToArray(), 0x1A4, At(1600000002));
        Put("data/empty", [], 0x9ED, At(1600000003));
        Put("data/sub/file.txt", "first version\n"u8.ToArray(), 0x1A4, At(1600000000.5));
        Assert.That(link(P("data/sub/file.txt"), P("data/hard")), Is.Zero, "link");
        System.IO.File.CreateSymbolicLink(P("data/link"), "sub/file.txt");
        Put("hello.txt", "hello\n"u8.ToArray(), 0x180, At(1600000004));
        Put("etc/hostname", "from-the-rootfs\n"u8.ToArray(), 0x1A4, At(1600000005));
        // directories last: adding their entries changed their times
        foreach (var (dir, mode, seconds) in new[]
                 {
                     ("data/deep", 0x1C0, 1600000101.0), ("data/sticky", 0x3FF, 1600000102.0),
                     ("data/sub", 0x1ED, 1600000103.25), ("data", 0x1ED, 1600000100.0),
                 })
        {
            System.IO.File.SetUnixFileMode(P(dir), (UnixFileMode)mode);
            Directory.SetLastWriteTimeUtc(P(dir), At(seconds));
        }
    }

    /// <summary>The first ustar header of the archive in an image: the block holding the magic "ustar\0" "00" at byte 257.</summary>
    private static int FirstHeader(byte[] image)
    {
        var at = image.AsSpan().IndexOf("ustar\u000000"u8);
        Assert.That(at, Is.GreaterThan(257), "the image holds no tar header");
        return at - 257;
    }

    /// <summary>Rewrites a header's checksum after a deliberate change, so that only the change is wrong.</summary>
    private static void Reseal(byte[] image, int header)
    {
        var block = image.AsSpan(header, 512);
        "        "u8.CopyTo(block[148..]);
        var sum = 0;
        foreach (var b in block)
            sum += b;
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(block[148..]);
    }

    private static async Task<ProcessResult> RunPatchedAsync(byte[] image, string name)
    {
        var path = Path.Combine(Guests.WorkDirectory, $"rootfs-{name}.bin");
        await System.IO.File.WriteAllBytesAsync(path, image);
        return await Guest.RunAsync(path, ["/data"], timeout: TimeSpan.FromSeconds(30));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string created);
}
