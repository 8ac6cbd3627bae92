using System.CommandLine;
using Rumprun.Core.Cli;
using Rumprun.Core.Run;

namespace Rumprun.Run;

/// <summary><c>rr-run stop qemu:PID</c>: ends a guest started without -i.</summary>
internal static class StopCommand
{
    public static Command Create()
    {
        var handle = new Argument<string>("handle") { Description = "The qemu:PID that rr-run printed when it started the guest" };
        var command = new Command("stop", "Stop a detached guest") { handle };
        command.SetAction(async (parse, cancel) =>
        {
            ToolHost.StartLogging(GlobalOptions.Verbosity.Read(parse));
            var guest = GuestHandle.Parse(parse.GetValue(handle)!);
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
