using System.Text;
using NUnit.Framework;
using Rumprun.Tests.Ports.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.Ports;

/// <summary>
/// memcached over the libevent port, baked with hw_net, dropping to nobody as a daemon does, with its worker threads:
/// the same text-protocol session answered byte for byte as by the native build, and a client's shutdown ending
/// the guest with status 0.
/// </summary>
public sealed class MemcachedTests
{
    private const string Ready = "server listening";

    // One IPv4 listener: without -l memcached listens on IPv4 and IPv6 and prints a "server listening" line for
    // each, and a client could reach the forwarded IPv4 port between the first line and the second listen (a reset).
    private static readonly string[] GuestListen = ["-l", "0.0.0.0"];

    private static string Image => RepoPaths.Image("memcached", "memcached.bin");

    private static string NativeProgram => Path.Combine(RepoPaths.ObjDir, "ports", "memcached", "native", "memcached");

    /// <summary>Storage, retrieval, counters, CAS, errors and a 100 KB value; no command whose answer depends on time or pid.</summary>
    private static readonly string Session =
        "set greeting 0 0 15\r\nhello unikernel\r\n" +
        "get greeting\r\n" +
        "add greeting 0 0 1\r\nx\r\n" +
        "append greeting 0 0 1\r\n!\r\n" +
        "get greeting missing\r\n" +
        "set counter 5 0 2\r\n40\r\n" +
        "incr counter 2\r\n" +
        "decr counter 50\r\n" +
        "incr greeting 1\r\n" +
        "gets counter\r\n" +
        "cas counter 0 0 1 999\r\n7\r\n" +
        "delete greeting\r\n" +
        "delete greeting\r\n" +
        "bogus command\r\n" +
        $"set large 0 0 102400\r\n{new string('z', 102400)}\r\n" +
        "get large\r\n" +
        "version\r\n" +
        "quit\r\n";

    [OneTimeSetUp]
    public async Task BuildAsync()
    {
        var check = await PortShell.PortAsync("check", "memcached");
        Assert.That(check.ExitCode, Is.Zero, "the image and the native build: " + check);
    }

    [Test]
    public async Task A_session_is_answered_byte_for_byte_as_by_the_native_build()
    {
        var port = FreePort.Tcp();
        var native = NativeServer.Start(NativeProgram, ["-u", "nobody", "-vv", "-l", "127.0.0.1", "-p", port.ToString()], Path.GetTempPath(), Ready);
        await using (native)
        await using (var guest = ServerGuest.Start(Image, 11211, Ready, [], ["-u", "nobody", "-vv", .. GuestListen]))
        {
            await native.ReadyAsync();
            await guest.ReadyAsync();
            var expected = await TcpExchange.RunAsync(port, Session);
            var actual = await TcpExchange.RunAsync(guest.HostPort, Session);

            var text = Encoding.ASCII.GetString(expected);
            Assert.That(text, Does.StartWith("STORED\r\nVALUE greeting 0 15\r\nhello unikernel\r\nEND\r\nNOT_STORED\r\nSTORED\r\n"), "what the session asks for");
            Assert.That(text, Does.Contain("\r\n42\r\n0\r\nCLIENT_ERROR cannot increment or decrement non-numeric value\r\n"));
            Assert.That(text, Does.EndWith("VERSION 1.6.18\r\n"));
            Assert.That(Encoding.ASCII.GetString(actual), Is.EqualTo(text));
        }
    }

    [Test]
    public async Task Shutdown_from_a_client_ends_the_guest_with_status_0()
    {
        await using var guest = ServerGuest.Start(Image, 11211, Ready, [], ["-u", "nobody", "-vv", "-A", .. GuestListen]);
        await guest.ReadyAsync();

        var reply = await TcpExchange.RunAsync(guest.HostPort, "set k 0 0 1\r\nv\r\nget k\r\nquit\r\n");
        // memcached exits at once: no answer to shutdown itself, natively either
        var last = await TcpExchange.RunAsync(guest.HostPort, "shutdown\r\n");

        Assert.That(Encoding.ASCII.GetString(reply), Is.EqualTo("STORED\r\nVALUE k 0 1\r\nv\r\nEND\r\n"));
        Assert.That(last, Is.Empty);
        var (status, console) = await guest.FinishedAsync();
        Assert.That(status, Is.Zero, console);
        Assert.That(console, Does.Contain("Exiting normally"));
    }
}
