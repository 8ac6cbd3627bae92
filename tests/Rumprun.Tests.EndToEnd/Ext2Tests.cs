using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CliWrap;
using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>
/// ext2 on a virtio-blk disk, checked from the host with e2fsprogs: a guest writes a tree
/// (tests/guests/ext2_write_tree.c) that e2fsck finds clean and debugfs reads back byte for byte;
/// a guest lists a tree mke2fs made (ext2_read_tree.c) exactly as the host sees it; records a guest
/// fsync'd (ext2_crash_append.c) survive QEMU being killed; damaged images stop the guest or fail
/// with EIO, never hang it. QEMU is started directly with the drive arguments of contracts §8.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class Ext2Tests
{
    private const string Microvm = "microvm,x-option-roms=off,auto-kernel-cmdline=off,rtc=on";
    private const string Config = "hw_virtio";

    private sealed record Boot(ProcessResult Run, string Control)
    {
        public override string ToString() => $"control: {Control}\n{Run}";
    }

    [Test]
    public async Task A_tree_written_by_the_guest_is_clean_for_e2fsck_and_debugfs_reads_it_back()
    {
        var image = await MakeImageAsync("write", null, "-b", "1024", "64M");

        var boot = await BootAsync(await Guests.ImageAsync("ext2_write_tree", Config), image, "ext2_write_tree /data", readOnly: false);

        Assert.That(boot.Control, Is.EqualTo("rr:exit 0"), boot.ToString());
        Assert.That(boot.Run.StandardOutput, Is.EqualTo("sparse.bin: 40005000 bytes in 18 blocks\nwritten\n"), boot.ToString());
        await AssertCleanAsync(image);
        var dump = Path.Combine(Guests.WorkDirectory, "ext2-write-dump");
        if (Directory.Exists(dump))
            Directory.Delete(dump, recursive: true);
        Directory.CreateDirectory(dump);
        var rdump = await Shell.RunAsync("debugfs", ["-R", $"rdump /tree {dump}", image]);
        Assert.That(rdump.ExitCode, Is.Zero, rdump.ToString());
        Assert.That(Describe(Path.Combine(dump, "tree")), Is.EqualTo(ExpectedWrittenTree()));
        var stat = await Shell.RunAsync("debugfs", ["-R", "stat /tree/hard.bin", image]);
        Assert.That(stat.StandardOutput, Does.Contain("Links: 2"), stat.ToString());
    }

    [TestCase("1024")]
    [TestCase("4096")]
    public async Task A_tree_made_by_mke2fs_is_listed_exactly_as_the_host_sees_it(string blockSize)
    {
        var tree = MakeHostTree("read-" + blockSize);
        var image = await MakeImageAsync("read-" + blockSize, tree, "-b", blockSize, "8M");
        var before = SHA256.HashData(await File.ReadAllBytesAsync(image));

        var boot = await BootAsync(await Guests.ImageAsync("ext2_read_tree", Config), image, "ext2_read_tree /data", readOnly: true);

        Assert.That(boot.Control, Is.EqualTo("rr:exit 0"), boot.ToString());
        Assert.That(boot.Run.StandardOutput, Is.EqualTo(HostListing(tree)), boot.ToString());
        Assert.That(SHA256.HashData(await File.ReadAllBytesAsync(image)), Is.EqualTo(before), "a read-only mount changed the image");
    }

    [Test]
    public async Task Records_fsynced_before_qemu_is_killed_survive_e2fsck()
    {
        var random = new Random(20261127);
        var program = await Guests.ImageAsync("ext2_crash_append", Config);
        for (var trial = 0; trial < 8; trial++)
        {
            var image = await MakeImageAsync("crash", null, "-b", trial % 2 == 0 ? "1024" : "4096", "8M");
            var last = await RunUntilKilledAsync(program, image, TimeSpan.FromMilliseconds(random.Next(50, 1500)));
            await AssertRecordsSurviveAsync(image, last, $"trial {trial}");
        }
    }

    [Test]
    public async Task A_required_mount_of_a_damaged_superblock_stops_the_guest_with_the_reason()
    {
        var image = await MakeImageAsync("bad-magic", MakeHostTree("bad-magic"), "-b", "1024", "4M");
        Poke(image, 1024 + 56, [0, 0]);

        var boot = await BootAsync(await Guests.ImageAsync("ext2_read_tree", Config), image, "ext2_read_tree /data", readOnly: false,
            fstype: "ext2");

        Assert.That(boot.Control, Is.EqualTo("rr:config 78 mount /data: rr0: ext2 superblock: bad magic 0x0000"), boot.ToString());
    }

    [Test]
    public async Task An_optional_mount_of_a_damaged_superblock_is_reported_and_the_program_runs()
    {
        var image = await MakeImageAsync("bad-size", MakeHostTree("bad-size"), "-b", "1024", "4M");
        Poke(image, 1024 + 24, [7, 0, 0, 0]);   /* s_log_block_size */

        var boot = await BootAsync(await Guests.ImageAsync("ext2_read_tree", Config), image, "ext2_read_tree /data", readOnly: false,
            fstype: "ext2", required: false);

        Assert.That(boot.Control, Is.EqualTo("rr:exit 0"), boot.ToString());
        Assert.That(boot.Run.StandardOutput, Is.EqualTo(
            "rumprun: mount /data: rr0: ext2 superblock: block size 2^7 KiB (1, 2 and 4 KiB are supported) (continuing without it)\n" +
            "entries 0\n"), boot.ToString());
    }

    [Test]
    public async Task A_damaged_directory_gives_eio_and_the_guest_ends()
    {
        var image = await MakeImageAsync("bad-dir", MakeHostTree("bad-dir"), "-b", "1024", "4M");
        var blocks = await Shell.RunAsync("debugfs", ["-R", "blocks /docs", image]);
        var block = long.Parse(blocks.StandardOutput.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        Poke(image, block * 1024, Pattern(9, 1024));

        var boot = await BootAsync(await Guests.ImageAsync("ext2_read_tree", Config), image, "ext2_read_tree /data", readOnly: false);

        Assert.That(boot.Control, Is.EqualTo("rr:exit 1"), boot.ToString());
        Assert.That(boot.Run.StandardOutput, Does.Contain("rumprun: ext2 rr0: corrupt file system: directory inode"), boot.ToString());
        Assert.That(boot.Run.StandardOutput, Does.EndWith("/data/docs: EIO\n"), boot.ToString());
        var fsck = await Shell.RunAsync("e2fsck", ["-fn", image]);
        Assert.That(fsck.ExitCode, Is.Not.Zero, "e2fsck should see the damage");
    }

    /// <summary>The bytes tests/guests/ext2_write_tree.c writes: a linear congruential generator's high bytes.</summary>
    public static byte[] Pattern(uint seed, int count)
    {
        var bytes = new byte[count];
        var x = seed;
        for (var i = 0; i < count; i++)
        {
            x = unchecked(x * 1103515245u + 12345u);
            bytes[i] = (byte)(x >> 24);
        }

        return bytes;
    }

    private static string ExpectedWrittenTree()
    {
        var lines = new List<(string Path, string Line)>();
        void File_(string path, string mode, byte[] data) => lines.Add((path, $"f {mode} {data.Length} {Convert.ToHexStringLower(SHA256.HashData(data))} {path}"));
        void Dir(string path) => lines.Add((path, $"d 0755 {path}"));
        void Link(string path, string target) => lines.Add((path, $"l {target} {path}"));

        Dir("a");
        Dir("a/b");
        File_("a/b/large.bin", "0644", Pattern(2, 3000000)[..2500000]);
        File_("a/small-renamed.bin", "0600", Pattern(1, 1000));
        Dir("c-moved");
        File_("c-moved/deep.txt", "0644", "deep\n"u8.ToArray());
        File_("hard.bin", "0600", Pattern(1, 1000));
        Link("link-fast", "a/small.bin");
        Link("link-slow", "a/b/" + new string('x', 200) + "/target");
        File_("log.txt", "0644", "line 1\nline 2\n"u8.ToArray());
        Dir("many");
        for (var i = 0; i < 2000; i++)
        {
            if (i % 3 != 0 && i != 1)
                File_($"many/f{i:D4}", "0644", []);
        }

        File_("moved-from-many", "0644", []);
        var sparse = new byte[40005000];
        "head"u8.CopyTo(sparse);
        Pattern(3, 5000).CopyTo(sparse, 40000000);
        File_("sparse.bin", "0644", sparse);
        File_("victim.txt", "0644", Pattern(4, 777));
        return string.Join("\n", lines.OrderBy(l => l.Path, StringComparer.Ordinal).Select(l => l.Line));
    }

    /// <summary>Every entry under root in ordinal order, as ExpectedWrittenTree describes one.</summary>
    private static string Describe(string root)
    {
        var lines = new List<(string Path, string Line)>();
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            if (entry.LinkTarget is { } target)
                lines.Add((rel, $"l {target} {rel}"));
            else if (entry is DirectoryInfo)
                lines.Add((rel, $"d {Mode(entry)} {rel}"));
            else
            {
                var data = File.ReadAllBytes(entry.FullName);
                lines.Add((rel, $"f {Mode(entry)} {data.Length} {Convert.ToHexStringLower(SHA256.HashData(data))} {rel}"));
            }
        }

        return string.Join("\n", lines.OrderBy(l => l.Path, StringComparer.Ordinal).Select(l => l.Line));
    }

    private static string Mode(FileSystemInfo entry) => Convert.ToString((int)entry.UnixFileMode, 8).PadLeft(4, '0');

    /// <summary>A host tree with what ext2 stores in different ways, every mode set explicitly.</summary>
    private static string MakeHostTree(string name)
    {
        var root = Path.Combine(Guests.WorkDirectory, "ext2-tree-" + name);
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
        void Dir(string rel, UnixFileMode mode)
        {
            var path = Path.Combine(root, rel);
            Directory.CreateDirectory(path);
            File.SetUnixFileMode(path, mode);
        }

        void Put(string rel, byte[] data, UnixFileMode mode)
        {
            var path = Path.Combine(root, rel);
            File.WriteAllBytes(path, data);
            File.SetUnixFileMode(path, mode);
        }

        const UnixFileMode rwxr_xr_x = (UnixFileMode)0b111_101_101;
        const UnixFileMode rw_r__r__ = (UnixFileMode)0b110_100_100;
        Dir("", rwxr_xr_x);
        Dir("docs", rwxr_xr_x);
        Dir("docs/deep/er/est", rwxr_xr_x);
        Dir("docs/deep", (UnixFileMode)0b111_000_000);
        Dir("links", (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
        Put("docs/readme.txt", "hello ext2\n"u8.ToArray(), rw_r__r__);
        Put("docs/empty", [], (UnixFileMode)0b110_000_000);
        Put("docs/deep/er/est/file.bin", Pattern(5, 12345), (UnixFileMode)0b110_100_000);
        Put("big.bin", Pattern(6, 1500000), rw_r__r__);
        Put("with space.txt", "spaced\n"u8.ToArray(), rw_r__r__);
        Put("setuid.sh", "#!/bin/sh\n"u8.ToArray(), rwxr_xr_x | UnixFileMode.SetUser);
        File.CreateSymbolicLink(Path.Combine(root, "links/fast"), "../docs/readme.txt");
        File.CreateSymbolicLink(Path.Combine(root, "links/slow"), "../" + new string('s', 150) + "/nowhere");
        for (var i = 0; i < 100; i++)
            Put($"docs/n{i:D3}", Encoding.ASCII.GetBytes($"file {i}\n"), rw_r__r__);
        return root;
    }

    /// <summary>What ext2_read_tree prints for the tree mke2fs made of root (with its lost+found).</summary>
    private static string HostListing(string root)
    {
        var lines = new List<(string Path, string Line)> { ("lost+found", "d 0700 lost+found") };
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            if (entry.LinkTarget is { } target)
                lines.Add((rel, $"l {target} {rel}"));
            else if (entry is DirectoryInfo)
                lines.Add((rel, $"d {Mode(entry)} {rel}"));
            else
            {
                var data = File.ReadAllBytes(entry.FullName);
                lines.Add((rel, $"f {Mode(entry)} {data.Length} {Fnv1a64(data):x16} {rel}"));
            }
        }

        var sorted = lines.OrderBy(l => Encoding.UTF8.GetBytes(l.Path), ByteOrder.Instance).Select(l => l.Line + "\n");
        return string.Concat(sorted) + $"entries {lines.Count}\n";
    }

    /// <summary>strcmp order of paths walked depth-first: a directory's entries sort among themselves.</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? a, byte[]? b)
        {
            // Compare component by component, so "a/b" comes right after "a" and before "a b".
            var pa = Encoding.UTF8.GetString(a!).Split('/');
            var pb = Encoding.UTF8.GetString(b!).Split('/');
            for (var i = 0; i < Math.Min(pa.Length, pb.Length); i++)
            {
                var c = string.CompareOrdinal(pa[i], pb[i]);
                if (c != 0)
                    return c;
            }

            return pa.Length.CompareTo(pb.Length);
        }
    }

    private static ulong Fnv1a64(byte[] data)
    {
        var h = 0xcbf29ce484222325ul;
        foreach (var b in data)
        {
            h ^= b;
            h = unchecked(h * 0x100000001b3ul);
        }

        return h;
    }

    private static async Task<string> MakeImageAsync(string name, string? tree, params string[] options)
    {
        var image = Path.Combine(Guests.WorkDirectory, $"ext2-{name}.img");
        File.Delete(image);
        var args = new List<string> { "-q", "-F", "-t", "ext2" };
        args.AddRange(options[..^1]);
        if (tree is not null)
            args.AddRange(["-d", tree]);
        args.AddRange([image, options[^1]]);
        var mkfs = await Shell.RunAsync("mke2fs", args);
        Assert.That(mkfs.ExitCode, Is.Zero, mkfs.ToString());
        return image;
    }

    private static async Task AssertCleanAsync(string image)
    {
        var fsck = await Shell.RunAsync("e2fsck", ["-fn", image]);
        Assert.That(fsck.ExitCode, Is.Zero, fsck.ToString());
    }

    private static void Poke(string image, long offset, byte[] bytes)
    {
        using var file = new FileStream(image, FileMode.Open, FileAccess.Write);
        file.Position = offset;
        file.Write(bytes);
    }

    private static List<string> QemuArguments(string kernel, string image, string cmdline, bool readOnly, string fstype, bool required,
        string control)
    {
        var mounts = $$"""[{"device":"rr0","path":"/data","readonly":{{(readOnly ? "true" : "false")}},"fstype":"{{fstype}}","required":{{(required ? "true" : "false")}}}]""";
        return
        [
            "-M", Microvm, "-cpu", "max", "-m", "64", "-nodefaults", "-no-user-config", "-display", "none",
            "-no-reboot", "-kernel", kernel, "-append", $$"""{"cmdline":"{{cmdline}}","console":"raw","mounts":{{mounts}}}""",
            "-chardev", "stdio,id=con,signal=off", "-serial", "chardev:con",
            "-chardev", $"file,id=ctl,path={control}", "-device", "isa-debugcon,chardev=ctl,iobase=0xe9",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=4", "-accel", "tcg",
            "-drive", $"file={image},format=raw,if=none,id=rr0" + (readOnly ? ",readonly=on" : ""),
            "-device", "virtio-blk-device,drive=rr0,serial=rr0",
        ];
    }

    private static async Task<Boot> BootAsync(string kernel, string image, string cmdline, bool readOnly, string fstype = "auto",
        bool required = true)
    {
        var control = Path.Combine(Guests.WorkDirectory, $"ext2-{Guid.NewGuid():N}.ctl");
        var run = await Shell.RunAsync("qemu-system-x86_64", QemuArguments(kernel, image, cmdline, readOnly, fstype, required, control),
            standardInput: [], timeout: TimeSpan.FromSeconds(180));
        var lines = File.Exists(control) ? await File.ReadAllLinesAsync(control) : [];
        return new Boot(run, string.Join("\n", lines.Where(l => l != "rr:ready")));
    }

    /// <summary>Boots the appending guest and kills QEMU (SIGKILL) delay after its first record; the last number it printed.</summary>
    private static async Task<long> RunUntilKilledAsync(string kernel, string image, TimeSpan delay)
    {
        var control = Path.Combine(Guests.WorkDirectory, $"ext2-{Guid.NewGuid():N}.ctl");
        long last = -1;
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        using var kill = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var command = Cli.Wrap("qemu-system-x86_64")
            .WithArguments(QemuArguments(kernel, image, "ext2_crash_append /data/log", false, "ext2", true, control))
            .WithStandardInputPipe(PipeSource.Null)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
            {
                lock (output)
                    output.AppendLine(line);
                if (long.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    Interlocked.Exchange(ref last, n);
                    first.TrySetResult();
                }
            }))
            .WithValidation(CommandResultValidation.None);
        var run = command.ExecuteAsync(kill.Token).Task;
        await Task.WhenAny(first.Task, run);
        if (!first.Task.IsCompleted)
            Assert.Fail($"the guest ended before its first record:\n{output}");
        await Task.Delay(delay);
        kill.Cancel();
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
        }

        return Interlocked.Read(ref last);
    }

    private static async Task AssertRecordsSurviveAsync(string image, long last, string what)
    {
        var repair = await Shell.RunAsync("e2fsck", ["-fy", image]);
        Assert.That(repair.ExitCode, Is.LessThanOrEqualTo(1), $"{what}: {repair}");
        TestContext.Progress.WriteLine($"ext2 crash {what}: killed after record {last}; e2fsck -fy status {repair.ExitCode}");
        await AssertCleanAsync(image);
        var dump = Path.Combine(Guests.WorkDirectory, $"ext2-crash-{Guid.NewGuid():N}.log");
        var cat = await Shell.RunAsync("debugfs", ["-R", $"dump /log {dump}", image]);
        Assert.That(File.Exists(dump), Is.True, $"{what}: /log is gone after record {last} was promised\n{cat}");
        var data = await File.ReadAllBytesAsync(dump);
        Assert.That(data.Length, Is.GreaterThanOrEqualTo((last + 1) * 64), $"{what}: {data.Length} bytes, record {last} promised");
        for (var i = 0; i <= last; i++)
        {
            var want = ("record " + i.ToString("D8", CultureInfo.InvariantCulture) + " ").PadRight(63, '.') + "\n";
            var got = Encoding.ASCII.GetString(data, (int)(i * 64), 64);
            Assert.That(got, Is.EqualTo(want), $"{what}: record {i} of {last}");
        }
    }
}
