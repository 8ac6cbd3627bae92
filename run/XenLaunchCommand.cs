using System.CommandLine;
using Rumprun.Core.Cli;
using Rumprun.Core.Run;

namespace Rumprun.Run;

/// <summary><c>rr-run xen [options] IMAGE [-- ARGS...]</c>: runs an image as a PVH domain of the Xen this dom0 controls.</summary>
internal static class XenLaunchCommand
{
    public static Command Create()
    {
        var options = new XenLaunchOptions();
        var command = new Command("xen", "Run as a Xen PVH domain through xl (in a dom0; image baked with xen_pvh)");
        options.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            ToolHost.StartLogging(GlobalOptions.Verbosity.Read(parse));
            var launch = XenLauncher.Check(options.ToLaunch(parse));
            if (parse.GetValue(GlobalOptions.DryRun))
            {
                Console.Write(XenLauncher.DryRun(launch));
                return 0;
            }
            return await XenLauncher.RunAsync(launch, cancel);
        });
        return command;
    }
}
