namespace Rumprun.Core.Debian;

/// <summary>
/// Reads apt's repository configuration: one-line entries of sources.list and sources.list.d/*.list,
/// and deb822 stanzas of sources.list.d/*.sources (the format Debian 12 installs). Files with other
/// endings are ignored, as apt ignores them.
/// </summary>
public static class AptSourceList
{
    public const string DefaultEtcApt = "/etc/apt";

    public static IReadOnlyList<AptSourceEntry> Read(string etcApt = DefaultEtcApt)
    {
        var entries = new List<AptSourceEntry>();
        var main = Path.Combine(etcApt, "sources.list");
        if (File.Exists(main))
        {
            entries.AddRange(ParseOneLine(File.ReadAllText(main), main));
        }

        var parts = Path.Combine(etcApt, "sources.list.d");
        if (Directory.Exists(parts))
        {
            foreach (var file in Directory.EnumerateFiles(parts).Order(StringComparer.Ordinal))
            {
                if (file.EndsWith(".list", StringComparison.Ordinal))
                {
                    entries.AddRange(ParseOneLine(File.ReadAllText(file), file));
                }
                else if (file.EndsWith(".sources", StringComparison.Ordinal))
                {
                    entries.AddRange(ParseDeb822(File.ReadAllText(file), file));
                }
            }
        }

        return entries;
    }

    /// <summary>"deb [options] URI SUITE [COMPONENT...]" lines; '#' starts a comment.</summary>
    public static IEnumerable<AptSourceEntry> ParseOneLine(string text, string file)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var words = new List<string>(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
            var type = words[0];
            words.RemoveAt(0);
            string? signedBy = null;
            if (words.Count > 0 && words[0].StartsWith('['))
            {
                var options = new List<string>();
                while (words.Count > 0)
                {
                    var word = words[0];
                    words.RemoveAt(0);
                    options.Add(word.Trim('[', ']'));
                    if (word.EndsWith(']'))
                    {
                        break;
                    }
                }

                signedBy = options.FirstOrDefault(o => o.StartsWith("signed-by=", StringComparison.Ordinal))?["signed-by=".Length..];
            }

            if (type is not ("deb" or "deb-src") || words.Count < 2)
            {
                continue;
            }

            yield return new AptSourceEntry([type], [words[0]], [words[1]], words.Skip(2).ToList(), signedBy, true, file);
        }
    }

    /// <summary>Stanzas separated by blank lines; "Field: value", continuation lines start with white space.</summary>
    public static IEnumerable<AptSourceEntry> ParseDeb822(string text, string file)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var raw in text.Split('\n').Append(string.Empty))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith('#'))
            {
                continue;
            }

            if (line.Trim().Length == 0)
            {
                if (fields.Count > 0)
                {
                    yield return Stanza(fields, file);
                    fields.Clear();
                }

                last = null;
                continue;
            }

            if ((line[0] == ' ' || line[0] == '\t') && last is not null)
            {
                fields[last] += "\n" + line.Trim();
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            last = line[..colon].Trim();
            fields[last] = line[(colon + 1)..].Trim();
        }
    }

    private static AptSourceEntry Stanza(Dictionary<string, string> fields, string file)
    {
        IReadOnlyList<string> Words(string name) =>
            fields.TryGetValue(name, out var value) ? value.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries) : [];

        var enabled = !fields.TryGetValue("Enabled", out var flag) || !flag.Trim().Equals("no", StringComparison.OrdinalIgnoreCase);
        fields.TryGetValue("Signed-By", out var signedBy);
        return new AptSourceEntry(Words("Types"), Words("URIs"), Words("Suites"), Words("Components"), signedBy, enabled, file);
    }
}
