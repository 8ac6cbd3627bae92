using Rumprun.Build.Host;
using Rumprun.Core.Files;
using Rumprun.Core.Toolchain;

namespace Rumprun.Build.Install;

/// <summary>
/// Makes the sysroot self-contained: musl's headers and static libraries from musl-dev, and the
/// compiler's own start/end files and libgcc, so programs link without the host's paths.
/// </summary>
public static class SysrootInstaller
{
    public static async Task<int> InstallAsync(InstallLayout layout, HostCompiler compiler, CancellationToken cancel)
    {
        var changed = FileSync.CopyTree(HostPaths.MuslIncludeDir, layout.SysrootInclude);
        var musl = Directory.EnumerateFiles(HostPaths.MuslLibDir, "*.a")
            .Concat(Directory.EnumerateFiles(HostPaths.MuslLibDir, "crt*.o"));
        List<string> fromCompiler =
        [
            await HostCompilerProbe.RuntimeFileAsync(compiler, "crtbeginT.o", cancel),
            await HostCompilerProbe.RuntimeFileAsync(compiler, "crtend.o", cancel),
            await HostCompilerProbe.LibgccAsync(compiler, cancel),
        ];
        foreach (var file in musl.Concat(fromCompiler))
        {
            if (FileSync.CopyIfChanged(file, Path.Combine(layout.SysrootLib, Path.GetFileName(file)), (UnixFileMode)Convert.ToInt32("644", 8)))
            {
                changed++;
            }
        }

        return changed;
    }
}
