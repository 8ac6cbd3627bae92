using Rumprun.Core.Toolchain;

namespace Rumprun.Build.Engine;

/// <summary>The lines a successful build ends with: what was made, where, and how to put it on PATH.</summary>
public static class ClosingReport
{
    public static IReadOnlyList<string> Lines(string destDir, string configPathScript) =>
    [
        $">> toolchain tuple: {TargetNames.Tuple}",
        $">> cc wrapper: {TargetNames.CompilerWrapper}",
        $">> installed to \"{destDir}\"",
        ">>",
        ">> Set tooldir to front of $PATH (bourne-style shells)",
        $". \"{configPathScript}\"",
        ">>",
        ">> rr-build ran successfully",
    ];
}
