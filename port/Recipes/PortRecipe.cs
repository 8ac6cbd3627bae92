namespace Rumprun.Port.Recipes;

/// <summary>
/// One port as ports/NAME/port.json declares it (schema in ports/README.md). Paths inside are
/// relative: patches and check inputs to the recipe's folder, programs to the build tree.
/// </summary>
public sealed record PortRecipe(
    string Name,
    string Version,
    string Summary,
    SourceSpec Source,
    IReadOnlyList<string> Build,
    IReadOnlyList<string>? Depends = null,
    IReadOnlyList<string>? Patches = null,
    IReadOnlyList<string>? Install = null,
    IReadOnlyList<string>? Provides = null,
    IReadOnlyList<ImageSpec>? Images = null,
    IReadOnlyList<CheckSpec>? Checks = null)
{
    /// <summary>The folder the recipe was read from; set by <see cref="RecipeReader"/>, not by the file.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Directory { get; init; } = string.Empty;

    public IReadOnlyList<string> DependsOrEmpty => Depends ?? [];

    public IReadOnlyList<string> PatchesOrEmpty => Patches ?? [];

    public IReadOnlyList<string> InstallOrEmpty => Install ?? [];

    public IReadOnlyList<string> ProvidesOrEmpty => Provides ?? [];

    public IReadOnlyList<ImageSpec> ImagesOrEmpty => Images ?? [];

    public IReadOnlyList<CheckSpec> ChecksOrEmpty => Checks ?? [];

    public ImageSpec? FindImage(string name) => ImagesOrEmpty.FirstOrDefault(i => i.Name == name);

    public string PatchPath(string patch) => Path.Combine(Directory, "patches", patch);

    public string FilePath(string relative) => Path.Combine(Directory, relative);
}
