using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Rumprun.Bake.Rootfs;

/// <summary>
/// lstat(2) of a host path. .NET has no file type beyond file, directory and link (a FIFO would look
/// like an empty file and block the bake when opened), and it reports a link's target's times.
/// </summary>
internal readonly record struct HostFileStatus(uint Mode, long Size, DateTimeOffset ModificationTime, ulong LinkCount)
{
    private const uint TypeMask = 0xF000;

    // struct stat of glibc: st_mode and st_nlink sit at different offsets on x86-64 and on the generic (arm64) layout.
    private static readonly bool X64 = RuntimeInformation.ProcessArchitecture == Architecture.X64;
    private static readonly int ModeOffset = X64 ? 24 : 16;

    public RootfsEntryKind Kind => (Mode & TypeMask) switch
    {
        0x8000 => RootfsEntryKind.File,
        0x4000 => RootfsEntryKind.Directory,
        0xA000 => RootfsEntryKind.SymbolicLink,
        _ => RootfsEntryKind.Other,
    };

    /// <summary>What a host file that cannot be packed is, in words.</summary>
    public string TypeName => (Mode & TypeMask) switch
    {
        0x1000 => "FIFO",
        0x2000 => "character device",
        0x6000 => "block device",
        0xC000 => "socket",
        _ => $"file of type 0{Mode & TypeMask:o}",
    };

    public UnixFileMode Permissions => (UnixFileMode)(Mode & 0xFFF);

    /// <summary>The status of path itself (a link is not followed); an error as errno and its text.</summary>
    public static HostFileStatus Read(string path)
    {
        var buffer = new byte[256];
        if (lstat(path, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new RootfsException($"cannot examine {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        var span = buffer.AsSpan();
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(span[88..]);
        var nanoseconds = BinaryPrimitives.ReadInt64LittleEndian(span[96..]);
        return new HostFileStatus(
            BinaryPrimitives.ReadUInt32LittleEndian(span[ModeOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(span[48..]),
            DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanoseconds / 100),
            X64 ? BinaryPrimitives.ReadUInt64LittleEndian(span[16..]) : BinaryPrimitives.ReadUInt32LittleEndian(span[20..]));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int lstat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
}
