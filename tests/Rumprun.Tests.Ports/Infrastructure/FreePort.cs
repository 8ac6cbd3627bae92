using System.Net;
using System.Net.Sockets;

namespace Rumprun.Tests.Ports.Infrastructure;

/// <summary>A TCP port of 127.0.0.1 that nobody listens on, so tests never reach another guest on the same machine.</summary>
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
}
