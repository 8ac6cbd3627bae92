using System.CommandLine;
using Rumprun.Core.Run;

namespace Rumprun.Run;

/// <summary>The options of <c>rr-run xen</c>: rumprun's launcher's for Xen, with the guest options QEMU launches share.</summary>
internal sealed class XenLaunchOptions
{
    public Option<bool> Attached { get; } = new("-i")
    {
        Description = "Attach the domain's console (xl console) to this terminal or pipe, wait, and exit with the program's status",
    };

    public Option<int> Memory { get; } = new("-M")
    {
        Description = "Domain memory in MB",
        HelpName = "MB",
        DefaultValueFactory = _ => RunRequest.DefaultMemoryMegabytes,
    };

    public Option<string[]> Environment { get; } = SharedGuestOptions.Environment();

    public Option<string?> Name { get; } = new("-N")
    {
        Description = "Domain name (default: rr-IMAGE-XXXXXX, unique)",
        HelpName = "NAME",
    };

    public Option<string[]> Blocks { get; } = new("-b")
    {
        Description = "Attach a disk image, block device or directory (as an ISO 9660 image, or ext2 with ,ext2[=SIZE]) " +
            "as Xen disk xvda, xvdb, ... mounted at MOUNTPOINT (default /data, /data1, ...); repeatable",
        HelpName = "FILE|DIR[,MOUNTPOINT][,ro][,ext2[=SIZE]]",
    };

    public Option<string[]> Interfaces { get; } = new("-I")
    {
        Description = "Add a Xen virtual interface named TAG on the dom0 bridge BRIDGE (default xenbr0); repeatable",
        HelpName = "TAG,xenif[,BRIDGE]",
    };

    public Option<string[]> Addresses { get; } = SharedGuestOptions.Addresses();

    public Option<bool> DestroyOnHalt { get; } = new("-d")
    {
        Description = "Have Xen destroy the domain when it halts (on_poweroff/on_crash = destroy) instead of preserving it " +
            "for xl list and rr-run stop; with -i the domain is always destroyed once its status is read",
    };

    public Argument<string> Image { get; } = new("image") { Description = "The baked image (rr-bake xen_pvh)" };

    public Argument<string[]> ProgramArguments { get; } = SharedGuestOptions.ProgramArguments();

    public void AddTo(Command command)
    {
        command.Options.Add(Attached);
        command.Options.Add(Memory);
        command.Options.Add(Environment);
        command.Options.Add(Name);
        command.Options.Add(Blocks);
        command.Options.Add(Interfaces);
        command.Options.Add(Addresses);
        command.Options.Add(DestroyOnHalt);
        command.Arguments.Add(Image);
        command.Arguments.Add(ProgramArguments);
    }

    /// <summary>Turns a parse result into a validated launch.</summary>
    /// <exception cref="RunException">A value is wrong; the exit status is the usage one.</exception>
    public XenLaunch ToLaunch(ParseResult parse)
    {
        var image = parse.GetValue(Image)!;
        // Options of rr-run qemu (-g, -D, -p, --forward) would otherwise be taken for the image.
        if (image.StartsWith('-'))
            throw RunException.Usage($"{image}: not an option of rr-run xen (rr-run xen --help lists them): give the image first");
        var name = parse.GetValue(Name);
        if (name is not null && !XenDomainName.IsValid(name))
            throw RunException.Usage($"-N '{name}': not a usable domain name: give {XenDomainName.Rule}");
        name ??= XenDomainName.Derive(image);
        var request = RunRequest.For(Accelerator.Tcg, image)
            .WithProgramArguments(parse.GetValue(ProgramArguments) ?? [])
            .WithEnvironment(parse.GetValue(Environment) ?? [])
            .WithAttached(parse.GetValue(Attached))
            .WithMemory(parse.GetValue(Memory))
            .WithName(name)
            .WithBlocks((parse.GetValue(Blocks) ?? []).Select(BlockOption.Parse))
            .Validate();
        var interfaces = XenNetworkPlan.Resolve(
            [.. (parse.GetValue(Interfaces) ?? []).Select(XenInterfaceOption.Parse)],
            [.. (parse.GetValue(Addresses) ?? []).Select(NetworkAddressOption.Parse)]);
        return new XenLaunch(request, name, parse.GetValue(DestroyOnHalt), interfaces);
    }
}
