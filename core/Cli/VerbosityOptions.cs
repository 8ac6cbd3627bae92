using System.CommandLine;

namespace Rumprun.Core.Cli;

/// <summary>The -q/-v pair every tool accepts, defined once so they read the same everywhere.</summary>
public sealed class VerbosityOptions
{
    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Print only warnings and errors",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Print every step and command line",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Quiet);
        command.Options.Add(Verbose);
    }

    /// <summary>-v wins over -q so that a user asking for details while debugging a script gets them.</summary>
    public Verbosity Read(ParseResult result) =>
        result.GetValue(Verbose) ? Verbosity.Verbose
        : result.GetValue(Quiet) ? Verbosity.Quiet
        : Verbosity.Normal;
}
