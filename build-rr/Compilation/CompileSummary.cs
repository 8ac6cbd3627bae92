namespace Rumprun.Build.Compilation;

/// <summary>What a compile stage did: how many objects it had and how many it had to rebuild.</summary>
public sealed record CompileSummary(int Total, int Compiled, TimeSpan Elapsed);
