namespace Rumprun.Build.Platform;

/// <summary>
/// What one platform adds to the shared kernel in platform/build.json's "platforms" part: its own
/// source folders (e.g. "xen") and C/assembler flags (e.g. "-DRR_PLATFORM_XEN"). A platform without
/// an entry is the shared kernel alone.
/// </summary>
public sealed record PlatformVariant(IReadOnlyList<string>? Sources = null, IReadOnlyList<string>? Cflags = null)
{
    public IReadOnlyList<string> SourcesOrEmpty => Sources ?? [];

    public IReadOnlyList<string> CflagsOrEmpty => Cflags ?? [];
}
