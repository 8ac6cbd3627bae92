using System.Text;
using NUnit.Framework;
using Rumprun.Port.Checking;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Port;

public sealed class ProgramRunnerTests
{
    [Test]
    public async Task Native_stdout_and_stderr_keep_the_order_the_program_wrote_them_in()
    {
        // The guest has one console, so the native side must not reorder the two streams.
        using var dir = new TempDirectory();
        const string script = "i=0; while [ $i -lt 300 ]; do echo out$i; echo err$i >&2; i=$((i+1)); done";

        var result = await ProgramRunner.RunNativeAsync("/bin/sh", "demo.bin", ["-c", script], [], dir.Path, TimeSpan.FromSeconds(30), CancellationToken.None);

        var expected = string.Concat(Enumerable.Range(0, 300).Select(i => $"out{i}\nerr{i}\n"));
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(0));
            Assert.That(Encoding.ASCII.GetString(result.Output), Is.EqualTo(expected));
        });
    }

    [Test]
    public async Task The_native_program_gets_the_image_name_as_argv0_stdin_and_an_empty_environment()
    {
        using var dir = new TempDirectory();

        var result = await ProgramRunner.RunNativeAsync(
            "/bin/bash", "sqlite3.bin", ["-c", "echo \"$0\"; cat; env | grep -v '^\\(PWD\\|SHLVL\\|_\\)=' | wc -l"],
            Encoding.ASCII.GetBytes("from stdin\n"), dir.Path, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.That(Encoding.ASCII.GetString(result.Output), Is.EqualTo("sqlite3.bin\nfrom stdin\n0\n"));
    }

    [Test]
    public async Task A_missing_native_program_is_status_127_with_the_shells_words_in_the_output()
    {
        using var dir = new TempDirectory();

        var result = await ProgramRunner.RunNativeAsync(
            dir.Combine("no-such-program"), "x.bin", [], [], dir.Path, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(127));
            Assert.That(Encoding.ASCII.GetString(result.Output), Does.Contain("no-such-program"));
        });
    }
}
