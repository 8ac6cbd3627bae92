using System.Net;
using System.Net.Http.Headers;
using NUnit.Framework;

namespace Rumprun.Tests.Ports.Infrastructure;

/// <summary>
/// A small static site for the web server tests: an index page, a nested text file and ~1 MB of seeded random bytes,
/// and what every server must do with it.
/// </summary>
public static class TestSite
{
    public const string Index = "index.html";
    public const string Text = "docs/notes.txt";
    public const string Large = "data/random.bin";

    /// <summary>Writes the site under the root; returns its files by URL path.</summary>
    public static Dictionary<string, byte[]> Write(string root, int seed)
    {
        var big = new byte[1_000_003];
        new Random(seed).NextBytes(big);
        var files = new Dictionary<string, byte[]>
        {
            [Index] = System.Text.Encoding.ASCII.GetBytes($"<!DOCTYPE html>\n<title>test site</title><p>seed {seed}\n"),
            [Text] = "first line\nsecond line, no newline at the end"u8.ToArray(),
            [Large] = big,
        };
        foreach (var (name, bytes) in files)
        {
            var path = Path.Combine(root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        return files;
    }

    /// <summary>
    /// Every file byte for byte, / as the index, the server's own 404 page for a missing file, HEAD with the length and
    /// no body, and one range of the large file.
    /// </summary>
    public static async Task AssertServedAsync(Uri baseAddress, Dictionary<string, byte[]> files, string notFoundPage)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(120) };
        foreach (var (name, bytes) in files)
        {
            var response = await http.GetAsync(name);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), name);
            Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(bytes.Length), name);
            Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(bytes), name);
        }

        Assert.That(await http.GetByteArrayAsync("/"), Is.EqualTo(files[Index]), "/ is served as index.html");

        var missing = await http.GetAsync("/docs/absent.txt");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await missing.Content.ReadAsStringAsync(), Is.EqualTo(notFoundPage));

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, Large));
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(head.Content.Headers.ContentLength, Is.EqualTo(files[Large].Length));
            Assert.That(head.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/octet-stream"));
            Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
        });

        var range = new HttpRequestMessage(HttpMethod.Get, Large);
        range.Headers.Range = new RangeHeaderValue(500_000, 500_099);
        using var part = await http.SendAsync(range);
        Assert.That(part.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(await part.Content.ReadAsByteArrayAsync(), Is.EqualTo(files[Large][500_000..500_100]));
    }
}
