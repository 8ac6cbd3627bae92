using NUnit.Framework;
using Rumprun.Build.Install;

namespace Rumprun.Tests.Unit.Build;

public sealed class TemplateSubstitutionTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["PREFIX"] = "/opt/rumprun",
        ["TUPLE"] = "x86_64-rumprun-netbsd",
        ["TOOL"] = "gcc",
    };

    [Test]
    public void Every_placeholder_is_replaced_by_its_value()
    {
        var text = TemplateSubstitution.Apply("#!/bin/sh\nexec '@PREFIX@/bin/@TUPLE@-@TOOL@' x\n", Values, "t.in");

        Assert.That(text, Is.EqualTo("#!/bin/sh\nexec '/opt/rumprun/bin/x86_64-rumprun-netbsd-gcc' x\n"));
    }

    [Test]
    public void Shell_syntax_with_at_signs_is_left_alone()
    {
        const string shell = "exec \"$@\" # mail me@example.org; echo \"$@\"@lower@\n";

        Assert.That(TemplateSubstitution.Apply(shell, Values, "t.in"), Is.EqualTo(shell));
    }

    [Test]
    public void An_unknown_placeholder_is_an_error_naming_the_file_line_and_placeholder()
    {
        var error = Assert.Throws<TemplateException>(() =>
            TemplateSubstitution.Apply("line one @PREFIX@\nline two @PERFIX@\n", Values, "toolchain-wrappers/cc.sh.in"));

        Assert.That(error!.Placeholder, Is.EqualTo("PERFIX"));
        Assert.That(error.Message, Does.StartWith("toolchain-wrappers/cc.sh.in:2: unknown placeholder @PERFIX@"));
    }

    [Test]
    public void The_shipped_templates_use_only_known_placeholders()
    {
        var wrappers = Path.Combine(Support.RepoRoot.Path, "toolchain-wrappers");
        var known = new Dictionary<string, string>
        {
            ["PREFIX"] = "p", ["SYSROOT"] = "s", ["TUPLE"] = "t", ["CC"] = "c", ["CC_INCLUDE"] = "i", ["OBJDIR"] = "o",
            ["PLATFORM"] = "hw", ["TOOLS_DIR"] = "d", ["DOTNET"] = "n", ["SOURCE_DIR"] = "r",
        };

        foreach (var entry in WrapperEntry.ReadAll(Path.Combine(wrappers, "wrappers.json")))
        {
            var values = new Dictionary<string, string>(known);
            foreach (var (name, value) in entry.Vars ?? new Dictionary<string, string>())
            {
                values[name] = value;
            }

            var text = TemplateSubstitution.Apply(File.ReadAllText(Path.Combine(wrappers, entry.Template)), values, entry.Template);
            Assert.That(text, Does.Not.Match("@[A-Z][A-Z0-9_]*@"), entry.Template);
        }
    }
}
