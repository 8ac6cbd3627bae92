namespace Rumprun.Core.Catalogue;

/// <summary>One "-m add|remove COMPONENT" change to a configuration, for a single bake.</summary>
public sealed record ConfigurationEdit(ConfigurationEditKind Kind, string Component)
{
    public static ConfigurationEdit Parse(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var kind = words.Length == 2 ? words[0] switch
        {
            "add" => ConfigurationEditKind.Add,
            "remove" => ConfigurationEditKind.Remove,
            _ => (ConfigurationEditKind?)null,
        } : null;
        if (kind is null || !ConfigurationCatalogue.ValidName().IsMatch(words[1]))
        {
            throw new RrException($"-m '{text}': expected 'add COMPONENT' or 'remove COMPONENT'");
        }

        return new ConfigurationEdit(kind.Value, words[1]);
    }

    public ComponentConfiguration ApplyTo(ComponentConfiguration configuration) => Kind switch
    {
        ConfigurationEditKind.Add when configuration.Components.Contains(Component) => configuration,
        ConfigurationEditKind.Add => configuration.WithComponents([.. configuration.Components, Component]),
        _ when !configuration.Components.Contains(Component) => throw new RrException(
            $"-m 'remove {Component}': configuration '{configuration.Name}' does not have component '{Component}' (see rr-bake describe {configuration.Name})"),
        _ => configuration.WithComponents([.. configuration.Components.Where(c => c != Component)]),
    };

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Component}";
}
