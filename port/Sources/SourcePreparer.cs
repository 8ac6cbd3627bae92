using Rumprun.Core;
using Rumprun.Core.Processes;
using Rumprun.Port.Building;
using Rumprun.Port.Recipes;
using Serilog;

namespace Rumprun.Port.Sources;

/// <summary>
/// Makes OBJDIR/ports/NAME/source: the fetched source unpacked, with the Debian patches the recipe keeps
/// and then the port's own patches applied. Returns the digest later stages build on; an unchanged
/// source, skip list and patch set reuse the tree.
/// </summary>
public sealed class SourcePreparer(DebianFetcher debian)
{
    public async Task<string> PrepareAsync(PortRecipe recipe, WorkTree work, CancellationToken cancel)
    {
        var digest = Digest(recipe);
        var stamp = work.Stamp("source");
        if (Stamp.Matches(stamp, digest) && Directory.Exists(work.SourceDir))
        {
            Log.Debug("{Port}: source is up to date", recipe.Name);
            return digest;
        }

        Stamp.Remove(stamp);
        var staging = work.SourceDir + ".new";
        await RemoveAsync(staging, cancel);
        if (recipe.Source.IsDebian)
        {
            var dsc = await debian.FetchAsync(recipe, work, cancel);
            await UnpackDebianAsync(recipe, dsc, staging, work, cancel);
        }
        else
        {
            var archive = await UpstreamFetcher.FetchAsync(recipe, work, cancel);
            Log.Information(">> {Port}: unpack {Archive}", recipe.Name, Path.GetFileName(archive));
            ArchiveUnpacker.Unpack(archive, staging);
        }

        foreach (var patch in recipe.PatchesOrEmpty)
        {
            await ApplyAsync(recipe, work, recipe.PatchPath(patch), 1, staging, $"{recipe.Name}: patch {patch}", cancel);
        }

        await RemoveAsync(work.SourceDir, cancel);
        Directory.Move(staging, work.SourceDir);
        Stamp.Write(stamp, digest);
        return digest;
    }

    /// <summary>Everything the patched source depends on: the pinned source, the skip list, the patches' names and contents.</summary>
    public static string Digest(PortRecipe recipe)
    {
        var source = recipe.Source;
        var parts = new List<string>
        {
            "source-v1", source.Display, source.DscSha256 ?? string.Empty, source.Sha256 ?? string.Empty,
            string.Join(',', source.SkipDebianPatchesOrEmpty),
        };
        foreach (var patch in recipe.PatchesOrEmpty)
        {
            parts.Add(patch);
            parts.Add(Checksums.Sha256File(recipe.PatchPath(patch)));
        }

        return Stamp.Digest(parts);
    }

    private static async Task UnpackDebianAsync(PortRecipe recipe, string dsc, string staging, WorkTree work, CancellationToken cancel)
    {
        if (ExecutableSearch.Find("dpkg-source") is null)
        {
            throw new RrException("dpkg-source is missing: apt-get install dpkg-dev");
        }

        var log = work.Log("unpack");
        StepRunner.FreshLog(log);
        // dpkg-source puts the original tarballs beside the folder it makes: unpack next to them, then move.
        var unpacked = Path.Combine(work.FetchDir, "unpacked");
        await RemoveAsync(unpacked, cancel);
        await StepRunner.RunAsync(
            new StepRequest($"{recipe.Name}: unpack {Path.GetFileName(dsc)}", "dpkg-source",
                ["--skip-patches", "-x", dsc, unpacked], work.FetchDir, log),
            cancel);
        Directory.Move(unpacked, staging);

        var series = Path.Combine(staging, "debian", "patches", "series");
        if (!File.Exists(series))
        {
            if (recipe.Source.SkipDebianPatchesOrEmpty.Count > 0)
            {
                throw new RrException($"{recipe.Name}: skip_debian_patches is set but the package has no debian/patches/series");
            }

            return;
        }

        var chosen = PatchSeries.Select(PatchSeries.Parse(File.ReadAllText(series)), recipe.Source.SkipDebianPatchesOrEmpty, series);
        foreach (var entry in chosen)
        {
            var file = Path.Combine(staging, "debian", "patches", entry.Name);
            await ApplyAsync(recipe, work, file, entry.Level, staging, $"{recipe.Name}: Debian patch {entry.Name}", cancel, quiet: true);
        }

        Log.Information("   applied {Count} Debian patch(es){Skipped}", chosen.Count,
            recipe.Source.SkipDebianPatchesOrEmpty.Count == 0 ? string.Empty : $", skipped {string.Join(", ", recipe.Source.SkipDebianPatchesOrEmpty)}");
    }

    private static async Task ApplyAsync(PortRecipe recipe, WorkTree work, string patch, int level, string tree, string title, CancellationToken cancel, bool quiet = false)
    {
        var step = new StepRequest(title, "patch", [$"-p{level}", "--forward", "--batch", "--no-backup-if-mismatch", "-i", patch], tree, work.Log("patch"));
        if (quiet)
        {
            var outcome = await ProcessRunner.RunAsync(new ProcessSpec(step.Program, step.Arguments).WithWorkingDirectory(tree), cancel);
            await File.AppendAllTextAsync(step.LogPath, $"$ {outcome.Spec.Display}\n{outcome.CombinedOutput}", cancel);
            if (!outcome.Succeeded)
            {
                foreach (var line in StepRunner.Tail(step.LogPath))
                {
                    await Console.Error.WriteLineAsync("   | " + line);
                }

                throw new StepFailedException(title, outcome.ExitCode, step.LogPath);
            }

            return;
        }

        await StepRunner.RunAsync(step, cancel);
    }

    public static async Task RemoveAsync(string path, CancellationToken cancel)
    {
        if (Directory.Exists(path) || File.Exists(path))
        {
            await ProcessRunner.RunCheckedAsync(new ProcessSpec("rm", ["-rf", "--", path]), cancel);
        }
    }
}
