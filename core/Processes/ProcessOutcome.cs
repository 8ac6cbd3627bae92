namespace Rumprun.Core.Processes;

/// <summary>What a finished process left behind.</summary>
public sealed record ProcessOutcome(ProcessSpec Spec, int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>stderr then stdout, as a terminal would have interleaved them for tools that write little.</summary>
    public string CombinedOutput =>
        string.Join(string.Empty, new[] { StandardError, StandardOutput }.Where(s => s.Length > 0));
}
