using System.Runtime.Versioning;
using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

/// <summary>How -b sources on the host become drives, before anything is built.</summary>
[SupportedOSPlatform("linux")]
public sealed class BlockPlanTests
{
    private string work = "";

    [SetUp]
    public void CreateWork()
    {
        work = Directory.CreateTempSubdirectory("rr-blockplan.").FullName;
    }

    [TearDown]
    public void DeleteWork() => Directory.Delete(work, recursive: true);

    private IReadOnlyList<BlockAttachment> Resolve(params string[] options) =>
        BlockPlan.Resolve(BlockMountPoints.Assign([.. options.Select(BlockOption.Parse)]),
            (index, format) => Path.Combine(work, "images", $"rr{index}.{format}"));

    private static RunException Refusal(TestDelegate action)
    {
        var e = Assert.Throws<RunException>(action)!;
        Assert.That(e.ExitCode, Is.EqualTo(RunExitCodes.Usage));
        return e;
    }

    [Test]
    public void Files_are_attached_as_they_are_and_directories_become_images()
    {
        var disk = Path.Combine(work, "disk.img");
        File.WriteAllBytes(disk, new byte[4096]);
        Directory.CreateDirectory(Path.Combine(work, "tree"));

        var drives = Resolve(disk, Path.Combine(work, "tree"), Path.Combine(work, "tree") + ",/scratch,ext2", disk + ",ro");

        Assert.Multiple(() =>
        {
            Assert.That(drives.Select(d => d.DriveId), Is.EqualTo(new[] { "rr0", "rr1", "rr2", "rr3" }));
            Assert.That(drives.Select(d => d.Format), Is.EqualTo(new[]
                { BlockImageFormat.AsIs, BlockImageFormat.Iso9660, BlockImageFormat.Ext2, BlockImageFormat.AsIs }));
            Assert.That(drives.Select(d => d.ImagePath), Is.EqualTo(new[]
            {
                disk, Path.Combine(work, "images", "rr1.Iso9660"), Path.Combine(work, "images", "rr2.Ext2"), disk,
            }));
            Assert.That(drives.Select(d => d.MountPoint), Is.EqualTo(new[] { "/data", "/data1", "/scratch", "/data2" }));
            Assert.That(drives.Select(d => d.ReadOnly), Is.EqualTo(new[] { false, true, false, true }), "an ISO is always read-only");
            Assert.That(drives.Select(d => d.FileSystemType), Is.EqualTo(new[] { "auto", "iso9660", "ext2", "auto" }));
        });
    }

    [Test]
    public void A_relative_file_is_given_to_qemu_as_an_absolute_path()
    {
        var disk = Path.Combine(work, "disk.img");
        File.WriteAllBytes(disk, new byte[512]);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, disk);

        Assert.That(Resolve(relative)[0].ImagePath, Is.EqualTo(disk));
    }

    [Test]
    public void A_missing_source_is_named()
    {
        var missing = Path.Combine(work, "nothere");

        Assert.That(Refusal(() => Resolve(missing)).Message, Is.EqualTo($"-b {missing}: no such file or directory"));
    }

    [Test]
    public void Devices_other_than_block_devices_are_refused_by_kind()
    {
        Assert.That(Refusal(() => Resolve("/dev/null")).Message,
            Is.EqualTo("-b /dev/null: a character device, not a disk image file, a block device or a directory"));
    }

    [Test]
    public void A_fifo_is_refused_by_kind()
    {
        var fifo = Path.Combine(work, "fifo");
        var made = System.Diagnostics.Process.Start("mkfifo", fifo);
        made.WaitForExit();

        Assert.That(Refusal(() => Resolve(fifo)).Message, Does.EndWith(": a FIFO, not a disk image file, a block device or a directory"));
    }

    [Test]
    public void Ext2_on_a_file_is_refused()
    {
        var disk = Path.Combine(work, "disk.img");
        File.WriteAllBytes(disk, new byte[512]);

        Assert.That(Refusal(() => Resolve(disk + ",ext2")).Message,
            Does.Contain("ext2 builds an image from a directory, and " + disk + " is a regular file: drop ',ext2'"));
    }
}
