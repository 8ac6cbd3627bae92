using System.Globalization;
using System.Runtime.Versioning;
using CliWrap;
using CliWrap.Buffered;
using Serilog;

namespace Rumprun.Core.Run;

/// <summary>
/// rr-run without -i: QEMU daemonizes with the console in a log file; rr-run prints the handle and returns.
/// </summary>
[SupportedOSPlatform("linux")]
public static class DetachedRun
{
    /// <summary>The arguments of a detached launch, for running or for --dry-run.</summary>
    public static IReadOnlyList<string> Arguments(RunRequest request, RunFiles files) =>
        QemuCommandLine.Build(
            request,
            GuestConfiguration.For(request, ConsoleMode.Raw).ToJson(),
            new QemuConsole.LogFile(files.LogPath!),
            files.ControlPath,
            files.PidPath);

    public static async Task<DetachedStart> StartAsync(string qemu, RunRequest request, CancellationToken cancel)
    {
        var files = RunFiles.ForDetached(request, RunDirectory.Ensure());
        var arguments = Arguments(request, files);
        Log.Debug("$ {Command}", QemuCommandLine.ToShellLine(qemu, arguments));

        // QEMU's parent process returns once the guest is set up, after the daemon has let go of its stdio.
        var result = await CliWrap.Cli.Wrap(qemu)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancel);
        if (result.ExitCode != 0)
        {
            RunFiles.TryDelete(files.ControlPath);
            RunFiles.TryDelete(files.LogPath);
            var failure = GuestOutcome.HypervisorFailure(result.ExitCode, result.StandardError);
            throw new RunException(failure.Message!);
        }

        var pidText = File.Exists(files.PidPath) ? (await File.ReadAllTextAsync(files.PidPath!, cancel)).Trim() : "";
        if (int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            var handle = new GuestHandle(pid);
            Log.Information("rr-run: started {Handle}, console log {Log}", handle.ToString(), files.LogPath);
            return new DetachedStart(handle, files.LogPath!, null);
        }

        // QEMU deletes its pid file when it exits: a guest that ends at once is gone before we look.
        var control = File.Exists(files.ControlPath) ? await File.ReadAllTextAsync(files.ControlPath, cancel) : "";
        RunFiles.TryDelete(files.ControlPath);
        var outcome = GuestOutcome.Decide(control, 0, "");
        if (!outcome.Reported)
            throw new RunException($"qemu started but wrote no pid to {files.PidPath}: look for a stray {QemuCommandLine.Program} process");
        Log.Information("rr-run: the guest stopped already, console log {Log}", files.LogPath);
        return new DetachedStart(null, files.LogPath!, outcome);
    }
}
