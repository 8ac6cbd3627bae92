namespace Rumprun.Port.Recipes;

/// <summary>
/// One bootable image a port makes: <see cref="Name"/> is the image file (e.g. "lua.bin"), <see cref="Program"/>
/// the unbaked program inside the build tree, <see cref="Rootfs"/> a folder of the recipe packed as the guest's root.
/// </summary>
public sealed record ImageSpec(string Name, string Program, string Config = "hw_generic", string? Rootfs = null);
