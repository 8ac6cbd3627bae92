using Rumprun.Core;
using Rumprun.Core.Processes;
using Rumprun.Core.Toolchain;
using Serilog;

namespace Rumprun.Bake.Engine;

/// <summary>The bake link of contracts §4: platform, selected components, the program and, the second time, the symbol table and the root file system.</summary>
public static class ImageLinker
{
    public static IReadOnlyList<string> Arguments(InstallLayout platform, IReadOnlyList<string> components, string program, string? symtab, string output, string? rootfs = null) =>
    [
        "-static", "-nostdlib",
        "-T", platform.LinkerScript,
        "-z", "max-page-size=64",
        "-z", "noexecstack",
        "--gc-sections",
        "-o", output,
        platform.PlatformObject,
        .. components,
        program,
        .. symtab is null ? Array.Empty<string>() : [symtab],
        .. rootfs is null ? Array.Empty<string>() : [rootfs],
    ];

    public static async Task LinkAsync(IReadOnlyList<string> arguments, bool showWarnings, CancellationToken cancel)
    {
        var outcome = await ProcessRunner.RunAsync(new ProcessSpec("ld", arguments), cancel);
        if (!outcome.Succeeded)
        {
            Log.Error("{Output}", outcome.CombinedOutput.TrimEnd());
            throw new RrException($"ld could not link the image (status {outcome.ExitCode}, messages above): check that rr-build hw ran with this tree and relink the program");
        }

        if (showWarnings && outcome.CombinedOutput.Length > 0)
        {
            Log.Warning("{Output}", outcome.CombinedOutput.TrimEnd());
        }
    }
}
