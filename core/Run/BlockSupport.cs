using System.Text;
using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace Rumprun.Core.Run;

/// <summary>
/// Whether an image can use block devices at all. The platform's <c>rr_blkdev_register</c> is what every
/// block driver calls, and the bake's --gc-sections drops it from images without one (hw_generic), so
/// its presence is the test, whatever the driver is called. It is looked up in the ELF symbol table,
/// or, in a stripped image, in the names of the platform's own table (.rr_symtab, contracts §4).
/// </summary>
public static class BlockSupport
{
    public const string RegistrationFunction = "rr_blkdev_register";

    private const string SymtabSection = ".rr_symtab";
    private const uint SymtabMagic = 0x32595252;   // "RRY2"
    private const int SymtabHeaderBytes = 8;
    private const int SymtabEntryBytes = 8;

    /// <exception cref="RunException">The image has no block driver (or cannot be read).</exception>
    public static void Require(string imagePath)
    {
        if (!Has(imagePath))
            throw new RunException($"{imagePath} has no block-device support: bake it with hw_virtio");
    }

    public static bool Has(string imagePath)
    {
        try
        {
            using var elf = ELFReader.Load(imagePath);
            var symbols = elf.Sections.OfType<ISymbolTable>().SelectMany(table => table.Entries).ToList();
            if (symbols.Count > 0)
                return symbols.Any(symbol => symbol.Name == RegistrationFunction);
            var table = elf.Sections.FirstOrDefault(section => section.Name == SymtabSection);
            return table is not null && NamesIn(table.GetContents()).Contains(RegistrationFunction);
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
