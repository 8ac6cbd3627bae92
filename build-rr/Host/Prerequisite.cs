namespace Rumprun.Build.Host;

/// <summary>Something rr-build needs from the host, and the Debian package that provides it.</summary>
public sealed record Prerequisite(string What, string Package, bool Present);
