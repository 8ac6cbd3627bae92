using System.CommandLine;
using Rumprun.Core;
using Rumprun.Core.Cli;
using Rumprun.Port.Building;
using Rumprun.Port.Checking;
using Rumprun.Port.Recipes;
using Rumprun.Port.Sources;
using Serilog;

namespace Rumprun.Port.Commands;

/// <summary>rr-port list | build NAME | check NAME | enable-sources.</summary>
public sealed class PortCommand
{
    private readonly PortEnvironment _environment;

    private PortCommand(PortEnvironment environment)
    {
        _environment = environment;
        Root = new RootCommand("Builds existing POSIX software from Debian sources into Rumprun.Net images, and checks it against native builds");
        Root.Options.Add(Options.ObjDir);
        Root.Options.Add(Options.Jobs);
        Options.Verbosity.AddTo(Root);

        var list = new Command("list", "List the ports: name, version, summary, and whether they are built");
        list.SetAction(result =>
        {
            ToolHost.StartLogging(Options.Verbosity.Read(result));
            return ListPorts(result);
        });

        var build = new Command("build", "Fetch, verify, patch and build a port (and what it depends on), bake its images and print their paths");
        build.Arguments.Add(Options.PortName);
        build.Options.Add(Options.EnableSources);
        build.SetAction((result, cancel) => BuildAsync(result, cancel));

        var check = new Command("check", "Build a port for the unikernel and natively (musl-gcc -static), run its checks both ways and compare");
        check.Arguments.Add(Options.PortName);
        check.Options.Add(Options.EnableSources);
        check.SetAction((result, cancel) => CheckAsync(result, cancel));

        var enable = new Command("enable-sources", "Let apt fetch Debian source packages: add a deb-src entry beside the deb ones and run apt-get update");
        enable.SetAction(async (result, cancel) =>
        {
            ToolHost.StartLogging(Options.Verbosity.Read(result));
            await SourceEnabler.EnableAsync(_environment.EtcApt, _environment.IsRoot, cancel);
            return 0;
        });

        Root.Subcommands.Add(list);
        Root.Subcommands.Add(build);
        Root.Subcommands.Add(check);
        Root.Subcommands.Add(enable);
    }

    public RootCommand Root { get; }

    public PortOptions Options { get; } = new();

    public static PortCommand Create(PortEnvironment environment) => new(environment);

    private PortLocations Locations(ParseResult result) => PortLocations.Resolve(_environment, result.GetValue(Options.ObjDir));

    private int Jobs(ParseResult result)
    {
        var jobs = result.GetValue(Options.Jobs) ?? _environment.ProcessorCount;
        return jobs >= 1 ? jobs : throw new RrException($"--jobs {jobs}: give at least 1");
    }

    private int ListPorts(ParseResult result)
    {
        var locations = Locations(result);
        var catalogue = new RecipeCatalogue(locations.PortsDir);
        var rows = catalogue.Names.Select(name =>
        {
            var recipe = catalogue.Get(name);
            var work = new WorkTree(locations.ObjDir, name);
            var built = File.Exists(work.Stamp(BuildFlavour.TargetName + ".built"))
                && recipe.ImagesOrEmpty.All(i => File.Exists(work.Image(i.Name)));
            return (recipe.Name, recipe.Version, State: built ? "built" : "not built", recipe.Summary);
        }).ToList();
        var nameWidth = rows.Select(r => r.Name.Length).DefaultIfEmpty(4).Max();
        var versionWidth = rows.Select(r => r.Version.Length).DefaultIfEmpty(7).Max();
        foreach (var row in rows)
        {
            Console.Out.WriteLine($"{row.Name.PadRight(nameWidth)}  {row.Version.PadRight(versionWidth)}  {row.State,-9}  {row.Summary}");
        }

        return 0;
    }

    private async Task<(PortLocations, RecipeCatalogue, PortBuilder, PortRecipe)> PrepareAsync(ParseResult result, CancellationToken cancel)
    {
        ToolHost.StartLogging(Options.Verbosity.Read(result));
        var locations = Locations(result);
        var catalogue = new RecipeCatalogue(locations.PortsDir);
        var recipe = catalogue.Get(result.GetRequiredValue(Options.PortName));
        catalogue.BuildOrder(recipe.Name);
        if (result.GetValue(Options.EnableSources))
        {
            await SourceEnabler.EnableAsync(_environment.EtcApt, _environment.IsRoot, cancel);
        }

        var builder = new PortBuilder(locations, catalogue, new SourcePreparer(new DebianFetcher(_environment.EtcApt)), Jobs(result));
        return (locations, catalogue, builder, recipe);
    }

    private async Task<int> BuildAsync(ParseResult result, CancellationToken cancel)
    {
        var (locations, _, builder, recipe) = await PrepareAsync(result, cancel);
        var images = await BuildAndBakeAsync(locations, builder, recipe, cancel);
        foreach (var image in images)
        {
            Console.Out.WriteLine(image.Path);
        }

        return 0;
    }

    private static async Task<IReadOnlyList<BakedImage>> BuildAndBakeAsync(PortLocations locations, PortBuilder builder, PortRecipe recipe, CancellationToken cancel)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var tree = await builder.BuildChainAsync(recipe.Name, builder.Flavour(BuildFlavour.TargetName), cancel);
        var work = builder.Work(recipe.Name);
        using var portLock = await PortLock.AcquireAsync(work.LockFile, recipe.Name, cancel);
        var images = await new ImageBaker(locations).BakeAsync(recipe, work, tree, cancel);
        Log.Information(">> {Port}: built in {Seconds} s", recipe.Name, StepRunner.Seconds(clock.Elapsed));
        return images;
    }

    private async Task<int> CheckAsync(ParseResult result, CancellationToken cancel)
    {
        var (locations, _, builder, recipe) = await PrepareAsync(result, cancel);
        if (recipe.ChecksOrEmpty.Count == 0)
        {
            throw new RrException($"{recipe.Name} has no checks in its recipe");
        }

        if (Core.Processes.ExecutableSearch.Find("musl-gcc") is null)
        {
            throw new RrException("musl-gcc is missing, so the native side of the checks cannot be built: apt-get install musl-tools");
        }

        var images = await BuildAndBakeAsync(locations, builder, recipe, cancel);
        var nativeTree = await builder.BuildChainAsync(recipe.Name, builder.Flavour(BuildFlavour.NativeName), cancel);
        var work = builder.Work(recipe.Name);
        using var portLock = await PortLock.AcquireAsync(work.LockFile, recipe.Name, cancel);
        var runner = new CheckRunner(Path.Combine(locations.Layout.BinDir, "rr-run"));
        var outcomes = await runner.RunAsync(recipe, work, nativeTree, images, Report, cancel);
        var passed = outcomes.Count(o => o.Passed);
        var skipped = outcomes.Count(o => o.Skipped);
        var failed = outcomes.Count - passed - skipped;
        Console.Out.WriteLine($"{recipe.Name}: {outcomes.Count} checks, {passed} passed, {failed} failed, {skipped} skipped");
        return failed == 0 ? 0 : 1;
    }

    private static void Report(CheckOutcome outcome)
    {
        if (outcome.Skipped)
        {
            Console.Out.WriteLine($"SKIP {outcome.Name}: {string.Join("; ", outcome.Problems)}");
            return;
        }

        var native = outcome.Native!;
        var guest = outcome.Unikernel!;
        var summary = $"status {guest.Status}, {guest.Output.Length} bytes; native {StepRunner.Seconds(native.Duration)} s, unikernel {StepRunner.Seconds(guest.Duration)} s";
        Console.Out.WriteLine($"{(outcome.Passed ? "PASS" : "FAIL")} {outcome.Name} ({summary})");
        foreach (var problem in outcome.Problems)
        {
            Console.Out.WriteLine("     " + problem);
        }
    }
}
