namespace Rumprun.Port.Checking;

/// <summary>The verdict of one check: both sides' results and, when they differ, why.</summary>
public sealed record CheckOutcome(string Name, RunResult? Native, RunResult? Unikernel, IReadOnlyList<string> Problems, bool Skipped = false)
{
    public bool Passed => !Skipped && Problems.Count == 0;
}
