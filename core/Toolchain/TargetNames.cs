namespace Rumprun.Core.Toolchain;

/// <summary>Names fixed by the contracts: existing ports scripts expect this tuple.</summary>
public static class TargetNames
{
    public const string Tuple = "x86_64-rumprun-netbsd";

    public const string HwPlatform = "hw";

    /// <summary>The section of an unbaked program that holds its relocatable object (contracts §3).</summary>
    public const string ProgramSection = ".rr.program";

    /// <summary>The variable the installed launchers set to DESTDIR.</summary>
    public const string PrefixVariable = "RR_PREFIX";

    public const string CompilerWrapper = Tuple + "-gcc";
}
