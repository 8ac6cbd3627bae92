using System.Text;
using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>
/// Disks on virtio-blk: found with their serials and sizes (tests/guests/block_info.c lists
/// /dev/disk/by-id), on microvm's virtio-mmio and on pc's PCI bus, read-only ones refused for
/// writing, and the mounts key's failure policy (docs/contracts.md §8). QEMU is started here
/// directly, with the disks and the guest configuration each test needs.
/// </summary>
public sealed class BlockDeviceTests
{
    private const string Microvm = "microvm,x-option-roms=off,auto-kernel-cmdline=off,rtc=on";
    private const string ConfigName = "block_devices";

    private static readonly Lazy<Task<string>> InfoImage = new(() => BakeAsync("block_info"));
    private static readonly Lazy<Task<string>> FilesImage = new(() => BakeAsync("block_files"));
    private static readonly Lazy<Task<string>> ThreadsImage = new(() => BakeAsync("block_threads"));

    private sealed record Boot(ProcessResult Run, string Control)
    {
        public override string ToString() => $"control: {Control}\n{Run}";
    }

    [Test]
    public async Task Four_disks_on_microvm_are_found_with_serials_and_sizes_in_command_line_order_and_take_writes()
    {
        var disks = new[] { Disk("four0", 16), Disk("four1", 1), Disk("four2", 2), Disk("four3", 3) };

        var boot = await BootAsync(await InfoImage.Value, Microvm, """{"cmdline":"block_info rw rr0","console":"raw"}""",
            Drives(disks, readOnly: 1, "virtio-blk-device"));

        Assert.That(boot.Control, Is.EqualTo("rr:exit 0"), boot.ToString());
        Assert.That(boot.Run.StandardOutput, Is.EqualTo(
            "virtio-rr0 -> ../../vblk0: 16384 KiB, read-write\n" +
            "virtio-rr1 -> ../../vblk1: 1024 KiB, read-only\n" +
            "virtio-rr2 -> ../../vblk2: 2048 KiB, read-write\n" +
            "virtio-rr3 -> ../../vblk3: 3072 KiB, read-write\n" +
            "rr0: wrote, flushed and read back 700 bytes at offset 1000\n"), boot.ToString());
        Assert.That(ReadAt(disks[0], 1000, 28), Is.EqualTo("abcdefghijklmnopqrstuvwxyzab"));
    }

    [Test]
    public async Task A_read_only_disk_cannot_be_opened_for_writing()
    {
        var disks = new[] { Disk("ro0", 1), Disk("ro1", 1) };

        var boot = await BootAsync(await InfoImage.Value, Microvm, """{"cmdline":"block_info rw rr1","console":"raw"}""",
            Drives(disks, readOnly: 1, "virtio-blk-device"));

        Assert.That(boot.Control, Is.EqualTo("rr:exit 1"), boot.ToString());
        Assert.That(boot.Run.StandardOutput, Does.EndWith(
            "virtio-rr1 -> ../../vblk1: 1024 KiB, read-only\nopen rr1 for writing: Read-only file system\n"), boot.ToString());
    }

    [Test]
    public async Task A_disk_on_modern_virtio_mmio_works()
    {
        var disks = new[] { Disk("mmio-modern", 16) };

        var boot = await BootAsync(await InfoImage.Value, Microvm, """{"cmdline":"block_info rw rr0","console":"raw"}""",
            [.. Drives(disks, readOnly: -1, "virtio-blk-device"), "-global", "virtio-mmio.force-legacy=false"]);

        Assert.That(boot.Control, Is.EqualTo("rr:exit 0"), boot.ToString());
        Assert.That(boot.Run.StandardOutput, Is.EqualTo(
            "virtio-rr0 -> ../../vblk0: 16384 KiB, read-write\n" +
            "rr0: wrote, flushed and read back 700 bytes at offset 1000\n"), boot.ToString());
    }

    [TestCase("virtio-blk-pci", TestName = "A PCI disk on pc works through the modern interface")]
    [TestCase("virtio-blk-pci,disable-modern=on", TestName = "A PCI disk on pc works through the legacy interface")]
    public async Task A_pci_disk_on_pc_works(string device)
    {
        var disks = new[] { Disk("pci-" + device.Length, 16), Disk("pci-ro-" + device.Length, 1) };
        var silentBios = Path.Combine(Guests.WorkDirectory, "sercon-port");
        await File.WriteAllBytesAsync(silentBios, [0, 0]);

        var boot = await BootAsync(await InfoImage.Value, "pc", """{"cmdline":"block_info rw rr0","console":"raw"}""",
            [.. Drives(disks, readOnly: 1, device), "-fw_cfg", "name=etc/sercon-port,file=" + silentBios]);

        Assert.That(boot.Control, Is.EqualTo("rr:exit 0"), boot.ToString());
        Assert.That(boot.Run.StandardOutput, Is.EqualTo(
            "virtio-rr0 -> ../../vblk0: 16384 KiB, read-write\n" +
            "virtio-rr1 -> ../../vblk1: 1024 KiB, read-only\n" +
            "rr0: wrote, flushed and read back 700 bytes at offset 1000\n"), boot.ToString());
        Assert.That(ReadAt(disks[0], 1000, 5), Is.EqualTo("abcde"));
    }

    [Test]
    public async Task Several_threads_read_one_disk_at_once_through_a_ring_with_room_for_one_request()
    {
        var boot = await BootAsync(await ThreadsImage.Value, Microvm, """{"cmdline":"block_threads","console":"raw"}""",
            ["-drive", $"file={Disk("threads", 1)},format=raw,if=none,id=rr0", "-device", "virtio-blk-device,drive=rr0,serial=rr0,queue-size=4"]);

        Assert.That(boot.Control, Is.EqualTo("rr:exit 0"), boot.ToString());
        Assert.That(boot.Run.StandardOutput, Is.EqualTo("6 threads, 8 rounds each: 0 failures\n"), boot.ToString());
    }

    [Test]
    public async Task A_read_only_disk_is_mounted_read_only_and_refuses_writes_with_erofs()
    {
        var tree = Path.Combine(Guests.WorkDirectory, "block-ext2-tree");
        Directory.CreateDirectory(tree);
        await File.WriteAllTextAsync(Path.Combine(tree, "greeting.txt"), "hello from the disk\n");
        var image = Path.Combine(Guests.WorkDirectory, "block-ro.ext2");
        File.Delete(image);
        var mkfs = await Shell.RunAsync("mke2fs", ["-q", "-t", "ext2", "-b", "1024", "-d", tree, image, "2M"]);
        Assert.That(mkfs.ExitCode, Is.Zero, mkfs.ToString());

        var boot = await BootAsync(await FilesImage.Value, Microvm,
            """{"cmdline":"block_files /data greeting.txt","console":"raw","mounts":[{"device":"rr0","path":"/data","readonly":false,"fstype":"auto","required":true}]}""",
            Drives([image], readOnly: 0, "virtio-blk-device"));

        Assert.That(boot.Control, Is.EqualTo("rr:exit 0"), boot.ToString());
        Assert.That(boot.Run.StandardOutput, Is.EqualTo("greeting.txt: hello from the disk\ncreate new.txt: EROFS\n"), boot.ToString());
    }

    [Test]
    public async Task A_required_mount_that_fails_stops_the_guest_before_the_program()
    {
        var boot = await BootAsync(await FilesImage.Value, Microvm,
            """{"cmdline":"block_files /etc hostname","console":"raw","mounts":[{"device":"rr5","path":"/data","readonly":false,"fstype":"auto","required":true}]}""",
            Drives([Disk("required", 1)], readOnly: -1, "virtio-blk-device"));

        Assert.That(boot.Control, Is.EqualTo("rr:config 78 mount /data: device rr5 not found"), boot.ToString());
        Assert.That(boot.Run.StandardOutput, Is.EqualTo("rumprun: configuration error: mount /data: device rr5 not found\n"), boot.ToString());
    }

    [Test]
    public async Task An_optional_mount_that_fails_is_reported_and_the_program_runs()
    {
        var boot = await BootAsync(await FilesImage.Value, Microvm,
            """{"cmdline":"block_files /etc hostname","console":"raw","mounts":[{"device":"rr0","path":"/data","readonly":false,"fstype":"auto","required":false}]}""",
            Drives([Disk("optional", 1)], readOnly: -1, "virtio-blk-device"));

        Assert.That(boot.Control, Is.EqualTo("rr:exit 0"), boot.ToString());
        Assert.That(boot.Run.StandardOutput, Is.EqualTo(
            "rumprun: mount /data: rr0 holds no file system rumprun knows (continuing without it)\n" +
            "hostname: rumprun\ncreate new.txt: done\n"), boot.ToString());
    }

    /// <summary>A zero-filled (sparse) disk image of mib MiB.</summary>
    private static string Disk(string name, int mib)
    {
        var path = Path.Combine(Guests.WorkDirectory, $"block-{name}.img");
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.SetLength(mib * 1024L * 1024L);
        return path;
    }

    private static string ReadAt(string path, long offset, int count)
    {
        using var file = File.OpenRead(path);
        file.Position = offset;
        var bytes = new byte[count];
        file.ReadExactly(bytes);
        return Encoding.ASCII.GetString(bytes);
    }

    /// <summary>The drive and device arguments of contracts §8; disk number readOnly (-1: none) is read-only.</summary>
    private static string[] Drives(IReadOnlyList<string> files, int readOnly, string device)
    {
        var args = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            args.Add("-drive");
            args.Add($"file={files[i]},format=raw,if=none,id=rr{i}" + (i == readOnly ? ",readonly=on" : ""));
            args.Add("-device");
            args.Add($"{device},drive=rr{i},serial=rr{i}");
        }

        return [.. args];
    }

    /// <summary>The machine of contracts §7 with extra arguments; returns the console and the control line.</summary>
    private static async Task<Boot> BootAsync(string image, string machine, string config, IEnumerable<string> extra)
    {
        var control = Path.Combine(Guests.WorkDirectory, $"block-{Guid.NewGuid():N}.ctl");
        var args = new List<string>
        {
            "-M", machine, "-cpu", "max", "-m", "64", "-nodefaults", "-no-user-config", "-display", "none",
            "-no-reboot", "-kernel", image, "-append", config,
            "-chardev", "stdio,id=con,signal=off", "-serial", "chardev:con",
            "-chardev", $"file,id=ctl,path={control}", "-device", "isa-debugcon,chardev=ctl,iobase=0xe9",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=4", "-accel", "tcg",
        };
        args.AddRange(extra);
        var run = await Shell.RunAsync("qemu-system-x86_64", args, standardInput: []);
        var lines = File.Exists(control) ? await File.ReadAllLinesAsync(control) : [];
        return new Boot(run, string.Join("\n", lines.Where(l => l != "rr:ready")));
    }

    private static async Task<string> BakeAsync(string guest)
    {
        var program = await Guests.CompileAsync(guest);
        var configDir = Path.Combine(Guests.WorkDirectory, guest + "-config");
        Directory.CreateDirectory(configDir);
        var configFile = Path.Combine(configDir, ConfigName + ".json");
        await File.WriteAllTextAsync(configFile, """
            {
              "description": "virtio transports, the block driver and both block file systems",
              "platform": "hw",
              "components": ["virtio", "virtio_mmio", "virtio_pci", "pci", "virtio_blk", "ext2", "iso9660"]
            }
            """);
        var image = Path.Combine(Guests.WorkDirectory, guest + "." + ConfigName + ".bin");
        var bake = await Shell.RunAsync("rr-bake", ["-q", "-c", configFile, ConfigName, image, program]);
        if (bake.ExitCode != 0)
            Assert.Fail($"baking {guest} failed:\n{bake}");
        return image;
    }
}
