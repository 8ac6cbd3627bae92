using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>
/// rr-run iso: images booted by GRUB from an ISO on QEMU's pc machine (SeaBIOS, El Torito, multiboot2),
/// with the configuration as a module; the console and exit status as with rr-run qemu -i.
/// </summary>
public sealed class IsoTests
{
    private static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(4);

    private static async Task<ProcessResult> IsoAsync(
        string image, IEnumerable<string>? options = null, IEnumerable<string>? programArguments = null, byte[]? standardInput = null)
    {
        var args = new List<string> { "iso", "-i" };
        args.AddRange(options ?? []);
        args.Add(image);
        if (programArguments is not null)
            args.AddRange(["--", .. programArguments]);
        return await Shell.RunAsync("rr-run", args, standardInput ?? [], timeout: BootTimeout);
    }

    private static string EchoArgsOutput(params string[] argv) =>
        $"argc={argv.Length}\n" + string.Concat(argv.Select((arg, i) => $"argv[{i}]=[{arg}]\n"));

    [Test]
    public async Task A_program_booted_from_the_iso_prints_what_it_prints_under_rr_run_qemu_and_exits_0()
    {
        var image = await Guests.ImageAsync("echo_args");

        var iso = await IsoAsync(image);
        var qemu = await Guest.RunAsync(image, timeout: BootTimeout);

        Assert.That(iso.ExitCode, Is.Zero, iso.ToString());
        Assert.That(iso.StandardOutput, Is.EqualTo(
            EchoArgsOutput("echo_args.bin") + "GREETING=(unset)\nEMPTY=(unset)\nUNSET=(unset)\n"), iso.ToString());
        Assert.That(iso.StandardOutputBytes, Is.EqualTo(qemu.StandardOutputBytes), qemu.ToString());
    }

    [Test]
    public async Task The_programs_exit_status_comes_back_through_the_iso_boot()
    {
        var run = await IsoAsync(await Guests.ImageAsync("exit_status"), programArguments: ["7"]);

        Assert.That(run.ExitCode, Is.EqualTo(7), run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo("exiting with 7\n"), run.ToString());
    }

    [Test]
    public async Task A_fault_ends_the_iso_boot_with_status_139_and_the_report_on_the_console()
    {
        var run = await IsoAsync(await Guests.ImageAsync("null_deref"));

        Assert.That(run.ExitCode, Is.EqualTo(139), run.ToString());
        Assert.That(run.StandardOutput, Does.StartWith("about to fault\n").And.Contain("rumprun: SIGSEGV: page fault"), run.ToString());
    }

    [Test]
    public async Task Arguments_and_environment_reach_the_program_through_the_configuration_module()
    {
        var run = await IsoAsync(await Guests.ImageAsync("echo_args"), ["-e", "GREETING=hello world", "-e", "EMPTY="],
            ["two words", "it's", "{\"json\": [1]}", "ünïcode"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(
            EchoArgsOutput("echo_args.bin", "two words", "it's", "{\"json\": [1]}", "ünïcode") +
            "GREETING=[hello world]\nEMPTY=[]\nUNSET=(unset)\n"), run.ToString());
    }

    [Test]
    public async Task Piped_input_reaches_the_program_unchanged_and_its_end_is_end_of_file()
    {
        var input = new byte[3000];
        new Random(7).NextBytes(input);
        input[10] = 0xFF;

        var run = await IsoAsync(await Guests.ImageAsync("cat_stdin"), standardInput: input);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutputBytes, Is.EqualTo(input.Concat(System.Text.Encoding.ASCII.GetBytes("\n[3000 bytes]\n")).ToArray()));
    }

    [Test]
    public async Task A_directory_given_with_b_is_read_through_virtio_blk_on_pci()
    {
        var tree = Path.Combine(Guests.WorkDirectory, "iso-boot-tree");
        Directory.CreateDirectory(tree);
        await File.WriteAllTextAsync(Path.Combine(tree, "greeting.txt"), "hello from the disk\n");

        var run = await IsoAsync(await Guests.ImageAsync("block_files", "hw_virtio"), ["-b", tree], ["/data", "greeting.txt"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo("greeting.txt: hello from the disk\ncreate new.txt: EROFS\n"), run.ToString());
    }

    [Test]
    public async Task An_interface_given_with_I_gets_its_dhcp_address_through_virtio_net_on_pci()
    {
        var run = await IsoAsync(await Guests.ImageAsync("net_etc_files", "hw_net"), ["-I", "net0,vioif"], ["/etc/resolv.conf", "/etc/hosts"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("== /etc/resolv.conf\nnameserver 10.0.2.3\n"), run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("10.0.2.15\trumprun\n"), run.ToString());
    }

    [Test]
    public async Task A_written_iso_boots_under_plain_qemu_from_its_cdrom_with_the_same_output()
    {
        var image = await Guests.ImageAsync("echo_args");
        var directory = Path.Combine(Guests.WorkDirectory, "iso-written");
        Directory.CreateDirectory(directory);
        var iso = Path.Combine(directory, "echo.iso");

        var write = await Shell.RunAsync("rr-run", ["iso", "-o", iso, "--console", "raw", "-e", "GREETING=hi", image, "--", "one"],
            timeout: BootTimeout);

        Assert.That(write.ExitCode, Is.Zero, write.ToString());
        Assert.That(write.StandardOutput, Is.EqualTo(iso + "\n"), write.ToString());
        Assert.That(write.StandardError, Does.Contain("boot it with: qemu-system-x86_64 -M pc"), write.ToString());
        Assert.That(Directory.GetFiles(directory).Select(Path.GetFileName), Is.EqualTo(new[] { "echo.iso" }), "no temporary file is left");

        var silentBios = Path.Combine(directory, "sercon-port");
        await File.WriteAllBytesAsync(silentBios, [0, 0]);
        var control = Path.Combine(directory, "echo.ctl");
        var boot = await Shell.RunAsync("qemu-system-x86_64",
        [
            "-M", "pc", "-cpu", "max", "-m", "64", "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
            "-cdrom", iso, "-fw_cfg", "name=etc/sercon-port,file=" + silentBios,
            "-chardev", "stdio,id=con,signal=off", "-serial", "chardev:con",
            "-chardev", "file,id=ctl,path=" + control, "-device", "isa-debugcon,chardev=ctl,iobase=0xe9",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=4", "-accel", "tcg",
        ], [], timeout: BootTimeout);

        Assert.That(boot.StandardOutput, Is.EqualTo(
            EchoArgsOutput("echo_args.bin", "one") + "GREETING=[hi]\nEMPTY=(unset)\nUNSET=(unset)\n"), boot.ToString());
        Assert.That(await File.ReadAllLinesAsync(control), Is.EqualTo(new[] { "rr:ready", "rr:exit 0" }), boot.ToString());
        Assert.That(boot.ExitCode, Is.EqualTo(1), "isa-debug-exit turns the platform's 0 into QEMU's (0 << 1) | 1");
    }
}
