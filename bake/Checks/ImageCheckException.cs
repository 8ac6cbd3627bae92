using Rumprun.Core;

namespace Rumprun.Bake.Checks;

/// <summary>The linked image breaks a rule of contracts §4; no image is written.</summary>
public sealed class ImageCheckException(string message) : RrException(message);
