using System.Text.Json;
using System.Text.RegularExpressions;

namespace Rumprun.Core.Json;

/// <summary>
/// Reads the project's data files (component manifests, configurations, build files) as strict JSON:
/// snake_case keys, no comments, no trailing commas, no unknown keys, no missing required values.
/// A typo in a data file is an error with a line number, never a silently ignored key.
/// </summary>
public static partial class StrictJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        WriteIndented = true,
    };

    public static T Parse<T>(string text, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Options)
                ?? throw new JsonFileException(source, "holds null instead of a JSON object");
        }
        catch (JsonException e)
        {
            throw new JsonFileException(Locate(source, e), Explain(e), e);
        }
    }

    public static T Read<T>(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JsonFileException(path, $"cannot be read: {e.Message}", e);
        }

        return Parse<T>(text, path);
    }

    private static string Locate(string source, JsonException e) =>
        e.LineNumber is { } line ? $"{source}:{line + 1}" : source;

    /// <summary>System.Text.Json's messages name .NET types; say it in terms of the file instead.</summary>
    private static string Explain(JsonException e)
    {
        var message = LocationSuffix().Replace(e.Message, string.Empty).Trim();
        var unknown = UnmappedMember().Match(message);
        if (unknown.Success)
        {
            return $"unknown key '{unknown.Groups[1].Value}': remove it or check its spelling";
        }

        var missing = MissingMember().Match(message);
        if (missing.Success)
        {
            return $"missing required key(s) {missing.Groups[1].Value.Trim()}";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "a value" : $"'{e.Path.TrimStart('$', '.')}'";
            return $"{where} has the wrong type";
        }

        if (message.Contains("was not expected to be null", StringComparison.Ordinal)
            || message.Contains("does not allow null", StringComparison.Ordinal))
        {
            return $"'{e.Path?.TrimStart('$', '.')}' must not be null";
        }

        return $"invalid JSON: {message}";
    }

    [GeneratedRegex(@"\s*(Path: .*)?\|?\s*LineNumber: \d+ \| BytePositionInLine: \d+\.?$")]
    private static partial Regex LocationSuffix();

    [GeneratedRegex(@"The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex(@"missing required properties including: (.*)\.?$")]
    private static partial Regex MissingMember();
}
