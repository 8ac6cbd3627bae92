using Rumprun.Core;
using Rumprun.Core.Json;

namespace Rumprun.Build.Platform;

/// <summary>
/// platform/build.json: the platform's flags, its source folders (each compiled flat, *.c and *.S),
/// its linker script, the script that generates the system-call table from musl's numbers, and
/// per platform (hw, xen) the folders and flags that platform adds.
/// </summary>
public sealed record PlatformBuildFile(
    IReadOnlyList<string> Cflags,
    IReadOnlyList<string> Sources,
    string LinkerScript,
    IReadOnlyList<string>? Asflags = null,
    string? Generate = null,
    IReadOnlyDictionary<string, PlatformVariant>? Platforms = null)
{
    public IReadOnlyList<string> AsflagsOrEmpty => Asflags ?? [];

    public static PlatformBuildFile Read(string platformDir)
    {
        var path = Path.Combine(platformDir, "build.json");
        if (!File.Exists(path))
        {
            throw new RrException($"{path} is missing: the source tree is incomplete (check out platform/ again)");
        }

        var file = StrictJson.Read<PlatformBuildFile>(path);
        var variantFolders = (file.Platforms ?? new Dictionary<string, PlatformVariant>()).Values.SelectMany(v => v.SourcesOrEmpty);
        foreach (var folder in file.Sources.Concat(variantFolders))
        {
            if (!Directory.Exists(Path.Combine(platformDir, folder)))
            {
                throw new JsonFileException(path, $"source folder '{folder}' does not exist under {platformDir}");
            }
        }

        if (!File.Exists(Path.Combine(platformDir, file.LinkerScript)))
        {
            throw new JsonFileException(path, $"linker script '{file.LinkerScript}' does not exist under {platformDir}");
        }

        if (file.Generate is not null && !File.Exists(Path.Combine(platformDir, file.Generate)))
        {
            throw new JsonFileException(path, $"generator '{file.Generate}' does not exist under {platformDir}");
        }

        return file;
    }

    /// <summary>
    /// The build of one platform: the shared sources and flags followed by the platform's own.
    /// The result has no "platforms" part left, so applying it twice changes nothing.
    /// </summary>
    public PlatformBuildFile ForPlatform(string platform)
    {
        if (Platforms is null || !Platforms.TryGetValue(platform, out var variant))
        {
            return this with { Platforms = null };
        }

        return this with
        {
            Sources = [.. Sources, .. variant.SourcesOrEmpty.Where(s => !Sources.Contains(s))],
            Cflags = [.. Cflags, .. variant.CflagsOrEmpty],
            Asflags = [.. AsflagsOrEmpty, .. variant.CflagsOrEmpty],
            Platforms = null,
        };
    }
}
