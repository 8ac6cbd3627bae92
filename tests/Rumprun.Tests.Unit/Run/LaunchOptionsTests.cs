using System.Runtime.Versioning;
using System.CommandLine;
using NUnit.Framework;
using Rumprun.Core.Run;
using Rumprun.Run;

namespace Rumprun.Tests.Unit.Run;

[SupportedOSPlatform("linux")]
public sealed class LaunchOptionsTests
{
    private static RunRequest Parse(params string[] args)
    {
        var options = new LaunchOptions();
        var command = new Command("qemu");
        options.AddTo(command);
        var parse = command.Parse(args);
        if (parse.Errors.Count > 0)
            throw new AssertionException(parse.Errors[0].Message);
        return options.ToRequest(parse, Accelerator.Tcg);
    }

    private static IReadOnlyList<string> ParseErrors(params string[] args)
    {
        var command = RootCommandFactory.Create();
        return [.. command.Parse(args).Errors.Select(e => e.Message)];
    }

    [Test]
    public void The_defaults_are_detached_64_MB_and_no_extras()
    {
        var request = Parse("hello.bin");

        Assert.That(request, Is.EqualTo(RunRequest.For(Accelerator.Tcg, "hello.bin")));
        Assert.That(request.MemoryMegabytes, Is.EqualTo(64));
        Assert.That(request.Attached, Is.False);
    }

    [Test]
    public void Every_option_reaches_the_request()
    {
        var request = Parse("-i", "-M", "128", "-e", "A=1", "-e", "B=two words", "-g", "-smp 2 -name 'x y'",
            "-D", "1234", "-p", "-N", "web", "-d", "hello.bin", "--", "-v", "", "a b");

        Assert.Multiple(() =>
        {
            Assert.That(request.Attached, Is.True);
            Assert.That(request.MemoryMegabytes, Is.EqualTo(128));
            Assert.That(request.Environment, Is.EqualTo(new[] { "A=1", "B=two words" }));
            Assert.That(request.HypervisorArguments, Is.EqualTo(new[] { "-smp", "2", "-name", "x y" }));
            Assert.That(request.GdbPort, Is.EqualTo(1234));
            Assert.That(request.Paused, Is.True);
            Assert.That(request.Name, Is.EqualTo("web"));
            Assert.That(request.ImagePath, Is.EqualTo("hello.bin"));
            Assert.That(request.Argv, Is.EqualTo(new[] { "hello.bin", "-v", "", "a b" }));
        });
    }

    [Test]
    public void A_hypervisor_argument_that_looks_like_an_option_is_taken_as_the_value_of_g()
    {
        Assert.That(Parse("-g", "-no-such-qemu-option", "hello.bin").HypervisorArguments, Is.EqualTo(new[] { "-no-such-qemu-option" }));
    }

    [Test]
    public void An_environment_option_does_not_swallow_the_image()
    {
        var request = Parse("-e", "A=1", "hello.bin");

        Assert.That(request.ImagePath, Is.EqualTo("hello.bin"));
        Assert.That(request.Environment, Is.EqualTo(new[] { "A=1" }));
    }

    [Test]
    public void Argv0_is_the_image_file_name_without_its_directory()
    {
        Assert.That(Parse("/some/dir/prog.bin").Argv, Is.EqualTo(new[] { "prog.bin" }));
    }

    [TestCase("NOEQUALS", "NOEQUALS")]
    [TestCase("=value", "not a variable name")]
    [TestCase("1A=x", "not a variable name")]
    [TestCase("A-B=x", "not a variable name")]
    public void A_bad_environment_setting_is_a_usage_error_that_names_it(string setting, string expected)
    {
        var error = Assert.Throws<RunException>(() => Parse("-e", setting, "hello.bin"))!;

        Assert.That(error.ExitCode, Is.EqualTo(RunExitCodes.Usage));
        Assert.That(error.Message, Does.Contain(expected));
    }

    [TestCase("A=")]
    [TestCase("A==b")]
    [TestCase("_x1=a b=c")]
    public void Unusual_but_valid_environment_settings_are_accepted(string setting)
    {
        Assert.That(Parse("-e", setting, "hello.bin").Environment, Is.EqualTo(new[] { setting }));
    }

    [TestCase("-M", "0", "-M 0")]
    [TestCase("-M", "1", "at least")]
    [TestCase("-D", "0", "not a TCP port")]
    [TestCase("-D", "70000", "not a TCP port")]
    [TestCase("-N", "a/b", "-N 'a/b'")]
    [TestCase("-N", ".hidden", "-N '.hidden'")]
    [TestCase("-g", "'unclosed", "quote")]
    public void Out_of_range_values_are_usage_errors(string option, string value, string expected)
    {
        var error = Assert.Throws<RunException>(() => Parse(option, value, "hello.bin"))!;

        Assert.That(error.ExitCode, Is.EqualTo(RunExitCodes.Usage));
        Assert.That(error.Message, Does.Contain(expected));
    }

    [Test]
    public void A_missing_image_is_a_parse_error()
    {
        Assert.That(ParseErrors("qemu", "-i"), Is.Not.Empty);
    }

    [Test]
    public void Memory_must_be_a_number()
    {
        Assert.That(ParseErrors("qemu", "-M", "lots", "hello.bin"), Is.Not.Empty);
    }

    [Test]
    public void Dry_run_is_accepted_before_the_platform()
    {
        Assert.That(ParseErrors("--dry-run", "kvm", "-i", "hello.bin"), Is.Empty);
    }
}
