using NUnit.Framework;
using Rumprun.Bake.Commands;
using Rumprun.Core;
using Rumprun.Core.Catalogue;
using Rumprun.Core.Cli;
using Rumprun.Core.Toolchain;

namespace Rumprun.Tests.Unit.Bake;

public sealed class BakeCommandTests
{
    private static readonly BakeEnvironment Environment = new("/work", () => new InstallLayout("/opt/rumprun"));

    private static BakeOptions Bind(params string[] args)
    {
        var command = BakeCommand.Create(Environment);
        var result = command.Root.Parse(args);
        Assert.That(result.Errors, Is.Empty, string.Join("; ", result.Errors.Select(e => e.Message)));
        return command.Bind(result);
    }

    [Test]
    public void Config_output_and_input_are_taken_in_that_order_with_paths_made_absolute()
    {
        var options = Bind("hw_generic", "hello.bin", "/src/hello");

        Assert.That(options.Configuration, Is.EqualTo("hw_generic"));
        Assert.That(options.Output, Is.EqualTo("/work/hello.bin"));
        Assert.That(options.Input, Is.EqualTo("/src/hello"));
        Assert.That(options.Layout.Prefix, Is.EqualTo("/opt/rumprun"));
        Assert.That(options.Edits, Is.Empty);
        Assert.That(options.ConfigurationFiles, Is.Empty);
        Assert.That(options.Verbosity, Is.EqualTo(Verbosity.Normal));
    }

    [Test]
    public void Edits_and_configuration_files_may_be_repeated_and_keep_their_order()
    {
        var options = Bind("-c", "mine.json", "-m", "add virtio_blk", "-c", "/etc/other.json", "-m", "remove pci", "-v", "hw_virtio", "o.bin", "prog");

        Assert.That(options.ConfigurationFiles, Is.EqualTo(new[] { "/work/mine.json", "/etc/other.json" }));
        Assert.That(options.Edits, Is.EqualTo(new[]
        {
            new ConfigurationEdit(ConfigurationEditKind.Add, "virtio_blk"),
            new ConfigurationEdit(ConfigurationEditKind.Remove, "pci"),
        }));
        Assert.That(options.Verbosity, Is.EqualTo(Verbosity.Verbose));
    }

    [Test]
    public void A_malformed_edit_is_a_one_line_error()
    {
        var command = BakeCommand.Create(Environment);

        var error = Assert.Throws<RrException>(() => command.Bind(command.Root.Parse(["-m", "drop pci", "hw_generic", "o", "i"])));

        Assert.That(error!.Message, Is.EqualTo("-m 'drop pci': expected 'add COMPONENT' or 'remove COMPONENT'"));
    }

    [Test]
    public void List_and_describe_are_verbs_and_accept_a_configuration_file()
    {
        var command = BakeCommand.Create(Environment);

        var list = command.Root.Parse(["-c", "mine.json", "list"]);
        var describe = command.Root.Parse(["describe", "hw_generic", "-c", "mine.json"]);

        Assert.That(list.Errors, Is.Empty);
        Assert.That(list.CommandResult.Command, Is.SameAs(command.List.Command));
        Assert.That(describe.Errors, Is.Empty);
        Assert.That(describe.CommandResult.Command, Is.SameAs(command.Describe.Command));
        Assert.That(describe.GetValue(command.Describe.Configuration), Is.EqualTo("hw_generic"));
        Assert.That(command.Catalogue.Files(describe, "/work"), Is.EqualTo(new[] { "/work/mine.json" }));
    }

    [TestCase("")]
    [TestCase("hw_generic out.bin")]
    [TestCase("describe")]
    [TestCase("--nonsense hw_generic o i")]
    public void Incomplete_or_unknown_arguments_are_parse_errors(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(BakeCommand.Create(Environment).Root.Parse(args).Errors, Is.Not.Empty);
    }

    [Test]
    public void Without_RR_PREFIX_the_error_says_to_source_config_PATH()
    {
        var error = Assert.Throws<RrException>(() => InstallLayout.FromEnvironment(_ => null));

        Assert.That(error!.Message, Does.StartWith("RR_PREFIX is not set: run '. OBJDIR/config-PATH.sh' first"));
    }
}
