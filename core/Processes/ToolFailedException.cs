namespace Rumprun.Core.Processes;

/// <summary>An external program exited with a failure status; carries its outcome for callers that show the output.</summary>
public sealed class ToolFailedException(ProcessOutcome outcome, string? advice = null)
    : RrException(Describe(outcome, advice))
{
    public ProcessOutcome Outcome { get; } = outcome;

    private static string Describe(ProcessOutcome outcome, string? advice)
    {
        var firstLine = outcome.CombinedOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();
        var what = $"'{outcome.Spec.Display}' failed with status {outcome.ExitCode}";
        var detail = firstLine is null ? string.Empty : $": {firstLine}";
        return advice is null ? what + detail : $"{what}{detail}: {advice}";
    }
}
