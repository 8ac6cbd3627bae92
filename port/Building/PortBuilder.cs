using Rumprun.Core.Processes;
using Rumprun.Port.Commands;
using Rumprun.Port.Recipes;
using Rumprun.Port.Sources;
using Serilog;

namespace Rumprun.Port.Building;

/// <summary>
/// Builds a port and, first, the ports it depends on, in one flavour: source, build tree, install.
/// Each stage is skipped when its stamp holds the digest of its inputs, and a port's digest includes its
/// dependencies', so rebuilding zlib rebuilds what links it.
/// </summary>
public sealed class PortBuilder(PortLocations locations, RecipeCatalogue catalogue, SourcePreparer sources, int jobs)
{
    private readonly Dictionary<string, string> _digests = new(StringComparer.Ordinal);

    public WorkTree Work(string name) => new(locations.ObjDir, name);

    public BuildFlavour Flavour(string name) =>
        name == BuildFlavour.TargetName
            ? BuildFlavour.Target(locations.Layout)
            : BuildFlavour.Native(Work("_").NativePrefix);

    /// <summary>Builds <paramref name="name"/> and its dependencies in <paramref name="flavour"/>; returns the port's build tree.</summary>
    public async Task<string> BuildChainAsync(string name, BuildFlavour flavour, CancellationToken cancel)
    {
        foreach (var recipe in catalogue.BuildOrder(name))
        {
            var work = Work(recipe.Name);
            using var portLock = await PortLock.AcquireAsync(work.LockFile, recipe.Name, cancel);
            var sourceDigest = await sources.PrepareAsync(recipe, work, cancel);
            var digest = Stamp.Digest(
                new[] { "build-v1", flavour.Name, flavour.CompilerIdentity, flavour.Prefix, sourceDigest }
                    .Concat(recipe.Build).Append("--install").Concat(recipe.InstallOrEmpty)
                    .Concat(recipe.DependsOrEmpty.Select(d => $"{d}={_digests[d + "/" + flavour.Name]}")));
            await BuildTreeAsync(recipe, work, flavour, digest, cancel);
            await InstallAsync(recipe, work, flavour, digest, cancel);
            _digests[recipe.Name + "/" + flavour.Name] = digest;
        }

        return Work(name).BuildDir(flavour.Name);
    }

    private async Task BuildTreeAsync(PortRecipe recipe, WorkTree work, BuildFlavour flavour, string digest, CancellationToken cancel)
    {
        var tree = work.BuildDir(flavour.Name);
        var stamp = work.Stamp(flavour.Name + ".built");
        if (Stamp.Matches(stamp, digest) && Directory.Exists(tree))
        {
            Log.Information(">> {Port}: {Flavour} build is up to date ({Tree})", recipe.Name, flavour.Name, tree);
            return;
        }

        Stamp.Remove(stamp);
        Stamp.Remove(work.Stamp(flavour.Name + ".installed"));
        await SourcePreparer.RemoveAsync(tree, cancel);
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("cp", ["-a", "--", work.SourceDir, tree]), cancel);
        var log = work.Log(flavour.Name + "-build");
        StepRunner.FreshLog(log);
        await RunStepsAsync(recipe, flavour, recipe.Build, "build", tree, log, cancel);
        Stamp.Write(stamp, digest);
    }

    private async Task InstallAsync(PortRecipe recipe, WorkTree work, BuildFlavour flavour, string digest, CancellationToken cancel)
    {
        if (recipe.InstallOrEmpty.Count == 0)
        {
            return;
        }

        var stamp = work.Stamp(flavour.Name + ".installed");
        var missing = recipe.ProvidesOrEmpty.Where(p => !File.Exists(Path.Combine(flavour.Prefix, p))).ToList();
        if (Stamp.Matches(stamp, digest) && missing.Count == 0)
        {
            return;
        }

        Directory.CreateDirectory(flavour.Prefix);
        var log = work.Log(flavour.Name + "-install");
        StepRunner.FreshLog(log);
        await RunStepsAsync(recipe, flavour, recipe.InstallOrEmpty, $"install into {flavour.Prefix},", work.BuildDir(flavour.Name), log, cancel);
        missing = recipe.ProvidesOrEmpty.Where(p => !File.Exists(Path.Combine(flavour.Prefix, p))).ToList();
        if (missing.Count > 0)
        {
            throw new Core.RrException($"{recipe.Name}: the install commands did not install {string.Join(", ", missing)} into {flavour.Prefix} (see {log})");
        }

        Stamp.Write(stamp, digest);
    }

    private async Task RunStepsAsync(
        PortRecipe recipe, BuildFlavour flavour, IReadOnlyList<string> steps, string what, string tree, string log, CancellationToken cancel)
    {
        var variables = flavour.Variables(locations.Layout.BinDir, jobs);
        for (var i = 0; i < steps.Count; i++)
        {
            var title = $"{recipe.Name}: {flavour.Name} {what} step {i + 1}/{steps.Count}: {Abbreviate(steps[i])}";
            await StepRunner.RunAsync(StepRequest.Shell(title, steps[i], tree, log) with { Environment = variables }, cancel);
        }
    }

    private static string Abbreviate(string command)
    {
        var line = command.ReplaceLineEndings(" ");
        return line.Length <= 72 ? line : line[..69] + "...";
    }
}
