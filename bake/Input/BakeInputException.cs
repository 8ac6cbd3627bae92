using Rumprun.Core;

namespace Rumprun.Bake.Input;

/// <summary>The INPUT given to rr-bake is not an unbaked program; the message says what it is instead.</summary>
public sealed class BakeInputException(string path, string message) : RrException(message)
{
    public string Path { get; } = path;
}
