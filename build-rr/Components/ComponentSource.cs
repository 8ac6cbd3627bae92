using Rumprun.Core.Catalogue;
using Rumprun.Core.Json;

namespace Rumprun.Build.Components;

/// <summary>A component folder of the source tree: components/NAME/ with its component.json.</summary>
public sealed record ComponentSource(string Name, string Directory, string ManifestPath, ComponentManifest Manifest)
{
    public string IncludeDir => Path.Combine(Directory, "include");

    /// <summary>Every components/NAME/component.json, in name order; folders without one (configs/) are not components.</summary>
    public static IReadOnlyList<ComponentSource> Discover(string componentsDir)
    {
        if (!System.IO.Directory.Exists(componentsDir))
        {
            return [];
        }

        var found = new List<ComponentSource>();
        foreach (var dir in System.IO.Directory.EnumerateDirectories(componentsDir).Order(StringComparer.Ordinal))
        {
            var manifestPath = Path.Combine(dir, "component.json");
            if (!File.Exists(manifestPath))
            {
                continue;
            }

            var name = Path.GetFileName(dir);
            if (!ConfigurationCatalogue.ValidName().IsMatch(name))
            {
                throw new JsonFileException(manifestPath, $"'{name}' is not a valid component name: use letters, digits, '_' and '-'");
            }

            found.Add(new ComponentSource(name, dir, manifestPath, StrictJson.Read<ComponentManifest>(manifestPath)));
        }

        foreach (var component in found)
        {
            var unknown = component.Manifest.DependsOrEmpty.FirstOrDefault(d => found.All(c => c.Name != d));
            if (unknown is not null)
            {
                throw new JsonFileException(component.ManifestPath, $"depends on '{unknown}', which is not a folder of components/ with a component.json");
            }
        }

        return found;
    }
}
