namespace Rumprun.Core.Toolchain;

/// <summary>Where everything lives in an installed toolchain (contracts §1), rooted at DESTDIR.</summary>
public sealed record InstallLayout(string Prefix, string Platform = TargetNames.HwPlatform)
{
    public string BinDir => Path.Combine(Prefix, "bin");

    public string Sysroot => Path.Combine(Prefix, TargetNames.Tuple);

    public string SysrootInclude => Path.Combine(Sysroot, "include");

    public string SysrootLib => Path.Combine(Sysroot, "lib");

    public string PlatformLibDir => Path.Combine(Prefix, "lib", "rumprun-" + Platform);

    public string PlatformObject => Path.Combine(PlatformLibDir, "platform.o");

    public string LinkerScript => Path.Combine(PlatformLibDir, "image.ld");

    public string ComponentObjectDir => Path.Combine(PlatformLibDir, "components");

    public string ShareDir => Path.Combine(Prefix, "share", "rumprun");

    public string ConfigurationDir => Path.Combine(ShareDir, "configs");

    public string ManifestDir => Path.Combine(ShareDir, "components");

    public string ComponentObject(string name) => Path.Combine(ComponentObjectDir, name + ".o");

    public string Manifest(string name) => Path.Combine(ManifestDir, name + ".json");

    /// <summary>The layout the installed launchers point at through RR_PREFIX.</summary>
    public static InstallLayout FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var prefix = getVariable(TargetNames.PrefixVariable);
        if (string.IsNullOrEmpty(prefix))
        {
            throw new RrException(
                $"{TargetNames.PrefixVariable} is not set: run '. OBJDIR/config-PATH.sh' first (rr-build hw prints the exact line) and use the installed tools");
        }

        if (!Directory.Exists(prefix))
        {
            throw new RrException($"{TargetNames.PrefixVariable}={prefix} does not exist: run rr-build hw again, then '. OBJDIR/config-PATH.sh'");
        }

        return new InstallLayout(Path.GetFullPath(prefix));
    }
}
