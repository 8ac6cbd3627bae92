using System.Runtime.Versioning;
using Serilog;

namespace Rumprun.Core.Run;

/// <summary>
/// <c>rr-run stop qemu:PID</c>: ends a detached guest. Pids are reused, so the process must prove it
/// is ours: a QEMU whose command line names a control file in rr-run's run directory.
/// </summary>
[SupportedOSPlatform("linux")]
public static class GuestStop
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task StopAsync(GuestHandle handle, CancellationToken cancel)
    {
        var pid = handle.ProcessId;
        var commandLine = CommandLineOf(pid)
            ?? throw new RunException($"{handle}: no such guest (it has stopped already, or the handle is wrong)");
        if (!IsOurGuest(commandLine, RunDirectory.Path))
            throw new RunException($"{handle}: process {pid} is not a guest started by rr-run: check the handle");

        PosixNative.Signal(pid, PosixNative.SIGTERM);
        if (!await WaitGoneAsync(pid, GracePeriod, cancel))
        {
            Log.Warning("rr-run: {Handle} did not stop on SIGTERM; killing it", handle.ToString());
            PosixNative.Signal(pid, PosixNative.SIGKILL);
            if (!await WaitGoneAsync(pid, GracePeriod, cancel))
                throw new RunException($"{handle} survived SIGKILL: check the process with ps");
        }
        Cleanup(commandLine);
        Log.Information("rr-run: stopped {Handle}", handle.ToString());
    }

    /// <summary>
    /// Whether a process's arguments are those of a QEMU that rr-run started detached: the program is
    /// QEMU and its control chardev's file lies in <paramref name="runDirectory"/>.
    /// </summary>
    public static bool IsOurGuest(IReadOnlyList<string> commandLine, string runDirectory) =>
        commandLine.Count > 0
        && Path.GetFileName(commandLine[0]) == QemuCommandLine.Program
        && ControlFileOf(commandLine) is { } control
        && Path.GetDirectoryName(control) == runDirectory.TrimEnd('/');

    /// <summary>The control file named by a -chardev file,id=ctl,path=… argument.</summary>
    public static string? ControlFileOf(IReadOnlyList<string> commandLine)
    {
        const string prefix = "file,id=ctl,path=";
        var value = commandLine.FirstOrDefault(argument => argument.StartsWith(prefix, StringComparison.Ordinal));
        if (value is null)
            return null;
        var path = value[prefix.Length..].Replace(",,", ",", StringComparison.Ordinal);
        return path.EndsWith(RunFiles.ControlSuffix, StringComparison.Ordinal) ? path : null;
    }

    private static IReadOnlyList<string>? CommandLineOf(int pid)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{pid}/cmdline");
            return raw.Length == 0 ? null : raw.TrimEnd('\0').Split('\0');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async Task<bool> WaitGoneAsync(int pid, TimeSpan limit, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (IsGone(pid))
                return true;
            await Task.Delay(PollInterval, cancel);
        }
        return IsGone(pid);
    }

    /// <summary>Gone, or a zombie waiting for init to reap it: either way no guest runs any more.</summary>
    private static bool IsGone(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..];
            return state.StartsWith('Z') || state.StartsWith('X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>The console log stays for the user to read; the control and pid files and the block images rr-run built go.</summary>
    private static void Cleanup(IReadOnlyList<string> commandLine)
    {
        if (ControlFileOf(commandLine) is not { } control)
            return;
        RunFiles.TryDelete(control);
        RunFiles.TryDelete(Path.ChangeExtension(control, ".pid"));
        foreach (var image in BuiltImagesOf(commandLine, control))
            RunFiles.TryDelete(image);
    }

    /// <summary>The -drive files that are images rr-run built for this guest: STEM.rrN.iso or STEM.rrN.ext2 beside its control file.</summary>
    public static IEnumerable<string> BuiltImagesOf(IReadOnlyList<string> commandLine, string control)
    {
        var stem = control[..^RunFiles.ControlSuffix.Length] + ".rr";
        for (var i = 0; i + 1 < commandLine.Count; i++)
        {
            if (commandLine[i] != "-drive" || !commandLine[i + 1].StartsWith("file=", StringComparison.Ordinal))
                continue;
            var value = commandLine[i + 1]["file=".Length..];
            var end = 0;
            while (end < value.Length && (value[end] != ',' || (end + 1 < value.Length && value[end + 1] == ',')))
                end += value[end] == ',' ? 2 : 1;
            var path = value[..end].Replace(",,", ",", StringComparison.Ordinal);
            if (path.StartsWith(stem, StringComparison.Ordinal) && (path.EndsWith(".iso", StringComparison.Ordinal) || path.EndsWith(".ext2", StringComparison.Ordinal)))
                yield return path;
        }
    }
}
