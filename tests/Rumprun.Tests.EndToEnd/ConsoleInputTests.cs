using System.Text;
using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;

namespace Rumprun.Tests.EndToEnd;

public sealed class ConsoleInputTests
{
    [Test]
    public async Task Text_piped_to_rr_run_reaches_the_program_unchanged_and_ends_with_end_of_file()
    {
        var input = "first line\nsecond line\n\ttabbed\r\nno newline at the end";

        var run = await Guest.RunGuestAsync("cat_stdin", standardInput: Encoding.UTF8.GetBytes(input));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.StandardOutput, Is.EqualTo(input + $"\n[{Encoding.UTF8.GetByteCount(input)} bytes]\n"), run.ToString());
        });
    }

    [Test]
    public async Task Every_byte_value_including_0xFF_and_NUL_passes_through_stdin_and_stdout()
    {
        var input = new byte[3 * 256];
        for (var i = 0; i < input.Length; i++)
            input[i] = (byte)(255 - i % 256);

        var run = await Guest.RunGuestAsync("cat_stdin", standardInput: input);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var expected = input.Concat(Encoding.ASCII.GetBytes($"\n[{input.Length} bytes]\n")).ToArray();
        Assert.That(run.StandardOutputBytes, Is.EqualTo(expected));
    }

    [Test]
    public async Task An_empty_stdin_is_end_of_file_at_once()
    {
        var run = await Guest.RunGuestAsync("cat_stdin", standardInput: []);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo("\n[0 bytes]\n"), run.ToString());
    }

    [Test]
    public async Task A_large_input_arrives_complete()
    {
        var line = "0123456789abcdefghijklmnopqrstuvwxyz\n";
        var input = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(line, 2000)));

        var run = await Guest.RunGuestAsync("cat_stdin", standardInput: input);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutputBytes.Length, Is.EqualTo(input.Length + $"\n[{input.Length} bytes]\n".Length), run.StandardError);
        Assert.That(run.StandardOutputBytes.Take(input.Length).ToArray(), Is.EqualTo(input));
    }
}
