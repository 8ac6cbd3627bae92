using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

public sealed class BlockOptionTests
{
    private static string Refusal(string text) =>
        Assert.Throws<RunException>(() => BlockOption.Parse(text))!.Message;

    [Test]
    public void A_bare_path_has_no_mount_point_and_is_writable()
    {
        Assert.That(BlockOption.Parse("disk.img"), Is.EqualTo(new BlockOption("disk.img")));
    }

    [Test]
    public void Mount_point_ro_and_ext2_are_read_in_any_order()
    {
        Assert.That(BlockOption.Parse("d,/srv/www,ro"), Is.EqualTo(new BlockOption("d", "/srv/www", ReadOnly: true)));
        Assert.That(BlockOption.Parse("d,ro,/x"), Is.EqualTo(new BlockOption("d", "/x", ReadOnly: true)));
        Assert.That(BlockOption.Parse("tree,ext2"), Is.EqualTo(new BlockOption("tree", Ext2: true)));
        Assert.That(BlockOption.Parse("tree,/w,ext2=64M"), Is.EqualTo(new BlockOption("tree", "/w", Ext2: true, Ext2Bytes: 64L << 20)));
    }

    [TestCase("ext2=1048576", 1048576L)]
    [TestCase("ext2=2048k", 2048L << 10)]
    [TestCase("ext2=3M", 3L << 20)]
    [TestCase("ext2=2G", 2L << 30)]
    public void Sizes_take_binary_suffixes(string field, long bytes)
    {
        Assert.That(BlockOption.Parse("t," + field).Ext2Bytes, Is.EqualTo(bytes));
    }

    [Test]
    public void Mount_points_are_normalised()
    {
        Assert.That(BlockOption.Parse("d,//srv//data/").MountPoint, Is.EqualTo("/srv/data"));
    }

    [TestCase("", "no file or directory before the options")]
    [TestCase(",/data", "no file or directory before the options")]
    [TestCase("d,/a,/b", "two mount points (/a and /b): give one")]
    [TestCase("d,/", "the mount point cannot be /")]
    [TestCase("d,/a/../b", "'.' and '..' are not allowed")]
    [TestCase("d,rw", "'rw' is neither a mount point (they start with '/'), 'ro' nor 'ext2[=SIZE]'")]
    [TestCase("d,,ro", "an empty field between commas")]
    [TestCase("t,ext2=12X", "give the size as a number of bytes, or with K, M or G")]
    [TestCase("t,ext2=", "give the size as a number of bytes")]
    [TestCase("t,ext2=100k", "an ext2 image needs at least 1M")]
    [TestCase("t,ext2=99999999999999999G", "the size is too large")]
    public void Bad_values_are_refused_with_the_usage_status(string text, string message)
    {
        var e = Assert.Throws<RunException>(() => BlockOption.Parse(text))!;
        Assert.That(e.Message, Does.StartWith($"-b {text}: ").And.Contain(message));
        Assert.That(e.ExitCode, Is.EqualTo(RunExitCodes.Usage));
    }

    [Test]
    public void An_option_prints_as_it_would_be_written()
    {
        Assert.That(new BlockOption("t", "/w", true, true, 1 << 20).ToString(), Is.EqualTo("t,/w,ro,ext2=1048576"));
        Assert.That(new BlockOption("disk.img").ToString(), Is.EqualTo("disk.img"));
    }

    [Test]
    public void Default_mount_points_are_data_data1_and_skip_the_ones_given()
    {
        var options = BlockMountPoints.Assign(
        [
            new BlockOption("a"), new BlockOption("b", "/data1"), new BlockOption("c"), new BlockOption("d"),
        ]);

        Assert.That(options.Select(o => o.MountPoint), Is.EqualTo(new[] { "/data", "/data1", "/data2", "/data3" }));
    }

    [Test]
    public void A_mount_point_given_twice_is_refused()
    {
        var e = Assert.Throws<RunException>(() => BlockMountPoints.Assign([new BlockOption("a", "/x"), new BlockOption("b", "/x")]))!;

        Assert.That(e.Message, Is.EqualTo("-b b,/x: mount point /x is used by another -b: give each its own"));
        Assert.That(e.ExitCode, Is.EqualTo(RunExitCodes.Usage));
    }

    [Test]
    public void A_default_cannot_collide_with_a_given_data()
    {
        var options = BlockMountPoints.Assign([new BlockOption("a"), new BlockOption("b", "/data")]);

        Assert.That(options.Select(o => o.MountPoint), Is.EqualTo(new[] { "/data1", "/data" }));
    }
}
