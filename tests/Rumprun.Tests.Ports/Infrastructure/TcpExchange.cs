using System.Net;
using System.Text;

namespace Rumprun.Tests.Ports.Infrastructure;

/// <summary>
/// One connection to 127.0.0.1: everything written at once (pipelined requests, a protocol session ending in a
/// close), then every byte the server sends until it closes.
/// </summary>
public static class TcpExchange
{
    public static async Task<byte[]> RunAsync(int port, string requests)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await tcp.ConnectAsync(IPAddress.Loopback, port, limit.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(requests), limit.Token);
        var reply = new MemoryStream();
        await stream.CopyToAsync(reply, limit.Token);
        return reply.ToArray();
    }
}
