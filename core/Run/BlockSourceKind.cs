using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Rumprun.Core.Run;

/// <summary>What a <c>-b</c> path names on the host, as stat(2) (following symbolic links) reports it.</summary>
public enum BlockSourceKind
{
    Missing,
    RegularFile,
    Directory,
    BlockDevice,
    CharacterDevice,
    Fifo,
    Socket,
}

/// <summary>
/// stat(2) for <see cref="BlockSourceKind"/>: .NET tells files from directories but not block devices
/// from FIFOs or sockets, and rr-run accepts the first and refuses the others by name.
/// </summary>
[SupportedOSPlatform("linux")]
public static class BlockSourceKinds
{
    private const int StatBufferBytes = 256;   // struct stat is 144 bytes on x86-64 Linux
    private const int ModeOffset = 24;         // after st_dev, st_ino and st_nlink (8 bytes each)

    [DllImport("libc", SetLastError = true)]
    private static extern int stat(string path, byte[] buffer);

    public static BlockSourceKind Of(string path)
    {
        var buffer = new byte[StatBufferBytes];
        if (stat(path, buffer) != 0)
            return BlockSourceKind.Missing;
        var mode = BitConverter.ToUInt32(buffer, ModeOffset);
        return (mode & 0xF000) switch
        {
            0x8000 => BlockSourceKind.RegularFile,
            0x4000 => BlockSourceKind.Directory,
            0x6000 => BlockSourceKind.BlockDevice,
            0x2000 => BlockSourceKind.CharacterDevice,
            0x1000 => BlockSourceKind.Fifo,
            _ => BlockSourceKind.Socket,
        };
    }

    /// <summary>The kind in words, for refusals.</summary>
    public static string Describe(BlockSourceKind kind) => kind switch
    {
        BlockSourceKind.CharacterDevice => "a character device",
        BlockSourceKind.Fifo => "a FIFO",
        BlockSourceKind.Socket => "a socket",
        BlockSourceKind.Directory => "a directory",
        BlockSourceKind.BlockDevice => "a block device",
        BlockSourceKind.RegularFile => "a regular file",
        _ => "missing",
    };
}
