using System.Text.Json;
using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>
/// rr-run -b as a user meets it (contracts §8): the drives and mounts it hands QEMU and the guest,
/// several drives at their default mount points, writable ext2 images built from directories, where
/// built images live and that nothing is left behind, and the one-line refusals.
/// </summary>
public sealed class RunBlockOptionTests
{
    private const string Config = "hw_virtio";

    private static string Work(string name)
    {
        var dir = Path.Combine(Guests.WorkDirectory, "rrb-" + name);
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string SmallTree(string work, string name, string text)
    {
        var tree = Path.Combine(work, name);
        Directory.CreateDirectory(Path.Combine(tree, "sub"));
        File.WriteAllText(Path.Combine(tree, "hello.txt"), text);
        return tree;
    }

    private static Task<string> TreeImageAsync() => Guests.ImageAsync("iso_tree", Config);


    [Test]
    public async Task Dry_run_shows_the_drives_and_the_mounts_of_the_guest()
    {
        var work = Work("dry");
        var disk = Path.Combine(work, "disk.img");
        await File.WriteAllBytesAsync(disk, new byte[1 << 20]);
        var tree = SmallTree(work, "tree", "x\n");

        var run = await Shell.RunAsync("rr-run", ["--dry-run", "qemu", "-i", "-b", disk, "-b", tree + ",/srv,ext2=8M", await TreeImageAsync()]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var words = ShellWordsOf(run.StandardOutput);
        var configuration = JsonDocument.Parse(words[words.IndexOf("-append") + 1]).RootElement;
        Assert.That(configuration.GetProperty("mounts").GetRawText(), Is.EqualTo(
            "[{\"device\":\"rr0\",\"path\":\"/data\",\"readonly\":false,\"fstype\":\"auto\",\"required\":true}," +
            "{\"device\":\"rr1\",\"path\":\"/srv\",\"readonly\":false,\"fstype\":\"ext2\",\"required\":true}]"));
        Assert.That(run.StandardOutput, Does.Contain($" -drive file={disk},format=raw,if=none,id=rr0 -device virtio-blk-device,drive=rr0,serial=rr0 "));
        Assert.That(run.StandardOutput, Does.Match(@" -drive file=\S+/rr1\.ext2,format=raw,if=none,id=rr1 -device virtio-blk-device,drive=rr1,serial=rr1"));
        Assert.That(Directory.EnumerateFileSystemEntries(work).Count(), Is.EqualTo(2), "a dry run builds nothing");
    }

    [Test]
    public async Task Two_directories_are_mounted_at_data_and_data1_and_the_images_go_when_the_run_ends()
    {
        var work = Work("two");
        var temporary = Directory.CreateDirectory(Path.Combine(work, "tmp")).FullName;
        var first = SmallTree(work, "first", "one\n");
        var second = SmallTree(work, "second", "two\n");
        var image = await TreeImageAsync();

        var run = await Shell.RunAsync("rr-run", ["qemu", "-i", "-b", first, "-b", second, image, "--", "/data1"],
            environment: new Dictionary<string, string?> { ["TMPDIR"] = temporary }, timeout: TimeSpan.FromMinutes(3));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(
            "f 0644 4 " + Sha256("two\n") + " hello.txt\n" + "d 0755 sub\n" + "entries 2\n"), run.ToString());
        Assert.That(Directory.EnumerateFileSystemEntries(temporary), Is.Empty, "the built images must be deleted");
    }

    [Test]
    public async Task A_directory_as_ext2_is_writable_for_the_run()
    {
        var work = Work("ext2");
        var tree = SmallTree(work, "tree", "before\n");

        var run = await Guest.RunAsync(await Guests.ImageAsync("iso_write", Config), ["/scratch"], ["-b", tree + ",/scratch,ext2"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo("hello.txt: before\nwrote /scratch/new.txt: 4096 bytes read back\n"), run.ToString());
        Assert.That(File.Exists(Path.Combine(tree, "new.txt")), Is.False, "the host directory is never written");
    }

    [Test]
    public async Task A_detached_guest_keeps_its_image_beside_the_log_and_says_where()
    {
        var work = Work("detached");
        var runtime = Directory.CreateDirectory(Path.Combine(work, "runtime")).FullName;
        var tree = SmallTree(work, "tree", "d\n");

        var run = await Shell.RunAsync("rr-run", ["qemu", "-N", "keeper", "-b", tree, await TreeImageAsync()],
            environment: new Dictionary<string, string?> { ["XDG_RUNTIME_DIR"] = runtime });

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var images = Directory.GetFiles(Path.Combine(runtime, "rr-run"), "keeper-*.rr0.iso");
        Assert.That(images, Has.Length.EqualTo(1), run.ToString());
        Assert.That(run.StandardError, Does.Contain($"{tree} is attached as {images[0]} (removed by rr-run stop)"), run.ToString());
    }

    [Test]
    public async Task An_image_without_a_block_driver_is_refused()
    {
        var work = Work("generic");
        var image = await Guests.ImageAsync("iso_tree");

        var run = await Shell.RunAsync("rr-run", ["qemu", "-i", "-b", SmallTree(work, "tree", "x"), image]);

        Refusal.AssertOneLine(run, 125, $"{image} has no block-device support: bake it with hw_virtio");
    }

    [Test]
    public async Task A_missing_source_is_a_usage_error()
    {
        var run = await Shell.RunAsync("rr-run", ["qemu", "-i", "-b", "/nonexistent/disk.img", await TreeImageAsync()]);

        Refusal.AssertOneLine(run, 2, "-b /nonexistent/disk.img: no such file or directory");
    }

    [Test]
    public async Task A_character_device_is_refused_by_kind()
    {
        var run = await Shell.RunAsync("rr-run", ["qemu", "-i", "-b", "/dev/zero", await TreeImageAsync()]);

        Refusal.AssertOneLine(run, 2, "-b /dev/zero: a character device, not a disk image file, a block device or a directory");
    }

    [Test]
    public async Task A_bad_option_is_a_usage_error()
    {
        var run = await Shell.RunAsync("rr-run", ["qemu", "-i", "-b", "disk.img,rw", await TreeImageAsync()]);

        Refusal.AssertOneLine(run, 2, "-b disk.img,rw: 'rw' is neither a mount point (they start with '/'), 'ro' nor 'ext2[=SIZE]': " +
            "use FILE[,MOUNTPOINT][,ro] or DIR[,MOUNTPOINT][,ro][,ext2[=SIZE]]");
    }

    [Test]
    public async Task A_missing_image_tool_names_its_package_and_leaves_nothing()
    {
        var work = Work("notool");
        var temporary = Directory.CreateDirectory(Path.Combine(work, "tmp")).FullName;
        var bin = Directory.CreateDirectory(Path.Combine(work, "bin")).FullName;
        // a PATH with the tools rr-run itself needs, but no xorriso
        foreach (var tool in new[] { "qemu-system-x86_64", "dotnet" })
        {
            var found = Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
            if (found is not null)
                File.CreateSymbolicLink(Path.Combine(bin, tool), found);
        }
        if (File.Exists("/usr/sbin/xorriso") || File.Exists("/sbin/xorriso"))
            Assert.Ignore("xorriso sits in an sbin directory, which rr-run always searches");
        var tree = SmallTree(work, "tree", "x");

        var run = await Shell.RunAsync("rr-run", ["qemu", "-i", "-b", tree, await TreeImageAsync()],
            environment: new Dictionary<string, string?> { ["PATH"] = bin, ["TMPDIR"] = temporary });

        Refusal.AssertOneLine(run, 125, $"-b {tree}: xorriso not found, which builds the image: apt-get install xorriso");
        Assert.That(Directory.EnumerateFileSystemEntries(temporary), Is.Empty);
    }

    private static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>The words of the dry run's shell line (single-quoted words, as rr-run prints them).</summary>
    private static List<string> ShellWordsOf(string line)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                word.Append(line, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord)
            words.Add(word.ToString());
        return words;
    }
}
