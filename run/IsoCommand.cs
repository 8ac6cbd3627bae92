using System.CommandLine;
using Rumprun.Core.Cli;
using Rumprun.Core.Run;
using Rumprun.Core.Run.Iso;
using Serilog;

namespace Rumprun.Run;

/// <summary>
/// <c>rr-run iso [-o OUT.iso] [-i] [guest options] IMAGE [-- ARGS...]</c>: a bootable ISO (GRUB) holding
/// the image and its configuration; written with -o, booted at once under QEMU with -i or without -o.
/// </summary>
internal static class IsoCommand
{
    public static Command Create()
    {
        var options = new LaunchOptions();
        var output = new Option<string?>("-o", "--output")
        {
            Description = "Write the ISO to this file (then exit, unless -i also boots it)",
            HelpName = "OUT.iso",
        };
        var console = new Option<string?>("--console")
        {
            Description = "The guest console's mode: tty (echo, line editing, ^C; the default for a written ISO) " +
                "or raw (bytes unchanged); with -i the default follows rr-run's stdin, as rr-run qemu -i",
            HelpName = "tty|raw",
        };
        console.AcceptOnlyFromAmong("tty", "raw");

        var command = new Command("iso",
            "Make a bootable ISO (GRUB) holding the image and its configuration; -o writes it, -i (or no -o) boots it under QEMU's pc machine");
        options.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(console);
        command.SetAction(async (parse, cancel) =>
        {
            ToolHost.StartLogging(GlobalOptions.Verbosity.Read(parse));
            var outputPath = parse.GetValue(output);
            var boot = parse.GetValue(options.Attached) || outputPath is null;
            ConsoleMode? mode = parse.GetValue(console) switch
            {
                "tty" => ConsoleMode.Tty,
                "raw" => ConsoleMode.Raw,
                _ => null,
            };
            var request = GuestLauncher.WithImage(options.ToRequest(parse, Accelerator.Tcg).WithAttached(boot));
            if (parse.GetValue(GlobalOptions.DryRun))
            {
                foreach (var line in IsoLaunch.DryRun(request, outputPath, boot, mode))
                    Console.WriteLine(line);
                return 0;
            }
            Multiboot2Header.Require(request.ImagePath);
            if (!boot)
            {
                Console.WriteLine(await IsoLaunch.WriteAsync(request, outputPath!, mode ?? ConsoleMode.Tty, cancel));
                return 0;
            }
            var outcome = await IsoLaunch.BootAsync(request, outputPath, mode, cancel);
            if (outcome.Message is not null)
                Log.Error("rr-run: {Message}", outcome.Message);
            return outcome.ExitStatus;
        });
        return command;
    }
}
