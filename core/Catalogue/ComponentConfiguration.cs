namespace Rumprun.Core.Catalogue;

/// <summary>
/// A named selection of components for one platform (components/configs/NAME.json);
/// <paramref name="Source"/> is the file it came from, for error messages; <paramref name="Unsupported"/>
/// is set for a name that is only there to be refused with advice.
/// </summary>
public sealed record ComponentConfiguration(
    string Name,
    string Description,
    string Platform,
    IReadOnlyList<string> Components,
    string Source,
    string? Unsupported = null)
{
    /// <summary>Throws the configuration's one-line refusal when it has one.</summary>
    public ComponentConfiguration EnsureSupported() =>
        Unsupported is null ? this : throw new UnsupportedConfigurationException(Name, Unsupported);

    public ComponentConfiguration WithComponents(IReadOnlyList<string> components) => this with { Components = components };
}
