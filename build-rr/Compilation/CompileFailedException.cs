using Rumprun.Core;

namespace Rumprun.Build.Compilation;

/// <summary>Sources did not compile; the compiler's own messages were already shown.</summary>
public sealed class CompileFailedException(string unit, IReadOnlyList<string> failed)
    : RrException($"{unit}: {failed.Count} file(s) did not compile ({string.Join(", ", failed.Take(3))}{(failed.Count > 3 ? ", ..." : string.Empty)}): see the compiler messages above")
{
    public IReadOnlyList<string> Failed { get; } = failed;
}
