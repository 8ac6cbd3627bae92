using System.Text;
using NUnit.Framework;
using Rumprun.Port.Checking;

namespace Rumprun.Tests.Unit.Port;

public sealed class OutputMaskTests
{
    private const string TimeAndPid = @"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d \[emerg\] \d+#0: ";

    [Test]
    public void Lines_that_differ_only_in_the_masked_text_become_equal()
    {
        var native = Apply("2026/11/27 08:18:25 [emerg] 3779#0: unknown directive\nnginx: test failed\n", TimeAndPid);
        var guest = Apply("2026/11/27 08:18:26 [emerg] 1#0: unknown directive\nnginx: test failed\n", TimeAndPid);

        Assert.That(native, Is.EqualTo("<masked>unknown directive\nnginx: test failed\n"));
        Assert.That(guest, Is.EqualTo(native));
    }

    [Test]
    public void The_rest_of_the_output_is_still_compared()
    {
        var native = Apply("2026/11/27 08:18:25 [emerg] 3779#0: unknown directive \"a\"\n", TimeAndPid);
        var guest = Apply("2026/11/27 08:18:25 [emerg] 1#0: unknown directive \"b\"\n", TimeAndPid);

        Assert.That(guest, Is.Not.EqualTo(native));
    }

    [Test]
    public void Every_byte_outside_a_match_is_kept_as_it_was()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).Concat("pid 42\n"u8.ToArray()).ToArray();

        var masked = OutputMask.Apply([@"pid \d+"], bytes);

        Assert.That(masked, Is.EqualTo(bytes[..256].Concat("<masked>\n"u8.ToArray()).ToArray()));
        Assert.That(OutputMask.Apply([], bytes), Is.SameAs(bytes));
    }

    [TestCase(@"\d+", null)]
    [TestCase("(", "is not a regular expression")]
    [TestCase("x?", "matches the empty string")]
    public void Patterns_are_checked_before_use(string pattern, string? problem)
    {
        if (problem is null)
            Assert.That(OutputMask.Problem(pattern), Is.Null);
        else
            Assert.That(OutputMask.Problem(pattern), Does.StartWith(problem));
    }

    private static string Apply(string text, params string[] masks) =>
        Encoding.Latin1.GetString(OutputMask.Apply(masks, Encoding.Latin1.GetBytes(text)));
}
