using NUnit.Framework;
using Rumprun.Core;
using Rumprun.Port.Recipes;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Port;

public sealed class RecipeCatalogueTests
{
    private static void Write(TempDirectory dir, string name, params string[] depends) =>
        dir.File($"ports/{name}/port.json", $$"""
            { "name": "{{name}}", "version": "1", "summary": "s",
              "source": { "debian": "{{name}}", "debian_version": "1" },
              "depends": [{{string.Join(", ", depends.Select(d => $"\"{d}\""))}}],
              "build": ["true"] }
            """);

    [Test]
    public void Dependencies_come_first_and_once()
    {
        using var dir = new TempDirectory();
        Write(dir, "app", "net", "zlib");
        Write(dir, "net", "zlib");
        Write(dir, "zlib");

        var order = new RecipeCatalogue(dir.Combine("ports")).BuildOrder("app").Select(r => r.Name);

        Assert.That(order, Is.EqualTo(new[] { "zlib", "net", "app" }));
    }

    [Test]
    public void A_cycle_is_an_error_that_shows_it()
    {
        using var dir = new TempDirectory();
        Write(dir, "a", "b");
        Write(dir, "b", "a");

        var error = Assert.Throws<RrException>(() => new RecipeCatalogue(dir.Combine("ports")).BuildOrder("a"));

        Assert.That(error!.Message, Does.Contain("a -> b -> a"));
    }

    [Test]
    public void A_missing_dependency_is_named()
    {
        using var dir = new TempDirectory();
        Write(dir, "a", "ghost");

        var error = Assert.Throws<RrException>(() => new RecipeCatalogue(dir.Combine("ports")).BuildOrder("a"));

        Assert.That(error!.Message, Does.Contain("no port named 'ghost'"));
    }

    [Test]
    public void Names_are_the_folders_holding_a_recipe_in_order()
    {
        using var dir = new TempDirectory();
        Write(dir, "zeta");
        Write(dir, "alpha");
        Directory.CreateDirectory(dir.Combine("ports", "empty"));

        Assert.That(new RecipeCatalogue(dir.Combine("ports")).Names, Is.EqualTo(new[] { "alpha", "zeta" }));
    }
}
