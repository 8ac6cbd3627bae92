using NUnit.Framework;
using Rumprun.Build.Compilation;

namespace Rumprun.Tests.Unit.Build;

public sealed class DependencyFileTests
{
    [Test]
    public void Prerequisites_are_read_across_continuation_lines()
    {
        const string rule = "/o/kern/exit.o: /src/kern/exit.c /src/include/rr/kern.h \\\n /src/include/rr/errno.h \\\n /o/gen/include/rr/syscall_nr.h\n";

        Assert.That(DependencyFile.Parse(rule), Is.EqualTo(new[]
        {
            "/src/kern/exit.c", "/src/include/rr/kern.h", "/src/include/rr/errno.h", "/o/gen/include/rr/syscall_nr.h",
        }));
    }

    [Test]
    public void Escaped_spaces_and_dollars_are_undone()
    {
        const string rule = "a.o: my\\ dir/a.c cost$$.h\n";

        Assert.That(DependencyFile.Parse(rule), Is.EqualTo(new[] { "my dir/a.c", "cost$.h" }));
    }

    [Test]
    public void Text_without_a_rule_has_no_prerequisites()
    {
        Assert.That(DependencyFile.Parse(""), Is.Empty);
    }
}
