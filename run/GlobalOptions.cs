using System.CommandLine;
using Rumprun.Core.Cli;

namespace Rumprun.Run;

/// <summary>Options that stand before the platform word and hold for every verb.</summary>
internal static class GlobalOptions
{
    public static Option<bool> DryRun { get; } = new("--dry-run")
    {
        Description = "Print the QEMU command line, shell-quoted (xen: the xl configuration and commands), and run nothing",
        Recursive = true,
    };

    public static VerbosityOptions Verbosity { get; } = new();
}
