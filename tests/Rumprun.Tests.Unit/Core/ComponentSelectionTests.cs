using NUnit.Framework;
using Rumprun.Core;
using Rumprun.Core.Catalogue;

namespace Rumprun.Tests.Unit.Core;

public sealed class ComponentSelectionTests
{
    private static ComponentManifest Needs(params string[] depends) => new("d", ["hw"], depends);

    [Test]
    public void Dependencies_are_added_before_the_components_that_need_them()
    {
        var manifests = new Dictionary<string, ComponentManifest>
        {
            ["virtio_rng"] = Needs("virtio"),
            ["virtio"] = Needs("pci"),
            ["pci"] = Needs(),
        };

        var selected = ComponentSelection.Resolve(["virtio_rng"], manifests.GetValueOrDefault);

        Assert.That(selected, Is.EqualTo(new[] { "pci", "virtio", "virtio_rng" }));
    }

    [Test]
    public void A_component_needed_twice_is_linked_once()
    {
        var manifests = new Dictionary<string, ComponentManifest>
        {
            ["virtio_rng"] = Needs("virtio"),
            ["virtio_blk"] = Needs("virtio"),
            ["virtio"] = Needs(),
        };

        var selected = ComponentSelection.Resolve(["virtio_rng", "virtio_blk", "virtio"], manifests.GetValueOrDefault);

        Assert.That(selected, Is.EqualTo(new[] { "virtio", "virtio_rng", "virtio_blk" }));
    }

    [Test]
    public void A_component_without_a_manifest_depends_on_nothing()
    {
        var selected = ComponentSelection.Resolve(["pci"], _ => null);

        Assert.That(selected, Is.EqualTo(new[] { "pci" }));
    }

    [Test]
    public void A_dependency_cycle_is_an_error_that_shows_the_cycle()
    {
        var manifests = new Dictionary<string, ComponentManifest> { ["a"] = Needs("b"), ["b"] = Needs("a") };

        var error = Assert.Throws<RrException>(() => ComponentSelection.Resolve(["a"], manifests.GetValueOrDefault));

        Assert.That(error!.Message, Does.Contain("a -> b -> a"));
    }
}
