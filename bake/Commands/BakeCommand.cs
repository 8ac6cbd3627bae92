using System.CommandLine;
using Rumprun.Bake.Engine;
using Rumprun.Core.Catalogue;
using Rumprun.Core.Cli;

namespace Rumprun.Bake.Commands;

/// <summary>rr-bake [-c FILE] [-m "add|remove COMPONENT"]... [--rootfs DIR] CONFIG OUTPUT INPUT, with the verbs list and describe.</summary>
public sealed class BakeCommand
{
    private readonly BakeEnvironment _environment;

    private BakeCommand(BakeEnvironment environment)
    {
        _environment = environment;
        Root = new RootCommand("Links an unbaked program with a component configuration into a bootable image");
        Root.Arguments.Add(Configuration);
        Root.Arguments.Add(Output);
        Root.Arguments.Add(Input);
        Root.Options.Add(Catalogue.ConfigFiles);
        Root.Options.Add(Edits);
        Root.Options.Add(Rootfs);
        Verbosity.AddTo(Root);
        List = ListCommand.Create(environment, Catalogue, Verbosity);
        Describe = DescribeCommand.Create(environment, Catalogue, Verbosity);
        Root.Subcommands.Add(List.Command);
        Root.Subcommands.Add(Describe.Command);
        Root.SetAction((result, cancel) =>
        {
            var options = Bind(result);
            ToolHost.StartLogging(options.Verbosity);
            return new BakeEngine(options).RunAsync(cancel);
        });
    }

    public RootCommand Root { get; }

    public Argument<string> Configuration { get; } = new("config") { Description = "The component configuration (see rr-bake list)" };

    public Argument<string> Output { get; } = new("output") { Description = "The bootable image to write" };

    public Argument<string> Input { get; } = new("input") { Description = "The unbaked program (linked with x86_64-rumprun-netbsd-gcc)" };

    public Option<string[]> Edits { get; } = new("--modify", "-m")
    {
        Description = "Change the configuration for this bake: \"add COMPONENT\" or \"remove COMPONENT\" (repeatable)",
        HelpName = "\"add|remove COMPONENT\"",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> Rootfs { get; } = new("--rootfs")
    {
        Description = "Pack this directory's tree (files, directories, symbolic links, modes, times) into the image as the guest's writable root file system",
        HelpName = "DIR",
    };

    public CatalogueOptions Catalogue { get; } = new();

    public VerbosityOptions Verbosity { get; } = new();

    public ListCommand List { get; }

    public DescribeCommand Describe { get; }

    public static BakeCommand Create(BakeEnvironment environment) => new(environment);

    public BakeOptions Bind(ParseResult result) => new(
        Layout: _environment.Layout(),
        Configuration: result.GetRequiredValue(Configuration),
        ConfigurationFiles: Catalogue.Files(result, _environment.CurrentDirectory),
        Edits: (result.GetValue(Edits) ?? []).Select(ConfigurationEdit.Parse).ToList(),
        Output: Path.GetFullPath(result.GetRequiredValue(Output), _environment.CurrentDirectory),
        Input: Path.GetFullPath(result.GetRequiredValue(Input), _environment.CurrentDirectory),
        Verbosity: Verbosity.Read(result),
        Rootfs: result.GetValue(Rootfs) is { } rootfs ? Path.GetFullPath(rootfs, _environment.CurrentDirectory) : null);
}
