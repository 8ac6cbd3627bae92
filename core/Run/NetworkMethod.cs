namespace Rumprun.Core.Run;

/// <summary>How the guest gets an interface's IPv4 address.</summary>
public enum NetworkMethod
{
    Dhcp,
    Static,
}
