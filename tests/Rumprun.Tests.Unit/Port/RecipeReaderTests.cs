using NUnit.Framework;
using Rumprun.Core;
using Rumprun.Port.Recipes;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Port;

public sealed class RecipeReaderTests
{
    private const string Minimal = """
        {
          "name": "demo",
          "version": "1.0",
          "summary": "a demo",
          "source": { "debian": "demo", "debian_version": "1.0-1" },
          "build": ["make"]
        }
        """;

    private static PortRecipe Parse(TempDirectory dir, string json) => RecipeReader.Parse(json, dir.Combine("demo"));

    private static string ErrorOf(TempDirectory dir, string json) =>
        Assert.Throws<Rumprun.Core.Json.JsonFileException>(() => Parse(dir, json))!.Message;

    [Test]
    public void A_minimal_recipe_reads_with_empty_optional_lists()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("demo"));

        var recipe = Parse(dir, Minimal);

        Assert.Multiple(() =>
        {
            Assert.That(recipe.Name, Is.EqualTo("demo"));
            Assert.That(recipe.Source.IsDebian, Is.True);
            Assert.That(recipe.Source.Display, Is.EqualTo("demo=1.0-1"));
            Assert.That(recipe.Build, Is.EqualTo(new[] { "make" }));
            Assert.That(recipe.DependsOrEmpty, Is.Empty);
            Assert.That(recipe.ImagesOrEmpty, Is.Empty);
            Assert.That(recipe.ChecksOrEmpty, Is.Empty);
            Assert.That(recipe.Directory, Is.EqualTo(dir.Combine("demo")));
        });
    }

    [Test]
    public void Images_and_checks_take_their_defaults()
    {
        using var dir = new TempDirectory();
        dir.File("demo/in.txt", "x");
        var recipe = Parse(dir, Minimal.Replace("\"build\": [\"make\"]", """
            "build": ["make"],
            "images": [{ "name": "demo.bin", "program": "src/demo" }],
            "checks": [{ "name": "one", "image": "demo.bin", "stdin": "in.txt" }, { "name": "two", "image": "demo.bin", "stdin_from": "one", "status": 3 }]
            """));

        Assert.Multiple(() =>
        {
            Assert.That(recipe.ImagesOrEmpty[0].Config, Is.EqualTo("hw_generic"));
            Assert.That(recipe.ImagesOrEmpty[0].Rootfs, Is.Null);
            Assert.That(recipe.ChecksOrEmpty[0].Status, Is.Zero);
            Assert.That(recipe.ChecksOrEmpty[0].TimeoutSeconds, Is.EqualTo(120));
            Assert.That(recipe.ChecksOrEmpty[1].StdinFrom, Is.EqualTo("one"));
            Assert.That(recipe.ChecksOrEmpty[1].Status, Is.EqualTo(3));
        });
    }

    [Test]
    public void The_name_must_match_the_folder()
    {
        using var dir = new TempDirectory();

        Assert.That(ErrorOf(dir, Minimal.Replace("\"name\": \"demo\"", "\"name\": \"other\"")), Does.Contain("differs from its folder 'demo'"));
    }

    [Test]
    public void An_unknown_key_is_named_with_its_line()
    {
        using var dir = new TempDirectory();

        var message = ErrorOf(dir, Minimal.Replace("\"build\"", "\"biuld\": [], \"build\""));

        Assert.That(message, Does.Contain("port.json:"));
        Assert.That(message, Does.Contain("unknown key 'biuld'"));
    }

    [Test]
    public void A_missing_required_key_is_an_error()
    {
        using var dir = new TempDirectory();

        Assert.That(ErrorOf(dir, Minimal.Replace("\"summary\": \"a demo\",", string.Empty)), Does.Contain("missing required key"));
    }

    [TestCase("{ }", "needs either 'debian'")]
    [TestCase("{ \"debian\": \"x\", \"debian_version\": \"1\", \"url\": \"https://e.org/x.tar.gz\", \"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\" }", "both 'debian' and 'url'")]
    [TestCase("{ \"debian\": \"x\" }", "needs 'debian_version'")]
    [TestCase("{ \"debian\": \"x\", \"debian_version\": \"1\", \"dsc_sha256\": \"ABC\" }", "'dsc_sha256' must be 64")]
    [TestCase("{ \"url\": \"https://e.org/x.tar.gz\" }", "needs 'sha256'")]
    [TestCase("{ \"url\": \"ftp://e.org/x.tar.gz\", \"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\" }", "http, https or file URL")]
    [TestCase("{ \"url\": \"https://e.org/x.tar.gz\", \"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\", \"debian_version\": \"1\" }", "belong to 'debian' sources")]
    public void Sources_must_be_one_kind_and_pinned(string source, string expected)
    {
        using var dir = new TempDirectory();

        Assert.That(ErrorOf(dir, Minimal.Replace("{ \"debian\": \"demo\", \"debian_version\": \"1.0-1\" }", source)), Does.Contain(expected));
    }

    [Test]
    public void An_upstream_archive_with_its_digest_is_accepted()
    {
        using var dir = new TempDirectory();
        var recipe = Parse(dir, Minimal.Replace("{ \"debian\": \"demo\", \"debian_version\": \"1.0-1\" }",
            "{ \"url\": \"https://example.org/demo-1.0.tar.gz\", \"sha256\": \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\" }"));

        Assert.That(recipe.Source.IsDebian, Is.False);
        Assert.That(recipe.Source.Display, Is.EqualTo("https://example.org/demo-1.0.tar.gz"));
    }

    [TestCase("\"build\": []", "no commands")]
    [TestCase("\"build\": [\"make\"], \"patches\": [\"missing.patch\"]", "patch 'missing.patch' does not exist")]
    [TestCase("\"build\": [\"make\"], \"patches\": [\"../x.patch\"]", "must be a relative path")]
    [TestCase("\"build\": [\"make\"], \"depends\": [\"demo\"]", "cannot depend on itself")]
    [TestCase("\"build\": [\"make\"], \"provides\": [\"lib/libdemo.a\"]", "'install' has no commands")]
    [TestCase("\"build\": [\"make\"], \"images\": [{ \"name\": \"a/b.bin\", \"program\": \"p\" }]", "plain file name")]
    [TestCase("\"build\": [\"make\"], \"images\": [{ \"name\": \"a.bin\", \"program\": \"/usr/bin/p\" }]", "must be a relative path")]
    [TestCase("\"build\": [\"make\"], \"images\": [{ \"name\": \"a.bin\", \"program\": \"p\" }, { \"name\": \"a.bin\", \"program\": \"q\" }]", "listed twice")]
    [TestCase("\"build\": [\"make\"], \"images\": [{ \"name\": \"a.bin\", \"program\": \"p\", \"rootfs\": \"nope\" }]", "is not a folder")]
    [TestCase("\"build\": [\"make\"], \"checks\": [{ \"name\": \"c\", \"image\": \"none.bin\" }]", "which 'images' does not list")]
    public void Inconsistent_recipes_are_refused_with_the_reason(string replacement, string expected)
    {
        using var dir = new TempDirectory();

        Assert.That(ErrorOf(dir, Minimal.Replace("\"build\": [\"make\"]", replacement)), Does.Contain(expected));
    }

    [TestCase("{ \"name\": \"c\", \"image\": \"a.bin\", \"stdin\": \"none.txt\" }", "stdin 'none.txt' of check 'c' does not exist")]
    [TestCase("{ \"name\": \"c\", \"image\": \"a.bin\", \"stdin_from\": \"later\" }", "not an earlier check")]
    [TestCase("{ \"name\": \"c\", \"image\": \"a.bin\", \"status\": 256 }", "not an exit status")]
    [TestCase("{ \"name\": \"c\", \"image\": \"a.bin\", \"timeout_seconds\": 0 }", "must be positive")]
    [TestCase("{ \"name\": \"c\", \"image\": \"a.bin\" }, { \"name\": \"c\", \"image\": \"a.bin\" }", "listed twice")]
    [TestCase("{ \"name\": \"c\", \"image\": \"a.bin\", \"masks\": [\"[0-9\"] }", "check 'c': mask '[0-9' is not a regular expression")]
    [TestCase("{ \"name\": \"c\", \"image\": \"a.bin\", \"masks\": [\"[0-9]*\"] }", "matches the empty string")]
    public void Checks_must_name_existing_inputs_and_earlier_checks(string checks, string expected)
    {
        using var dir = new TempDirectory();
        var json = Minimal.Replace("\"build\": [\"make\"]",
            $"\"build\": [\"make\"], \"images\": [{{ \"name\": \"a.bin\", \"program\": \"p\" }}], \"checks\": [{checks}]");

        Assert.That(ErrorOf(dir, json), Does.Contain(expected));
    }

    [Test]
    public void The_recipes_of_the_source_tree_all_read()
    {
        var catalogue = new RecipeCatalogue(Path.Combine(RepoRoot.Path, "ports"));

        Assert.That(catalogue.Names, Does.Contain("zlib").And.Contain("lua").And.Contain("sqlite3"));
        foreach (var name in catalogue.Names)
        {
            Assert.That(catalogue.Get(name).Name, Is.EqualTo(name));
        }
    }

    [Test]
    public void A_missing_recipe_file_is_an_error_naming_it()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("demo"));

        var error = Assert.Throws<Rumprun.Core.Json.JsonFileException>(() => RecipeReader.Read(dir.Combine("demo")));

        Assert.That(error!.Message, Does.Contain("port.json: does not exist"));
    }

    [Test]
    public void Unknown_ports_are_listed_in_the_error()
    {
        using var dir = new TempDirectory();
        dir.File("ports/demo/port.json", Minimal);

        var error = Assert.Throws<RrException>(() => new RecipeCatalogue(dir.Combine("ports")).Get("nope"));

        Assert.That(error!.Message, Does.Contain("no port named 'nope' (known: demo"));
    }
}
