using Rumprun.Core;

namespace Rumprun.Bake.Symbols;

/// <summary>
/// The second link only appends .rr_symtab; if any function moved, the table the platform reads
/// would name the wrong code. Compares the functions of both links.
/// </summary>
public static class SymbolStability
{
    public static void Verify(IReadOnlyList<FunctionSymbol> first, IReadOnlyList<FunctionSymbol> second)
    {
        var after = second.ToLookup(s => s.Name, StringComparer.Ordinal);
        foreach (var symbol in first)
        {
            var now = after[symbol.Name].ToList();
            if (now.Count == 0)
            {
                throw new RrException($"function {symbol.Name} vanished in the second link: image.ld must place .rr_symtab last and KEEP it");
            }

            if (!now.Any(s => s.Address == symbol.Address))
            {
                throw new RrException(
                    $"function {symbol.Name} moved from 0x{symbol.Address:x} to 0x{now[0].Address:x} when .rr_symtab was added: image.ld must place .rr_symtab after everything else");
            }
        }

        if (second.Count != first.Count)
        {
            throw new RrException($"the second link has {second.Count} functions, the first {first.Count}: image.ld must place .rr_symtab last");
        }
    }
}
