using System.CommandLine;
using Rumprun.Bake.Selection;
using Rumprun.Core.Cli;

namespace Rumprun.Bake.Commands;

/// <summary>rr-bake describe CONFIG: its platform and components (dependencies included), each with its description.</summary>
public sealed class DescribeCommand
{
    private DescribeCommand(BakeEnvironment environment, CatalogueOptions catalogue, VerbosityOptions verbosity)
    {
        Command = new Command("describe", "Show a configuration's platform and components");
        Command.Arguments.Add(Configuration);
        Command.SetAction(result =>
        {
            ToolHost.StartLogging(verbosity.Read(result));
            var layout = environment.Layout();
            var configuration = CatalogueOptions.Load(layout, catalogue.Files(result, environment.CurrentDirectory))
                .Get(result.GetRequiredValue(Configuration), CatalogueOptions.ListCommand);
            var components = new InstalledComponents(layout);
            var selected = components.Expand(configuration);
            Console.Out.WriteLine($"{configuration.Name}: {configuration.Description}");
            Console.Out.WriteLine($"platform: {configuration.Platform}");
            if (selected.Count == 0)
            {
                Console.Out.WriteLine("components: none beyond the platform");
            }
            else
            {
                Console.Out.WriteLine("components:");
                var width = selected.Max(c => c.Length);
                foreach (var name in selected)
                {
                    var direct = configuration.Components.Contains(name) ? string.Empty : " (needed by another component)";
                    Console.Out.WriteLine($"  {name.PadRight(width)}  {components.Describe(name)}{direct}");
                }
            }

            return 0;
        });
    }

    public Command Command { get; }

    public Argument<string> Configuration { get; } = new("config") { Description = "The configuration to describe" };

    public static DescribeCommand Create(BakeEnvironment environment, CatalogueOptions catalogue, VerbosityOptions verbosity) =>
        new(environment, catalogue, verbosity);
}
