using System.Globalization;
using System.Runtime.Versioning;
using Serilog;

namespace Rumprun.Core.Run.Iso;

/// <summary>
/// rr-run iso: writes the ISO (-o) and/or boots it at once under QEMU's pc machine with the console
/// attached, exactly as rr-run qemu -i does (same console pump, control channel and exit statuses).
/// </summary>
[SupportedOSPlatform("linux")]
public static class IsoLaunch
{
    /// <summary>
    /// The configuration the ISO carries. A written ISO holds no seed: it may boot many times and must not
    /// start each time from the same one (the platform still draws from RDRAND and virtio-rng).
    /// </summary>
    public static GuestConfiguration Configuration(RunRequest request, ConsoleMode console, bool written)
    {
        var configuration = GuestConfiguration.For(request, console);
        return written ? configuration.WithSeed([]) : configuration;
    }

    /// <summary>
    /// The drives a written ISO names in its configuration: -b files and block devices only, since the image
    /// rr-run would build from a directory does not outlive rr-run.
    /// </summary>
    public static IReadOnlyList<BlockAttachment> WrittenDrives(RunRequest request)
    {
        var drives = BlockPlan.Resolve(request.Blocks, (_, _) => "");
        var built = drives.FirstOrDefault(drive => drive.Format != BlockImageFormat.AsIs);
        if (built is not null)
            throw RunException.Usage(
                $"-b {built.Option.Source}: a written ISO cannot take a directory (its disk image would go when rr-run ends): " +
                $"make an image first (xorriso -as mkisofs -R -o data.iso {built.Option.Source}) and give that, or add -i");
        return drives;
    }

    /// <summary>-o without -i: writes the ISO, says where it is and how to boot it; returns the ISO's path.</summary>
    public static async Task<string> WriteAsync(RunRequest request, string output, ConsoleMode console, CancellationToken cancel)
    {
        var tools = IsoTools.Find();
        IsoBuilder.CheckOutput(output);
        request = request.WithDrives(WrittenDrives(request));
        var configuration = Configuration(request, console, written: true);
        var size = await IsoBuilder.WriteAsync(tools, request.ImagePath, configuration.ToJson(), output, cancel);
        Log.Information("rr-run: {Output}: a bootable ISO ({Size} KiB) holding {Image} and its configuration",
            output, (size + 1023) / 1024, request.ImagePath);
        Log.Information("rr-run: boot it with: {Command}", BootHint(request, output));
        Log.Information("rr-run: or write it to a USB stick or a CD; the console is the first serial port (COM1, 115200 8N1)");
        return Path.GetFullPath(output);
    }

    /// <summary>The command that boots a written ISO under QEMU with its console on the terminal.</summary>
    public static string BootHint(RunRequest request, string output) =>
        QemuCommandLine.ToShellLine(QemuCommandLine.Program, IsoQemuCommandLine.Build(request, output, null, null));

    /// <summary>-i, or no -o: builds the ISO (at <paramref name="output"/> when given) and boots it attached.</summary>
    public static async Task<GuestOutcome> BootAsync(RunRequest request, string? output, ConsoleMode? console, CancellationToken cancel)
    {
        var tools = IsoTools.Find();
        if (output is not null)
            IsoBuilder.CheckOutput(output);
        var qemu = await GuestLauncher.PrepareAsync(request, cancel);
        using var images = await BlockImages.PrepareAsync(request, cancel);
        request = request.WithDrives(images.Drives);
        var work = IsoBuilder.NewStagingDirectory() + "-boot";
        Directory.CreateDirectory(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            return await AttachedRun.RunAsync(qemu, request, console ?? AttachedRun.ConsoleModeForStandardInput(),
                async (configuration, controlPath, ct) =>
                {
                    if (output is not null)
                        configuration = configuration.WithSeed([]);
                    var iso = output ?? Path.Combine(work, "boot.iso");
                    var size = await IsoBuilder.WriteAsync(tools, request.ImagePath, configuration.ToJson(), iso, ct);
                    Log.Debug("rr-run: {Iso}: {Size} bytes", iso, size.ToString(CultureInfo.InvariantCulture));
                    var silent = Path.Combine(work, "sercon-port");
                    await File.WriteAllBytesAsync(silent, IsoQemuCommandLine.SilentFirmwareContents, ct);
                    return IsoQemuCommandLine.Build(request, iso, silent, controlPath);
                }, cancel);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.Debug("cannot delete {Path}: {Message}", work, e.Message);
            }
        }
    }

    /// <summary>The commands a launch would run, one a line (--dry-run); nothing is built or checked beyond the request.</summary>
    public static IReadOnlyList<string> DryRun(RunRequest request, string? output, bool boot, ConsoleMode? console)
    {
        var tools = IsoTools.Assumed;
        var staging = IsoBuilder.NewStagingDirectory();
        var work = staging + "-boot";
        var iso = output ?? Path.Combine(work, "boot.iso");
        var temporary = IsoBuilder.TemporaryOutput(iso);
        var lines = new List<string>
        {
            QemuCommandLine.ToShellLine(tools.Mkrescue, IsoBuilder.MkrescueArguments(tools, temporary, staging)),
            QemuCommandLine.ToShellLine("mv", [temporary, iso]),
        };
        if (boot)
        {
            if (request.Drives.IsEmpty && !request.Blocks.IsEmpty)
                request = request.WithDrives(BlockImages.Plan(request, work));
            var control = RunFiles.ForAttached().ControlPath;
            lines.Add(QemuCommandLine.ToShellLine(QemuCommandLine.Program,
                IsoQemuCommandLine.Build(request, iso, Path.Combine(work, "sercon-port"), control)));
        }
        else
        {
            request = request.WithDrives(WrittenDrives(request));
        }
        var mode = console ?? (boot ? AttachedRun.ConsoleModeForStandardInput() : ConsoleMode.Tty);
        lines.Insert(0, "# " + IsoLayout.ConfigurationPath + ": " + Configuration(request, mode, written: output is not null).ToJson());
        return lines;
    }
}
