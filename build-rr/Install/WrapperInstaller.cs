using System.Text;
using Rumprun.Core;
using Rumprun.Core.Files;

namespace Rumprun.Build.Install;

/// <summary>Makes the toolchain's scripts and build-system files from the templates of toolchain-wrappers/.</summary>
public static class WrapperInstaller
{
    public const string ManifestName = "wrappers.json";

    /// <summary>Installs every entry of wrappers.json; returns the files written and how many changed.</summary>
    public static (IReadOnlyList<string> Outputs, int Changed) Install(
        string wrappersDir, string destDir, string objDir, IReadOnlyDictionary<string, string> values)
    {
        var manifest = Path.Combine(wrappersDir, ManifestName);
        if (!File.Exists(manifest))
        {
            throw new RrException($"{manifest} is missing: the source tree is incomplete (check out toolchain-wrappers/ again)");
        }

        var outputs = new List<string>();
        var changed = 0;
        foreach (var entry in WrapperEntry.ReadAll(manifest))
        {
            var templatePath = Path.Combine(wrappersDir, entry.Template);
            if (!File.Exists(templatePath))
            {
                throw new RrException($"{manifest}: template '{entry.Template}' does not exist in {wrappersDir}");
            }

            var entryValues = new Dictionary<string, string>(values);
            foreach (var (name, value) in entry.Vars ?? new Dictionary<string, string>())
            {
                entryValues[name] = value;
            }

            var text = TemplateSubstitution.Apply(File.ReadAllText(templatePath), entryValues, Path.Combine("toolchain-wrappers", entry.Template));
            var output = entry.ResolveOutput(destDir, objDir);
            if (FileSync.WriteIfChanged(output, Encoding.UTF8.GetBytes(text), entry.FileMode(manifest)))
            {
                changed++;
            }

            outputs.Add(output);
        }

        return (outputs, changed);
    }
}
