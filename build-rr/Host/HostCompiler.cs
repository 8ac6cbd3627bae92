namespace Rumprun.Build.Host;

/// <summary>
/// The host C compiler the toolchain wraps: its absolute path, its own header directory
/// (stddef.h, stdarg.h, intrinsics) and the Debian package that provides it.
/// </summary>
public sealed record HostCompiler(string Path, string IncludeDir, string Package)
{
    public string Name => System.IO.Path.GetFileName(Path);
}
