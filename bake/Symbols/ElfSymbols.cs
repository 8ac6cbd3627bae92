using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace Rumprun.Bake.Symbols;

/// <summary>Reads an image's symbol table with ELFSharp.</summary>
public static class ElfSymbols
{
    /// <summary>Every defined function (STT_FUNC) of <paramref name="elf"/>, sorted by address, then name.</summary>
    public static IReadOnlyList<FunctionSymbol> Functions(ELF<ulong> elf) =>
        Entries(elf)
            .Where(s => s.Type == SymbolType.Function && !(s.IsPointedIndexSpecial && s.SpecialPointedSectionIndex == SpecialSectionIndex.Undefined))
            .Select(s => new FunctionSymbol(s.Name, s.Value, s.Size))
            .OrderBy(s => s.Address)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>Names of symbols that stayed undefined; weak ones are allowed (they resolve to 0 in a static image).</summary>
    public static IReadOnlyList<string> StrongUndefined(ELF<ulong> elf) =>
        Entries(elf)
            .Where(s => s.IsPointedIndexSpecial && s.SpecialPointedSectionIndex == SpecialSectionIndex.Undefined)
            .Where(s => s.Name.Length > 0 && s.Binding != SymbolBinding.Weak)
            .Select(s => s.Name)
            .Distinct()
            .ToList();

    public static ulong? Address(ELF<ulong> elf, string name) =>
        Entries(elf).FirstOrDefault(s => s.Name == name && !s.IsPointedIndexSpecial)?.Value;

    private static IEnumerable<SymbolEntry<ulong>> Entries(ELF<ulong> elf) =>
        elf.GetSections<SymbolTable<ulong>>().Where(t => t.Type == SectionType.SymbolTable).SelectMany(t => t.Entries);

    public static ELF<ulong> Load(string path) => ELFReader.Load<ulong>(path);
}
