namespace Rumprun.Core.Run;

/// <summary>
/// A launch that cannot go on. The message is the one line rr-run prints after "rr-run: "; the exit
/// status tells scripts whether the command line (<see cref="RunExitCodes.Usage"/>) or the machine
/// (<see cref="RunExitCodes.HypervisorFailed"/>) is to blame.
/// </summary>
public class RunException(string message, int exitCode = RunExitCodes.HypervisorFailed, Exception? inner = null)
    : RrException(message, inner)
{
    public override int ExitCode { get; } = exitCode;

    public static RunException Usage(string message) => new(message, RunExitCodes.Usage);
}
