namespace Rumprun.Core.Catalogue;

/// <summary>
/// A named selection of components for one platform (components/configs/NAME.json);
/// <paramref name="Source"/> is the file it came from, for error messages.
/// </summary>
public sealed record ComponentConfiguration(
    string Name,
    string Description,
    string Platform,
    IReadOnlyList<string> Components,
    string Source)
{
    public ComponentConfiguration WithComponents(IReadOnlyList<string> components) => this with { Components = components };
}
