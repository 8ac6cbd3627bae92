using System.Text.Json;
using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

public sealed class GuestConfigurationTests
{
    private static JsonElement Parse(GuestConfiguration configuration) =>
        JsonDocument.Parse(configuration.ToJson()).RootElement;

    private static GuestConfiguration For(params string[] programArguments) =>
        GuestConfiguration.For(
            RunRequest.For(Accelerator.Tcg, "/images/hello.bin").WithProgramArguments(programArguments),
            ConsoleMode.Raw);

    [Test]
    public void The_program_name_is_argv0_and_the_arguments_follow()
    {
        var json = Parse(For("one", "two"));

        Assert.That(json.GetProperty("cmdline").GetString(), Is.EqualTo("hello.bin one two"));
    }

    [TestCase("with space", "it's", "\"q\"", "back\\slash", "", "ünïcödé 😀", "tab\tnew\nline", "$HOME * ;")]
    public void Tricky_arguments_come_back_exactly_from_the_command_line(params string[] arguments)
    {
        var cmdline = Parse(For(arguments)).GetProperty("cmdline").GetString()!;

        Assert.That(ShellWords.Split(cmdline), Is.EqualTo(arguments.Prepend("hello.bin")));
    }

    [Test]
    public void The_environment_is_an_array_in_the_order_given()
    {
        var request = RunRequest.For(Accelerator.Tcg, "hello.bin").WithEnvironment("B=2", "A=x y", "EMPTY=");

        var env = Parse(GuestConfiguration.For(request, ConsoleMode.Raw)).GetProperty("env");

        Assert.That(env.EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "B=2", "A=x y", "EMPTY=" }));
    }

    [Test]
    public void An_empty_environment_is_an_empty_array()
    {
        Assert.That(Parse(For()).GetProperty("env").GetArrayLength(), Is.Zero);
    }

    [TestCase(ConsoleMode.Tty, "tty")]
    [TestCase(ConsoleMode.Raw, "raw")]
    public void The_console_mode_is_named_as_the_contract_says(ConsoleMode mode, string expected)
    {
        Assert.That(Parse(For().WithConsole(mode)).GetProperty("console").GetString(), Is.EqualTo(expected));
    }

    [Test]
    public void The_seed_is_32_random_bytes_in_hex_and_differs_between_boots()
    {
        var first = Parse(For()).GetProperty("seed").GetString()!;
        var second = Parse(For()).GetProperty("seed").GetString()!;

        Assert.That(first, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void Only_the_contract_keys_appear_and_hostname_only_when_set()
    {
        var keys = Parse(For()).EnumerateObject().Select(p => p.Name);
        var withHost = Parse(For().WithHostname("box")).GetProperty("hostname").GetString();

        Assert.That(keys, Is.EquivalentTo(new[] { "cmdline", "env", "console", "seed" }));
        Assert.That(withHost, Is.EqualTo("box"));
    }

    [Test]
    public void The_json_is_one_line_with_non_ascii_text_as_utf8()
    {
        var json = For("ünï", "line\nbreak").ToJson();

        Assert.That(json, Does.Not.Contain("\n"));
        Assert.That(json, Does.Contain("ünï"));
        Assert.That(json, Does.Contain("\\n"));
    }

    [Test]
    public void Json_specials_in_arguments_are_escaped()
    {
        var json = For("\"quoted\"", "back\\slash", "\u0001").ToJson();

        Assert.That(() => JsonDocument.Parse(json), Throws.Nothing);
        Assert.That(json, Does.Contain("\\u0001"));
    }
}
