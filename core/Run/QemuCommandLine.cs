using System.Globalization;

namespace Rumprun.Core.Run;

/// <summary>
/// The QEMU argument list of contracts §7 for one launch, plus rr-run's own additions
/// (the devices the image asked for, the drives and network interfaces, -name, -gdb, -S, -daemonize, and the user's -g words last so they can add to it).
/// </summary>
public static class QemuCommandLine
{
    public const string Program = "qemu-system-x86_64";

    private const string Machine = "microvm,x-option-roms=off,auto-kernel-cmdline=off,rtc=on";

    /// <summary>
    /// The CPU model per accelerator. Under KVM, QEMU 7.2 with "max" asks the host to accept the
    /// IA32_ARCH_CAPABILITIES MSR, which nested hypervisors refuse and QEMU then aborts on; the
    /// platform never reads that MSR, so KVM runs go without it.
    /// </summary>
    public static string CpuModel(Accelerator accelerator) =>
        accelerator == Accelerator.Kvm ? "max,-arch-capabilities" : "max";

    public static string AcceleratorName(Accelerator accelerator) =>
        accelerator == Accelerator.Kvm ? "kvm" : "tcg";

    /// <param name="request">The launch.</param>
    /// <param name="configurationJson">The guest configuration, passed as the kernel command line.</param>
    /// <param name="console">Where the serial console goes.</param>
    /// <param name="controlPath">The file that receives the platform's control line.</param>
    /// <param name="pidFile">For detached runs: QEMU daemonizes and writes its pid there.</param>
    public static IReadOnlyList<string> Build(
        RunRequest request,
        string configurationJson,
        QemuConsole console,
        string controlPath,
        string? pidFile = null)
    {
        var args = new List<string>
        {
            "-M", Machine,
            "-cpu", CpuModel(request.Accelerator),
            "-m", request.MemoryMegabytes.ToString(CultureInfo.InvariantCulture),
            "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
            "-kernel", request.ImagePath,
            "-append", configurationJson,
        };
        switch (console)
        {
            case QemuConsole.Stdio:
                args.AddRange(["-chardev", "stdio,id=con,signal=off", "-serial", "chardev:con"]);
                break;
            case QemuConsole.LogFile log:
                args.AddRange(["-serial", "file:" + log.Path]);
                break;
        }
        args.AddRange([
            "-chardev", "file,id=ctl,path=" + OptionValue(controlPath),
            "-device", "isa-debugcon,chardev=ctl,iobase=0xe9",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
            "-accel", AcceleratorName(request.Accelerator),
        ]);
        args.AddRange(request.ImageArguments);
        var pci = IsPciMachine(request.HypervisorArguments);
        foreach (var drive in request.Drives)
            args.AddRange(drive.QemuArguments(pci));
        foreach (var network in request.Networks)
            args.AddRange(network.QemuArguments(pci));
        if (request.Name is not null)
            args.AddRange(["-name", OptionValue(request.Name)]);
        if (request.GdbPort is { } port)
            args.AddRange(["-gdb", "tcp:127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture)]);
        if (request.Paused)
            args.Add("-S");
        if (pidFile is not null)
            args.AddRange(["-daemonize", "-pidfile", pidFile]);
        args.AddRange(request.HypervisorArguments);
        return args;
    }

    /// <summary>The whole command as one line a POSIX shell runs unchanged (for --dry-run).</summary>
    public static string ToShellLine(string program, IEnumerable<string> arguments) =>
        ShellWords.Join(arguments.Prepend(program));

    /// <summary>QEMU's option syntax ends a value at a comma; a doubled comma stands for one.</summary>
    public static string OptionValue(string value) => value.Replace(",", ",,", StringComparison.Ordinal);

    /// <summary>Whether the user's -g words choose a PC machine (pc, q35), whose virtio devices sit on PCI.</summary>
    public static bool IsPciMachine(IReadOnlyList<string> hypervisorArguments)
    {
        string? machine = null;
        for (var i = 0; i + 1 < hypervisorArguments.Count; i++)
        {
            if (hypervisorArguments[i] is "-M" or "-machine" or "--machine")
                machine = hypervisorArguments[i + 1];
        }
        if (machine is null)
            return false;
        var type = machine.Split(',')[0];
        if (type.StartsWith("type=", StringComparison.Ordinal))
            type = type["type=".Length..];
        return type == "pc" || type == "q35" || type.StartsWith("pc-", StringComparison.Ordinal);
    }
}
