using System.Text;
using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace Rumprun.Core.Run;

/// <summary>
/// Which functions a baked image holds. The bake's --gc-sections drops every platform function
/// nothing calls, so the presence of a registration function (rr_blkdev_register, rr_netdev_register)
/// tells whether any driver of that kind was linked. Names come from the ELF symbol table, or, in a
/// stripped image, from the platform's own table (.rr_symtab, contracts §4).
/// </summary>
public static class ImageFunctions
{
    private const string SymtabSection = ".rr_symtab";
    private const uint SymtabMagic = 0x32595252;   // "RRY2"
    private const int SymtabHeaderBytes = 8;
    private const int SymtabEntryBytes = 8;

    /// <exception cref="RunException">The image cannot be read as ELF.</exception>
    public static bool Contains(string imagePath, string function) => Read(imagePath).Contains(function);

    /// <summary>Every function name the image holds, from its symbol table or else its .rr_symtab.</summary>
    /// <exception cref="RunException">The image cannot be read as ELF.</exception>
    public static IReadOnlySet<string> Read(string imagePath)
    {
        try
        {
            using var elf = ELFReader.Load(imagePath);
            var symbols = elf.Sections.OfType<ISymbolTable>().SelectMany(table => table.Entries).Select(symbol => symbol.Name).ToHashSet();
            if (symbols.Count > 0)
                return symbols;
            var table = elf.Sections.FirstOrDefault(section => section.Name == SymtabSection);
            return table is null ? new HashSet<string>() : NamesIn(table.GetContents()).ToHashSet();
        }
        catch (Exception e) when (e is not RunException)
        {
            throw new RunException($"{imagePath}: cannot read its symbols ({e.Message}): bake it again", inner: e);
        }
    }

    /// <summary>The function names of a .rr_symtab blob: magic, count, count 8-byte entries, then the names.</summary>
    public static IReadOnlyList<string> NamesIn(byte[] blob)
    {
        if (blob.Length < SymtabHeaderBytes || BitConverter.ToUInt32(blob, 0) != SymtabMagic)
            return [];
        var count = BitConverter.ToUInt32(blob, 4);
        var start = SymtabHeaderBytes + (long)count * SymtabEntryBytes;
        if (start > blob.Length)
            return [];
        return Encoding.UTF8.GetString(blob, (int)start, blob.Length - (int)start).Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }
}
