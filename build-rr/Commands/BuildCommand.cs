using System.CommandLine;
using Rumprun.Build.Engine;
using Rumprun.Core;
using Rumprun.Core.Cli;

namespace Rumprun.Build.Commands;

/// <summary>rr-build [options] PLATFORM: the command line, its validation, and the hand-over to <see cref="BuildEngine"/>.</summary>
public sealed class BuildCommand
{
    public static readonly string[] Platforms = ["hw", "xen"];

    private readonly BuildEnvironment _environment;

    private BuildCommand(BuildEnvironment environment)
    {
        _environment = environment;
        Root = new RootCommand("Builds the Rumprun.Net platform and installs the x86_64-rumprun-netbsd toolchain");
        Platform.AcceptOnlyFromAmong(Platforms);
        Root.Arguments.Add(Platform);
        Root.Options.Add(DestDir);
        Root.Options.Add(ObjDir);
        Root.Options.Add(Jobs);
        Root.Options.Add(InstallDeps);
        Verbosity.AddTo(Root);
        Jobs.CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var jobs) && jobs > 0)
            {
                return jobs;
            }

            result.AddError($"-j '{text}': give a positive number of jobs");
            return null;
        };
        Root.SetAction((result, cancel) =>
        {
            var options = Bind(result);
            ToolHost.StartLogging(options.Verbosity);
            return new BuildEngine(options).RunAsync(cancel);
        });
    }

    public RootCommand Root { get; }

    public Argument<string> Platform { get; } = new("platform") { Description = "The platform to build: hw, or xen (installed beside hw in the same DESTDIR, objects in ./obj-amd64-xen)" };

    public Option<string> DestDir { get; } = new("--destdir", "-d") { Description = "Where to install the toolchain (default ./rumprun)", HelpName = "DESTDIR" };

    public Option<string> ObjDir { get; } = new("--objdir", "-o") { Description = "Where to keep objects and build state (default ./obj-amd64-PLATFORM)", HelpName = "OBJDIR" };

    public Option<int?> Jobs { get; } = new("--jobs", "-j") { Description = "How many compilers to run at once (default: the number of processors)", HelpName = "JOBS" };

    public Option<bool> InstallDeps { get; } = new("--install-deps") { Description = "Install missing Debian packages with apt-get (as root)" };

    public VerbosityOptions Verbosity { get; } = new();

    public static BuildCommand Create(BuildEnvironment environment) => new(environment);

    /// <summary>Turns a parse result into the engine's options; relative paths are taken from the current directory.</summary>
    public BuildOptions Bind(ParseResult result)
    {
        var platform = result.GetRequiredValue(Platform);
        var verbosity = Verbosity.Read(result);
        var cwd = _environment.CurrentDirectory;
        return new BuildOptions(
            Platform: platform,
            SourceDir: FindSourceDir(),
            DestDir: Path.GetFullPath(result.GetValue(DestDir) ?? "rumprun", cwd),
            ObjDir: Path.GetFullPath(result.GetValue(ObjDir) ?? $"obj-amd64-{platform}", cwd),
            Jobs: result.GetValue(Jobs) ?? Math.Max(1, _environment.ProcessorCount),
            Compiler: string.IsNullOrWhiteSpace(_environment.Compiler) ? "cc" : _environment.Compiler.Trim(),
            InstallDependencies: result.GetValue(InstallDeps),
            Verbosity: verbosity,
            ToolsDir: _environment.ToolsDirectory,
            IsRoot: _environment.IsRoot);
    }

    /// <summary>
    /// The source tree: RR_SOURCE_DIR (set by the root launcher), else the checkout the tools were
    /// built in (they live in its .tools/), else the nearest directory above the current one with platform/build.json.
    /// </summary>
    private string FindSourceDir()
    {
        if (!string.IsNullOrEmpty(_environment.SourceDirectory))
        {
            var dir = Path.GetFullPath(_environment.SourceDirectory, _environment.CurrentDirectory);
            return Directory.Exists(dir) ? dir : throw new RrException($"RR_SOURCE_DIR={dir} does not exist: point it at the Rumprun.Net source tree");
        }

        var checkout = Path.GetDirectoryName(_environment.ToolsDirectory);
        if (checkout is not null && File.Exists(Path.Combine(checkout, "platform", "build.json")))
        {
            return checkout;
        }

        for (var dir = new DirectoryInfo(_environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "platform", "build.json")))
            {
                return dir.FullName;
            }
        }

        throw new RrException("cannot find the source tree: run rr-build from the Rumprun.Net checkout (./rr-build) or set RR_SOURCE_DIR");
    }
}
