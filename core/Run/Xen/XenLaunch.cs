using System.Collections.Immutable;

namespace Rumprun.Core.Run;

/// <summary>
/// Everything one <c>rr-run xen</c> needs, parsed and validated. The guest side (argv, environment, memory,
/// -b, -i, -N) is the same <see cref="RunRequest"/> QEMU launches use; the rest is Xen's own.
/// </summary>
/// <param name="Request">The guest's program, memory, block options and whether rr-run waits (-i).</param>
/// <param name="DomainName">-N, or a name derived from the image.</param>
/// <param name="DestroyOnHalt">-d: Xen destroys the domain as soon as it halts instead of preserving it.</param>
/// <param name="Interfaces">-I and -W, in -I order.</param>
public sealed record XenLaunch(
    RunRequest Request,
    string DomainName,
    bool DestroyOnHalt = false,
    ImmutableArray<XenInterface> Interfaces = default)
{
    public ImmutableArray<XenInterface> Interfaces { get; init; } = Interfaces.IsDefault ? [] : Interfaces;

    public bool Attached => Request.Attached;

    /// <summary>Virtual disks: the request's drives once resolved (empty until then).</summary>
    public ImmutableArray<XenDisk> Disks => [.. Request.Drives.Select(drive => new XenDisk(drive))];

    /// <summary>
    /// What Xen does with a halted domain: an attached run must read the exit status from the domain's
    /// xenstore home, which lives only as long as the domain, so it preserves it and destroys it itself
    /// afterwards; a detached domain is preserved for inspection (xl list, rr-run stop) unless -d.
    /// </summary>
    public string HaltAction => Attached || !DestroyOnHalt ? "preserve" : "destroy";

    public bool Equals(XenLaunch? other) =>
        other is not null && Request.Equals(other.Request) && DomainName == other.DomainName
        && DestroyOnHalt == other.DestroyOnHalt && Interfaces.SequenceEqual(other.Interfaces);

    public override int GetHashCode() => HashCode.Combine(Request, DomainName, DestroyOnHalt, Interfaces.Length);

    public XenLaunch WithRequest(RunRequest request) => this with { Request = request };

    /// <summary>The guest configuration (contracts §5) with Xen's device names for mounts and the -I interfaces.</summary>
    public GuestConfiguration GuestConfiguration(ConsoleMode console) =>
        Run.GuestConfiguration.For(Request, console)
            .WithMounts(Disks.Select(disk => disk.Mount))
            .WithNetworks(Interfaces.Select(network => network.GuestEntry));
}
