using System.Buffers.Binary;
using NUnit.Framework;
using Rumprun.Core.Run;
using Rumprun.Core.Run.Iso;

namespace Rumprun.Tests.Unit.Run;

public sealed class IsoCommandTests
{
    private static readonly RunRequest Hello = RunRequest.For(Accelerator.Tcg, "/images/hello.bin");

    private static IReadOnlyList<string> ParseErrors(params string[] args) =>
        [.. Rumprun.Run.RootCommandFactory.Create().Parse(args).Errors.Select(e => e.Message)];

    [Test]
    public void Iso_takes_the_guest_options_of_qemu_plus_an_output_and_a_console_mode()
    {
        Assert.That(ParseErrors("iso", "-o", "a.iso", "-i", "--console", "raw", "-M", "128", "-e", "A=1", "-b", "d.img",
            "-I", "net0,vioif", "-W", "net0,inet,dhcp", "--forward", "tcp:8080:80", "-g", "-smp 1", "hello.bin", "--", "x"), Is.Empty);
        Assert.That(ParseErrors("iso", "--console", "serial", "hello.bin"), Is.Not.Empty);
        Assert.That(ParseErrors("iso", "-o", "a.iso"), Is.Not.Empty, "no image");
    }

    [Test]
    public void Grub_boots_the_image_with_the_configuration_module_at_once_and_powers_off_if_that_fails()
    {
        Assert.That(GrubConfig.For("/boot/hello.bin", "/boot/rr-config.json"), Is.EqualTo(
            "# Written by rr-run iso: boots the image at once with its guest configuration.\n" +
            "set timeout=0\n" +
            "set timeout_style=hidden\n" +
            "terminal_output console\n" +
            "multiboot2 /boot/hello.bin\n" +
            "module2 /boot/rr-config.json rr-config\n" +
            "boot\n" +
            "echo \"rr-run iso: GRUB could not boot the image\"\n" +
            "sleep 5\n" +
            "halt\n"));
    }

    [TestCase("/images/hello.bin", "/boot/hello.bin")]
    [TestCase("app-1.2_x+y", "/boot/app-1.2_x+y")]
    [TestCase("/images/my app.bin", "/boot/image")]
    [TestCase("/images/it's.bin", "/boot/image")]
    [TestCase("/images/.hidden", "/boot/image")]
    [TestCase("/images/rr-config.json", "/boot/image")]
    public void The_image_keeps_its_name_in_the_iso_unless_grub_would_need_quotes(string host, string inIso)
    {
        Assert.That(IsoLayout.ImagePath(host), Is.EqualTo(inIso));
    }

    [Test]
    public void Qemu_boots_the_iso_on_pc_with_the_contract_devices_and_a_silent_bios()
    {
        Assert.That(IsoQemuCommandLine.Build(Hello, "/tmp/w/boot.iso", "/tmp/w/sercon-port", "/tmp/x.ctl"), Is.EqualTo(new[]
        {
            "-M", "pc", "-cpu", "max", "-m", "64", "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
            "-cdrom", "/tmp/w/boot.iso", "-boot", "order=d",
            "-fw_cfg", "name=etc/sercon-port,file=/tmp/w/sercon-port",
            "-chardev", "stdio,id=con,signal=off", "-serial", "chardev:con",
            "-chardev", "file,id=ctl,path=/tmp/x.ctl", "-device", "isa-debugcon,chardev=ctl,iobase=0xe9",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=4", "-accel", "tcg",
        }));
    }

    [Test]
    public void The_boot_hint_for_a_written_iso_has_neither_control_file_nor_firmware_file()
    {
        var line = IsoLaunch.BootHint(Hello.WithMemory(128), "out,1.iso");

        Assert.That(line, Is.EqualTo(
            "qemu-system-x86_64 -M pc -cpu max -m 128 -nodefaults -no-user-config -display none -no-reboot " +
            "-cdrom out,,1.iso -boot order=d -chardev stdio,id=con,signal=off -serial chardev:con " +
            "-device isa-debug-exit,iobase=0xf4,iosize=4 -accel tcg"));
    }

    [Test]
    public void Devices_drives_and_interfaces_sit_on_pci_and_user_words_come_last()
    {
        var request = Hello with { ImageArguments = ["-device", "virtio-rng-device", "-device", "virtio-foo-device,x=1", "-global", "virtio-mmio.force-legacy=false"] };
        request = request.WithName("web").WithGdbPort(1234).WithPaused().WithHypervisorArguments("-smp", "1");
        var drive = new BlockAttachment(0, BlockOption.Parse("/d.img"), "/d.img", "/data", false, BlockImageFormat.AsIs);
        request = request.WithDrives(drive);

        var args = IsoQemuCommandLine.Build(request, "/i.iso", null, "/c.ctl");
        var line = string.Join(' ', args);

        Assert.That(line, Does.Contain("-device virtio-rng-pci -device virtio-foo-pci,x=1 -global virtio-mmio.force-legacy=false"));
        Assert.That(line, Does.Contain("-drive file=/d.img,format=raw,if=none,id=rr0 -device virtio-blk-pci,drive=rr0,serial=rr0"));
        Assert.That(line, Does.EndWith("-name web -gdb tcp:127.0.0.1:1234 -S -smp 1"));
        Assert.That(line, Does.Not.Contain("sercon"));
    }

    [Test]
    public void Grub_mkrescue_gets_the_bios_files_and_only_the_modules_the_iso_needs()
    {
        var tools = new IsoTools("/usr/bin/grub-mkrescue", "/usr/lib/grub/i386-pc");

        Assert.That(IsoBuilder.MkrescueArguments(tools, "/out/.a.iso.7.tmp", "/tmp/stage"), Is.EqualTo(new[]
        {
            "-d", "/usr/lib/grub/i386-pc", "-o", "/out/.a.iso.7.tmp", "--locales=", "--fonts=", "--themes=",
            "--install-modules=biosdisk iso9660 normal multiboot2 echo sleep halt", "/tmp/stage",
        }));
    }

    [Test]
    public void The_iso_is_written_beside_its_final_name_so_the_rename_is_atomic()
    {
        var temporary = IsoBuilder.TemporaryOutput("/srv/isos/app.iso");

        Assert.That(Path.GetDirectoryName(temporary), Is.EqualTo("/srv/isos"));
        Assert.That(Path.GetFileName(temporary), Does.StartWith(".app.iso.").And.EndWith(".tmp"));
    }

    [Test]
    public async Task The_staging_tree_holds_the_image_the_configuration_and_grub_cfg()
    {
        var root = Path.Combine(Path.GetTempPath(), $"rr-iso-test-{Guid.NewGuid():N}");
        var image = Path.Combine(root, "app.bin");
        Directory.CreateDirectory(root);
        try
        {
            await File.WriteAllBytesAsync(image, [1, 2, 3]);
            var stage = Path.Combine(root, "stage");

            await IsoBuilder.StageAsync(stage, image, "{\"cmdline\":\"app.bin\"}", CancellationToken.None);

            Assert.That(await File.ReadAllBytesAsync(Path.Combine(stage, "boot", "app.bin")), Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(stage, "boot", "rr-config.json")), Is.EqualTo("{\"cmdline\":\"app.bin\"}"));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(stage, "boot", "grub", "grub.cfg")),
                Does.Contain("multiboot2 /boot/app.bin\nmodule2 /boot/rr-config.json rr-config\n"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void A_missing_tool_names_every_missing_package()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"rr-iso-empty-{Guid.NewGuid():N}");

        var e = Assert.Throws<RunException>(() => IsoTools.Find(path: empty, grubBiosDirectory: empty))!;

        Assert.That(e.Message, Is.EqualTo(
            $"making an ISO needs grub-mkrescue (package grub-common), GRUB's BIOS files in {empty} (package grub-pc-bin), " +
            "xorriso (package xorriso): apt-get install grub-common grub-pc-bin xorriso"));
        Assert.That(e.ExitCode, Is.EqualTo(RunExitCodes.HypervisorFailed));
    }

    [Test]
    public void An_output_that_is_a_directory_or_in_a_missing_one_is_refused_as_usage()
    {
        var dir = Path.GetTempPath();
        var missing = Path.Combine(dir, $"rr-iso-missing-{Guid.NewGuid():N}", "a.iso");

        var isDirectory = Assert.Throws<RunException>(() => IsoBuilder.CheckOutput(dir))!;
        var inMissing = Assert.Throws<RunException>(() => IsoBuilder.CheckOutput(missing))!;

        Assert.That(isDirectory.Message, Does.Contain("is a directory: give the ISO file's name"));
        Assert.That(inMissing.Message, Does.Contain("does not exist: create it first"));
        Assert.That(new[] { isDirectory.ExitCode, inMissing.ExitCode }, Is.All.EqualTo(RunExitCodes.Usage));
    }

    [Test]
    public void A_written_iso_refuses_a_directory_for_b_and_carries_no_seed()
    {
        var request = Hello.WithBlocks(BlockOption.Parse(Path.GetTempPath()));

        var e = Assert.Throws<RunException>(() => IsoLaunch.WrittenDrives(request))!;
        var json = IsoLaunch.Configuration(Hello, ConsoleMode.Tty, written: true).ToJson();

        Assert.That(e.Message, Does.Contain("a written ISO cannot take a directory").And.Contain("or add -i"));
        Assert.That(json, Is.EqualTo("{\"cmdline\":\"hello.bin\",\"env\":[],\"console\":\"tty\",\"seed\":\"\"}"));
        Assert.That(IsoLaunch.Configuration(Hello, ConsoleMode.Raw, written: false).ToJson(), Does.Match("\"seed\":\"[0-9a-f]{64}\""));
    }

    private static byte[] WithHeader(int offset, uint architecture = 0, int size = 4096, int checksumError = 0)
    {
        var bytes = new byte[Math.Max(size, offset + 24)];
        var span = bytes.AsSpan(offset);
        const uint length = 24;
        BinaryPrimitives.WriteUInt32LittleEndian(span, Multiboot2Header.Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], architecture);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], unchecked(0u - (Multiboot2Header.Magic + architecture + length) + (uint)checksumError));
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], 8);
        return bytes;
    }

    [Test]
    public void The_multiboot2_header_is_found_only_where_the_specification_puts_it()
    {
        Assert.That(Multiboot2Header.Find(WithHeader(0x1e0)), Is.EqualTo(0x1e0));
        Assert.That(Multiboot2Header.Find(WithHeader(32768 - 24, size: 40000)), Is.EqualTo(32768 - 24));
        Assert.That(Multiboot2Header.Find(WithHeader(32768, size: 40000)), Is.Null, "beyond the first 32 KiB");
        Assert.That(Multiboot2Header.Find(WithHeader(0x1e4)), Is.Null, "not 8-aligned");
        Assert.That(Multiboot2Header.Find(WithHeader(0x1e0, checksumError: 1)), Is.Null, "bad checksum");
        Assert.That(Multiboot2Header.Find(WithHeader(0x1e0, architecture: 4)), Is.Null, "MIPS");
        Assert.That(Multiboot2Header.Find(new byte[100]), Is.Null);
    }

    [Test]
    public async Task An_image_without_the_header_is_refused_with_the_fix()
    {
        var image = Path.Combine(Path.GetTempPath(), $"rr-iso-stub-{Guid.NewGuid():N}.bin");
        await new PvhStubImage("hi", "rr:exit 0\n").WriteAsync(image);
        try
        {
            var e = Assert.Throws<RunException>(() => Multiboot2Header.Require(image))!;
            Assert.That(e.Message, Does.Contain("has no multiboot2 header, so GRUB cannot boot it").And.EndWith("run rr-build hw and bake it again"));
        }
        finally
        {
            File.Delete(image);
        }
    }

    [Test]
    public async Task Dry_run_prints_the_configuration_grub_mkrescue_the_rename_and_qemu()
    {
        var image = Path.Combine(Path.GetTempPath(), $"rr-iso-dry-{Guid.NewGuid():N}.bin");
        await new PvhStubImage("hi", "rr:exit 0\n").WriteAsync(image);
        try
        {
            var result = await RrRunProcess.RunAsync(["--dry-run", "iso", "-i", "-e", "A=1", image, "--", "x"]);

            var lines = result.OutputText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(lines, Has.Length.EqualTo(4), result.ToString());
            Assert.That(lines[0], Does.StartWith($"# /boot/rr-config.json: {{\"cmdline\":\"{Path.GetFileName(image)} x\",\"env\":[\"A=1\"],\"console\":\"raw\","));
            Assert.That(lines[1], Does.StartWith("grub-mkrescue -d /usr/lib/grub/i386-pc -o "));
            Assert.That(lines[2], Does.StartWith("mv "));
            Assert.That(lines[3], Does.StartWith("qemu-system-x86_64 -M pc ").And.Contain(" -cdrom ").And.Contain("isa-debug-exit"));
        }
        finally
        {
            File.Delete(image);
        }
    }

    [Test]
    public async Task Dry_run_of_a_written_iso_boots_nothing()
    {
        var image = Path.Combine(Path.GetTempPath(), $"rr-iso-dry-{Guid.NewGuid():N}.bin");
        await new PvhStubImage("hi", "rr:exit 0\n").WriteAsync(image);
        try
        {
            var result = await RrRunProcess.RunAsync(["--dry-run", "iso", "-o", "/srv/app.iso", image]);

            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.OutputText, Does.Contain("\"console\":\"tty\",\"seed\":\"\"}\n"));
            Assert.That(result.OutputText, Does.Contain("mv /srv/.app.iso.").And.Contain(".tmp /srv/app.iso\n"));
            Assert.That(result.OutputText, Does.Not.Contain("qemu-system-x86_64"));
        }
        finally
        {
            File.Delete(image);
        }
    }
}
