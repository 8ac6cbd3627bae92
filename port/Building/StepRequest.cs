namespace Rumprun.Port.Building;

/// <summary>One long external step of a port (fetch, unpack, a build command): what to run, where, and the log it writes.</summary>
public sealed record StepRequest(
    string Title,
    string Program,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    string LogPath)
{
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>A build command from a recipe, run by sh -e so that a failing command in a list stops it.</summary>
    public static StepRequest Shell(string title, string command, string workingDirectory, string logPath) =>
        new(title, "/bin/sh", ["-ec", command], workingDirectory, logPath);
}
