using Rumprun.Core;

namespace Rumprun.Port.Sources;

/// <summary>The parts of a Debian source control file (.dsc) rr-port uses: the files it lists with their SHA-256.</summary>
public sealed record DscFile(string Path, IReadOnlyList<DscFile.Entry> Files)
{
    public sealed record Entry(string Sha256, long Size, string Name);

    public static DscFile Parse(string text, string path)
    {
        var files = new List<Entry>();
        var inField = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("Checksums-Sha256:", StringComparison.Ordinal))
            {
                inField = true;
                continue;
            }

            if (!inField)
            {
                continue;
            }

            if (line.Length == 0 || (line[0] != ' ' && line[0] != '\t'))
            {
                break;
            }

            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != 3 || !long.TryParse(words[1], out var size))
            {
                throw new RrException($"{path}: malformed Checksums-Sha256 line '{line.Trim()}'");
            }

            files.Add(new Entry(words[0].ToLowerInvariant(), size, words[2]));
        }

        return files.Count == 0
            ? throw new RrException($"{path}: no Checksums-Sha256 field: not a Debian source control file")
            : new DscFile(path, files);
    }

    public static DscFile Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Checks every listed file next to the .dsc against its size and SHA-256.</summary>
    public void Verify()
    {
        var dir = System.IO.Path.GetDirectoryName(Path)!;
        foreach (var entry in Files)
        {
            var file = System.IO.Path.Combine(dir, entry.Name);
            if (!File.Exists(file))
            {
                throw new RrException($"{Path} lists {entry.Name}, which was not downloaded: delete {dir} and build again");
            }

            var actual = Checksums.Sha256File(file);
            if (actual != entry.Sha256 || new FileInfo(file).Length != entry.Size)
            {
                throw new RrException($"{file} does not match {System.IO.Path.GetFileName(Path)} (SHA-256 {actual}, expected {entry.Sha256}): delete it and build again");
            }
        }
    }
}
