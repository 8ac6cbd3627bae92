using System.Net;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>
/// The example servers booted with a virtio-net interface and a forwarded port of 127.0.0.1,
/// reached from the host with curl, HttpClient, raw TCP and UdpClient. Each server is told
/// how many responses to give (-n), so it ends by itself with status 0.
/// </summary>
public sealed class ExampleServerTests
{
    [Test]
    public async Task Httpd_serves_files_with_keep_alive_and_404_to_curl_and_httpclient()
    {
        var root = Path.Combine(Guests.WorkDirectory, "httpd-rootfs");
        Directory.CreateDirectory(Path.Combine(root, "www", "sub"));
        File.WriteAllText(Path.Combine(root, "www", "index.html"), "<h1>hello</h1>\n");
        File.WriteAllText(Path.Combine(root, "www", "sub", "a.txt"), "some text\n");
        var big = new byte[200_000];
        new Random(7).NextBytes(big);
        File.WriteAllBytes(Path.Combine(root, "www", "big.bin"), big);
        var image = await BakeExampleAsync("httpd", root);
        await using var guest = ServerGuest.Start(image, 8080, "httpd: serving", [], ["-n", "6", "/www"]);
        await guest.ReadyAsync();
        var port = guest.HostPort;
        var baseUri = new Uri($"http://127.0.0.1:{port}/");

        using (var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) })
        {
            var index = await http.GetAsync("/");
            Assert.That(index.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(index.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(await index.Content.ReadAsStringAsync(), Is.EqualTo("<h1>hello</h1>\n"));

            var missing = await http.GetAsync("/nope.html");
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await missing.Content.ReadAsStringAsync(), Is.EqualTo("404 Not Found\n"));

            var large = await http.GetAsync("/big.bin");
            Assert.That(large.Content.Headers.ContentLength, Is.EqualTo(big.Length));
            Assert.That(await large.Content.ReadAsByteArrayAsync(), Is.EqualTo(big));
        }

        // two pipelined requests on one connection: exact bytes, the second closes it
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            var stream = tcp.GetStream();
            stream.ReadTimeout = 60_000;
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                "GET /sub/a.txt HTTP/1.1\r\nHost: x\r\n\r\nHEAD /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            var reply = new MemoryStream();
            await stream.CopyToAsync(reply);
            Assert.That(Encoding.ASCII.GetString(reply.ToArray()), Is.EqualTo(
                "HTTP/1.1 200 OK\r\nServer: rumprun-httpd\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nsome text\n" +
                "HTTP/1.1 200 OK\r\nServer: rumprun-httpd\r\nContent-Type: text/html\r\nContent-Length: 15\r\n" +
                "Connection: close\r\n\r\n"));
        }

        var curl = await Shell.RunAsync("curl", ["-s", "-i", "--max-time", "60", new Uri(baseUri, "sub/a.txt").ToString()]);
        Assert.That(curl.ExitCode, Is.Zero, curl.ToString());
        Assert.That(curl.StandardOutput, Is.EqualTo(
            "HTTP/1.1 200 OK\r\nServer: rumprun-httpd\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nsome text\n"));

        var run = await guest.FinishedAsync();
        Assert.That(run.ExitCode, Is.Zero, guest.ToString());
        Assert.That(run.Console, Is.EqualTo(
            "httpd: serving /www on port 8080\n" +
            "GET / 200\nGET /nope.html 404\nGET /big.bin 200\nGET /sub/a.txt 200\nHEAD /index.html 200\nGET /sub/a.txt 200\n"),
            guest.ToString());
    }

    [Test]
    public async Task Udp_echo_sends_each_datagram_back_unchanged()
    {
        var image = await BakeExampleAsync("udp_echo", null);
        await using var guest = ServerGuest.Start(image, 7777, "udp_echo: listening", [], ["-n", "2"], protocol: "udp");
        await guest.ReadyAsync();
        var port = guest.HostPort;

        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = new IPEndPoint(IPAddress.Loopback, port);
        var large = Enumerable.Range(0, 1400).Select(i => (byte)(i * 7)).ToArray();
        foreach (var datagram in new[] { Encoding.ASCII.GetBytes("hello"), large })
        {
            await udp.SendAsync(datagram, target);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var echo = await udp.ReceiveAsync(wait.Token);
            Assert.That(echo.Buffer, Is.EqualTo(datagram));
        }

        var run = await guest.FinishedAsync();
        Assert.That(run.ExitCode, Is.Zero, guest.ToString());
        var lines = run.Console.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(3), guest.ToString());
        Assert.That(lines[0], Is.EqualTo("udp_echo: listening on port 7777"));
        Assert.That(lines[1], Does.Match(@"^5 bytes from 10\.0\.2\.2:\d+$"));
        Assert.That(lines[2], Does.Match(@"^1400 bytes from 10\.0\.2\.2:\d+$"));
    }

    [Test]
    public async Task Httpd_answers_connections_that_reuse_the_endpoints_of_one_in_time_wait()
    {
        // The server closes first, so each connection stays in the guest's TIME_WAIT; user networking
        // gives the guest the host client's port, so a client bound to one port sends new SYNs for the
        // same endpoints at once. They must open new connections, as on Linux, not hang until 2 MSL.
        const int rounds = 6;
        var root = Path.Combine(Guests.WorkDirectory, "httpd-reuse-rootfs");
        Directory.CreateDirectory(Path.Combine(root, "www"));
        File.WriteAllText(Path.Combine(root, "www", "index.html"), "again\n");
        var image = await BakeExampleAsync("httpd", root);
        var clientPort = FreePort.Tcp();

        await using var guest = ServerGuest.Start(image, 8080, "httpd: serving", [], ["-n", $"{rounds}", "/www"]);
        await guest.ReadyAsync();
        var port = guest.HostPort;
        for (var i = 0; i < rounds; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, clientPort));
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), deadline.Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), deadline.Token);
            var reply = new MemoryStream();
            var buffer = new byte[4096];
            int n;
            while ((n = await socket.ReceiveAsync(buffer, deadline.Token)) > 0)
                reply.Write(buffer, 0, n);
            Assert.That(Encoding.ASCII.GetString(reply.ToArray()), Does.EndWith("\r\n\r\nagain\n"), $"round {i}");
        }

        var run = await guest.FinishedAsync();
        Assert.That(run.ExitCode, Is.Zero, guest.ToString());
    }

    private static async Task<string> BakeExampleAsync(string name, string? rootfs)
    {
        var program = Path.Combine(Guests.WorkDirectory, name + ".example");
        var cc = await Shell.RunAsync(Guests.Tuple + "-gcc", ["-O2", "-Wall", "-o", program, Path.Combine(RepoPaths.Examples, name + ".c")]);
        Assert.That(cc.ExitCode, Is.Zero, cc.ToString());
        var image = program + ".bin";
        var args = new List<string> { "-m", "add lwip" };
        if (rootfs is not null)
            args.AddRange(["--rootfs", rootfs]);
        args.AddRange(["hw_virtio", image, program]);
        var bake = await Shell.RunAsync("rr-bake", args);
        Assert.That(bake.ExitCode, Is.Zero, bake.ToString());
        return image;
    }
}
