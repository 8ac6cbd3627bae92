using System.Buffers.Binary;
using System.Text;

namespace Rumprun.Bake.Symbols;

/// <summary>
/// The symbol table the platform reads for backtraces (contracts §4), little endian:
/// u32 magic "RRYS", u32 count, count × { u64 addr; u32 size; u32 name_offset } sorted by
/// address, then the NUL-terminated names; name offsets count from the start of the blob.
/// </summary>
public static class SymtabBlob
{
    public const uint Magic = 0x53595252;

    public const int HeaderSize = 8;

    public const int EntrySize = 16;

    public static byte[] Build(IEnumerable<FunctionSymbol> functions)
    {
        var sorted = functions
            .OrderBy(f => f.Address)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var names = new MemoryStream();
        var offsets = new uint[sorted.Count];
        var namesStart = HeaderSize + (EntrySize * sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            offsets[i] = checked((uint)(namesStart + names.Length));
            names.Write(Encoding.UTF8.GetBytes(sorted[i].Name));
            names.WriteByte(0);
        }

        var blob = new byte[namesStart + names.Length];
        var span = blob.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            var entry = span.Slice(HeaderSize + (EntrySize * i), EntrySize);
            BinaryPrimitives.WriteUInt64LittleEndian(entry, sorted[i].Address);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], (uint)Math.Min(sorted[i].Size, uint.MaxValue));
            BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], offsets[i]);
        }

        names.ToArray().CopyTo(span[namesStart..]);
        return blob;
    }
}
