using Rumprun.Core;

namespace Rumprun.Port.Sources;

/// <summary>
/// debian/patches/series: one patch per line, optionally followed by its -pN level; '#' starts a comment.
/// A recipe may skip some by name (a Debian packaging change that does not suit a static unikernel build).
/// </summary>
public static class PatchSeries
{
    public sealed record Entry(string Name, int Level);

    public static IReadOnlyList<Entry> Parse(string text)
    {
        var entries = new List<Entry>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var level = 1;
            foreach (var option in words.Skip(1))
            {
                if (option.StartsWith("-p", StringComparison.Ordinal) && int.TryParse(option[2..], out var p))
                {
                    level = p;
                }
            }

            entries.Add(new Entry(words[0], level));
        }

        return entries;
    }

    /// <summary>The patches to apply: the series without the skipped ones, each of which must be in it.</summary>
    public static IReadOnlyList<Entry> Select(IReadOnlyList<Entry> series, IReadOnlyList<string> skip, string seriesPath)
    {
        var unknown = skip.Where(s => series.All(e => e.Name != s)).ToList();
        if (unknown.Count > 0)
        {
            throw new RrException($"skip_debian_patches names {string.Join(", ", unknown)}, which {seriesPath} does not list");
        }

        return series.Where(e => !skip.Contains(e.Name)).ToList();
    }
}
