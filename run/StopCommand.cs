using System.CommandLine;
using Rumprun.Core.Cli;
using Rumprun.Core.Run;

namespace Rumprun.Run;

/// <summary><c>rr-run stop qemu:PID|xen:NAME</c>: ends a guest started without -i.</summary>
internal static class StopCommand
{
    public static Command Create()
    {
        var handle = new Argument<string>("handle") { Description = "The qemu:PID or xen:NAME that rr-run printed when it started the guest" };
        var command = new Command("stop", "Stop a detached guest") { handle };
        command.SetAction(async (parse, cancel) =>
        {
            ToolHost.StartLogging(GlobalOptions.Verbosity.Read(parse));
            var text = parse.GetValue(handle)!;
            if (XenGuestHandle.IsXen(text))
            {
                var domain = XenGuestHandle.Parse(text);
                if (parse.GetValue(GlobalOptions.DryRun))
                {
                    Console.WriteLine(XenCommands.Destroy(domain.DomainName).ToShellLine());
                    return 0;
                }
                await XenStop.StopAsync(domain, new CliXenToolstack(XenTools.Find()), cancel);
                return 0;
            }
            var guest = GuestHandle.Parse(text);
            if (parse.GetValue(GlobalOptions.DryRun))
            {
                Console.WriteLine($"kill -TERM {guest.ProcessId}");
                return 0;
            }
            await GuestStop.StopAsync(guest, cancel);
            return 0;
        });
        return command;
    }
}
