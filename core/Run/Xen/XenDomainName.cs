using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Rumprun.Core.Run;

/// <summary>
/// Xen domain names: -N as given, or made from the image's name and a random suffix so that two runs of
/// one image never collide. Only characters that need no quoting in xl's configuration or a shell.
/// </summary>
public static partial class XenDomainName
{
    /// <summary>The length xl accepts comfortably and <c>xl list</c> shows whole.</summary>
    public const int MaximumLength = 40;

    public const string Rule = "1 to 40 letters, digits, '-', '.' or '_', starting with a letter or digit";

    public static bool IsValid(string name) => Syntax().IsMatch(name) && name.Length <= MaximumLength;

    /// <summary>rr-STEM-XXXXXX: STEM is the image's file name without extension, unusual characters replaced.</summary>
    public static string Derive(string imagePath)
    {
        var stem = Path.GetFileNameWithoutExtension(imagePath);
        var cleaned = new StringBuilder();
        foreach (var c in stem)
            cleaned.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var body = cleaned.ToString();
        var room = MaximumLength - "rr-".Length - 1 - suffix.Length;
        if (body.Length > room)
            body = body[..room];
        return body.Length == 0 ? $"rr-{suffix}" : $"rr-{body}-{suffix}";
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex Syntax();
}
