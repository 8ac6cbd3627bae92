using NUnit.Framework;
using Rumprun.Build.Components;
using Rumprun.Build.Install;
using Rumprun.Core.Catalogue;
using Rumprun.Core.Toolchain;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Build;

public sealed class PlatformInstallerTests
{
    private static ComponentSource Component(TempDirectory dir, string name, params string[] platforms)
    {
        var json = $$"""{ "description": "{{name}}", "platforms": [{{string.Join(", ", platforms.Select(p => $"\"{p}\""))}}] }""";
        var path = dir.File($"components/{name}/component.json", json);
        return new ComponentSource(name, Path.GetDirectoryName(path)!, path, new ComponentManifest(name, platforms));
    }

    [Test]
    public void Installing_xen_without_components_keeps_every_manifest_and_leaves_hw_alone()
    {
        using var dir = new TempDirectory();
        var blk = Component(dir, "virtio_blk", "hw");
        var pci = Component(dir, "pci", "hw");
        var platformObject = dir.File("obj/platform.o", "object");
        var script = dir.File("platform/image.ld", "SECTIONS {}");
        dir.File("components/configs/xen_pvh.json", """{ "description": "x", "platform": "xen", "components": [] }""");
        var prefix = dir.Combine("prefix");
        var hw = new InstallLayout(prefix, "hw");
        var blkObject = dir.File("obj/virtio_blk.o", "blk");
        PlatformInstaller.Install(hw, platformObject, script, [(blk, blkObject)], dir.Combine("components", "configs"), [blk, pci]);

        var xen = new InstallLayout(prefix, "xen");
        PlatformInstaller.Install(xen, platformObject, script, [], dir.Combine("components", "configs"), [blk, pci]);

        Assert.That(File.Exists(xen.PlatformObject), Is.True);
        Assert.That(File.Exists(xen.LinkerScript), Is.True);
        Assert.That(File.Exists(hw.ComponentObject("virtio_blk")), Is.True, "the hw component stays");
        Assert.That(File.Exists(xen.ComponentObject("virtio_blk")), Is.False);
        Assert.That(File.Exists(xen.Manifest("virtio_blk")), Is.True, "manifests are shared by both platforms");
        Assert.That(File.Exists(xen.Manifest("pci")), Is.True);
        Assert.That(File.Exists(Path.Combine(xen.ConfigurationDir, "xen_pvh.json")), Is.True);
    }

    [Test]
    public void A_manifest_of_a_component_gone_from_the_tree_is_removed()
    {
        using var dir = new TempDirectory();
        var pci = Component(dir, "pci", "hw");
        var platformObject = dir.File("obj/platform.o", "object");
        var script = dir.File("platform/image.ld", "SECTIONS {}");
        var layout = new InstallLayout(dir.Combine("prefix"), "xen");
        dir.File("prefix/share/rumprun/components/old.json", "{}");

        PlatformInstaller.Install(layout, platformObject, script, [], dir.Combine("components", "configs"), [pci]);

        Assert.That(File.Exists(layout.Manifest("old")), Is.False);
        Assert.That(File.Exists(layout.Manifest("pci")), Is.True);
    }
}
