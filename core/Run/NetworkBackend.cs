namespace Rumprun.Core.Run;

/// <summary>What a guest interface is connected to on the host (contracts §9).</summary>
public abstract record NetworkBackend
{
    private NetworkBackend()
    {
    }

    /// <summary>QEMU's user networking: 10.0.2.0/24 behind QEMU, gateway 10.0.2.2, DNS 10.0.2.3, no privileges needed.</summary>
    public sealed record User : NetworkBackend
    {
        public override string ToString() => "user";
    }

    /// <summary>A host tap device, opened by QEMU without scripts.</summary>
    public sealed record Tap(string Name) : NetworkBackend
    {
        public override string ToString() => "tap:" + Name;
    }

    public static readonly NetworkBackend Default = new User();
}
