using NUnit.Framework;
using Rumprun.Build.Commands;
using Rumprun.Core;
using Rumprun.Core.Cli;

namespace Rumprun.Tests.Unit.Build;

public sealed class BuildCommandTests
{
    private static readonly BuildEnvironment Environment = new(
        CurrentDirectory: "/home/me/src",
        SourceDirectory: "/",
        Compiler: null,
        ProcessorCount: 2,
        IsRoot: false,
        ToolsDirectory: "/home/me/src/.tools");

    private static BuildOptions Bind(BuildEnvironment environment, params string[] args)
    {
        var command = BuildCommand.Create(environment);
        var result = command.Root.Parse(args);
        Assert.That(result.Errors, Is.Empty, string.Join("; ", result.Errors.Select(e => e.Message)));
        return command.Bind(result);
    }

    [Test]
    public void Defaults_install_to_rumprun_and_build_in_obj_amd64_hw_with_one_job_per_processor_and_cc()
    {
        var options = Bind(Environment, "hw");

        Assert.That(options.Platform, Is.EqualTo("hw"));
        Assert.That(options.DestDir, Is.EqualTo("/home/me/src/rumprun"));
        Assert.That(options.ObjDir, Is.EqualTo("/home/me/src/obj-amd64-hw"));
        Assert.That(options.Jobs, Is.EqualTo(2));
        Assert.That(options.Compiler, Is.EqualTo("cc"));
        Assert.That(options.InstallDependencies, Is.False);
        Assert.That(options.Verbosity, Is.EqualTo(Verbosity.Normal));
        Assert.That(options.SourceDir, Is.EqualTo("/"));
        Assert.That(options.ToolsDir, Is.EqualTo("/home/me/src/.tools"));
    }

    [Test]
    public void Short_options_set_every_value_and_relative_paths_are_made_absolute()
    {
        var options = Bind(Environment, "-d", "out/prefix", "-o", "/tmp/obj", "-j", "7", "-v", "--install-deps", "hw");

        Assert.That(options.DestDir, Is.EqualTo("/home/me/src/out/prefix"));
        Assert.That(options.ObjDir, Is.EqualTo("/tmp/obj"));
        Assert.That(options.Jobs, Is.EqualTo(7));
        Assert.That(options.Verbosity, Is.EqualTo(Verbosity.Verbose));
        Assert.That(options.InstallDependencies, Is.True);
    }

    [Test]
    public void Quiet_lowers_the_verbosity()
    {
        Assert.That(Bind(Environment, "-q", "hw").Verbosity, Is.EqualTo(Verbosity.Quiet));
    }

    [Test]
    public void CC_from_the_environment_picks_the_compiler()
    {
        Assert.That(Bind(Environment with { Compiler = "clang" }, "hw").Compiler, Is.EqualTo("clang"));
    }

    [Test]
    public void Xen_installs_into_the_same_destdir_and_builds_in_obj_amd64_xen()
    {
        var options = Bind(Environment, "xen");

        Assert.That(options.Platform, Is.EqualTo("xen"));
        Assert.That(options.DestDir, Is.EqualTo("/home/me/src/rumprun"));
        Assert.That(options.ObjDir, Is.EqualTo("/home/me/src/obj-amd64-xen"));
    }

    [TestCase("")]
    [TestCase("arm")]
    [TestCase("-j 0 hw")]
    [TestCase("-j many hw")]
    [TestCase("--frobnicate hw")]
    public void Bad_command_lines_are_parse_errors(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = BuildCommand.Create(Environment).Root.Parse(args);

        Assert.That(result.Errors, Is.Not.Empty);
    }

    [Test]
    public void Without_RR_SOURCE_DIR_the_checkout_holding_the_tools_is_the_source_tree()
    {
        var options = Bind(Environment with { SourceDirectory = null, ToolsDirectory = Path.Combine(Support.RepoRoot.Path, ".tools") }, "hw");

        Assert.That(options.SourceDir, Is.EqualTo(Support.RepoRoot.Path));
    }
}
