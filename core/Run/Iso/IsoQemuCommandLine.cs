using System.Globalization;

namespace Rumprun.Core.Run.Iso;

/// <summary>
/// QEMU booting an rr-run ISO: the pc machine from its CD-ROM through SeaBIOS and GRUB, with the devices
/// of contracts §7 (COM1 console, debugcon control channel, isa-debug-exit). The drives, network
/// interfaces and the devices the image asked for sit on PCI, since pc has no virtio-mmio.
/// </summary>
public static class IsoQemuCommandLine
{
    /// <summary>fw_cfg file that tells SeaBIOS to leave the serial line alone (two NUL bytes: no port).</summary>
    public const string SilentFirmwareItem = "etc/sercon-port";

    public static readonly byte[] SilentFirmwareContents = [0, 0];

    /// <param name="request">The launch (memory, drives, networks, -N, -D, -p, -g).</param>
    /// <param name="isoPath">The ISO to boot.</param>
    /// <param name="silentFirmwarePath">A file holding <see cref="SilentFirmwareContents"/>; null leaves SeaBIOS's banner on the console.</param>
    /// <param name="controlPath">The control channel's file; null: no debugcon (a person reads the console).</param>
    public static IReadOnlyList<string> Build(RunRequest request, string isoPath, string? silentFirmwarePath, string? controlPath)
    {
        var args = new List<string>
        {
            "-M", "pc",
            "-cpu", QemuCommandLine.CpuModel(request.Accelerator),
            "-m", request.MemoryMegabytes.ToString(CultureInfo.InvariantCulture),
            "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
            "-cdrom", QemuCommandLine.OptionValue(isoPath),
            "-boot", "order=d",
        };
        if (silentFirmwarePath is not null)
            args.AddRange(["-fw_cfg", $"name={SilentFirmwareItem},file={QemuCommandLine.OptionValue(silentFirmwarePath)}"]);
        args.AddRange(["-chardev", "stdio,id=con,signal=off", "-serial", "chardev:con"]);
        if (controlPath is not null)
            args.AddRange(["-chardev", "file,id=ctl,path=" + QemuCommandLine.OptionValue(controlPath), "-device", "isa-debugcon,chardev=ctl,iobase=0xe9"]);
        args.AddRange([
            "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
            "-accel", QemuCommandLine.AcceleratorName(request.Accelerator),
        ]);
        args.AddRange(OnPci(request.ImageArguments));
        foreach (var drive in request.Drives)
            args.AddRange(drive.QemuArguments(pciMachine: true));
        foreach (var network in request.Networks)
            args.AddRange(network.QemuArguments(pciMachine: true));
        if (request.Name is not null)
            args.AddRange(["-name", QemuCommandLine.OptionValue(request.Name)]);
        if (request.GdbPort is { } port)
            args.AddRange(["-gdb", "tcp:127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture)]);
        if (request.Paused)
            args.Add("-S");
        args.AddRange(request.HypervisorArguments);
        return args;
    }

    /// <summary>
    /// The image's own QEMU arguments (its .rr.qemu section names virtio-mmio devices for microvm) with each
    /// <c>virtio-NAME-device</c> turned into <c>virtio-NAME-pci</c>, its properties kept.
    /// </summary>
    public static IReadOnlyList<string> OnPci(IReadOnlyList<string> imageArguments)
    {
        var result = new List<string>(imageArguments.Count);
        for (var i = 0; i < imageArguments.Count; i++)
        {
            var word = imageArguments[i];
            if (i > 0 && imageArguments[i - 1] == "-device")
            {
                var comma = word.IndexOf(',', StringComparison.Ordinal);
                var driver = comma < 0 ? word : word[..comma];
                if (driver.StartsWith("virtio-", StringComparison.Ordinal) && driver.EndsWith("-device", StringComparison.Ordinal))
                    word = driver[..^"-device".Length] + "-pci" + (comma < 0 ? "" : word[comma..]);
            }
            result.Add(word);
        }
        return result;
    }
}
