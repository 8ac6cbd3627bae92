using System.CommandLine;
using Rumprun.Core.Catalogue;
using Rumprun.Core.Toolchain;

namespace Rumprun.Bake.Commands;

/// <summary>-c FILE, shared by every verb so that "rr-bake -c mine.json list" shows the user's configuration too.</summary>
public sealed class CatalogueOptions
{
    public const string ListCommand = "rr-bake list";

    public Option<string[]> ConfigFiles { get; } = new("--config-file", "-c")
    {
        Description = "Also read configurations from this JSON file (its name, without .json, names the configuration)",
        HelpName = "FILE",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public IReadOnlyList<string> Files(ParseResult result, string currentDirectory) =>
        (result.GetValue(ConfigFiles) ?? []).Select(f => Path.GetFullPath(f, currentDirectory)).ToList();

    public static ConfigurationCatalogue Load(InstallLayout layout, IReadOnlyList<string> files) =>
        ConfigurationCatalogue.Load(layout.ConfigurationDir, files);
}
