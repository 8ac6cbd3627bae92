namespace Rumprun.Bake.Symbols;

/// <summary>A function of the linked image: what the platform's backtraces name an address with.</summary>
public sealed record FunctionSymbol(string Name, ulong Address, ulong Size);
