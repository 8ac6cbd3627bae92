using NUnit.Framework;
using Rumprun.Bake.Commands;
using Rumprun.Bake.Engine;
using Rumprun.Bake.Selection;
using Rumprun.Core;
using Rumprun.Core.Catalogue;
using Rumprun.Core.Cli;
using Rumprun.Core.Json;
using Rumprun.Core.Toolchain;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Bake;

public sealed class XenConfigurationTests
{
    private static string ConfigsDir => Path.Combine(RepoRoot.Path, "components", "configs");

    private static ConfigurationCatalogue TreeCatalogue() => ConfigurationCatalogue.Load(ConfigsDir, []);

    [Test]
    public void Xen_pv_is_refused_in_one_line_with_the_usage_status()
    {
        var error = Assert.Throws<UnsupportedConfigurationException>(() => TreeCatalogue().RefuseUnsupported("xen_pv"));

        Assert.That(error!.Message, Is.EqualTo("xen_pv: classic PV guests are not supported; PVH replaces them: use xen_pvh"));
        Assert.That(error.ExitCode, Is.EqualTo(ToolHost.UsageExitCode));
    }

    [Test]
    public void Xen_pvh_is_for_the_xen_platform_and_holds_everything_hw_generic_holds()
    {
        var catalogue = TreeCatalogue();

        var pvh = catalogue.Get("xen_pvh", "x");
        var generic = catalogue.Get("hw_generic", "x");

        Assert.That(pvh.Platform, Is.EqualTo("xen"));
        Assert.That(pvh.Unsupported, Is.Null);
        Assert.That(pvh.Components, Is.SupersetOf(generic.Components));
        Assert.DoesNotThrow(() => catalogue.RefuseUnsupported("xen_pvh"));
        Assert.DoesNotThrow(() => catalogue.RefuseUnsupported("no_such_configuration"));
    }

    [Test]
    public void An_unsupported_reason_must_be_one_line()
    {
        using var dir = new TempDirectory();
        var file = dir.File("old.json", """{ "description": "Old", "platform": "xen", "components": [], "unsupported": "no\nway" }""");

        var error = Assert.Throws<JsonFileException>(() => ConfigurationCatalogue.ReadFile(file));

        Assert.That(error!.Message, Does.Contain("\"unsupported\" must be one non-empty line"));
    }

    [Test]
    public void Baking_xen_pv_is_refused_before_the_input_is_read_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var layout = new InstallLayout(dir.Combine("prefix"));
        Directory.CreateDirectory(layout.ConfigurationDir);
        File.Copy(Path.Combine(ConfigsDir, "xen_pv.json"), Path.Combine(layout.ConfigurationDir, "xen_pv.json"));
        var options = new BakeOptions(layout, "xen_pv", [], [], dir.Combine("out.bin"), dir.Combine("missing-input"), Verbosity.Quiet, null);

        var error = Assert.ThrowsAsync<UnsupportedConfigurationException>(() => new BakeEngine(options).RunAsync(CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("xen_pv: "));
        Assert.That(File.Exists(dir.Combine("out.bin")), Is.False);
    }

    [Test]
    public void A_xen_configuration_without_the_xen_platform_installed_says_to_run_rr_build_xen_first()
    {
        using var dir = new TempDirectory();
        var layout = new InstallLayout(dir.Combine("prefix"));
        Directory.CreateDirectory(Path.GetDirectoryName(layout.PlatformObject)!);
        File.WriteAllText(layout.PlatformObject, "hw only");
        var pvh = ConfigurationCatalogue.ReadFile(Path.Combine(ConfigsDir, "xen_pvh.json"));

        var error = Assert.Throws<RrException>(() => new InstalledComponents(layout).Objects(pvh));

        Assert.That(error!.Message, Does.Contain("is for platform xen, which is not installed"));
        Assert.That(error.Message, Does.EndWith("run rr-build xen first"));
    }

    [Test]
    public void A_xen_configuration_links_the_xen_platform_object_and_linker_script()
    {
        using var dir = new TempDirectory();
        var prefix = dir.Combine("prefix");
        var xen = new InstallLayout(prefix, "xen");
        Directory.CreateDirectory(xen.PlatformLibDir);
        File.WriteAllText(xen.PlatformObject, "xen");
        var pvh = ConfigurationCatalogue.ReadFile(Path.Combine(ConfigsDir, "xen_pvh.json"));
        Directory.CreateDirectory(xen.ComponentObjectDir);
        Directory.CreateDirectory(xen.ManifestDir);
        foreach (var name in pvh.Components)
        {
            File.WriteAllText(xen.ComponentObject(name), name);
            File.Copy(Path.Combine(RepoRoot.Path, "components", name, "component.json"), xen.Manifest(name));
        }

        var objects = new InstalledComponents(new InstallLayout(prefix)).Objects(pvh);
        var arguments = ImageLinker.Arguments(new InstallLayout(prefix) with { Platform = pvh.Platform }, objects, "p.o", null, "out");

        Assert.That(objects, Is.EqualTo(pvh.Components.Select(xen.ComponentObject)));
        Assert.That(arguments, Does.Contain(Path.Combine(prefix, "lib", "rumprun-xen", "platform.o")));
        Assert.That(arguments, Does.Contain(Path.Combine(prefix, "lib", "rumprun-xen", "image.ld")));
        Assert.That(arguments.Where(a => a.Contains("rumprun-hw", StringComparison.Ordinal)), Is.Empty);
    }
}
