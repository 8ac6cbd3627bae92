using System.CommandLine;
using Rumprun.Core.Cli;

namespace Rumprun.Port.Commands;

/// <summary>The options every rr-port verb shares.</summary>
public sealed class PortOptions
{
    public Option<string?> ObjDir { get; } = new("--objdir", "-o")
    {
        Description = "The object folder rr-build used; ports are built in OBJDIR/ports (default: beside the toolchain, or RR_OBJDIR)",
        HelpName = "OBJDIR",
        Recursive = true,
    };

    public Option<int?> Jobs { get; } = new("--jobs", "-j")
    {
        Description = "Parallel jobs for make (default: the number of processors)",
        Recursive = true,
    };

    public Option<bool> EnableSources { get; } = new("--enable-sources")
    {
        Description = "First enable Debian source packages (a deb-src entry and apt-get update) if they are not",
    };

    public VerbosityOptions Verbosity { get; } = new();

    public Argument<string> PortName { get; } = new("name") { Description = "The port (see rr-port list)" };
}
