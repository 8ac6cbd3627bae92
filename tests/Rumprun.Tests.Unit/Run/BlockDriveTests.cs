using System.Runtime.Versioning;
using System.Text.Json;
using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

/// <summary>The QEMU arguments and the guest's mounts entries of -b (contracts §8).</summary>
[SupportedOSPlatform("linux")]
public sealed class BlockDriveTests
{
    private static readonly RunRequest Hello = RunRequest.For(Accelerator.Tcg, "/images/hello.bin");

    private static BlockAttachment Drive(int index, string image, string mountPoint, bool readOnly, BlockImageFormat format) =>
        new(index, new BlockOption(image, mountPoint), image, mountPoint, readOnly, format);

    private static IReadOnlyList<string> Qemu(RunRequest request) =>
        QemuCommandLine.Build(request, "{}", new QemuConsole.Stdio(), "/tmp/x.ctl");

    [Test]
    public void Each_drive_is_a_raw_drive_and_a_virtio_blk_device_named_rr_n()
    {
        var request = Hello.WithDrives(
            Drive(0, "/disks/a.img", "/data", false, BlockImageFormat.AsIs),
            Drive(1, "/tmp/rr1.iso", "/srv", true, BlockImageFormat.Iso9660));

        var line = string.Join(' ', Qemu(request));

        Assert.That(line, Does.EndWith(
            "-drive file=/disks/a.img,format=raw,if=none,id=rr0 -device virtio-blk-device,drive=rr0,serial=rr0 " +
            "-drive file=/tmp/rr1.iso,format=raw,if=none,id=rr1,readonly=on -device virtio-blk-device,drive=rr1,serial=rr1"));
    }

    [Test]
    public void Commas_in_image_paths_are_doubled_for_qemu()
    {
        var arguments = Drive(0, "/a,b/c.img", "/data", false, BlockImageFormat.AsIs).QemuArguments(pciMachine: false);

        Assert.That(arguments[1], Is.EqualTo("file=/a,,b/c.img,format=raw,if=none,id=rr0"));
    }

    [TestCase("-M pc", true)]
    [TestCase("-M q35,accel=tcg", true)]
    [TestCase("-machine type=pc-i440fx-7.2", true)]
    [TestCase("-M microvm", false)]
    [TestCase("-smp 2", false)]
    public void Pc_machines_get_virtio_blk_pci(string words, bool pci)
    {
        var request = Hello.WithHypervisorArguments(ShellWords.Split(words))
            .WithDrives(Drive(0, "/d.img", "/data", false, BlockImageFormat.AsIs));

        var line = string.Join(' ', Qemu(request));

        Assert.That(line, Does.Contain(pci ? "-device virtio-blk-pci,drive=rr0,serial=rr0" : "-device virtio-blk-device,drive=rr0,serial=rr0"));
        Assert.That(line.IndexOf("-drive", StringComparison.Ordinal), Is.LessThan(line.LastIndexOf(words, StringComparison.Ordinal)),
            "-g words come last");
    }

    [Test]
    public void The_mounts_key_lists_the_drives_in_order_with_their_fstype()
    {
        var request = Hello.WithDrives(
            Drive(0, "/disks/a.img", "/data", false, BlockImageFormat.AsIs),
            Drive(1, "/tmp/rr1.iso", "/srv/www", true, BlockImageFormat.Iso9660),
            Drive(2, "/tmp/rr2.ext2", "/data1", false, BlockImageFormat.Ext2));

        var json = JsonDocument.Parse(GuestConfiguration.For(request, ConsoleMode.Raw).ToJson()).RootElement;

        Assert.That(json.GetProperty("mounts").GetRawText(), Is.EqualTo(
            "[{\"device\":\"rr0\",\"path\":\"/data\",\"readonly\":false,\"fstype\":\"auto\",\"required\":true}," +
            "{\"device\":\"rr1\",\"path\":\"/srv/www\",\"readonly\":true,\"fstype\":\"iso9660\",\"required\":true}," +
            "{\"device\":\"rr2\",\"path\":\"/data1\",\"readonly\":false,\"fstype\":\"ext2\",\"required\":true}]"));
    }

    [Test]
    public void Without_drives_there_is_no_mounts_key()
    {
        var json = JsonDocument.Parse(GuestConfiguration.For(Hello, ConsoleMode.Raw).ToJson()).RootElement;

        Assert.That(json.TryGetProperty("mounts", out _), Is.False);
        Assert.That(string.Join(' ', Qemu(Hello)), Does.Not.Contain("-drive"));
    }

    [Test]
    public void Stop_removes_only_the_images_rr_run_built_beside_the_control_file()
    {
        var commandLine = new[]
        {
            "qemu-system-x86_64", "-chardev", "file,id=ctl,path=/run/rr-run/web-12.ctl",
            "-drive", "file=/run/rr-run/web-12.rr0.iso,format=raw,if=none,id=rr0,readonly=on",
            "-drive", "file=/home/me/disk.img,format=raw,if=none,id=rr1",
            "-drive", "file=/run/rr-run/web-12.rr2.ext2,format=raw,if=none,id=rr2",
            "-drive", "file=/run/rr-run/web-13.rr0.iso,format=raw,if=none,id=rr3",
        };

        Assert.That(GuestStop.BuiltImagesOf(commandLine, "/run/rr-run/web-12.ctl"),
            Is.EqualTo(new[] { "/run/rr-run/web-12.rr0.iso", "/run/rr-run/web-12.rr2.ext2" }));
    }
}
