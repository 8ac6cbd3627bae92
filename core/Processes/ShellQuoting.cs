using System.Text.RegularExpressions;

namespace Rumprun.Core.Processes;

/// <summary>Quotes words for a POSIX shell so that logged command lines can be pasted back into one.</summary>
public static partial class ShellQuoting
{
    public static string Quote(string word) =>
        word.Length > 0 && SafeWord().IsMatch(word) ? word : "'" + word.Replace("'", @"'\''") + "'";

    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    [GeneratedRegex(@"^[A-Za-z0-9_@%+=:,./-]+$")]
    private static partial Regex SafeWord();
}
