using NUnit.Framework;
using Rumprun.Core;
using Rumprun.Core.Catalogue;

namespace Rumprun.Tests.Unit.Core;

public sealed class ConfigurationEditTests
{
    private static readonly ComponentConfiguration Virtio = new("hw_virtio", "d", "hw", ["pci", "virtio"], "/x/hw_virtio.json");

    [Test]
    public void Add_and_remove_are_parsed_with_their_component()
    {
        Assert.That(ConfigurationEdit.Parse("add virtio_blk"), Is.EqualTo(new ConfigurationEdit(ConfigurationEditKind.Add, "virtio_blk")));
        Assert.That(ConfigurationEdit.Parse(" remove  pci "), Is.EqualTo(new ConfigurationEdit(ConfigurationEditKind.Remove, "pci")));
    }

    [TestCase("add")]
    [TestCase("delete pci")]
    [TestCase("add pci virtio")]
    [TestCase("add ../pci")]
    [TestCase("")]
    public void Anything_else_is_an_error_that_shows_the_expected_form(string text)
    {
        var error = Assert.Throws<RrException>(() => ConfigurationEdit.Parse(text));

        Assert.That(error!.Message, Does.Contain("expected 'add COMPONENT' or 'remove COMPONENT'"));
    }

    [Test]
    public void Adding_appends_the_component_once()
    {
        var edited = ConfigurationEdit.Parse("add virtio_blk").ApplyTo(Virtio);
        var again = ConfigurationEdit.Parse("add virtio_blk").ApplyTo(edited);

        Assert.That(again.Components, Is.EqualTo(new[] { "pci", "virtio", "virtio_blk" }));
        Assert.That(Virtio.Components, Has.Count.EqualTo(2), "the original configuration is not changed");
    }

    [Test]
    public void Removing_drops_the_component()
    {
        var edited = ConfigurationEdit.Parse("remove pci").ApplyTo(Virtio);

        Assert.That(edited.Components, Is.EqualTo(new[] { "virtio" }));
    }

    [Test]
    public void Removing_a_component_the_configuration_does_not_have_is_an_error()
    {
        var error = Assert.Throws<RrException>(() => ConfigurationEdit.Parse("remove virtio_net").ApplyTo(Virtio));

        Assert.That(error!.Message, Does.Contain("configuration 'hw_virtio' does not have component 'virtio_net'"));
    }
}
