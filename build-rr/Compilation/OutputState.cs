namespace Rumprun.Build.Compilation;

/// <summary>
/// What the incremental decision looks at, gathered from the file system first so the decision itself is a pure function.
/// </summary>
/// <param name="OutputTime">When the output was last written; null if it does not exist.</param>
/// <param name="StoredDigest">The command digest kept with the output; null if none.</param>
/// <param name="CurrentDigest">The digest of the command that would run now.</param>
/// <param name="Inputs">Every input and its time (null: the input no longer exists); null when no dependency record exists.</param>
public sealed record OutputState(
    DateTime? OutputTime,
    string? StoredDigest,
    string CurrentDigest,
    IReadOnlyList<(string Path, DateTime? Time)>? Inputs);
