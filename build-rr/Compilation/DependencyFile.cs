using System.Text;

namespace Rumprun.Build.Compilation;

/// <summary>Reads the make rule a compiler writes with -MMD: the files an object was built from.</summary>
public static class DependencyFile
{
    /// <summary>The prerequisites of the rule in <paramref name="text"/>, with make's escapes undone.</summary>
    public static IReadOnlyList<string> Parse(string text)
    {
        var joined = text.Replace("\\\r\n", " ").Replace("\\\n", " ");
        var firstLine = joined.Split('\n')[0];
        var colon = FindRuleColon(firstLine);
        if (colon < 0)
        {
            return [];
        }

        return SplitWords(firstLine[(colon + 1)..]);
    }

    public static IReadOnlyList<string>? TryRead(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : null;

    /// <summary>The colon that ends the target list: the first one followed by a blank or the end of the line.</summary>
    private static int FindRuleColon(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == ':' && (i + 1 == line.Length || char.IsWhiteSpace(line[i + 1])))
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> SplitWords(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && (text[i + 1] == ' ' || text[i + 1] == '#'))
            {
                word.Append(text[++i]);
            }
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '$')
            {
                word.Append(text[++i]);
            }
            else if (char.IsWhiteSpace(c))
            {
                Flush();
            }
            else
            {
                word.Append(c);
            }
        }

        Flush();
        return words;

        void Flush()
        {
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
    }
}
