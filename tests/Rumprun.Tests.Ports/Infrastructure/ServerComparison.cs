using NUnit.Framework;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.Ports.Infrastructure;

/// <summary>
/// A web server port's differential test over the network: the tree is baked into an image with the port's program,
/// the native build serves the same tree on the host, both get the same pipelined requests on one connection, and
/// every byte of the answers must agree (Date lines aside).
/// </summary>
public static class ServerComparison
{
    public sealed record Side(IReadOnlyList<string> Arguments, string ReadyText);

    public static async Task AssertSameAnswersAsync(
        string tree, string targetProgram, string nativeProgram, Side native, int nativePort, Side guest,
        string requests, IReadOnlyList<string> statuses)
    {
        var image = tree + ".bin";
        var bake = await PortShell.RunAsync("rr-bake", ["--rootfs", tree, "hw_net", image, targetProgram]);
        Assert.That(bake.ExitCode, Is.Zero, bake.ToString());
        try
        {
            var server = NativeServer.Start(nativeProgram, native.Arguments, tree, native.ReadyText);
            await using (server)
            await using (var unikernel = await DetachedGuest.StartAsync(image, 80, [], guest.Arguments))
            {
                await server.ReadyAsync();
                await unikernel.WaitForConsoleAsync(guest.ReadyText);
                var expected = RawHttp.WithoutDates(await TcpExchange.RunAsync(nativePort, requests));
                var actual = RawHttp.WithoutDates(await TcpExchange.RunAsync(unikernel.HostPort, requests));

                Assert.That(expected, Has.Length.GreaterThan(1_000_000), "the native side answered everything: " + server);
                Assert.That(RawHttp.Statuses(expected), Is.EqualTo(statuses), "what the requests ask for");
                Assert.That(RawHttp.Head(actual), Is.EqualTo(RawHttp.Head(expected)), "the headers and first bytes");
                Assert.That(actual, Is.EqualTo(expected), $"every byte of {statuses.Count} pipelined responses");
            }
        }
        finally
        {
            File.Delete(image);
        }
    }
}
