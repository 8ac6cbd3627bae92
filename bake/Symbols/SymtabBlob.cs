using System.Buffers.Binary;
using System.Text;
using Rumprun.Core;

namespace Rumprun.Bake.Symbols;

/// <summary>
/// The symbol table the platform reads for backtraces (contracts §4), little endian:
/// u32 magic "RRY2", u32 count, count × { u32 addr; u32 size } sorted by address, then the
/// NUL-terminated names in the same order. Eight bytes an entry and no name offsets: the table
/// is loaded into every image, and the one reader (a fault report) can afford to count names.
/// </summary>
public static class SymtabBlob
{
    public const uint Magic = 0x32595252;

    public const int HeaderSize = 8;

    public const int EntrySize = 8;

    public static byte[] Build(IEnumerable<FunctionSymbol> functions)
    {
        var sorted = functions
            .OrderBy(f => f.Address)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var names = new MemoryStream();
        foreach (var function in sorted)
        {
            names.Write(Encoding.UTF8.GetBytes(function.Name));
            names.WriteByte(0);
        }

        var namesStart = HeaderSize + (EntrySize * sorted.Count);
        var blob = new byte[namesStart + names.Length];
        var span = blob.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].Address > uint.MaxValue)
                throw new RrException($"function {sorted[i].Name} lies above 4 GiB (0x{sorted[i].Address:x}): the image's code must be linked below 4 GiB (platform/image.ld)");
            var entry = span.Slice(HeaderSize + (EntrySize * i), EntrySize);
            BinaryPrimitives.WriteUInt32LittleEndian(entry, (uint)sorted[i].Address);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], (uint)Math.Min(sorted[i].Size, uint.MaxValue));
        }

        names.ToArray().CopyTo(span[namesStart..]);
        return blob;
    }
}
