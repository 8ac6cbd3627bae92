using NUnit.Framework;
using Rumprun.Build.Platform;
using Rumprun.Core.Json;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Build;

public sealed class PlatformVariantTests
{
    private const string BuildJson = """
        {
          "cflags": ["-Os"],
          "asflags": ["-fno-pie"],
          "sources": ["kern", "drivers"],
          "linker_script": "image.ld",
          "platforms": { "xen": { "sources": ["xen"], "cflags": ["-DRR_PLATFORM_XEN"] } }
        }
        """;

    private static TempDirectory PlatformTree(string buildJson, params string[] folders)
    {
        var dir = new TempDirectory();
        dir.File("build.json", buildJson);
        dir.File("image.ld", "SECTIONS {}");
        foreach (var folder in folders)
        {
            Directory.CreateDirectory(dir.Combine(folder));
        }

        return dir;
    }

    [Test]
    public void Xen_adds_its_folder_after_the_shared_ones_and_its_define_to_c_and_assembler_flags()
    {
        using var dir = PlatformTree(BuildJson, "kern", "drivers", "xen");

        var xen = PlatformBuildFile.Read(dir.Path).ForPlatform("xen");

        Assert.That(xen.Sources, Is.EqualTo(new[] { "kern", "drivers", "xen" }));
        Assert.That(xen.Cflags, Is.EqualTo(new[] { "-Os", "-DRR_PLATFORM_XEN" }));
        Assert.That(xen.AsflagsOrEmpty, Is.EqualTo(new[] { "-fno-pie", "-DRR_PLATFORM_XEN" }));
        Assert.That(xen.Platforms, Is.Null);
    }

    [Test]
    public void A_platform_without_an_entry_builds_the_shared_kernel_unchanged()
    {
        using var dir = PlatformTree(BuildJson, "kern", "drivers", "xen");

        var hw = PlatformBuildFile.Read(dir.Path).ForPlatform("hw");

        Assert.That(hw.Sources, Is.EqualTo(new[] { "kern", "drivers" }));
        Assert.That(hw.Cflags, Is.EqualTo(new[] { "-Os" }));
        Assert.That(hw.AsflagsOrEmpty, Is.EqualTo(new[] { "-fno-pie" }));
    }

    [Test]
    public void A_platform_folder_that_does_not_exist_is_an_error_naming_it()
    {
        using var dir = PlatformTree(BuildJson, "kern", "drivers");

        var error = Assert.Throws<JsonFileException>(() => PlatformBuildFile.Read(dir.Path));

        Assert.That(error!.Message, Does.Contain("source folder 'xen' does not exist"));
    }

    [Test]
    public void An_unknown_key_in_a_platform_entry_is_refused()
    {
        using var dir = PlatformTree(BuildJson.Replace("\"cflags\": [\"-DRR", "\"cflag\": [\"-DRR", StringComparison.Ordinal), "kern", "drivers", "xen");

        var error = Assert.Throws<JsonFileException>(() => PlatformBuildFile.Read(dir.Path));

        Assert.That(error!.Message, Does.Contain("cflag"));
    }

    [Test]
    public void The_tree_builds_hw_without_the_xen_layer_and_xen_with_it()
    {
        var file = PlatformBuildFile.Read(Path.Combine(RepoRoot.Path, "platform"));

        var hw = file.ForPlatform("hw");
        var xen = file.ForPlatform("xen");

        Assert.That(hw.Sources.Where(s => s.StartsWith("xen", StringComparison.Ordinal)), Is.Empty);
        Assert.That(hw.Cflags, Does.Not.Contain("-DRR_PLATFORM_XEN"));
        Assert.That(xen.Sources, Is.SupersetOf(hw.Sources));
        Assert.That(xen.Sources, Does.Contain("xen").And.Contain("xen/logic"));
        Assert.That(xen.Cflags, Does.Contain("-DRR_PLATFORM_XEN"));
    }
}
