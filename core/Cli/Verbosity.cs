namespace Rumprun.Core.Cli;

/// <summary>How much a tool says on stderr: -q keeps warnings and errors, -v adds the details of every step.</summary>
public enum Verbosity
{
    Quiet,
    Normal,
    Verbose,
}
