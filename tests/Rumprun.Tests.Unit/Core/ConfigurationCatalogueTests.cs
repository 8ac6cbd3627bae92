using NUnit.Framework;
using Rumprun.Core;
using Rumprun.Core.Catalogue;
using Rumprun.Core.Json;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Core;

public sealed class ConfigurationCatalogueTests
{
    private const string Generic = """{ "description": "The platform alone", "platform": "hw", "components": [] }""";

    [Test]
    public void Configurations_are_named_after_their_files_and_listed_in_name_order()
    {
        using var dir = new TempDirectory();
        dir.File("configs/hw_virtio.json", """{ "description": "With virtio", "platform": "hw", "components": ["pci", "virtio"] }""");
        dir.File("configs/hw_generic.json", Generic);

        var catalogue = ConfigurationCatalogue.Load(dir.Combine("configs"), []);

        Assert.That(catalogue.All.Select(c => c.Name), Is.EqualTo(new[] { "hw_generic", "hw_virtio" }));
        var virtio = catalogue.Get("hw_virtio", "rr-bake list");
        Assert.That(virtio.Platform, Is.EqualTo("hw"));
        Assert.That(virtio.Components, Is.EqualTo(new[] { "pci", "virtio" }));
        Assert.That(virtio.Description, Is.EqualTo("With virtio"));
    }

    [Test]
    public void A_user_file_adds_a_configuration_and_replaces_an_installed_one_of_the_same_name()
    {
        using var dir = new TempDirectory();
        dir.File("configs/hw_generic.json", Generic);
        var mine = dir.File("mine/hw_generic.json", """{ "description": "Mine", "platform": "hw", "components": ["extra"] }""");
        var other = dir.File("mine/tiny.json", """{ "description": "Tiny", "platform": "hw", "components": [] }""");

        var catalogue = ConfigurationCatalogue.Load(dir.Combine("configs"), [mine, other]);

        Assert.That(catalogue.Get("hw_generic", "x").Description, Is.EqualTo("Mine"));
        Assert.That(catalogue.Get("tiny", "x").Source, Is.EqualTo(other));
    }

    [Test]
    public void An_unknown_configuration_points_to_the_list_command()
    {
        using var dir = new TempDirectory();
        dir.File("configs/hw_generic.json", Generic);
        var catalogue = ConfigurationCatalogue.Load(dir.Combine("configs"), []);

        var error = Assert.Throws<UnknownConfigurationException>(() => catalogue.Get("hw_nonsense", "rr-bake list"));

        Assert.That(error!.Message, Is.EqualTo("unknown configuration 'hw_nonsense': see rr-bake list"));
    }

    [Test]
    public void A_missing_configs_directory_gives_an_empty_catalogue()
    {
        using var dir = new TempDirectory();

        var catalogue = ConfigurationCatalogue.Load(dir.Combine("nothing-here"), []);

        Assert.That(catalogue.All, Is.Empty);
    }

    [Test]
    public void An_unknown_key_is_an_error_that_names_the_key_and_the_line()
    {
        using var dir = new TempDirectory();
        var file = dir.File("bad.json", "{\n  \"description\": \"x\",\n  \"platform\": \"hw\",\n  \"componnets\": []\n}");

        var error = Assert.Throws<JsonFileException>(() => ConfigurationCatalogue.ReadFile(file));

        Assert.That(error!.Message, Does.StartWith(file + ":4: "));
        Assert.That(error.Message, Does.Contain("unknown key 'componnets'"));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void A_missing_key_is_an_error()
    {
        using var dir = new TempDirectory();
        var file = dir.File("bad.json", """{ "description": "x", "platform": "hw" }""");

        var error = Assert.Throws<JsonFileException>(() => ConfigurationCatalogue.ReadFile(file));

        Assert.That(error!.Message, Does.Contain("components"));
    }

    [Test]
    public void A_syntax_error_is_reported_with_its_line()
    {
        using var dir = new TempDirectory();
        var file = dir.File("bad.json", "{\n  \"description\": \"x\",\n  \"platform\": \"hw\",\n  \"components\": [],\n}");

        var error = Assert.Throws<JsonFileException>(() => ConfigurationCatalogue.ReadFile(file));

        Assert.That(error!.Message, Does.Match($@"^{System.Text.RegularExpressions.Regex.Escape(file)}:\d+: invalid JSON"));
    }

    [Test]
    public void A_value_of_the_wrong_type_is_an_error()
    {
        using var dir = new TempDirectory();
        var file = dir.File("bad.json", """{ "description": "x", "platform": "hw", "components": "pci" }""");

        var error = Assert.Throws<JsonFileException>(() => ConfigurationCatalogue.ReadFile(file));

        Assert.That(error!.Message, Does.Contain("'components' has the wrong type"));
    }

    [Test]
    public void A_component_listed_twice_is_an_error()
    {
        using var dir = new TempDirectory();
        var file = dir.File("twice.json", """{ "description": "x", "platform": "hw", "components": ["pci", "pci"] }""");

        var error = Assert.Throws<JsonFileException>(() => ConfigurationCatalogue.ReadFile(file));

        Assert.That(error!.Message, Does.Contain("component 'pci' is listed twice"));
    }

    [Test]
    public void A_component_name_that_is_not_a_plain_word_is_an_error()
    {
        using var dir = new TempDirectory();
        var file = dir.File("odd.json", """{ "description": "x", "platform": "hw", "components": ["../etc"] }""");

        Assert.Throws<JsonFileException>(() => ConfigurationCatalogue.ReadFile(file));
    }

    [Test]
    public void A_user_file_that_does_not_exist_is_named()
    {
        var error = Assert.Throws<RrException>(() => ConfigurationCatalogue.Load(null, ["/nonexistent/mine.json"]));

        Assert.That(error!.Message, Is.EqualTo("/nonexistent/mine.json: no such configuration file"));
    }

    [Test]
    public void The_configurations_shipped_in_the_source_tree_parse()
    {
        var configs = Path.Combine(RepoRoot.Path, "components", "configs");

        var catalogue = ConfigurationCatalogue.Load(configs, []);

        Assert.That(catalogue.Get("hw_generic", "x").Components, Is.Empty);
        Assert.That(catalogue.Get("hw_virtio", "x").Components, Is.EqualTo(new[] { "virtio", "virtio_mmio", "virtio_pci", "pci", "virtio_rng", "virtio_blk", "virtio_net", "ext2", "iso9660" }));
    }
}
