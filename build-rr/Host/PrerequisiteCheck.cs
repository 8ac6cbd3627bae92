using Rumprun.Core.Processes;
using Serilog;

namespace Rumprun.Build.Host;

/// <summary>
/// Finds the compiler, binutils and musl rr-build needs; names what is missing with its Debian
/// package, or installs it with apt-get when asked to.
/// </summary>
public static class PrerequisiteCheck
{
    /// <summary>The binutils programs the build and the installed wrappers run.</summary>
    public static readonly string[] Binutils = ["ld", "objcopy", "ar", "nm"];

    public static IReadOnlyList<Prerequisite> Survey(string compiler) =>
    [
        new(compiler, CompilerPackage(compiler), ExecutableSearch.Find(compiler) is not null),
        .. Binutils.Select(tool => new Prerequisite(tool, "binutils", ExecutableSearch.Find(tool) is not null)),
        new("musl", "musl-dev", File.Exists(HostPaths.MuslLibc) && File.Exists(HostPaths.MuslSyscallHeader)),
    ];

    /// <summary>Makes sure everything is present, installing it first when <paramref name="install"/> is set.</summary>
    public static async Task EnsureAsync(string compiler, bool install, bool isRoot, CancellationToken cancel)
    {
        var missing = MissingPackages(Survey(compiler));
        if (install)
        {
            await InstallAsync(missing, isRoot, cancel);
            missing = MissingPackages(Survey(compiler));
        }

        if (missing.Count > 0)
        {
            throw new MissingPrerequisitesException(missing);
        }
    }

    public static IReadOnlyList<string> MissingPackages(IEnumerable<Prerequisite> survey) =>
        survey.Where(p => !p.Present).Select(p => p.Package).Distinct().ToList();

    /// <summary>clang comes in package clang; anything else named like a C compiler is taken to be gcc.</summary>
    public static string CompilerPackage(string compiler) =>
        Path.GetFileName(compiler).StartsWith("clang", StringComparison.Ordinal) ? "clang" : "gcc";

    private static async Task InstallAsync(IReadOnlyList<string> missing, bool isRoot, CancellationToken cancel)
    {
        var qemuMissing = ExecutableSearch.Find("qemu-system-x86_64") is null;
        if (missing.Count == 0)
        {
            Log.Information("prerequisites: all present");
        }
        else
        {
            if (!isRoot)
            {
                throw new Core.RrException(
                    $"--install-deps needs root to run apt-get: rerun as root (sudo ./rr-build --install-deps ...) or run 'apt-get install {string.Join(' ', missing)}' yourself");
            }

            Log.Information("prerequisites: installing {Packages}", string.Join(' ', missing));
            var outcome = await ProcessRunner.RunAsync(
                new ProcessSpec("apt-get", ["install", "-y", .. missing]).WithEnvironment("DEBIAN_FRONTEND", "noninteractive"), cancel);
            if (!outcome.Succeeded)
            {
                Log.Error("{Output}", outcome.CombinedOutput.TrimEnd());
                throw new ToolFailedException(outcome, "see apt-get's output above (run 'apt-get update' first if packages were not found)");
            }
        }

        if (qemuMissing)
        {
            Log.Information("prerequisites: qemu-system-x86 is not installed: rr-run needs it to boot images (apt-get install qemu-system-x86)");
        }
    }
}
