using Rumprun.Core;
using Rumprun.Core.Processes;
using Rumprun.Port.Commands;
using Rumprun.Port.Recipes;
using Serilog;

namespace Rumprun.Port.Building;

/// <summary>Bakes a port's images from its target build tree with rr-bake, the way a user would.</summary>
public sealed class ImageBaker(PortLocations locations)
{
    private bool? _rootfsSupported;

    private string RrBake => Path.Combine(locations.Layout.BinDir, "rr-bake");

    /// <summary>Whether this rr-bake packs a root file system (--rootfs DIR).</summary>
    public async Task<bool> RootfsSupportedAsync(CancellationToken cancel)
    {
        if (_rootfsSupported is null)
        {
            var help = await ProcessRunner.RunAsync(new ProcessSpec(RrBake, ["--help"]), cancel);
            _rootfsSupported = help.StandardOutput.Contains("--rootfs", StringComparison.Ordinal);
        }

        return _rootfsSupported.Value;
    }

    /// <summary>Bakes every image of the recipe; returns the image paths in recipe order.</summary>
    public async Task<IReadOnlyList<BakedImage>> BakeAsync(PortRecipe recipe, WorkTree work, string tree, CancellationToken cancel)
    {
        Directory.CreateDirectory(work.ImagesDir);
        var baked = new List<BakedImage>();
        foreach (var image in recipe.ImagesOrEmpty)
        {
            var program = Path.Combine(tree, image.Program);
            if (!File.Exists(program))
            {
                throw new RrException($"{recipe.Name}: the build made no {image.Program} for image {image.Name}: check the recipe's build steps (logs in {work.LogDir})");
            }

            var output = work.Image(image.Name);
            var arguments = new List<string> { "-q", image.Config, output, program };
            var withRootfs = false;
            if (image.Rootfs is not null)
            {
                if (await RootfsSupportedAsync(cancel))
                {
                    arguments.AddRange(["--rootfs", recipe.FilePath(image.Rootfs)]);
                    withRootfs = true;
                }
                else
                {
                    Log.Warning("   {Port}: rr-bake has no --rootfs yet: {Image} is baked without {Rootfs}, and checks that need it are skipped", recipe.Name, image.Name, image.Rootfs);
                }
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await ProcessRunner.RunCheckedAsync(new ProcessSpec(RrBake, arguments), cancel);
            Log.Information(">> {Port}: baked {Image} ({Config}{Rootfs}, {Seconds} s)", recipe.Name, image.Name, image.Config,
                withRootfs ? $", rootfs {image.Rootfs}" : string.Empty, StepRunner.Seconds(clock.Elapsed));
            baked.Add(new BakedImage(image, output, image.Rootfs is null || withRootfs));
        }

        return baked;
    }
}
