using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

public sealed class BakeErrorTests
{
    private static string Output(string name) => Path.Combine(Guests.WorkDirectory, "bake-errors", name);

    [OneTimeSetUp]
    public void CreateOutputDirectory() => Directory.CreateDirectory(Path.Combine(Guests.WorkDirectory, "bake-errors"));

    private static async Task AssertOneLineErrorAsync(string[] arguments, string output, string expectedFragment)
    {
        var run = await Shell.RunAsync("rr-bake", arguments);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
            Assert.That(run.StandardError.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace: " + run);
            Assert.That(run.StandardError, Does.StartWith("rr-bake: "), run.ToString());
            Assert.That(run.StandardError, Does.Contain(expectedFragment).IgnoreCase, run.ToString());
            Assert.That(File.Exists(output), Is.False, "no output file may be left behind");
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(output)!, Path.GetFileName(output) + "*"), Is.Empty, "no temporary file may be left behind");
        });
    }

    [Test]
    public async Task A_missing_input_is_named()
    {
        var output = Output("missing.bin");
        await AssertOneLineErrorAsync(["hw_generic", output, "/nonexistent/program"], output, "/nonexistent/program");
    }

    [Test]
    public async Task A_text_file_is_not_an_unbaked_program()
    {
        var output = Output("text.bin");
        await AssertOneLineErrorAsync(["hw_generic", output, Path.Combine(RepoPaths.Guests, "exit_status.c")], output, "not an ELF");
    }

    [Test]
    public async Task A_host_executable_is_not_an_unbaked_program()
    {
        var output = Output("host.bin");
        await AssertOneLineErrorAsync(["hw_generic", output, "/bin/true"], output, "host executable");
    }

    [Test]
    public async Task An_unknown_configuration_points_to_rr_bake_list()
    {
        var program = await Guests.CompileAsync("exit_status");
        var output = Output("unknown-config.bin");
        await AssertOneLineErrorAsync(["hw_nonsense", output, program], output, "rr-bake list");
    }

    [Test]
    public async Task An_output_in_a_missing_directory_is_refused()
    {
        var program = await Guests.CompileAsync("exit_status");
        var output = Path.Combine(Guests.WorkDirectory, "no-such-dir", "out.bin");
        var run = await Shell.RunAsync("rr-bake", ["hw_generic", output, program]);

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
        Assert.That(run.StandardError.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.ToString());
        Assert.That(File.Exists(output), Is.False);
    }

    [Test]
    public async Task An_unwritable_output_is_refused()
    {
        var program = await Guests.CompileAsync("exit_status");
        var run = await Shell.RunAsync("rr-bake", ["hw_generic", "/proc/version/out.bin", program]);

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
        Assert.That(run.StandardError.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.ToString());
        Assert.That(run.StandardError, Does.StartWith("rr-bake: "), run.ToString());
    }

    [Test]
    public async Task List_names_the_configurations()
    {
        var run = await Shell.RunAsync("rr-bake", ["list"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("hw_generic").And.Contain("hw_virtio"));
    }

    [Test]
    public async Task Describe_shows_the_platform_of_a_configuration()
    {
        var run = await Shell.RunAsync("rr-bake", ["describe", "hw_generic"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("hw"));
    }
}
