using NUnit.Framework;
using Rumprun.Build.Compilation;

namespace Rumprun.Tests.Unit.Build;

/// <summary>The incremental compile with the host's cc: what is compiled again and what is not.</summary>
public sealed class ParallelCompilerTests
{
    private DirectoryInfo work = null!;

    [SetUp]
    public void CreateWork() => work = Directory.CreateTempSubdirectory("rr-compile-");

    [TearDown]
    public void RemoveWork() => work.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(work.FullName, name);

    /// <summary>A compiler that first runs <paramref name="before"/> (a shell line), then cc.</summary>
    private string Compiler(string before)
    {
        var path = PathOf("cc.sh");
        File.WriteAllText(path, $"#!/bin/sh\n{before}\nexec cc \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private CompileJob Job()
    {
        var source = PathOf("a.c");
        var obj = PathOf("obj/a.o");
        return new CompileJob("a.c", source, obj, ["-MMD", "-MF", obj[..^2] + ".d", "-c", source, "-o", obj]);
    }

    private Task<CompileSummary> CompileAsync(string compiler) =>
        new ParallelCompiler(compiler, 1, work.FullName).CompileAsync("test", [Job()], CancellationToken.None);

    [Test]
    public async Task An_unchanged_source_is_compiled_once()
    {
        File.WriteAllText(PathOf("a.c"), "int a(void) { return 1; }\n");
        var compiler = Compiler(":");

        Assert.That((await CompileAsync(compiler)).Compiled, Is.EqualTo(1));
        Assert.That((await CompileAsync(compiler)).Compiled, Is.Zero);
    }

    [Test]
    public async Task A_source_saved_while_the_compiler_runs_is_compiled_again()
    {
        File.WriteAllText(PathOf("a.c"), "int a(void) { return 1; }\n");
        File.SetLastWriteTimeUtc(PathOf("a.c"), DateTime.UtcNow.AddMinutes(-1));
        // The edit lands after the compile started and before the object is written.
        var compiler = Compiler($"[ -f {PathOf("edit")} ] && rm {PathOf("edit")} && touch {PathOf("a.c")} && sleep 0.05");
        File.WriteAllText(PathOf("edit"), "");

        Assert.That((await CompileAsync(compiler)).Compiled, Is.EqualTo(1));
        Assert.That(File.GetLastWriteTimeUtc(PathOf("obj/a.o")), Is.LessThan(File.GetLastWriteTimeUtc(PathOf("a.c"))));
        Assert.That((await CompileAsync(compiler)).Compiled, Is.EqualTo(1));
        Assert.That((await CompileAsync(compiler)).Compiled, Is.Zero);
    }
}
