using Rumprun.Core;
using Rumprun.Core.Catalogue;
using Rumprun.Core.Json;
using Rumprun.Core.Toolchain;

namespace Rumprun.Bake.Selection;

/// <summary>The components rr-build installed: their manifests (share/rumprun/components) and objects (lib/rumprun-PLATFORM/components).</summary>
public sealed class InstalledComponents(InstallLayout layout)
{
    private readonly Dictionary<string, ComponentManifest?> _manifests = new(StringComparer.Ordinal);

    public ComponentManifest? Manifest(string name)
    {
        if (!_manifests.TryGetValue(name, out var manifest))
        {
            var path = layout.Manifest(name);
            manifest = File.Exists(path) ? StrictJson.Read<ComponentManifest>(path) : null;
            _manifests[name] = manifest;
        }

        return manifest;
    }

    public string Describe(string name) => Manifest(name)?.Description ?? "(not built: run rr-build once components/" + name + " exists)";

    /// <summary>The configuration's components with everything they depend on, dependencies first.</summary>
    public IReadOnlyList<string> Expand(ComponentConfiguration configuration) =>
        ComponentSelection.Resolve(configuration.Components, Manifest);

    /// <summary>The objects to link for a configuration; every one must be installed for its platform.</summary>
    public IReadOnlyList<string> Objects(ComponentConfiguration configuration)
    {
        var platform = new InstallLayout(layout.Prefix, configuration.Platform);
        if (!File.Exists(platform.PlatformObject))
        {
            throw new RrException(
                $"configuration '{configuration.Name}' is for platform {configuration.Platform}, which is not installed in {layout.Prefix}: run rr-build {configuration.Platform} first");
        }

        var objects = new List<string>();
        foreach (var name in Expand(configuration))
        {
            var obj = platform.ComponentObject(name);
            if (!File.Exists(obj))
            {
                throw new RrException(
                    $"component '{name}' of configuration '{configuration.Name}' is not built ({obj} is missing): rr-build hw builds it once components/{name} exists, or bake without it (-m 'remove {name}')");
            }

            var manifest = Manifest(name);
            if (manifest is not null && !manifest.Platforms.Contains(configuration.Platform))
            {
                throw new RrException($"component '{name}' does not support platform {configuration.Platform} (it supports {string.Join(", ", manifest.Platforms)})");
            }

            objects.Add(obj);
        }

        return objects;
    }
}
