using NUnit.Framework;
using Rumprun.Build.Compilation;

namespace Rumprun.Tests.Unit.Build;

public sealed class CompileFlagsTests
{
    private static readonly CompileFlags Flags = new(["-O2", "-ffreestanding"], ["-D__ASSEMBLY__"], ["/src/platform/include", "/o/gen/include"], "/cc/include");

    [Test]
    public void A_C_source_gets_the_C_flags_include_paths_and_a_dependency_file_next_to_its_object()
    {
        var job = Flags.JobFor("/src/platform/kern/exit.c", "/src/platform", "/o/platform");

        Assert.That(job.Label, Is.EqualTo("kern/exit.c"));
        Assert.That(job.Object, Is.EqualTo("/o/platform/kern/exit.o"));
        Assert.That(job.Arguments, Is.EqualTo(new[]
        {
            "-O2", "-ffreestanding", "-isystem", "/cc/include", "-I", "/src/platform/include", "-I", "/o/gen/include",
            "-MMD", "-MF", "/o/platform/kern/exit.d", "-c", "/src/platform/kern/exit.c", "-o", "/o/platform/kern/exit.o",
        }));
    }

    [Test]
    public void An_assembly_source_gets_the_assembler_flags()
    {
        var job = Flags.JobFor("/src/platform/arch/x86_64/boot.S", "/src/platform", "/o/platform");

        Assert.That(job.Arguments[0], Is.EqualTo("-D__ASSEMBLY__"));
        Assert.That(job.Arguments, Does.Not.Contain("-ffreestanding"));
    }
}
