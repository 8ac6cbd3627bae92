using System.CommandLine;
using Rumprun.Core.Run;

namespace Rumprun.Run;

/// <summary>The rr-run command tree: one verb per platform, plus stop.</summary>
public static class RootCommandFactory
{
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "Boot a baked Rumprun.Net image. Exit status: the program's own with -i; " +
            $"{RunExitCodes.Usage} for a bad command line; {RunExitCodes.HypervisorFailed} when the hypervisor failed " +
            "or the guest could not be started.");
        root.Options.Add(GlobalOptions.DryRun);
        GlobalOptions.Verbosity.AddTo(root);
        root.Subcommands.Add(LaunchCommand.Create("qemu", Accelerator.Tcg, "Run under QEMU with its TCG translator (works everywhere)"));
        root.Subcommands.Add(LaunchCommand.Create("kvm", Accelerator.Kvm, "Run under QEMU with KVM (refused where /dev/kvm cannot run the platform)"));
        root.Subcommands.Add(XenLaunchCommand.Create());
        root.Subcommands.Add(IsoCommand.Create());
        root.Subcommands.Add(StopCommand.Create());
        return root;
    }
}
