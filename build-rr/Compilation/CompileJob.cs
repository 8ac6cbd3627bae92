namespace Rumprun.Build.Compilation;

/// <summary>
/// One compiler run: <paramref name="Arguments"/> is the whole command line after the compiler,
/// including -MMD -MF <see cref="DependencyFile"/>, -c source and -o object.
/// </summary>
public sealed record CompileJob(string Label, string Source, string Object, IReadOnlyList<string> Arguments)
{
    public string DependencyFile => Object[..^2] + ".d";

    public string StampFile => Object + ".cmd";
}
