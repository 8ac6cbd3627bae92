using System.Runtime.Versioning;

namespace Rumprun.Core.Run;

/// <summary>
/// Where detached guests keep their console log, control channel and pid file: per user, private,
/// in the runtime directory when the session has one (it is cleaned at logout, as these files should be).
/// </summary>
[SupportedOSPlatform("linux")]
public static class RunDirectory
{
    public static string Path
    {
        get
        {
            var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
            return !string.IsNullOrEmpty(runtime) && Directory.Exists(runtime)
                ? System.IO.Path.Combine(runtime, "rr-run")
                : $"/tmp/rr-run-{PosixNative.UserId}";
        }
    }

    /// <summary>Creates the directory, readable by its owner only: guest consoles may hold secrets.</summary>
    public static string Ensure()
    {
        var path = Path;
        try
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunException($"cannot create {path} ({e.Message}): set XDG_RUNTIME_DIR to a writable directory", inner: e);
        }
        return path;
    }
}
