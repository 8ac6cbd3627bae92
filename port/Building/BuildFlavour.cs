using Rumprun.Core.Toolchain;
using Rumprun.Port.Sources;

namespace Rumprun.Port.Building;

/// <summary>
/// Which compiler a build tree is made with. "target" is the x86_64-rumprun-netbsd toolchain, installing
/// into its sysroot; "native" is musl-gcc -static, installing into a private prefix, for the programs
/// checks compare against. Recipes see the difference only through the variables of <see cref="Variables"/>.
/// Both get BUILD_CC, musl-gcc -static, for configure scripts that run what they compile (nginx's): the
/// target's C library is the same musl from musl-dev, so such a probe answers for the target too.
/// </summary>
public sealed record BuildFlavour(string Name, string Cc, string Ar, string Ranlib, string Host, string Prefix, string CompilerIdentity)
{
    public const string TargetName = "target";

    public const string NativeName = "native";

    /// <summary>A compiler whose programs run on the build machine against the target's C library.</summary>
    public const string BuildCc = "musl-gcc -static";

    /// <summary>Variables a user's environment may hold that would change a build behind the recipe's back.</summary>
    private static readonly string[] Cleared = ["CFLAGS", "CXXFLAGS", "CPPFLAGS", "LDFLAGS", "LIBS", "CONFIG_SITE", "MAKEFLAGS", "MFLAGS", "CHOST", "DESTDIR"];

    public Dictionary<string, string?> ExtraVariables { get; init; } = [];

    public static BuildFlavour Target(InstallLayout layout)
    {
        var bin = layout.BinDir;
        var cc = Path.Combine(bin, TargetNames.Tuple + "-gcc");
        var identity = File.Exists(cc) ? Checksums.Sha256File(cc) : "missing";
        return new BuildFlavour(
            TargetName,
            TargetNames.Tuple + "-gcc",
            TargetNames.Tuple + "-ar",
            TargetNames.Tuple + "-ranlib",
            TargetNames.Tuple,
            layout.Sysroot,
            identity)
        {
            ExtraVariables = new Dictionary<string, string?>
            {
                ["CONFIG_SITE"] = Path.Combine(layout.ShareDir, "config.site"),
                ["PKG_CONFIG"] = TargetNames.Tuple + "-pkg-config",
            },
        };
    }

    public static BuildFlavour Native(string prefix) =>
        new(NativeName, BuildCc, "ar", "ranlib", "x86_64-linux-musl", prefix, BuildCc)
        {
            ExtraVariables = new Dictionary<string, string?>
            {
                ["CPPFLAGS"] = $"-I{prefix}/include",
                ["LDFLAGS"] = $"-L{prefix}/lib",
                ["PKG_CONFIG_LIBDIR"] = $"{prefix}/lib/pkgconfig",
            },
        };

    /// <summary>The environment of every build and install command.</summary>
    public IReadOnlyDictionary<string, string?> Variables(string toolBin, int jobs)
    {
        var variables = Cleared.ToDictionary(name => name, _ => (string?)null);
        variables["CC"] = Cc;
        variables["BUILD_CC"] = BuildCc;
        variables["AR"] = Ar;
        variables["RANLIB"] = Ranlib;
        variables["HOST"] = Host;
        variables["PREFIX"] = Prefix;
        variables["JOBS"] = jobs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        variables["RR_PORT_FLAVOUR"] = Name;
        variables["PATH"] = toolBin + ":" + (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
        foreach (var (name, value) in ExtraVariables)
        {
            variables[name] = value;
        }

        return variables;
    }
}
