using Rumprun.Core.Cli;

namespace Rumprun.Build.Commands;

/// <summary>Everything one rr-build run needs, resolved to absolute paths; the engine never sees the parser.</summary>
public sealed record BuildOptions(
    string Platform,
    string SourceDir,
    string DestDir,
    string ObjDir,
    int Jobs,
    string Compiler,
    bool InstallDependencies,
    Verbosity Verbosity,
    string ToolsDir,
    bool IsRoot);
