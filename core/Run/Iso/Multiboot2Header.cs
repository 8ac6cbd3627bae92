using System.Buffers.Binary;

namespace Rumprun.Core.Run.Iso;

/// <summary>
/// The multiboot2 header GRUB needs to boot an image (platform/arch/x86_64/multiboot2_header.S):
/// images baked before the platform had one boot under rr-run qemu but would leave GRUB at an error
/// on a screen nobody sees, so rr-run iso looks for it first.
/// </summary>
public static class Multiboot2Header
{
    public const uint Magic = 0xE85250D6;

    /// <summary>The specification's limit: the header lies within the file's first 32 KiB.</summary>
    public const int SearchLimit = 32768;

    /// <summary>The file offset of a valid header (8-aligned, i386 architecture, checksum right), or null.</summary>
    public static int? Find(ReadOnlySpan<byte> start)
    {
        var limit = Math.Min(start.Length, SearchLimit);
        for (var offset = 0; offset + 16 <= limit; offset += 8)
        {
            var words = start[offset..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(words) != Magic)
                continue;
            var architecture = BinaryPrimitives.ReadUInt32LittleEndian(words[4..]);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(words[8..]);
            var checksum = BinaryPrimitives.ReadUInt32LittleEndian(words[12..]);
            if (architecture == 0 && length >= 16 && offset + length <= limit &&
                unchecked(Magic + architecture + length + checksum) == 0)
                return offset;
        }
        return null;
    }

    /// <exception cref="RunException">The image has no header.</exception>
    public static void Require(string imagePath)
    {
        var start = new byte[SearchLimit];
        int read;
        using (var file = File.OpenRead(imagePath))
            read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        if (Find(start.AsSpan(0, read)) is null)
            throw new RunException(
                $"{imagePath} has no multiboot2 header, so GRUB cannot boot it (it was baked before the platform had one): " +
                "run rr-build hw and bake it again");
    }
}
