using System.Text.RegularExpressions;

namespace Rumprun.Build.Install;

/// <summary>
/// Fills @NAME@ placeholders (NAME in capitals, digits and '_'); any placeholder without a value
/// is an error, so a misspelt name never reaches an installed script.
/// </summary>
public static partial class TemplateSubstitution
{
    public static string Apply(string template, IReadOnlyDictionary<string, string> values, string source)
    {
        var lines = template.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            lines[i] = Placeholder().Replace(lines[i], match =>
                values.TryGetValue(match.Groups[1].Value, out var value)
                    ? value
                    : throw new TemplateException(source, number, match.Groups[1].Value));
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex("@([A-Z][A-Z0-9_]*)@")]
    private static partial Regex Placeholder();
}
