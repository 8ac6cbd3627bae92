namespace Rumprun.Bake.Rootfs;

/// <summary>What a root file system entry is; Other (FIFO, socket, device) is refused.</summary>
public enum RootfsEntryKind
{
    File,
    Directory,
    SymbolicLink,
    Other,
}
