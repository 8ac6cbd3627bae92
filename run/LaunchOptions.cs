using System.CommandLine;
using Rumprun.Core.Run;

namespace Rumprun.Run;

/// <summary>The guest options of rumprun's launcher, with its one-letter names.</summary>
internal sealed class LaunchOptions
{
    public Option<bool> Attached { get; } = new("-i")
    {
        Description = "Attach the console to this terminal or pipe, wait, and exit with the program's status",
    };

    public Option<int> Memory { get; } = new("-M")
    {
        Description = "Guest memory in MB",
        HelpName = "MB",
        DefaultValueFactory = _ => RunRequest.DefaultMemoryMegabytes,
    };

    public Option<string[]> Environment { get; } = SharedGuestOptions.Environment();

    public Option<string?> HypervisorArguments { get; } = new("-g")
    {
        Description = "Extra QEMU arguments, split as a shell would (e.g. -g '-smp 2')",
        HelpName = "ARGS",
    };

    public Option<int?> GdbPort { get; } = new("-D")
    {
        Description = "Start QEMU's gdb stub on 127.0.0.1:PORT",
        HelpName = "PORT",
    };

    public Option<bool> Paused { get; } = new("-p")
    {
        Description = "Start with the CPU stopped (for a debugger: continue from gdb)",
    };

    public Option<string?> Name { get; } = new("-N")
    {
        Description = "Guest name (QEMU's -name; names a detached guest's log)",
        HelpName = "NAME",
    };

    public Option<string[]> Blocks { get; } = new("-b")
    {
        Description = "Attach a disk image, block device or directory (as an ISO 9660 image, or ext2 with ,ext2[=SIZE]) " +
            "as a virtio-blk drive mounted at MOUNTPOINT (default /data, /data1, ...); repeatable",
        HelpName = "FILE|DIR[,MOUNTPOINT][,ro][,ext2[=SIZE]]",
    };

    public Option<string[]> Interfaces { get; } = new("-I")
    {
        Description = "Add a virtio-net interface named TAG (guest names vioif0, vioif1, ... in this order) on QEMU's " +
            "user networking (default) or a host tap device; repeatable",
        HelpName = "TAG,vioif[,user|tap:NAME]",
    };

    public Option<string[]> Addresses { get; } = SharedGuestOptions.Addresses();

    public Option<string[]> Forwards { get; } = new("--forward")
    {
        Description = "Forward 127.0.0.1:HOSTPORT to the guest's GUESTPORT on the first user-networking interface; repeatable",
        HelpName = "tcp|udp:HOSTPORT:GUESTPORT",
    };

    public Option<bool> DestroyOnHalt { get; } = new("-d")
    {
        Description = "Destroy the guest when it halts (always so under QEMU; accepted for rumprun compatibility)",
    };

    public Argument<string> Image { get; } = new("image") { Description = "The baked image (made by rr-bake)" };

    public Argument<string[]> ProgramArguments { get; } = SharedGuestOptions.ProgramArguments();

    public void AddTo(Command command)
    {
        command.Options.Add(Attached);
        command.Options.Add(Memory);
        command.Options.Add(Environment);
        command.Options.Add(HypervisorArguments);
        command.Options.Add(GdbPort);
        command.Options.Add(Paused);
        command.Options.Add(Name);
        command.Options.Add(Blocks);
        command.Options.Add(Interfaces);
        command.Options.Add(Addresses);
        command.Options.Add(Forwards);
        command.Options.Add(DestroyOnHalt);
        command.Arguments.Add(Image);
        command.Arguments.Add(ProgramArguments);
    }

    /// <summary>Turns a parse result into a validated request.</summary>
    /// <exception cref="RunException">A value is wrong; the exit status is the usage one.</exception>
    public RunRequest ToRequest(ParseResult parse, Accelerator accelerator)
    {
        IReadOnlyList<string> hypervisorWords;
        var hypervisorText = parse.GetValue(HypervisorArguments);
        try
        {
            hypervisorWords = hypervisorText is null ? [] : ShellWords.Split(hypervisorText);
        }
        catch (FormatException e)
        {
            throw RunException.Usage($"-g {hypervisorText}: {e.Message}: quote the QEMU arguments as in a shell");
        }

        return RunRequest.For(accelerator, parse.GetValue(Image)!)
            .WithProgramArguments(parse.GetValue(ProgramArguments) ?? [])
            .WithEnvironment(parse.GetValue(Environment) ?? [])
            .WithAttached(parse.GetValue(Attached))
            .WithMemory(parse.GetValue(Memory))
            .WithHypervisorArguments(hypervisorWords)
            .WithGdbPort(parse.GetValue(GdbPort))
            .WithPaused(parse.GetValue(Paused))
            .WithName(parse.GetValue(Name))
            .WithBlocks((parse.GetValue(Blocks) ?? []).Select(BlockOption.Parse))
            .WithNetworks(NetworkPlan.Resolve(
                [.. (parse.GetValue(Interfaces) ?? []).Select(NetworkInterfaceOption.Parse)],
                [.. (parse.GetValue(Addresses) ?? []).Select(NetworkAddressOption.Parse)],
                [.. (parse.GetValue(Forwards) ?? []).Select(PortForward.Parse)]))
            .Validate();
    }
}
