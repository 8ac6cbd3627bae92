using System.Runtime.Versioning;
using NUnit.Framework;
using Rumprun.Core.Processes;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

/// <summary>Images of host directories, made with the real tools (the tests skip themselves without them).</summary>
[SupportedOSPlatform("linux")]
public sealed class DirectoryImageTests
{
    private string work = "";

    [SetUp]
    public void CreateWork()
    {
        work = Directory.CreateTempSubdirectory("rr-dirimage.").FullName;
    }

    [TearDown]
    public void DeleteWork() => Directory.Delete(work, recursive: true);

    private string Tree()
    {
        var tree = Path.Combine(work, "my tree");
        Directory.CreateDirectory(Path.Combine(tree, "sub"));
        File.WriteAllText(Path.Combine(tree, "hello.txt"), "hello\n");
        File.WriteAllBytes(Path.Combine(tree, "sub", "big.bin"), new byte[100_000]);
        File.CreateSymbolicLink(Path.Combine(tree, "link"), "hello.txt");
        return tree;
    }

    private static void RequireTool(BlockImageFormat format)
    {
        var (program, _) = DirectoryImage.ToolFor(format);
        if (ExecutableSearch.Find(program, Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin:/sbin") is null)
            Assert.Ignore($"{program} is not installed");
    }

    private BlockAttachment Drive(string source, BlockImageFormat format, long? size = null) =>
        new(0, new BlockOption(source, Ext2: format == BlockImageFormat.Ext2, Ext2Bytes: size),
            Path.Combine(work, format == BlockImageFormat.Ext2 ? "rr0.ext2" : "rr0.iso"), "/data",
            format == BlockImageFormat.Iso9660, format);

    [Test]
    public async Task An_iso_image_holds_the_tree_with_rock_ridge()
    {
        RequireTool(BlockImageFormat.Iso9660);
        var drive = Drive(Tree(), BlockImageFormat.Iso9660);

        await DirectoryImage.BuildAsync(drive, CancellationToken.None);

        var bytes = await File.ReadAllBytesAsync(drive.ImagePath);
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 16 * 2048 + 1, 5), Is.EqualTo("CD001"));
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 16 * 2048 + 40, 7), Is.EqualTo("MY_TREE"), "the volume id");
        var listing = await ProcessRunner.RunAsync(new ProcessSpec("xorriso", ["-indev", drive.ImagePath, "-find", "/", "-exec", "lsdl"]));
        Assert.That(listing.StandardOutput, Does.Contain("'/sub/big.bin'").And.Contain("'/link' -> 'hello.txt'"));
        Assert.That(listing.StandardOutput, Does.Match(@"-rw-r--r--\s+1 0\s+0\s+6 .*'/hello.txt'"), "modes kept, owner root");
    }

    [Test]
    public async Task An_empty_directory_still_makes_an_iso_image()
    {
        RequireTool(BlockImageFormat.Iso9660);
        var empty = Path.Combine(work, "empty");
        Directory.CreateDirectory(empty);
        var drive = Drive(empty, BlockImageFormat.Iso9660);

        await DirectoryImage.BuildAsync(drive, CancellationToken.None);

        Assert.That(File.Exists(drive.ImagePath), Is.True);
    }

    [Test]
    public async Task An_ext2_image_gets_the_size_asked_for()
    {
        RequireTool(BlockImageFormat.Ext2);
        var drive = Drive(Tree(), BlockImageFormat.Ext2, 8L << 20);

        await DirectoryImage.BuildAsync(drive, CancellationToken.None);

        Assert.That(new FileInfo(drive.ImagePath).Length, Is.EqualTo(8L << 20));
        var check = await ProcessRunner.RunAsync(new ProcessSpec("/sbin/e2fsck", ["-fn", drive.ImagePath]));
        Assert.That(check.ExitCode, Is.Zero, check.CombinedOutput);
    }

    [Test]
    public async Task A_computed_ext2_size_holds_the_tree_with_headroom()
    {
        RequireTool(BlockImageFormat.Ext2);
        var tree = Tree();
        var drive = Drive(tree, BlockImageFormat.Ext2);

        await DirectoryImage.BuildAsync(drive, CancellationToken.None);

        var size = new FileInfo(drive.ImagePath).Length;
        Assert.That(size, Is.EqualTo(DirectoryImage.Ext2Bytes(TreeSize.Of(tree))));
        Assert.That(size, Is.GreaterThanOrEqualTo(100_000 + DirectoryImage.Ext2HeadroomBytes));
        Assert.That(size % (1 << 20), Is.Zero);
    }

    [Test]
    public async Task An_ext2_size_too_small_for_the_tree_fails_and_leaves_nothing()
    {
        RequireTool(BlockImageFormat.Ext2);
        var tree = Tree();
        // random, because mke2fs stores runs of zeros as holes
        File.WriteAllBytes(Path.Combine(tree, "large.bin"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(3 << 20));
        var drive = Drive(tree, BlockImageFormat.Ext2, 1L << 20);

        var e = Assert.ThrowsAsync<RunException>(() => DirectoryImage.BuildAsync(drive, CancellationToken.None))!;

        Assert.That(e.Message, Does.StartWith($"-b {drive.Option}: mke2fs could not build the image: ")
            .And.EndWith(": check that the tree fits in the ext2=SIZE given"));
        Assert.That(File.Exists(drive.ImagePath), Is.False);
    }

    [Test]
    public void The_tree_size_counts_entries_and_blocks_without_following_links()
    {
        var tree = Tree();
        File.CreateSymbolicLink(Path.Combine(tree, "loop"), tree);

        var size = TreeSize.Of(tree);

        Assert.That(size.Entries, Is.EqualTo(6));   // top, sub, hello.txt, big.bin, link, loop
        Assert.That(size.DataBlocks, Is.EqualTo(1 + 1 + 1 + 25));   // top, sub, hello, 100000 bytes in 25 blocks
    }

    [TestCase("/x/my data", "MY_DATA")]
    [TestCase("/x/äö", "DATA")]
    [TestCase("/x/a-very-long-directory-name-beyond-the-limit", "A_VERY_LONG_DIRECTORY_NAME_BEYON")]
    public void Volume_ids_are_made_of_d_characters(string directory, string id)
    {
        Assert.That(DirectoryImage.VolumeId(directory), Is.EqualTo(id));
    }

    [Test]
    public void The_tools_are_named_with_their_packages()
    {
        Assert.That(DirectoryImage.ToolFor(BlockImageFormat.Iso9660), Is.EqualTo(("xorriso", "xorriso")));
        Assert.That(DirectoryImage.ToolFor(BlockImageFormat.Ext2), Is.EqualTo(("mke2fs", "e2fsprogs")));
    }
}
