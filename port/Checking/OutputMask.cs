using System.Text;
using System.Text.RegularExpressions;

namespace Rumprun.Port.Checking;

/// <summary>
/// A check's masks: regular expressions (multi-line: ^ and $ match at each line) over the output read as Latin-1,
/// so every byte is one character and the bytes around a match stay exactly as they were.
/// </summary>
public static class OutputMask
{
    public const string Placeholder = "<masked>";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Why the pattern cannot be a mask, or null when it can.</summary>
    public static string? Problem(string pattern)
    {
        Regex regex;
        try
        {
            regex = Compile(pattern);
        }
        catch (ArgumentException e)
        {
            return $"is not a regular expression ({e.Message})";
        }

        // one that matches nothing at all would hide everything around the text it was meant for
        return regex.IsMatch("") ? "matches the empty string; it must match the text that differs" : null;
    }

    public static byte[] Apply(IReadOnlyList<string> patterns, byte[] output)
    {
        if (patterns.Count == 0)
        {
            return output;
        }

        var text = Encoding.Latin1.GetString(output);
        foreach (var pattern in patterns)
        {
            text = Compile(pattern).Replace(text, Placeholder);
        }

        return Encoding.Latin1.GetBytes(text);
    }

    private static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant, MatchTimeout);
}
