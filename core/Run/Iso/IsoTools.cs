namespace Rumprun.Core.Run.Iso;

/// <summary>
/// The host programs that make the ISO: grub-mkrescue (grub-common) with GRUB's BIOS files
/// (grub-pc-bin), and xorriso, which grub-mkrescue runs. All are looked for before anything is built.
/// </summary>
public sealed record IsoTools(string Mkrescue, string GrubBiosDirectory)
{
    public const string MkrescueProgram = "grub-mkrescue";

    public const string XorrisoProgram = "xorriso";

    /// <summary>Debian's place for GRUB's i386-pc modules and El Torito image.</summary>
    public const string DefaultGrubBiosDirectory = "/usr/lib/grub/i386-pc";

    public const string InstallHint = "apt-get install grub-common grub-pc-bin xorriso";

    /// <summary>The tools as found on PATH; <paramref name="grubBiosDirectory"/> overrides GRUB's directory (tests).</summary>
    /// <exception cref="RunException">Something is missing; the message names every missing package.</exception>
    public static IsoTools Find(string? path = null, string grubBiosDirectory = DefaultGrubBiosDirectory)
    {
        path ??= Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        var mkrescue = OnPath(MkrescueProgram, path);
        var xorriso = OnPath(XorrisoProgram, path);
        var bios = File.Exists(Path.Combine(grubBiosDirectory, "cdboot.img"));
        var missing = new List<string>();
        if (mkrescue is null)
            missing.Add("grub-mkrescue (package grub-common)");
        if (!bios)
            missing.Add($"GRUB's BIOS files in {grubBiosDirectory} (package grub-pc-bin)");
        if (xorriso is null)
            missing.Add("xorriso (package xorriso)");
        if (missing.Count > 0)
            throw new RunException($"making an ISO needs {string.Join(", ", missing)}: {InstallHint}");
        return new IsoTools(mkrescue!, grubBiosDirectory);
    }

    /// <summary>The tools where a Debian system has them, for --dry-run (nothing is checked).</summary>
    public static IsoTools Assumed { get; } = new(MkrescueProgram, DefaultGrubBiosDirectory);

    private static string? OnPath(string program, string path) =>
        path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
