using System.Text.Json;
using Rumprun.Bake.Selection;
using Rumprun.Core.Catalogue;
using Rumprun.Core.Processes;

namespace Rumprun.Bake.Engine;

/// <summary>
/// The QEMU arguments an image's components need for their devices (manifests' "qemu"), stored in the
/// image as the non-loaded section .rr.qemu holding a JSON array of strings (contracts §4).
/// </summary>
public static class QemuSection
{
    public const string Name = ".rr.qemu";

    /// <summary>Each component's arguments once, in selection order; a list two components share is kept once.</summary>
    public static IReadOnlyList<string> Arguments(IEnumerable<string> components, Func<string, ComponentManifest?> manifestOf)
    {
        var seen = new List<IReadOnlyList<string>>();
        var arguments = new List<string>();
        foreach (var component in components)
        {
            var qemu = manifestOf(component)?.QemuOrEmpty ?? [];
            if (qemu.Count == 0 || seen.Any(s => s.SequenceEqual(qemu, StringComparer.Ordinal)))
            {
                continue;
            }

            seen.Add(qemu);
            arguments.AddRange(qemu);
        }

        return arguments;
    }

    public static byte[] Encode(IReadOnlyList<string> arguments) => JsonSerializer.SerializeToUtf8Bytes(arguments);

    /// <summary>Adds the section to a linked image; images whose components need no arguments get none.</summary>
    public static async Task AddAsync(string image, IReadOnlyList<string> arguments, string workDir, CancellationToken cancel)
    {
        if (arguments.Count == 0)
        {
            return;
        }

        var content = Path.Combine(workDir, "qemu.json");
        await File.WriteAllBytesAsync(content, Encode(arguments), cancel);
        await ProcessRunner.RunCheckedAsync(
            new ProcessSpec("objcopy", ["--add-section", $"{Name}={content}", "--set-section-flags", $"{Name}=contents,readonly", image]),
            cancel);
    }

    public static IReadOnlyList<string> Arguments(InstalledComponents installed, ComponentConfiguration configuration) =>
        Arguments(installed.Expand(configuration), installed.Manifest);
}
