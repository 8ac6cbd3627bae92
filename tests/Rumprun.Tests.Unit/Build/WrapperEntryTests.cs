using NUnit.Framework;
using Rumprun.Build.Install;
using Rumprun.Core;
using Rumprun.Core.Json;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Build;

public sealed class WrapperEntryTests
{
    [Test]
    public void An_output_goes_under_DESTDIR_unless_it_starts_with_OBJDIR()
    {
        var wrapper = new WrapperEntry("cc.sh.in", "bin/x86_64-rumprun-netbsd-gcc", "755");
        var script = new WrapperEntry("config-PATH.sh.in", "$OBJDIR/config-PATH.sh", "644");

        Assert.That(wrapper.ResolveOutput("/d", "/o"), Is.EqualTo("/d/bin/x86_64-rumprun-netbsd-gcc"));
        Assert.That(script.ResolveOutput("/d", "/o"), Is.EqualTo("/o/config-PATH.sh"));
    }

    [Test]
    public void The_mode_is_read_as_octal()
    {
        var mode = new WrapperEntry("t", "bin/x", "755").FileMode("w.json");

        Assert.That((int)mode, Is.EqualTo(493));
    }

    [Test]
    public void A_mode_that_is_not_octal_is_an_error()
    {
        Assert.Throws<JsonFileException>(() => new WrapperEntry("t", "bin/x", "rwx").FileMode("w.json"));
    }

    [Test]
    public void An_output_that_escapes_the_install_tree_is_refused()
    {
        using var dir = new TempDirectory();
        var manifest = dir.File("wrappers.json", """[ { "template": "t", "output": "../etc/passwd", "mode": "644" } ]""");

        var error = Assert.Throws<RrException>(() => WrapperEntry.ReadAll(manifest));

        Assert.That(error!.Message, Does.Contain("must stay inside DESTDIR or $OBJDIR"));
    }

    [Test]
    public void Entries_are_read_with_their_variables()
    {
        using var dir = new TempDirectory();
        var manifest = dir.File("wrappers.json", """[ { "template": "binutil.sh.in", "output": "bin/x-ar", "mode": "755", "vars": { "TOOL": "ar" } } ]""");

        var entries = WrapperEntry.ReadAll(manifest);

        Assert.That(entries, Has.Count.EqualTo(1));
        Assert.That(entries[0].Vars!["TOOL"], Is.EqualTo("ar"));
    }
}
