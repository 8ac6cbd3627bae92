using System.Security.Cryptography;

namespace Rumprun.Port.Sources;

/// <summary>SHA-256 in the lower-case hexadecimal form sha256sum prints and recipes hold.</summary>
public static class Checksums
{
    public static string Sha256File(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string Sha256Text(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
