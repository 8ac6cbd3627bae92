using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace Rumprun.Core.Run;

/// <summary>
/// Whether an image can use network interfaces at all. The platform's <c>rr_netdev_register</c> is what
/// every network driver calls, and the bake's --gc-sections drops it from images without one, so its
/// presence is the test, whatever the driver is called (found as <see cref="BlockSupport"/> finds its own).
/// </summary>
public static class NetworkSupport
{
    public const string RegistrationFunction = "rr_netdev_register";

    private const string SymtabSection = ".rr_symtab";

    /// <exception cref="RunException">The image has no network driver (or cannot be read).</exception>
    public static void Require(string imagePath)
    {
        if (!Has(imagePath))
            throw new RunException($"{imagePath} has no network support: bake it with hw_virtio");
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
            return table is not null && BlockSupport.NamesIn(table.GetContents()).Contains(RegistrationFunction);
        }
        catch (Exception e) when (e is not RunException)
        {
            throw new RunException($"{imagePath}: cannot read its symbols ({e.Message}): bake it again", inner: e);
        }
    }
}
