using Rumprun.Core;

namespace Rumprun.Port.Building;

/// <summary>A step exited with a failure status; the message names it, its status and its whole log.</summary>
public sealed class StepFailedException(string title, int status, string logPath)
    : RrException($"{title} failed with status {status} (last lines above; full log: {logPath})")
{
    public int Status { get; } = status;

    public string LogPath { get; } = logPath;
}
