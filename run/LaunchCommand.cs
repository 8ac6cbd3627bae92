using System.CommandLine;
using Rumprun.Core.Cli;
using Rumprun.Core.Run;
using Serilog;

namespace Rumprun.Run;

/// <summary><c>rr-run qemu|kvm [options] IMAGE [-- ARGS...]</c>: boots an image.</summary>
internal static class LaunchCommand
{
    public static Command Create(string name, Accelerator accelerator, string description)
    {
        var options = new LaunchOptions();
        var command = new Command(name, description);
        options.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            ToolHost.StartLogging(GlobalOptions.Verbosity.Read(parse));
            var request = GuestLauncher.WithImage(options.ToRequest(parse, accelerator));
            if (parse.GetValue(GlobalOptions.DryRun))
            {
                Console.WriteLine(GuestLauncher.DryRun(request));
                return 0;
            }
            var qemu = await GuestLauncher.PrepareAsync(request, cancel);
            using var images = await BlockImages.PrepareAsync(request, cancel);
            request = request.WithDrives(images.Drives);
            if (!request.Attached)
            {
                var start = await DetachedRun.StartAsync(qemu, request, cancel);
                images.Keep();
                if (start.Handle is not null)
                {
                    Console.WriteLine(start.Handle.ToString());
                    return 0;
                }
                return Report(start.EndedAtOnce!);
            }
            return Report(await AttachedRun.RunAsync(qemu, request, cancel));
        });
        return command;
    }

    private static int Report(GuestOutcome outcome)
    {
        if (outcome.Message is not null)
            Log.Error("rr-run: {Message}", outcome.Message);
        return outcome.ExitStatus;
    }
}
