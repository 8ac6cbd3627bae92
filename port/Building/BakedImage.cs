using Rumprun.Port.Recipes;

namespace Rumprun.Port.Building;

/// <summary>An image rr-port baked; <see cref="Complete"/> is false when its root file system could not be packed.</summary>
public sealed record BakedImage(ImageSpec Spec, string Path, bool Complete);
