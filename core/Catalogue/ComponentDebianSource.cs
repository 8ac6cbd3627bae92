namespace Rumprun.Core.Catalogue;

/// <summary>
/// A component's "debian_source": a pinned Debian source package that rr-build fetches with
/// apt-get source into the OBJDIR and compiles as part of the component. Sources are folders
/// (every *.c directly in them) or single .c files, and include folders, all relative to the
/// unpacked tree.
/// </summary>
public sealed record ComponentDebianSource(
    string Package,
    string Version,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string>? Include = null)
{
    public IReadOnlyList<string> IncludeOrEmpty => Include ?? [];
}
