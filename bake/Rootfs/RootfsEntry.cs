namespace Rumprun.Bake.Rootfs;

/// <summary>
/// One path of the packed tree. Name is relative to the tree's top with '/' separators (directories
/// end in '/'); HostPath is where the bytes come from; LinkTarget is a symbolic link's text, unchanged.
/// </summary>
public sealed record RootfsEntry(
    string Name,
    RootfsEntryKind Kind,
    UnixFileMode Mode,
    DateTimeOffset ModificationTime,
    long Size,
    string? LinkTarget,
    string HostPath);
