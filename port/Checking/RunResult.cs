namespace Rumprun.Port.Checking;

/// <summary>What one side of a check printed (stdout and stderr together, as the guest's console has them) and its status.</summary>
public sealed record RunResult(byte[] Output, int Status, string Diagnostics, TimeSpan Duration);
