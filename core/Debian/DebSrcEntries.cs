using System.Text;
using Rumprun.Core;

namespace Rumprun.Core.Debian;

/// <summary>
/// Whether apt can fetch Debian source packages, and the file that makes it able to: a deb822 file of
/// its own in sources.list.d/ with a deb-src entry for every enabled deb entry (same URIs, suites,
/// components and key), so the user's files stay untouched and removing one file undoes it.
/// </summary>
public static class DebSrcEntries
{
    public const string FileName = "rumprun-deb-src.sources";

    public const string Advice = "run 'rr-port enable-sources' as root (or 'rr-port build --enable-sources NAME'), which adds a deb-src entry and runs apt-get update";

    public static bool Enabled(IReadOnlyList<AptSourceEntry> entries) => entries.Any(e => e.IsSource);

    /// <summary>The deb822 text of the deb-src entries mirroring <paramref name="entries"/>' deb entries.</summary>
    public static string Render(IReadOnlyList<AptSourceEntry> entries)
    {
        var binaries = entries.Where(e => e.IsBinary && e.Uris.Count > 0 && e.Suites.Count > 0).ToList();
        if (binaries.Count == 0)
        {
            throw new RrException("apt has no enabled 'deb' entry to copy into a 'deb-src' entry: add your Debian mirror to /etc/apt/sources.list.d/ first");
        }

        var text = new StringBuilder("# Debian source packages for rr-port (apt-get source), mirroring the deb entries.\n");
        var seen = new HashSet<string>();
        foreach (var entry in binaries)
        {
            var key = string.Join('|', string.Join(' ', entry.Uris), string.Join(' ', entry.Suites), string.Join(' ', entry.Components));
            if (!seen.Add(key))
            {
                continue;
            }

            text.Append('\n')
                .Append("Types: deb-src\n")
                .Append($"URIs: {string.Join(' ', entry.Uris)}\n")
                .Append($"Suites: {string.Join(' ', entry.Suites)}\n");
            if (entry.Components.Count > 0)
            {
                text.Append($"Components: {string.Join(' ', entry.Components)}\n");
            }

            if (!string.IsNullOrWhiteSpace(entry.SignedBy))
            {
                // An embedded key keeps its continuation lines indented, as deb822 requires.
                var lines = entry.SignedBy.Split('\n');
                text.Append($"Signed-By: {lines[0]}\n");
                foreach (var line in lines.Skip(1))
                {
                    text.Append(' ').Append(line.Length == 0 ? "." : line).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}
