namespace Rumprun.Core.Catalogue;

public sealed class UnknownConfigurationException(string name, string listCommand)
    : RrException($"unknown configuration '{name}': see {listCommand}")
{
    public string Name { get; } = name;
}
