namespace Rumprun.Core.Json;

/// <summary>A data file that is not valid JSON or does not have the expected shape.</summary>
public sealed class JsonFileException(string path, string message, Exception? inner = null)
    : RrException($"{path}: {message}", inner)
{
    public string Path { get; } = path;
}
