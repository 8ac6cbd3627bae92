using System.CommandLine;
using Rumprun.Core.Cli;

namespace Rumprun.Bake.Commands;

/// <summary>rr-bake list: every configuration with its one-line description.</summary>
public sealed class ListCommand
{
    private ListCommand(BakeEnvironment environment, CatalogueOptions catalogue, VerbosityOptions verbosity)
    {
        Command = new Command("list", "List the component configurations");
        Command.SetAction(result =>
        {
            ToolHost.StartLogging(verbosity.Read(result));
            var configurations = CatalogueOptions.Load(environment.Layout(), catalogue.Files(result, environment.CurrentDirectory)).All;
            var width = configurations.Select(c => c.Name.Length).DefaultIfEmpty(0).Max();
            foreach (var configuration in configurations)
            {
                Console.Out.WriteLine($"{configuration.Name.PadRight(width)}  {configuration.Description}");
            }

            return 0;
        });
    }

    public Command Command { get; }

    public static ListCommand Create(BakeEnvironment environment, CatalogueOptions catalogue, VerbosityOptions verbosity) =>
        new(environment, catalogue, verbosity);
}
