using System.Text.RegularExpressions;
using Rumprun.Core.Json;

namespace Rumprun.Core.Catalogue;

/// <summary>
/// The configurations a user can bake with: every NAME.json of the installed configs directory,
/// plus the user's own files (-c), which may replace an installed configuration of the same name.
/// </summary>
public sealed partial class ConfigurationCatalogue
{
    private readonly SortedDictionary<string, ComponentConfiguration> _byName;

    private ConfigurationCatalogue(SortedDictionary<string, ComponentConfiguration> byName) => _byName = byName;

    public IReadOnlyCollection<ComponentConfiguration> All => _byName.Values;

    public static ConfigurationCatalogue Load(string? directory, IEnumerable<string> extraFiles)
    {
        var byName = new SortedDictionary<string, ComponentConfiguration>(StringComparer.Ordinal);
        if (directory is not null && Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                var configuration = ReadFile(file);
                byName[configuration.Name] = configuration;
            }
        }

        foreach (var file in extraFiles)
        {
            if (!File.Exists(file))
            {
                throw new RrException($"{file}: no such configuration file");
            }

            var configuration = ReadFile(file);
            byName[configuration.Name] = configuration;
        }

        return new ConfigurationCatalogue(byName);
    }

    public static ComponentConfiguration ReadFile(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        if (!ValidName().IsMatch(name))
        {
            throw new JsonFileException(path, $"'{name}' is not a valid configuration name: use letters, digits, '_' and '-'");
        }

        var file = StrictJson.Read<ConfigurationFile>(path);
        if (file.Description.Contains('\n'))
        {
            throw new JsonFileException(path, "the description must be one line");
        }

        if (!ValidName().IsMatch(file.Platform))
        {
            throw new JsonFileException(path, $"'{file.Platform}' is not a valid platform name");
        }

        var invalid = file.Components.FirstOrDefault(c => !ValidName().IsMatch(c));
        if (invalid is not null)
        {
            throw new JsonFileException(path, $"'{invalid}' is not a valid component name");
        }

        var duplicate = file.Components.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new JsonFileException(path, $"component '{duplicate.Key}' is listed twice");
        }

        if (file.Unsupported is not null && (file.Unsupported.Contains('\n') || file.Unsupported.Trim().Length == 0))
        {
            throw new JsonFileException(path, "\"unsupported\" must be one non-empty line");
        }

        return new ComponentConfiguration(name, file.Description, file.Platform, file.Components, path, file.Unsupported);
    }

    public ComponentConfiguration Get(string name, string listCommand) =>
        _byName.TryGetValue(name, out var configuration) ? configuration : throw new UnknownConfigurationException(name, listCommand);

    /// <summary>Refuses a configuration that exists only to be refused (xen_pv) before any other check; unknown names pass.</summary>
    public void RefuseUnsupported(string name)
    {
        if (_byName.TryGetValue(name, out var configuration))
        {
            configuration.EnsureSupported();
        }
    }

    /// <summary>Component, platform and configuration names: they become file names and C identifiers.</summary>
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_-]*$")]
    public static partial Regex ValidName();
}
