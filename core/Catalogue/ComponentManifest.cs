namespace Rumprun.Core.Catalogue;

/// <summary>
/// The JSON shape of components/NAME/component.json: what the component is, the platforms it
/// builds for, the components it needs, its source folders, its extra C flags and the QEMU
/// arguments that give it its device (stored in baked images, contracts §4) and the Debian
/// source package compiled into it, if any (contracts §4.2).
/// </summary>
public sealed record ComponentManifest(
    string Description,
    IReadOnlyList<string> Platforms,
    IReadOnlyList<string>? Depends = null,
    IReadOnlyList<string>? Sources = null,
    IReadOnlyList<string>? Cflags = null,
    IReadOnlyList<string>? Qemu = null,
    ComponentDebianSource? DebianSource = null)
{
    public IReadOnlyList<string> DependsOrEmpty => Depends ?? [];

    /// <summary>Source folders relative to the component's folder; "." when the manifest does not say.</summary>
    public IReadOnlyList<string> SourcesOrDefault => Sources ?? ["."];

    public IReadOnlyList<string> CflagsOrEmpty => Cflags ?? [];

    /// <summary>QEMU arguments the component's device needs, e.g. ["-device", "virtio-rng-device"]; none when the manifest does not say.</summary>
    public IReadOnlyList<string> QemuOrEmpty => Qemu ?? [];
}
