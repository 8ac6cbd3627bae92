namespace Rumprun.Core.Processes;

/// <summary>One external program to run: what, with which arguments, where, with which extra environment.</summary>
public sealed record ProcessSpec(string Program, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    public ProcessSpec WithWorkingDirectory(string directory) => this with { WorkingDirectory = directory };

    public ProcessSpec WithEnvironment(string name, string? value) =>
        this with { Environment = new Dictionary<string, string?>(Environment) { [name] = value } };

    /// <summary>The command as a user would type it in a POSIX shell, for logs and error messages.</summary>
    public string Display => ShellQuoting.Join([Program, .. Arguments]);
}
