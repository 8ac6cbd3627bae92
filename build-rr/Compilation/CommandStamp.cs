using System.Security.Cryptography;
using System.Text;

namespace Rumprun.Build.Compilation;

/// <summary>
/// A digest of a command line, kept next to its output: when the flags change (a new -D, another
/// compiler) the output is stale even though no file is newer.
/// </summary>
public static class CommandStamp
{
    public static string Digest(string program, IEnumerable<string> arguments)
    {
        var text = string.Join('\0', arguments.Prepend(program));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    public static void Write(string path, string digest) => File.WriteAllText(path, digest + "\n");
}
