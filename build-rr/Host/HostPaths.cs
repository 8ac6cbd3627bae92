namespace Rumprun.Build.Host;

/// <summary>Where Debian's musl-dev puts the C library the sysroot is made from.</summary>
public static class HostPaths
{
    public const string MuslLibDir = "/usr/lib/x86_64-linux-musl";

    public const string MuslIncludeDir = "/usr/include/x86_64-linux-musl";

    public static string MuslLibc => Path.Combine(MuslLibDir, "libc.a");

    public static string MuslSyscallHeader => Path.Combine(MuslIncludeDir, "bits", "syscall.h");
}
