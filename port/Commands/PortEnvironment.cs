using Rumprun.Core.Debian;
namespace Rumprun.Port.Commands;

/// <summary>What rr-port takes from its surroundings rather than its command line; a value so tests can set it.</summary>
public sealed record PortEnvironment(
    string CurrentDirectory,
    string? SourceDirectory,
    string? Prefix,
    string? ObjDir,
    string ToolsDirectory,
    int ProcessorCount,
    string EtcApt,
    bool IsRoot)
{
    /// <summary>RR_SOURCE_DIR comes from the root launcher, RR_PREFIX from the installed one; RR_OBJDIR may name the work folder.</summary>
    public static PortEnvironment FromProcess() => new(
        Environment.CurrentDirectory,
        Environment.GetEnvironmentVariable("RR_SOURCE_DIR"),
        Environment.GetEnvironmentVariable("RR_PREFIX"),
        Environment.GetEnvironmentVariable("RR_OBJDIR"),
        AppContext.BaseDirectory.TrimEnd('/'),
        Environment.ProcessorCount,
        AptSourceList.DefaultEtcApt,
        Environment.UserName == "root");
}
