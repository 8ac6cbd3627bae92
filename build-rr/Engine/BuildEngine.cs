using Rumprun.Build.Commands;
using Rumprun.Build.Compilation;
using Rumprun.Build.Components;
using Rumprun.Build.Host;
using Rumprun.Build.Install;
using Rumprun.Build.Platform;
using Rumprun.Core;
using Rumprun.Core.Catalogue;
using Rumprun.Core.Toolchain;

namespace Rumprun.Build.Engine;

/// <summary>
/// rr-build's steps in order: prerequisites, platform, components, install, closing report.
/// Every step is incremental, so a second run with nothing changed only checks times and contents.
/// </summary>
public sealed class BuildEngine(BuildOptions options)
{
    private readonly InstallLayout _layout = new(options.DestDir, options.Platform);

    private string PlatformDir => Path.Combine(options.SourceDir, "platform");

    private string ComponentsDir => Path.Combine(options.SourceDir, "components");

    private string WrappersDir => Path.Combine(options.SourceDir, "toolchain-wrappers");

    private string PlatformObjDir => Path.Combine(options.ObjDir, "platform");

    private string GenDir => Path.Combine(PlatformObjDir, "gen");

    public async Task<int> RunAsync(CancellationToken cancel)
    {
        using var buildLock = await BuildLock.AcquireAsync(options.ObjDir, cancel);
        var compiler = await CheckPrerequisitesAsync(cancel);
        var buildFile = PlatformBuildFile.Read(PlatformDir).ForPlatform(options.Platform);
        var compilerRunner = new ParallelCompiler(compiler.Path, options.Jobs, options.SourceDir);
        var platformObject = await BuildPlatformAsync(buildFile, compiler, compilerRunner, cancel);
        var components = await BuildComponentsAsync(buildFile, compiler, compilerRunner, cancel);
        var configPath = await InstallAsync(buildFile, compiler, platformObject, components, cancel);

        foreach (var line in ClosingReport.Lines(options.DestDir, configPath))
        {
            Console.Out.WriteLine(line);
        }

        return 0;
    }

    private async Task<HostCompiler> CheckPrerequisitesAsync(CancellationToken cancel)
    {
        var stage = Stage.Start("prerequisites");
        await PrerequisiteCheck.EnsureAsync(options.Compiler, options.InstallDependencies, options.IsRoot, cancel);
        var compiler = await HostCompilerProbe.ProbeAsync(options.Compiler, cancel);
        stage.Done($"{compiler.Path}, binutils, musl-dev");
        return compiler;
    }

    private async Task<string> BuildPlatformAsync(PlatformBuildFile buildFile, HostCompiler compiler, ParallelCompiler runner, CancellationToken cancel)
    {
        var stage = Stage.Start("platform");
        var sources = SourceSet.Collect(PlatformDir, buildFile.Sources).ToList();
        if (buildFile.Generate is not null)
        {
            await GeneratedSources.GenerateAsync(PlatformDir, buildFile.Generate, HostPaths.MuslSyscallHeader, GenDir, cancel);
        }

        var flags = PlatformFlags(buildFile, compiler);
        var jobs = sources.Select(source => flags.JobFor(source, PlatformDir, PlatformObjDir)).ToList();
        if (buildFile.Generate is not null)
        {
            jobs.AddRange(GeneratedSources.Sources(GenDir).Select(source => flags.JobFor(source, PlatformObjDir, PlatformObjDir)));
        }

        if (jobs.Count == 0)
        {
            throw new RrException($"{PlatformDir}/build.json lists no sources: the platform cannot be empty");
        }

        var summary = await runner.CompileAsync("platform", jobs, cancel);
        var output = Path.Combine(PlatformObjDir, "platform.o");
        var linked = await RelocatableLinker.LinkAsync(jobs.Select(j => j.Object).ToList(), output, force: false, cancel);
        stage.Done(Describe(summary, linked));
        return output;
    }

    private async Task<IReadOnlyList<(ComponentSource Source, string Object)>> BuildComponentsAsync(
        PlatformBuildFile buildFile, HostCompiler compiler, ParallelCompiler runner, CancellationToken cancel)
    {
        var stage = Stage.Start("components");
        var components = ComponentSource.Discover(ComponentsDir)
            .Where(c => c.Manifest.Platforms.Contains(options.Platform))
            .ToList();
        if (components.Count == 0)
        {
            stage.Done(ComponentSource.Discover(ComponentsDir).Count == 0 ? "none in components/ yet" : $"none lists platform {options.Platform}");
            return [];
        }

        var built = new List<(ComponentSource, string)>();
        var total = 0;
        var compiled = 0;
        var relinked = 0;
        foreach (var component in components)
        {
            var baseFlags = PlatformFlags(buildFile, compiler);
            var debian = component.Manifest.DebianSource;
            var debianTree = debian is null ? null : await DebianSourceTree.EnsureAsync(options.ObjDir, component.Name, debian, cancel);
            var flags = baseFlags with
            {
                Cflags = [.. baseFlags.Cflags, .. component.Manifest.CflagsOrEmpty],
                Asflags = [.. baseFlags.Asflags, .. component.Manifest.CflagsOrEmpty],
                IncludeDirs =
                [
                    .. baseFlags.IncludeDirs, component.IncludeDir, .. DependencyIncludeDirs(component, components),
                    .. debian is null ? [] : debian.IncludeOrEmpty.Select(dir => Path.Combine(debianTree!, dir)),
                ],
            };
            var objRoot = Path.Combine(options.ObjDir, "components", component.Name);
            var jobs = SourceSet.Collect(component.Directory, component.Manifest.SourcesOrDefault)
                .Select(source => flags.JobFor(source, component.Directory, objRoot))
                .ToList();
            if (debian is not null)
            {
                // The package's objects live apart from the component's own, so equal names cannot collide.
                jobs.AddRange(DebianSourceTree.Sources(debianTree!, debian, component.ManifestPath)
                    .Select(source => flags.JobFor(source, debianTree!, Path.Combine(objRoot, "debian"))));
            }

            if (jobs.Count == 0)
            {
                throw new RrException($"{component.ManifestPath}: component '{component.Name}' has no *.c or *.S sources in {string.Join(", ", component.Manifest.SourcesOrDefault)}");
            }

            var summary = await runner.CompileAsync($"component {component.Name}", jobs, cancel);
            var output = Path.Combine(options.ObjDir, "components", component.Name + ".o");
            relinked += await RelocatableLinker.LinkAsync(jobs.Select(j => j.Object).ToList(), output, force: false, cancel) ? 1 : 0;
            total += summary.Total;
            compiled += summary.Compiled;
            built.Add((component, output));
        }

        var names = string.Join(", ", components.Select(c => c.Name));
        stage.Done($"{components.Count} ({names}): {total} sources, {(compiled == 0 && relinked == 0 ? "all up to date" : $"{compiled} compiled")}");
        return built;
    }

    /// <summary>A component uses the public headers of what it depends on (directly or not), dependencies first.</summary>
    private static IEnumerable<string> DependencyIncludeDirs(ComponentSource component, IReadOnlyList<ComponentSource> components)
    {
        var byName = components.ToDictionary(c => c.Name, StringComparer.Ordinal);
        return ComponentSelection.Resolve(component.Manifest.DependsOrEmpty, name => byName.GetValueOrDefault(name)?.Manifest)
            .Where(byName.ContainsKey)
            .Select(name => byName[name].IncludeDir);
    }

    private async Task<string> InstallAsync(
        PlatformBuildFile buildFile,
        HostCompiler compiler,
        string platformObject,
        IReadOnlyList<(ComponentSource Source, string Object)> components,
        CancellationToken cancel)
    {
        var stage = Stage.Start("install");
        var changed = PlatformInstaller.Install(
            _layout,
            platformObject,
            Path.Combine(PlatformDir, buildFile.LinkerScript),
            components,
            Path.Combine(ComponentsDir, "configs"),
            ComponentSource.Discover(ComponentsDir));
        changed += await SysrootInstaller.InstallAsync(_layout, compiler, cancel);
        changed += await UnbakedStubBuilder.BuildAsync(compiler.Path, WrappersDir, options.ObjDir, Path.Combine(_layout.SysrootLib, "unbaked-stub"), cancel) ? 1 : 0;
        var (outputs, wrappersChanged) = WrapperInstaller.Install(WrappersDir, options.DestDir, options.ObjDir, TemplateValues.For(options, compiler));
        changed += wrappersChanged;

        var configPath = outputs.FirstOrDefault(o => Path.GetFileName(o) == "config-PATH.sh")
            ?? throw new RrException($"{WrappersDir}/{WrapperInstaller.ManifestName} makes no config-PATH.sh: add an entry for \"$OBJDIR/config-PATH.sh\"");
        stage.Done(changed == 0 ? $"{options.DestDir} up to date" : $"{changed} file(s) changed in {options.DestDir}");
        return configPath;
    }

    private CompileFlags PlatformFlags(PlatformBuildFile buildFile, HostCompiler compiler) => new(
        buildFile.Cflags,
        buildFile.AsflagsOrEmpty,
        [Path.Combine(PlatformDir, "include"), Path.Combine(GenDir, "include")],
        compiler.IncludeDir);

    private static string Describe(CompileSummary summary, bool linked) =>
        summary.Compiled == 0 && !linked
            ? $"{summary.Total} sources, all up to date"
            : $"{summary.Total} sources, {summary.Compiled} compiled";
}
