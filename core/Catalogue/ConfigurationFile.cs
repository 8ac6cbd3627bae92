namespace Rumprun.Core.Catalogue;

/// <summary>The JSON shape of a configuration file; its name comes from the file name.</summary>
public sealed record ConfigurationFile(string Description, string Platform, IReadOnlyList<string> Components);
