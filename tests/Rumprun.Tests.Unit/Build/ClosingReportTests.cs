using NUnit.Framework;
using Rumprun.Build.Engine;
using Rumprun.Build.Host;

namespace Rumprun.Tests.Unit.Build;

public sealed class ClosingReportTests
{
    [Test]
    public void The_closing_lines_name_the_tuple_the_wrapper_the_prefix_and_the_line_to_source()
    {
        var lines = ClosingReport.Lines("/home/me/rumprun", "/home/me/obj-amd64-hw/config-PATH.sh");

        Assert.That(lines, Is.EqualTo(new[]
        {
            ">> toolchain tuple: x86_64-rumprun-netbsd",
            ">> cc wrapper: x86_64-rumprun-netbsd-gcc",
            ">> installed to \"/home/me/rumprun\"",
            ">>",
            ">> Set tooldir to front of $PATH (bourne-style shells)",
            ". \"/home/me/obj-amd64-hw/config-PATH.sh\"",
            ">>",
            ">> rr-build ran successfully",
        }));
    }

    [Test]
    public void A_missing_package_is_named_with_the_command_that_installs_it()
    {
        Assert.That(new MissingPrerequisitesException(["musl-dev"]).Message,
            Is.EqualTo("musl-dev is missing: run 'apt-get install musl-dev' or rr-build --install-deps"));
        Assert.That(new MissingPrerequisitesException(["gcc", "binutils", "musl-dev"]).Message,
            Is.EqualTo("gcc, binutils and musl-dev are missing: run 'apt-get install gcc binutils musl-dev' or rr-build --install-deps"));
    }

    [Test]
    public void The_compiler_package_follows_the_compiler_name()
    {
        Assert.That(PrerequisiteCheck.CompilerPackage("clang"), Is.EqualTo("clang"));
        Assert.That(PrerequisiteCheck.CompilerPackage("/usr/bin/clang-14"), Is.EqualTo("clang"));
        Assert.That(PrerequisiteCheck.CompilerPackage("cc"), Is.EqualTo("gcc"));
        Assert.That(PrerequisiteCheck.CompilerPackage("gcc-12"), Is.EqualTo("gcc"));
    }
}
