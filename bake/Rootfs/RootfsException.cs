using Rumprun.Core;

namespace Rumprun.Bake.Rootfs;

/// <summary>The --rootfs tree cannot be packed; the message names the path and why. No image is written.</summary>
public sealed class RootfsException(string message) : RrException(message);
