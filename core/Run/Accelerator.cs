namespace Rumprun.Core.Run;

/// <summary>How QEMU executes the guest: the user's platform word picks it (<c>qemu</c> or <c>kvm</c>).</summary>
public enum Accelerator
{
    /// <summary>QEMU's own binary translator: works everywhere, the default for tests.</summary>
    Tcg,

    /// <summary>The host's /dev/kvm: only where a probe shows it can run the platform.</summary>
    Kvm,
}
