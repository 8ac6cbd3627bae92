using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>
/// A person at a terminal: util-linux `script` gives rr-run a pseudo-terminal, and what we
/// write to script's stdin is what the person types. Like a person, the typist waits for the
/// guest to start: keys typed before rr-run owns the terminal belong to the host's terminal.
/// </summary>
public sealed class TerminalTests
{
    /// <summary>Each element is typed after a pause; printf escapes (\r, \177, \003) are allowed.</summary>
    private static async Task<ProcessResult> TypeAtAsync(string image, params string[] keystrokes)
    {
        var typist = string.Join("; ", keystrokes.Select(k => $"sleep 0.4; printf '{k}'"));
        return await Shell.RunAsync(
            "sh",
            ["-c", $"(sleep 2; {typist}) | script -q -e -f -c 'rr-run qemu -i {image}' /dev/null"],
            timeout: TimeSpan.FromSeconds(60));
    }

    [Test]
    public async Task Typed_lines_are_echoed_by_the_guest_and_Ctrl_C_ends_it_with_status_130()
    {
        var image = await Guests.ImageAsync("cat_stdin");

        var run = await TypeAtAsync(image, "abc\\r", "xy\\177z\\r", "\\003");

        var screen = run.StandardOutput;
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(130), run.ToString());
            Assert.That(screen, Does.Contain("abc\r\nabc\r\n"), "the line is echoed as typed, then printed by the program: " + run);
            Assert.That(screen, Does.Contain("xz\r\n"), "backspace erased the y: " + run);
            Assert.That(screen, Does.Not.Contain("xyz"), run.ToString());
            Assert.That(screen, Does.Contain("^C"), run.ToString());
        });
    }

    [Test]
    public async Task Ctrl_D_at_the_start_of_a_line_is_end_of_file()
    {
        var image = await Guests.ImageAsync("cat_stdin");

        var run = await TypeAtAsync(image, "last\\r", "\\004");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("[5 bytes]"), run.ToString());
    }
}
