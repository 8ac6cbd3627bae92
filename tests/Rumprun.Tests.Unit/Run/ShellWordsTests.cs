using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

public sealed class ShellWordsTests
{
    private static readonly string[][] TrickyWordLists =
    [
        ["plain", "words"],
        ["with space", "two  spaces", " leading", "trailing "],
        ["it's", "'", "''", "\"double\"", "mixed '\" quotes"],
        ["back\\slash", "\\", "\\\\", "ends with \\"],
        ["", "empty", ""],
        ["tab\there", "new\nline", "cr\rhere"],
        ["$HOME", "`cmd`", "*", "?", "[a]", "~", "#", "a;b", "a|b", "a&b", "(x)", "<in", ">out"],
        ["ünïcödé", "日本語", "emoji 😀", "ℵ"],
        ["--", "-x", "--flag=value", "a=b", "@file", "%s"],
    ];

    [TestCaseSource(nameof(TrickyWordLists))]
    public void Joining_and_splitting_gives_back_the_exact_words(string[] words)
    {
        Assert.That(ShellWords.Split(ShellWords.Join(words)), Is.EqualTo(words));
    }

    [Test]
    public void Safe_words_are_left_unquoted()
    {
        Assert.That(ShellWords.Join(["hello.bin", "-v", "a=b", "/usr/lib"]), Is.EqualTo("hello.bin -v a=b /usr/lib"));
    }

    [Test]
    public void An_empty_word_becomes_two_single_quotes()
    {
        Assert.That(ShellWords.Quote(""), Is.EqualTo("''"));
    }

    [Test]
    public void A_single_quote_steps_outside_the_quoted_part()
    {
        Assert.That(ShellWords.Quote("it's"), Is.EqualTo(@"'it'\''s'"));
    }

    [TestCase("a b  c", new[] { "a", "b", "c" })]
    [TestCase("  -smp 2 ", new[] { "-smp", "2" })]
    [TestCase("'a b' \"c d\" e\\ f", new[] { "a b", "c d", "e f" })]
    [TestCase("\"a\\\"b\\\\c\\$d\\x\"", new[] { "a\"b\\c$d\\x" })]
    [TestCase("'no \\ escapes'", new[] { "no \\ escapes" })]
    [TestCase("a''b \"\"", new[] { "ab", "" })]
    [TestCase("line\\\ncontinued", new[] { "linecontinued" })]
    [TestCase("", new string[0])]
    public void Splitting_follows_the_shell(string text, string[] expected)
    {
        Assert.That(ShellWords.Split(text), Is.EqualTo(expected));
    }

    [TestCase("'open")]
    [TestCase("\"open")]
    [TestCase("lone\\")]
    public void Unfinished_quoting_is_a_format_error(string text)
    {
        Assert.That(() => ShellWords.Split(text), Throws.TypeOf<FormatException>());
    }
}
