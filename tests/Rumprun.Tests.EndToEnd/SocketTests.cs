using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>The socket calls over lwIP: 127.0.0.1 inside one guest, a server reached from the host through
/// virtio-net and rr-run --forward, and images without the stack.</summary>
public sealed class SocketTests
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Images = new();

    /// <summary>tests/guests/NAME.c baked with CONFIG plus the lwip component.</summary>
    private static Task<string> NetImageAsync(string name, string config = "hw_generic") =>
        Images.GetOrAdd(name + "@" + config, _ => new Lazy<Task<string>>(async () =>
        {
            var program = await Guests.CompileAsync(name);
            var image = Path.Combine(Guests.WorkDirectory, $"{name}.{config}+lwip.bin");
            var result = await Shell.RunAsync("rr-bake", ["-m", "add lwip", config, image, program]);
            if (result.ExitCode != 0)
                Assert.Fail($"baking {name} with lwip failed:\n{result}");
            return image;
        })).Value;

    private static async Task<ProcessResult> RunAsync(string name)
    {
        var run = await Guest.RunAsync(await NetImageAsync(name), timeout: TimeSpan.FromMinutes(2));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        return run;
    }

    [Test]
    public async Task A_static_interface_writes_resolv_conf_and_the_hosts_line()
    {
        var image = await NetImageAsync("net_etc_files", "hw_virtio");

        var run = await Guest.RunAsync(image, ["/etc/resolv.conf", "/etc/hosts"],
            ["-I", "net0,vioif", "-W", "net0,inet,static,10.0.2.15/24,10.0.2.2"], timeout: TimeSpan.FromMinutes(2));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(
            "== /etc/resolv.conf\nnameserver 10.0.2.3\n" +
            "== /etc/hosts\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n10.0.2.15\trumprun\n"), run.ToString());
    }

    [Test]
    public async Task Tcp_echo_between_two_threads_over_loopback()
    {
        var run = await RunAsync("net_tcp_loopback");

        Assert.That(run.StandardOutput, Does.Contain("server: accepted from 127.0.0.1\n"), run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("client: 127.0.0.1 -> port 7007, local port nonzero 1\n"), run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("client: sent 262144, received 262144, same 1\n"), run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("server: echoed 262144 bytes, peer closed\n"), run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("client: read after the server closed: 0\n"), run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("SO_TYPE 1\n"), run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("unix socket: -1 Address family not supported by protocol\n"), run.ToString());
        Assert.That(run.StandardOutput, Does.Not.Contain("unsupported system call"), run.ToString());
    }

    [Test]
    public async Task Udp_datagrams_keep_their_boundaries_and_senders()
    {
        var run = await RunAsync("net_udp_loopback");

        Assert.That(run.StandardOutput, Is.EqualTo(
            "bound to an ephemeral port: 1\n" +
            "FIONREAD: 14\n" +
            "peek: first datagram\n" +
            "recvfrom: first datagram from 127.0.0.1, len 16\n" +
            "read: second\n" +
            "recvmsg: third one  (10 bytes), truncated 1\n" +
            "empty: -1 Resource temporarily unavailable\n" +
            "connected reply: reply\n" +
            "writev of two pieces, one datagram: hello, world (12 bytes)\n" +
            "send without a peer: -1 Destination address required\n"), run.ToString());
    }

    [Test]
    public async Task Non_blocking_connect_poll_with_a_pipe_refusal_and_interrupted_accept()
    {
        var run = await RunAsync("net_nonblock");

        Assert.That(run.StandardOutput, Is.EqualTo(
            "accept with nobody waiting: -1 Resource temporarily unavailable\n" +
            "non-blocking connect: -1 Operation in progress\n" +
            "poll: 1, POLLOUT 1, SO_ERROR 0\n" +
            "listener readable: 1\n" +
            "accepted: 1, non-blocking 1\n" +
            "nothing ready: 0\n" +
            "pipe ready: 1 (socket 0, pipe 1)\n" +
            "both ready: 2 (socket 1, pipe 1)\n" +
            "FIONREAD 5, peek hello\n" +
            "recv hello, then -1 Resource temporarily unavailable\n" +
            "after the peer closed: POLLIN 1, read 0\n" +
            "connect to a closed port: -1 Connection refused\n" +
            "blocking accept with a signal: -1 Interrupted system call\n" +
            "accept with SO_RCVTIMEO: -1 Resource temporarily unavailable\n"), run.ToString());
    }

    [Test]
    public async Task Ipv6_sockets_over_loopback_are_dual_stack_unless_v6only()
    {
        var run = await RunAsync("net_ipv6");

        Assert.That(run.StandardOutput, Is.EqualTo(
            "IPV6_V6ONLY default 0\n" +
            "::1: accepted from ::1 (len 28), got ping\n" +
            "127.0.0.1: accepted from ::ffff:127.0.0.1 (len 28), got ping\n" +
            "::ffff:127.0.0.1: accepted from ::ffff:127.0.0.1 (len 28), got ping\n" +
            "IPv4 to a V6ONLY listener: -1 Connection refused\n" +
            "udp: 8 bytes datagram from ::1\n"), run.ToString());
    }

    [Test]
    public async Task Without_the_stack_inet_sockets_are_enosys_and_unix_sockets_eafnosupport_quietly()
    {
        var run = await Guest.RunAsync(await Guests.ImageAsync("net_tcp_loopback"), timeout: TimeSpan.FromMinutes(2));

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo("socket: Function not implemented\n"), run.ToString());
        Assert.That(run.StandardError, Does.Not.Contain("unsupported system call"), run.ToString());
    }

    /// <summary>
    /// Sends text on a new connection to 127.0.0.1:port, ends its sending side and reads until the guest
    /// closes. QEMU accepts on the forwarded port before the guest listens and then closes at once, so an
    /// empty answer means "not yet": try again until the deadline.
    /// </summary>
    private static async Task<string> ExchangeAsync(int port, string text, DateTime deadline)
    {
        var last = "no attempt";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                var stream = client.GetStream();
                await stream.WriteAsync(Encoding.ASCII.GetBytes(text), timeout.Token);
                client.Client.Shutdown(SocketShutdown.Send);
                var answer = new MemoryStream();
                await stream.CopyToAsync(answer, timeout.Token);
                if (answer.Length > 0)
                    return Encoding.ASCII.GetString(answer.ToArray());
                last = "empty answer";
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                last = e.Message;
            }

            await Task.Delay(250);
        }

        return $"(no answer: {last})";
    }

    private static async Task AssertServerReachableAsync(params string[] interfaceOptions)
    {
        var image = await NetImageAsync("net_echo_server", "hw_virtio");
        var port = FreePort.Tcp();
        var guest = Guest.RunAsync(image, ["8080"], [.. interfaceOptions, "--forward", $"tcp:{port}:8080"], timeout: TimeSpan.FromMinutes(3));
        var deadline = DateTime.UtcNow.AddMinutes(2);

        var big = string.Concat(Enumerable.Range(0, 4000).Select(i => $"line {i} of the host's data\n"));
        var first = await ExchangeAsync(port, "hello from the host\n", deadline);
        var second = await ExchangeAsync(port, big, deadline);
        var last = await ExchangeAsync(port, "quit\n", deadline);
        var run = await guest;

        Assert.That(first, Is.EqualTo("HELLO FROM THE HOST\n"), run.ToString());
        Assert.That(second, Is.EqualTo(big.ToUpperInvariant()), run.ToString());
        Assert.That(last, Is.EqualTo("QUIT\n"), run.ToString());
        Assert.That(run.StandardOutput, Does.EndWith("connection done: 5 bytes\n"), run.ToString());
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("listening on port 8080\n"), run.ToString());
        Assert.That(run.StandardOutput, Does.Contain($"connection done: {big.Length} bytes\n"), run.ToString());
    }

    /// <summary>Byte i of what net_exit_flush sends (its own pattern, so a lost, doubled or reordered block shows).</summary>
    private static byte Pattern(long i) => (byte)((i * 7 + i / 4096) & 0xff);

    /// <summary>
    /// Connects to 127.0.0.1:port and reads until end of file; an empty answer (QEMU accepted before the guest
    /// listened) means "not yet". A reset instead of the end of file fails the read, so it is reported, not retried.
    /// </summary>
    private static async Task<byte[]> ReceiveAllAsync(int port, DateTime deadline)
    {
        while (DateTime.UtcNow < deadline)
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            }
            catch (SocketException)
            {
                await Task.Delay(250);
                continue;
            }

            var answer = new MemoryStream();
            await client.GetStream().CopyToAsync(answer, timeout.Token);
            if (answer.Length > 0)
                return answer.ToArray();
            await Task.Delay(250);
        }

        return [];
    }

    [TestCase("exit", 3)]
    [TestCase("return", 3)]
    [TestCase("fault", 139)]
    public async Task Data_written_just_before_the_end_reaches_the_host_with_its_end_of_file(string how, int status)
    {
        const int size = 256 * 1024;
        var image = await NetImageAsync("net_exit_flush", "hw_virtio");
        var port = FreePort.Tcp();
        var guest = Guest.RunAsync(image, ["tcp", "8080", size.ToString(), how],
            ["-I", "net0,vioif", "--forward", $"tcp:{port}:8080"], timeout: TimeSpan.FromMinutes(3));

        var received = await ReceiveAllAsync(port, DateTime.UtcNow.AddMinutes(2));
        var run = await guest;

        Assert.That(run.ExitCode, Is.EqualTo(status), run.ToString());
        Assert.That(run.StandardOutput, Does.Contain($"wrote {size} bytes, ending by {how}\n"), run.ToString());
        Assert.That(received, Has.Length.EqualTo(size), run.ToString());
        var firstWrong = Enumerable.Range(0, size).FirstOrDefault(i => received[i] != Pattern(i), -1);
        Assert.That(firstWrong, Is.EqualTo(-1), "first differing byte");
        Assert.That(run.StandardError, Does.Not.Contain("still sending at exit"), run.ToString());
    }

    [Test]
    public async Task A_peer_that_stops_reading_holds_the_exit_for_two_seconds_at_most()
    {
        var image = await NetImageAsync("net_exit_flush", "hw_virtio");
        var port = FreePort.Tcp();
        var guest = Guest.RunAsync(image, ["tcp", "8080", "0", "stuck"],
            ["-I", "net0,vioif", "--forward", $"tcp:{port}:8080"], timeout: TimeSpan.FromMinutes(3));

        // connected, with a small window, and never read while the guest runs
        var clients = new List<TcpClient>();
        while (!guest.IsCompleted)
        {
            var client = new TcpClient { ReceiveBufferSize = 4096 };
            clients.Add(client);
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
            }
            catch (SocketException)
            {
            }

            await Task.WhenAny(guest, Task.Delay(2000));
        }

        var run = await guest;
        clients.ForEach(c => c.Dispose());
        Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("the peer stopped reading after some bytes\n"), run.ToString());
        Assert.That(run.ToString(), Does.Match(@"rumprun: network: 1 connection\(s\) still sending at exit(, frames still queued)? \(gave up after 2000 ms\)"));
    }

    [Test]
    public async Task A_burst_of_datagrams_larger_than_the_transmit_ring_and_queue_sent_just_before_exit_all_arrive()
    {
        const int count = 400, size = 500;   // the driver's ring holds 64 frames, the interface's queue 256 more
        var image = await NetImageAsync("net_exit_flush", "hw_virtio");
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        udp.Client.ReceiveBufferSize = 4 << 20;
        var port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;

        var guest = Guest.RunAsync(image, ["udp", port.ToString(), count.ToString(), size.ToString()],
            ["-I", "net0,vioif"], timeout: TimeSpan.FromMinutes(3));

        var seen = new HashSet<int>();
        while (seen.Count < count)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(guest.IsCompleted ? 5 : 120));
            UdpReceiveResult received;
            try
            {
                received = await udp.ReceiveAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var datagram = received.Buffer;
            if (datagram.Length == 5)
            {
                await udp.SendAsync("go"u8.ToArray(), received.RemoteEndPoint);   // "ready": the guest waits for it
                continue;
            }

            Assert.That(datagram, Has.Length.EqualTo(size));
            var k = datagram[0] << 8 | datagram[1];
            var expected = Enumerable.Range(0, size).Select(i => i < 2 ? datagram[i] : Pattern((long)k * size + i)).ToArray();
            Assert.That(datagram, Is.EqualTo(expected), $"datagram {k}");
            seen.Add(k);
        }

        var run = await guest;
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo($"sent {count} datagrams of {size} bytes, 0 failed\n"), run.ToString());
        Assert.That(seen, Is.EquivalentTo(Enumerable.Range(0, count)), run.ToString());
    }

    [Test]
    public async Task Many_short_connections_closed_by_the_server_give_back_all_their_memory()
    {
        // past the first 1100 connections, TIME_WAIT is full (1024) and every socket, pcb, pbuf and
        // descriptor a connection takes must come back: the guest's MemFree must not move
        const int warmup = 1100, count = 1700;
        var image = await NetImageAsync("net_conn_churn", "hw_virtio");
        var port = FreePort.Tcp();
        var guest = Guest.RunAsync(image, ["8080", warmup.ToString(), count.ToString()],
            ["-M", "64", "-I", "net0,vioif", "--forward", $"tcp:{port}:8080"], timeout: TimeSpan.FromMinutes(10));

        var answered = 0;
        var deadline = DateTime.UtcNow.AddMinutes(9);
        while (answered < count && DateTime.UtcNow < deadline && !guest.IsCompleted)
        {
            try
            {
                using var client = new TcpClient();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                var stream = client.GetStream();
                await stream.WriteAsync("x\n"u8.ToArray(), timeout.Token);
                var answer = new MemoryStream();
                await stream.CopyToAsync(answer, timeout.Token);
                if (Encoding.ASCII.GetString(answer.ToArray()) == "ok\n")
                    answered++;
                else
                    await Task.Delay(50);   // QEMU accepted before the guest listened
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                await Task.Delay(50);
            }
        }

        var run = await guest;
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(answered, Is.EqualTo(count), run.ToString());
        var difference = System.Text.RegularExpressions.Regex.Match(run.StandardOutput, @"difference: (-?\d+) kB");
        Assert.That(difference.Success, Is.True, run.ToString());
        Assert.That(int.Parse(difference.Groups[1].Value), Is.LessThanOrEqualTo(64), run.ToString());
    }

    [Test]
    public Task A_guest_server_configured_by_dhcp_answers_the_host_through_a_forwarded_port() =>
        AssertServerReachableAsync("-I", "net0,vioif");

    [Test]
    public Task A_guest_server_with_a_static_address_answers_the_host_through_a_forwarded_port() =>
        AssertServerReachableAsync("-I", "net0,vioif", "-W", "net0,inet,static,10.0.2.15/24,10.0.2.2");
}
