namespace Rumprun.Core.Catalogue;

/// <summary>
/// The JSON shape of a configuration file; its name comes from the file name. <paramref name="Unsupported"/>,
/// when present, is the one-line reason rr-bake gives instead of baking (xen_pv).
/// </summary>
public sealed record ConfigurationFile(string Description, string Platform, IReadOnlyList<string> Components, string? Unsupported = null);
