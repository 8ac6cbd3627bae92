using System.Net;
using NUnit.Framework;
using Rumprun.Tests.Ports.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.Ports;

/// <summary>
/// nginx from Debian's source, in one process (master_process off), serving over lwIP through a forwarded port of
/// 127.0.0.1: the port's own tree, a tree attached at run time with rr-run -b, and the same requests answered by the
/// native build byte for byte.
/// </summary>
public sealed class NginxTests
{
    private const string Ready = "[notice] 1#0: getrlimit(RLIMIT_NOFILE)";

    private static string Image => RepoPaths.Image("nginx", "nginx.bin");

    private static string PortRootfs => Path.Combine(RepoPaths.Root, "ports", "nginx", "rootfs");

    private static string Program => Path.Combine(RepoPaths.ObjDir, "ports", "nginx", "target", "objs", "nginx");

    // nginx's built-in page for a missing file (CRLF line ends, as nginx writes them)
    private const string NotFoundPage =
        "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n" +
        "<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";

    [OneTimeSetUp]
    public async Task BuildAsync()
    {
        var build = await PortShell.PortAsync("build", "nginx");
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        Assert.That(build.StandardOutput.Trim(), Is.EqualTo(Image));
    }

    [Test]
    public async Task The_ports_own_tree_and_the_status_page_are_served_and_rr_run_stop_ends_the_guest()
    {
        await using var guest = await DetachedGuest.StartAsync(Image, 80, [], []);
        await guest.WaitForConsoleAsync(Ready);
        using var http = new HttpClient { BaseAddress = guest.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };

        var index = await http.GetAsync("/");
        var hello = await http.GetAsync("/hello.txt");
        var status = await http.GetStringAsync("/status");
        using var gzipped = new HttpRequestMessage(HttpMethod.Get, "/hello.txt");
        gzipped.Headers.AcceptEncoding.ParseAdd("gzip");
        using var compressed = await http.SendAsync(gzipped);
        var unpacked = new MemoryStream();
        await using (var gunzip = new System.IO.Compression.GZipStream(await compressed.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress))
            await gunzip.CopyToAsync(unpacked);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(index.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(index.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/html"));
            Assert.That(await index.Content.ReadAsByteArrayAsync(), Is.EqualTo(File.ReadAllBytes(Path.Combine(PortRootfs, "htdocs", "index.html"))));
            Assert.That(hello.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/plain"));
            Assert.That(await hello.Content.ReadAsByteArrayAsync(), Is.EqualTo(File.ReadAllBytes(Path.Combine(PortRootfs, "htdocs", "hello.txt"))));
            Assert.That(hello.Headers.Server.ToString(), Is.EqualTo("nginx/1.22.1"));
            // the third request of the one connection HttpClient keeps open
            Assert.That(status, Is.EqualTo("Active connections: 1 \nserver accepts handled requests\n 1 1 3 \nReading: 0 Writing: 1 Waiting: 0 \n"));
            Assert.That(compressed.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "gzip" }));
            Assert.That(unpacked.ToArray(), Is.EqualTo(File.ReadAllBytes(Path.Combine(PortRootfs, "htdocs", "hello.txt"))), "gzip of the zlib port");
        });

        var stop = await guest.StopAsync();
        Assert.That(stop.ExitCode, Is.Zero, stop.ToString());
        Assert.That(stop.StandardError, Does.Contain($"rr-run: stopped {guest.Handle}"));
        Assert.That(guest.ReadConsole(), Does.Contain("[notice] 1#0: nginx/1.22.1").And.Not.Contain("[emerg]"));
    }

    [Test]
    public async Task A_tree_attached_at_run_time_is_served_from_srv()
    {
        var tree = Directory.CreateTempSubdirectory("rr-nginx-srv.").FullName;
        try
        {
            var files = TestSite.Write(tree, seed: 31);
            await using var guest = await DetachedGuest.StartAsync(Image, 80, ["-b", tree + ",/srv"], ["-c", "/etc/nginx/srv.conf"]);
            await guest.WaitForConsoleAsync(Ready);
            await TestSite.AssertServedAsync(guest.BaseAddress, files, NotFoundPage);

            using var http = new HttpClient { BaseAddress = guest.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
            var listing = await http.GetStringAsync("/docs/");
            Assert.That(listing, Does.StartWith("<html>\r\n<head><title>Index of /docs/</title></head>").And.Contain("<a href=\"notes.txt\">notes.txt</a>"),
                "autoindex lists the folder from the guest's getdents");
            Assert.That((await guest.StopAsync()).ExitCode, Is.Zero);
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }

    [Test]
    public async Task Nginx_checks_agree_with_the_native_build()
    {
        var check = await PortShell.PortAsync("check", "nginx");

        Assert.That(check.ExitCode, Is.Zero, check.ToString());
        Assert.That(check.StandardOutput, Does.Contain("PASS config-dump").And.Contain("PASS config-error"));
        Assert.That(check.StandardOutput, Does.Match(@"nginx: (\d+) checks, \1 passed, 0 failed, 0 skipped"));
    }

    [Test]
    public async Task The_unikernel_answers_pipelined_requests_with_the_bytes_the_native_build_sends()
    {
        var check = await PortShell.PortAsync("check", "nginx");
        Assert.That(check.ExitCode, Is.Zero, "the native build comes with the checks: " + check);
        var tree = Directory.CreateTempSubdirectory("rr-nginx-diff.").FullName;
        try
        {
            // whole seconds: Last-Modified and the ETag (time and size) come from the modification time
            foreach (var name in TestSite.Write(Path.Combine(tree, "htdocs"), seed: 7).Keys)
                File.SetLastWriteTimeUtc(Path.Combine(tree, "htdocs", name), new DateTime(2024, 2, 29, 12, 34, 56, DateTimeKind.Utc));
            Directory.CreateDirectory(Path.Combine(tree, "tmp"));
            // paths relative to the prefix (-p): the tree natively, / in the guest. sendfile on: the guest's sendfile
            // carries the large file; relative redirects: the two listen on different ports.
            File.WriteAllText(Path.Combine(tree, "site.conf"),
                "types { text/html html; text/plain txt; }\ndefault_type application/octet-stream;\naccess_log off;\n" +
                "sendfile on;\nabsolute_redirect off;\ngzip on;\ngzip_types text/plain;\ngzip_min_length 1;\nclient_body_temp_path tmp/body;\nproxy_temp_path tmp/proxy;\n" +
                "fastcgi_temp_path tmp/fastcgi;\nuwsgi_temp_path tmp/uwsgi;\nscgi_temp_path tmp/scgi;\n");
            var nativePort = FreePort.Tcp();
            foreach (var (name, listen) in new[] { ("guest.conf", "80"), ("native.conf", $"127.0.0.1:{nativePort}") })
            {
                File.WriteAllText(Path.Combine(tree, name),
                    "daemon off;\nmaster_process off;\nerror_log stderr notice;\npid tmp/nginx.pid;\nevents { worker_connections 16; }\n" +
                    $"http {{\n    include site.conf;\n    server {{ listen {listen}; root htdocs; }}\n}}\n");
            }

            await ServerComparison.AssertSameAnswersAsync(
                tree, Program, Path.Combine(RepoPaths.ObjDir, "ports", "nginx", "native", "objs", "nginx"),
                new ServerComparison.Side(["-p", tree + "/", "-c", "native.conf"], "getrlimit(RLIMIT_NOFILE)"), nativePort,
                new ServerComparison.Side(["-p", "/", "-c", "guest.conf"], Ready),
                PipelinedRequests, ["301", "200", "200", "404", "200", "206", "304", "200", "200"]);
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }

    /// <summary>
    /// A redirect, an index, a text file, a 404, HEAD, a range, a conditional GET (304: the files' time is set), the
    /// text file gzipped (the zlib port's deflate on both sides) and the 1 MB file, on one connection. One range only:
    /// nginx's multipart boundary is a random number.
    /// </summary>
    private const string PipelinedRequests =
        "GET /docs HTTP/1.1\r\nHost: test\r\n\r\n" +
        "GET / HTTP/1.1\r\nHost: test\r\n\r\n" +
        "GET /docs/notes.txt HTTP/1.1\r\nHost: test\r\n\r\n" +
        "GET /docs/absent.txt HTTP/1.1\r\nHost: test\r\n\r\n" +
        "HEAD /data/random.bin HTTP/1.1\r\nHost: test\r\n\r\n" +
        "GET /data/random.bin HTTP/1.1\r\nHost: test\r\nRange: bytes=1000-1999\r\n\r\n" +
        "GET /docs/notes.txt HTTP/1.1\r\nHost: test\r\nIf-Modified-Since: Thu, 29 Feb 2024 12:34:56 GMT\r\n\r\n" +
        "GET /docs/notes.txt HTTP/1.1\r\nHost: test\r\nAccept-Encoding: gzip\r\n\r\n" +
        "GET /data/random.bin HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n";
}
