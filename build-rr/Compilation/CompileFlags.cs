namespace Rumprun.Build.Compilation;

/// <summary>
/// The flags common to every object of one unit (the platform or a component), from which
/// each source's full command line is made.
/// </summary>
public sealed record CompileFlags(IReadOnlyList<string> Cflags, IReadOnlyList<string> Asflags, IReadOnlyList<string> IncludeDirs, string CompilerInclude)
{
    /// <summary>Builds the job that compiles <paramref name="source"/> (under <paramref name="sourceRoot"/>) into <paramref name="objectRoot"/>.</summary>
    public CompileJob JobFor(string source, string sourceRoot, string objectRoot)
    {
        var relative = Path.GetRelativePath(sourceRoot, source);
        var obj = Path.Combine(objectRoot, Path.ChangeExtension(relative, ".o"));
        var job = new CompileJob(relative, source, obj, []);
        List<string> arguments =
        [
            .. SourceSet.IsAssembly(source) ? Asflags : Cflags,
            "-isystem", CompilerInclude,
            .. IncludeDirs.SelectMany(dir => new[] { "-I", dir }),
            "-MMD", "-MF", job.DependencyFile,
            "-c", source,
            "-o", obj,
        ];
        return job with { Arguments = arguments };
    }
}
