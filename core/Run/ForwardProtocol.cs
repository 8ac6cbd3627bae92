namespace Rumprun.Core.Run;

/// <summary>The transport protocol of a forwarded port.</summary>
public enum ForwardProtocol
{
    Tcp,
    Udp,
}
