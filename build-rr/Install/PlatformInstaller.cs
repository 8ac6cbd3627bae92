using Rumprun.Build.Components;
using Rumprun.Core.Catalogue;
using Rumprun.Core.Files;
using Rumprun.Core.Toolchain;
using Serilog;

namespace Rumprun.Build.Install;

/// <summary>
/// Installs what rr-bake links and reads: platform.o, image.ld, one object and one manifest per
/// component, and the configurations; files of components that no longer exist are removed.
/// </summary>
public static class PlatformInstaller
{
    private static readonly UnixFileMode DataMode = (UnixFileMode)Convert.ToInt32("644", 8);

    public static int Install(
        InstallLayout layout,
        string platformObject,
        string linkerScript,
        IReadOnlyList<(ComponentSource Source, string Object)> components,
        string configsDir,
        IReadOnlyList<ComponentSource> allComponents)
    {
        var changed = 0;
        changed += Count(FileSync.CopyIfChanged(platformObject, layout.PlatformObject, DataMode));
        changed += Count(FileSync.CopyIfChanged(linkerScript, layout.LinkerScript, DataMode));

        foreach (var (source, obj) in components)
        {
            changed += Count(FileSync.CopyIfChanged(obj, layout.ComponentObject(source.Name), DataMode));
        }

        // Manifests are shared by every platform installed in DESTDIR: all of the tree's are installed,
        // so building one platform never removes what another platform's configurations need.
        foreach (var source in allComponents)
        {
            changed += Count(FileSync.CopyIfChanged(source.ManifestPath, layout.Manifest(source.Name), DataMode));
        }

        changed += FileSync.RemoveOthers(layout.ComponentObjectDir, "*.o", components.Select(c => layout.ComponentObject(c.Source.Name)));
        changed += FileSync.RemoveOthers(layout.ManifestDir, "*.json", allComponents.Select(c => layout.Manifest(c.Name)));

        var configs = Directory.Exists(configsDir) ? Directory.EnumerateFiles(configsDir, "*.json").Order(StringComparer.Ordinal).ToList() : [];
        var installed = new List<string>();
        foreach (var file in configs)
        {
            var configuration = ConfigurationCatalogue.ReadFile(file);
            var absent = configuration.Components.Where(c => components.All(x => x.Source.Name != c)).ToList();
            if (configuration.Platform == layout.Platform && absent.Count > 0)
            {
                Log.Debug("configuration {Name} needs components not built yet: {Absent}", configuration.Name, string.Join(", ", absent));
            }

            var target = Path.Combine(layout.ConfigurationDir, Path.GetFileName(file));
            changed += Count(FileSync.CopyIfChanged(file, target, DataMode));
            installed.Add(target);
        }

        changed += FileSync.RemoveOthers(layout.ConfigurationDir, "*.json", installed);
        return changed;
    }

    private static int Count(bool changed) => changed ? 1 : 0;
}
