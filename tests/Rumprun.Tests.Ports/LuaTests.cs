using NUnit.Framework;
using Rumprun.Tests.Ports.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.Ports;

/// <summary>The Lua interpreter: from a pipe, from the image's root file system, at a terminal, and its differential checks.</summary>
public sealed class LuaTests
{
    private static string Image => RepoPaths.Image("lua", "lua.bin");

    [OneTimeSetUp]
    public async Task BuildAsync()
    {
        var build = await PortShell.PortAsync("build", "lua");
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        Assert.That(build.StandardOutput.Trim(), Is.EqualTo(Image));
    }

    [Test]
    public async Task A_script_piped_in_runs()
    {
        var run = await PortShell.BootAsync(Image, "print(1+1)\n"u8.ToArray());

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo("2\n"));
    }

    [Test]
    public async Task A_script_runs_from_the_images_root_file_system()
    {
        var run = await PortShell.BootAsync(Image, [], "scripts/hello.lua", "one");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Does.StartWith("hello from scripts/hello.lua\n1\tone\n"));
    }

    [Test]
    public async Task The_repl_works_at_a_terminal()
    {
        // util-linux script gives rr-run a terminal; the keys are typed once the guest is up, as a person would.
        const string keys = "sleep 0.5; printf 'print(6*7)\\r'; sleep 0.5; printf 'x = 1\\1775\\r'; sleep 0.5; printf 'print(x + 1)\\r'; sleep 0.5; printf '\\004'";
        var run = await PortShell.RunAsync(
            "sh", ["-c", $"(sleep 2; {keys}) | script -q -e -f -c 'rr-run qemu -i {Image}' /dev/null"],
            timeout: TimeSpan.FromSeconds(60));

        var screen = run.StandardOutput;
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(screen, Does.Contain("Lua 5.4.4"), "the banner of an interactive session: " + run);
            Assert.That(screen, Does.Contain("> print(6*7)\r\n42\r\n"), "prompt, echo and result: " + run);
            Assert.That(screen, Does.Contain("\r\n6\r\n"), "backspace replaced the 1 by a 5: " + run);
        });
    }

    [Test]
    public async Task Lua_checks_agree_with_the_native_build()
    {
        var check = await PortShell.PortAsync("check", "lua");

        Assert.That(check.ExitCode, Is.Zero, check.ToString());
        Assert.That(check.StandardOutput, Does.Contain("PASS format").And.Contain("PASS coroutines").And.Contain("PASS error"));
        Assert.That(check.StandardOutput, Does.Match(@"lua: (\d+) checks, \1 passed, 0 failed, 0 skipped"));
    }
}
