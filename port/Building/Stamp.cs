using Rumprun.Port.Sources;

namespace Rumprun.Port.Building;

/// <summary>
/// A stage's stamp file holds the digest of everything the stage's result depends on; a stage whose
/// stamp holds the current digest is done, so changing a recipe, a patch or a dependency redoes it.
/// </summary>
public static class Stamp
{
    public static string Digest(IEnumerable<string> parts) =>
        Checksums.Sha256Text(string.Join("\n\u001f", parts));

    public static bool Matches(string path, string digest) =>
        File.Exists(path) && File.ReadAllText(path).Trim() == digest;

    public static void Write(string path, string digest)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, digest + "\n");
    }

    public static void Remove(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
