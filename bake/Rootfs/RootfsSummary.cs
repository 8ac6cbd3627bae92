namespace Rumprun.Bake.Rootfs;

/// <summary>What an archive holds, for the bake's log line: counts, the files' bytes and the archive's own size.</summary>
public sealed record RootfsSummary(int Files, int Directories, int SymbolicLinks, long FileBytes, long ArchiveBytes);
