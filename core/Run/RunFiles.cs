namespace Rumprun.Core.Run;

/// <summary>The files QEMU writes for one guest.</summary>
/// <param name="ControlPath">The control channel (port 0xE9).</param>
/// <param name="LogPath">Detached runs: the serial console.</param>
/// <param name="PidPath">Detached runs: QEMU's pid file.</param>
public sealed record RunFiles(string ControlPath, string? LogPath = null, string? PidPath = null)
{
    public const string ControlSuffix = ".ctl";

    /// <summary>A private temporary control file, deleted when the attached run ends.</summary>
    public static RunFiles ForAttached() =>
        new(Path.Combine(Path.GetTempPath(), $"rr-run-{Environment.ProcessId}-{Guid.NewGuid():N}{ControlSuffix}"));

    /// <summary>Files in the run directory, named after -N or the image, plus rr-run's pid to keep guests apart.</summary>
    public static RunFiles ForDetached(RunRequest request, string runDirectory)
    {
        var stem = Path.Combine(runDirectory, $"{request.Name ?? request.ProgramName}-{Environment.ProcessId}");
        return new RunFiles(stem + ControlSuffix, stem + ".log", stem + ".pid");
    }

    public void DeleteControl() => TryDelete(ControlPath);

    public static void TryDelete(string? path)
    {
        if (path is null)
            return;
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Serilog.Log.Debug("cannot delete {Path}: {Message}", path, e.Message);
        }
    }
}
