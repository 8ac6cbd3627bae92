namespace Rumprun.Port.Recipes;

/// <summary>
/// Where a port's source comes from: a Debian source package pinned to one version (apt checks the
/// signed index, rr-port checks the .dsc's SHA-256 and every file it lists), or an upstream archive
/// with its SHA-256. Exactly one of <see cref="Debian"/> and <see cref="Url"/> is set.
/// </summary>
public sealed record SourceSpec(
    string? Debian = null,
    string? DebianVersion = null,
    string? DscSha256 = null,
    IReadOnlyList<string>? SkipDebianPatches = null,
    string? Url = null,
    string? Sha256 = null)
{
    public bool IsDebian => Debian is not null;

    public IReadOnlyList<string> SkipDebianPatchesOrEmpty => SkipDebianPatches ?? [];

    /// <summary>How the source is named in messages: "zlib=1:1.2.13.dfsg-1" or the URL.</summary>
    public string Display => IsDebian ? $"{Debian}={DebianVersion}" : Url ?? "?";
}
