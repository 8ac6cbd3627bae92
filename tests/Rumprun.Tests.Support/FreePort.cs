using System.Net;
using System.Net.Sockets;

namespace Rumprun.Tests.Support;

/// <summary>A port of 127.0.0.1 that nobody listens on, so tests never reach another guest on the same machine.</summary>
public static class FreePort
{
    public static int Tcp()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static int Udp()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }

    /// <summary>A free port for rr-run's --forward protocol word (tcp or udp).</summary>
    public static int For(string protocol) => protocol switch
    {
        "tcp" => Tcp(),
        "udp" => Udp(),
        _ => throw new ArgumentException($"no free-port rule for protocol '{protocol}': use tcp or udp", nameof(protocol)),
    };
}
