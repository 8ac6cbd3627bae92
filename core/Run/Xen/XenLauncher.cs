using System.Runtime.Versioning;
using Serilog;

namespace Rumprun.Core.Run;

/// <summary>rr-run xen from a parsed launch to an exit status: checks, block images, the xl configuration file, the run.</summary>
[SupportedOSPlatform("linux")]
public static class XenLauncher
{
    /// <summary>Where the xl configuration is written; xl reads it once, at create, and rr-run deletes it then.</summary>
    public static string ConfigurationPath(XenLaunch launch) =>
        Path.Combine(Path.GetTempPath(), $"rr-run-xen-{launch.DomainName}.cfg");

    /// <summary>Checks the image and what Xen can attach, before anything is created.</summary>
    /// <exception cref="RunException">The image is not bootable, has no Xen driver for the disks or interfaces given, or too many disks were given.</exception>
    public static XenLaunch Check(XenLaunch launch)
    {
        BakedImage.Check(launch.Request.ImagePath);
        if (!launch.Request.Blocks.IsEmpty)
            DriverRequirement.Block.Check(launch.Request.ImagePath, DeviceBus.Xen);
        if (!launch.Interfaces.IsEmpty)
            DriverRequirement.Network.Check(launch.Request.ImagePath, DeviceBus.Xen);
        if (launch.Request.Blocks.Length > XenDisk.MaximumDisks)
            throw RunException.Usage($"-b: {launch.Request.Blocks.Length} disks given; rr-run xen attaches at most {XenDisk.MaximumDisks} (xvda..xvdz)");
        return launch;
    }

    public static ConsoleMode ConsoleMode(XenLaunch launch) =>
        launch.Attached ? AttachedRun.ConsoleModeForStandardInput() : Run.ConsoleMode.Raw;

    /// <summary>The script --dry-run prints; block images are planned, not built.</summary>
    public static string DryRun(XenLaunch launch)
    {
        if (!launch.Request.Blocks.IsEmpty)
            launch = launch.WithRequest(launch.Request.WithDrives(BlockImages.Plan(launch.Request, BlockImages.NewTemporaryDirectory())));
        return XenDryRun.Script(launch, ConfigurationPath(launch), launch.GuestConfiguration(ConsoleMode(launch)).ToJson());
    }

    /// <summary>Runs the launch: attached, returns the program's status; detached, prints the handle and returns 0.</summary>
    public static async Task<int> RunAsync(XenLaunch launch, CancellationToken cancel)
    {
        var toolstack = new CliXenToolstack(XenTools.Find());
        using var images = await BlockImages.PrepareAsync(launch.Request, cancel);
        launch = launch.WithRequest(launch.Request.WithDrives(images.Drives));
        var json = launch.GuestConfiguration(ConsoleMode(launch)).ToJson();
        var path = ConfigurationPath(launch);
        WriteConfiguration(path, XenDomainConfiguration.Text(launch));
        var run = new XenRun(toolstack, XenRun.DefaultPollInterval);
        try
        {
            if (!launch.Attached)
            {
                await run.StartAsync(launch, path, json, cancel);
                images.Keep();
                Console.WriteLine(new XenGuestHandle(launch.DomainName).ToString());
                return 0;
            }
            return Report(await RunAttachedAsync(run, launch, path, json, cancel));
        }
        finally
        {
            RunFiles.TryDelete(path);
        }
    }

    private static async Task<GuestOutcome> RunAttachedAsync(XenRun run, XenLaunch launch, string path, string json, CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var stopSignal = 0;
        using var signals = new SignalTrap(signal =>
        {
            Interlocked.CompareExchange(ref stopSignal, signal, 0);
            stop.Cancel();
        });
        TerminalMode? terminal = ConsoleMode(launch) == Run.ConsoleMode.Tty ? await TerminalMode.EnterRawAsync() : null;
        try
        {
            return await run.RunAttachedAsync(launch, path, json, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            var signal = stopSignal != 0 ? stopSignal : SignalTrap.Interrupt;
            return new GuestOutcome(128 + signal, $"interrupted by signal {signal}: domain {launch.DomainName} was destroyed");
        }
        finally
        {
            if (terminal is not null)
                await terminal.RestoreAsync();
        }
    }

    private static int Report(GuestOutcome outcome)
    {
        if (outcome.Message is not null)
            Log.Error("rr-run: {Message}", outcome.Message);
        return outcome.ExitStatus;
    }

    private static void WriteConfiguration(string path, string text)
    {
        try
        {
            using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            using var writer = new StreamWriter(file);
            writer.Write(text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunException($"cannot write the xl configuration {path} ({e.Message}): set TMPDIR to a writable directory", inner: e);
        }
    }
}
