namespace Rumprun.Core.Catalogue;

public enum ConfigurationEditKind
{
    Add,
    Remove,
}
