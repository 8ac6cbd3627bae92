namespace Rumprun.Build.Commands;

/// <summary>What rr-build takes from its surroundings rather than its command line; a value so tests can set it.</summary>
public sealed record BuildEnvironment(
    string CurrentDirectory,
    string? SourceDirectory,
    string? Compiler,
    int ProcessorCount,
    bool IsRoot,
    string ToolsDirectory)
{
    /// <summary>The launcher sets RR_SOURCE_DIR; CC picks the host compiler as it does for make.</summary>
    public static BuildEnvironment FromProcess() => new(
        Environment.CurrentDirectory,
        Environment.GetEnvironmentVariable("RR_SOURCE_DIR"),
        Environment.GetEnvironmentVariable("CC"),
        Environment.ProcessorCount,
        Environment.UserName == "root",
        AppContext.BaseDirectory.TrimEnd('/'));
}
