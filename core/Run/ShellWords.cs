using System.Text;

namespace Rumprun.Core.Run;

/// <summary>
/// POSIX shell word quoting and splitting, limited to what a word list needs: blanks separate words,
/// <c>'…'</c> keeps everything literally, <c>"…"</c> keeps everything but <c>\"</c> <c>\\</c> <c>\$</c>
/// <c>\`</c> and a backslash-newline, and an unquoted <c>\</c> takes the next character literally.
/// No expansion of any kind: that is all the guest's splitter does, so <see cref="Join"/> followed by the
/// guest's split gives back the exact words.
/// </summary>
public static class ShellWords
{
    /// <summary>Quotes one word so a POSIX shell reads it back unchanged.</summary>
    public static string Quote(string word)
    {
        if (word.Length == 0)
            return "''";
        if (word.All(IsSafe))
            return word;
        // Inside single quotes nothing is special except the closing quote, which has to step outside.
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>Quotes each word and joins them with single spaces.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    /// <summary>Splits a word list as a POSIX shell would, without expansions.</summary>
    /// <exception cref="FormatException">A quote is not closed or the text ends in a lone backslash.</exception>
    public static IReadOnlyList<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' or '\t' or '\n':
                    if (inWord)
                        words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                    break;
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                        throw new FormatException("a single quote is not closed");
                    word.Append(text, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    i = ReadDoubleQuoted(text, i + 1, word);
                    inWord = true;
                    break;
                case '\\':
                    if (i + 1 >= text.Length)
                        throw new FormatException("the text ends in a lone backslash");
                    i++;
                    // An escaped newline joins lines; it is no part of any word.
                    if (text[i] != '\n')
                    {
                        word.Append(text[i]);
                        inWord = true;
                    }
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }
        if (inWord)
            words.Add(word.ToString());
        return words;
    }

    /// <summary>Reads from just after an opening double quote; returns the index of the closing one.</summary>
    private static int ReadDoubleQuoted(string text, int start, StringBuilder word)
    {
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
                return i;
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`' or '\n')
            {
                i++;
                if (text[i] != '\n')
                    word.Append(text[i]);
                continue;
            }
            word.Append(c);
        }
        throw new FormatException("a double quote is not closed");
    }

    private static bool IsSafe(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '-' or '_' or '.' or '/' or ',' or ':' or '=' or '+' or '@' or '%';
}
