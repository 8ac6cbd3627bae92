namespace Rumprun.Core.Debian;

/// <summary>One repository entry of apt's configuration, whichever of its two formats it came from.</summary>
public sealed record AptSourceEntry(
    IReadOnlyList<string> Types,
    IReadOnlyList<string> Uris,
    IReadOnlyList<string> Suites,
    IReadOnlyList<string> Components,
    string? SignedBy,
    bool Enabled,
    string File)
{
    public bool IsBinary => Enabled && Types.Contains("deb");

    public bool IsSource => Enabled && Types.Contains("deb-src");
}
