using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NUnit.Framework;
using Rumprun.Tests.Ports.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.Ports;

/// <summary>
/// lighttpd from Debian's source, static with its modules linked in, serving over lwIP through a forwarded port of
/// 127.0.0.1: the tree of the port's own rootfs, a tree baked with rr-bake --rootfs, and a tree attached at run time
/// with rr-run -b. Each guest runs detached and is stopped with rr-run stop.
/// </summary>
public sealed class LighttpdTests
{
    private const string Ready = "server started (lighttpd/1.4.69)";

    private static string Image => RepoPaths.Image("lighttpd", "lighttpd.bin");

    private static string PortRootfs => Path.Combine(RepoPaths.Root, "ports", "lighttpd", "rootfs");

    private static string Program => Path.Combine(RepoPaths.ObjDir, "ports", "lighttpd", "target", "src", "lighttpd");

    [OneTimeSetUp]
    public async Task BuildAsync()
    {
        var build = await PortShell.PortAsync("build", "lighttpd");
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        Assert.That(build.StandardOutput.Trim(), Is.EqualTo(Image));
    }

    [Test]
    public async Task The_ports_own_tree_is_served_and_rr_run_stop_ends_the_guest()
    {
        await using var guest = await DetachedGuest.StartAsync(Image, 80, [], ["-D", "-f", "/etc/lighttpd/lighttpd.conf"]);
        await guest.WaitForConsoleAsync(Ready);
        using var http = Client(guest);

        var index = await http.GetAsync("/");
        var hello = await http.GetAsync("/hello.txt");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(index.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(index.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/html"));
            Assert.That(await index.Content.ReadAsByteArrayAsync(), Is.EqualTo(File.ReadAllBytes(Path.Combine(PortRootfs, "htdocs", "index.html"))));
            Assert.That(hello.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/plain; charset=utf-8"));
            Assert.That(await hello.Content.ReadAsByteArrayAsync(), Is.EqualTo(File.ReadAllBytes(Path.Combine(PortRootfs, "htdocs", "hello.txt"))));
            Assert.That(hello.Headers.Server.ToString(), Is.EqualTo("lighttpd/1.4.69"));
        });

        var stop = await guest.StopAsync();
        Assert.That(stop.ExitCode, Is.Zero, stop.ToString());
        Assert.That(stop.StandardError, Does.Contain($"rr-run: stopped {guest.Handle}"));
        using var probe = new System.Net.Sockets.TcpClient();
        Assert.That(async () => await probe.ConnectAsync(IPAddress.Loopback, guest.HostPort), Throws.InstanceOf<System.Net.Sockets.SocketException>(),
            "nothing listens on the forwarded port once QEMU is gone");
    }

    [Test]
    public async Task A_configuration_and_tree_baked_with_rootfs_are_served_byte_for_byte()
    {
        var tree = Directory.CreateTempSubdirectory("rr-lighttpd-rootfs.").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(tree, "etc", "lighttpd"));
            foreach (var conf in new[] { "common.conf", "lighttpd.conf" })
                File.Copy(Path.Combine(PortRootfs, "etc", "lighttpd", conf), Path.Combine(tree, "etc", "lighttpd", conf));
            var files = TestSite.Write(Path.Combine(tree, "htdocs"), seed: 11);
            var image = Path.Combine(tree, "..", Path.GetFileName(tree) + ".bin");
            var bake = await PortShell.RunAsync("rr-bake", ["--rootfs", tree, "hw_net", image, Program]);
            Assert.That(bake.ExitCode, Is.Zero, bake.ToString());
            try
            {
                await using var guest = await DetachedGuest.StartAsync(image, 80, [], ["-D", "-f", "/etc/lighttpd/lighttpd.conf"]);
                await guest.WaitForConsoleAsync(Ready);
                await TestSite.AssertServedAsync(guest.BaseAddress, files, NotFoundPage);
                Assert.That((await guest.StopAsync()).ExitCode, Is.Zero);
            }
            finally
            {
                File.Delete(image);
            }
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }

    [Test]
    public async Task A_tree_attached_at_run_time_is_served_from_srv()
    {
        var tree = Directory.CreateTempSubdirectory("rr-lighttpd-srv.").FullName;
        try
        {
            var files = TestSite.Write(tree, seed: 23);
            await using var guest = await DetachedGuest.StartAsync(Image, 80, ["-b", tree + ",/srv"], ["-D", "-f", "/etc/lighttpd/srv.conf"]);
            await guest.WaitForConsoleAsync(Ready);
            await TestSite.AssertServedAsync(guest.BaseAddress, files, NotFoundPage);
            Assert.That((await guest.StopAsync()).ExitCode, Is.Zero);
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }

    [Test]
    public async Task Lighttpd_checks_agree_with_the_native_build()
    {
        var check = await PortShell.PortAsync("check", "lighttpd");

        Assert.That(check.ExitCode, Is.Zero, check.ToString());
        Assert.That(check.StandardOutput, Does.Contain("PASS features").And.Contain("PASS config-test-srv"));
        Assert.That(check.StandardOutput, Does.Match(@"lighttpd: (\d+) checks, \1 passed, 0 failed, 0 skipped"));
    }

    [Test]
    public async Task The_unikernel_answers_pipelined_requests_with_the_bytes_the_native_build_sends()
    {
        var check = await PortShell.PortAsync("check", "lighttpd");
        Assert.That(check.ExitCode, Is.Zero, "the native build comes with the checks: " + check);
        var tree = Directory.CreateTempSubdirectory("rr-lighttpd-diff.").FullName;
        try
        {
            // whole seconds: ETags mix in the nanoseconds of the modification time, and the image's archive keeps 100 ns
            foreach (var name in TestSite.Write(Path.Combine(tree, "htdocs"), seed: 5).Keys)
                File.SetLastWriteTimeUtc(Path.Combine(tree, "htdocs", name), new DateTime(2024, 2, 29, 12, 34, 56, DateTimeKind.Utc));
            // ETags from size and time only: inode numbers differ between the host and the guest's file system
            File.WriteAllText(Path.Combine(tree, "site.conf"),
                "server.modules = (\"mod_indexfile\", \"mod_staticfile\")\nserver.upload-dirs = (\"/tmp\")\n" +
                "index-file.names = (\"index.html\")\netag.use-inode = \"disable\"\n" +
                "mimetype.assign = (\".html\" => \"text/html\", \".txt\" => \"text/plain\", \"\" => \"application/octet-stream\")\n");
            File.WriteAllText(Path.Combine(tree, "guest.conf"), "include \"site.conf\"\nserver.port = 80\nserver.document-root = \"/htdocs\"\n");
            var nativePort = FreePort.Tcp();
            File.WriteAllText(Path.Combine(tree, "native.conf"),
                $"include \"site.conf\"\nserver.bind = \"127.0.0.1\"\nserver.port = {nativePort}\nserver.document-root = \"{tree}/htdocs\"\n");
            await ServerComparison.AssertSameAnswersAsync(
                tree, Program, Path.Combine(RepoPaths.ObjDir, "ports", "lighttpd", "native", "src", "lighttpd"),
                new ServerComparison.Side(["-D", "-f", Path.Combine(tree, "native.conf")], "server started"), nativePort,
                new ServerComparison.Side(["-D", "-f", "/guest.conf"], Ready),
                PipelinedRequests, ["301", "200", "200", "404", "200", "206", "304", "200"]);
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }

    /// <summary>A redirect, an index, a text file, a 404, HEAD, two ranges, a conditional GET (304: the files' time is set) and the 1 MB file, on one connection.</summary>
    private static readonly string PipelinedRequests =
        "GET /docs HTTP/1.1\r\nHost: test\r\n\r\n" +
        "GET / HTTP/1.1\r\nHost: test\r\n\r\n" +
        "GET /docs/notes.txt HTTP/1.1\r\nHost: test\r\n\r\n" +
        "GET /docs/absent.txt HTTP/1.1\r\nHost: test\r\n\r\n" +
        "HEAD /data/random.bin HTTP/1.1\r\nHost: test\r\n\r\n" +
        "GET /data/random.bin HTTP/1.1\r\nHost: test\r\nRange: bytes=1000-1999,-10\r\n\r\n" +
        "GET /docs/notes.txt HTTP/1.1\r\nHost: test\r\nIf-Modified-Since: Thu, 29 Feb 2024 12:34:56 GMT\r\n\r\n" +
        "GET /data/random.bin HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n";

    private static HttpClient Client(DetachedGuest guest) =>
        new() { BaseAddress = guest.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };

    // lighttpd's built-in page for an error status when no server.errorfile-prefix is configured
    private const string NotFoundPage =
        "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n" +
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n" +
        "         \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n" +
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n" +
        " <head>\n" +
        "  <title>404 Not Found</title>\n" +
        " </head>\n" +
        " <body>\n" +
        "  <h1>404 Not Found</h1>\n" +
        " </body>\n" +
        "</html>\n";
}
