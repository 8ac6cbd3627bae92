using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;

namespace Rumprun.Tests.EndToEnd;

public sealed class ArgumentsTests
{
    [Test]
    public async Task The_program_gets_the_image_name_as_argv0_and_every_argument_exactly()
    {
        var run = await Guest.RunGuestAsync(
            "echo_args",
            ["one", "two words", "", "quote\"s", "back\\slash", "it's", "ünïcode"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(
            "argc=8\n" +
            "argv[0]=[echo_args.bin]\n" +
            "argv[1]=[one]\n" +
            "argv[2]=[two words]\n" +
            "argv[3]=[]\n" +
            "argv[4]=[quote\"s]\n" +
            "argv[5]=[back\\slash]\n" +
            "argv[6]=[it's]\n" +
            "argv[7]=[ünïcode]\n" +
            "GREETING=(unset)\n" +
            "EMPTY=(unset)\n" +
            "UNSET=(unset)\n"), run.ToString());
    }

    [Test]
    public async Task Environment_variables_given_with_e_reach_the_program()
    {
        var run = await Guest.RunGuestAsync(
            "echo_args",
            runOptions: ["-e", "GREETING=hello world", "-e", "EMPTY="]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(
            "argc=1\n" +
            "argv[0]=[echo_args.bin]\n" +
            "GREETING=[hello world]\n" +
            "EMPTY=[]\n" +
            "UNSET=(unset)\n"), run.ToString());
    }
}
