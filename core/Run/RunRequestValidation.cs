using System.Text.RegularExpressions;

namespace Rumprun.Core.Run;

/// <summary>
/// Checks a request's values before anything starts, with messages that name the bad value.
/// </summary>
public static partial class RunRequestValidation
{
    public const int MinimumMemoryMegabytes = 2;

    /// <exception cref="RunException">A value is out of range; the exit status is the usage one.</exception>
    public static RunRequest Validate(this RunRequest request)
    {
        foreach (var assignment in request.Environment)
            CheckEnvironment(assignment);
        if (request.MemoryMegabytes < MinimumMemoryMegabytes)
            throw RunException.Usage($"-M {request.MemoryMegabytes}: the guest needs at least {MinimumMemoryMegabytes} MB: give a larger -M");
        if (request.GdbPort is < 1 or > 65535)
            throw RunException.Usage($"-D {request.GdbPort}: not a TCP port: give a number from 1 to 65535");
        if (request.Name is { } name && (name.Length == 0 || name.Contains('/') || name.Contains('\0') || name.StartsWith('.')))
            throw RunException.Usage($"-N '{name}': a guest name names files too: give one without '/' that does not start with '.'");
        if (request.ProgramArguments.FirstOrDefault(argument => argument.Contains('\0')) is { } bad)
            throw RunException.Usage($"program argument '{bad.Replace("\0", "\\0", StringComparison.Ordinal)}' holds a NUL byte, which C strings cannot: remove it");
        return request;
    }

    /// <exception cref="RunException">Not of the form VAR=VALUE with a valid variable name.</exception>
    public static void CheckEnvironment(string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
            throw RunException.Usage($"-e {assignment}: an environment setting has the form VAR=VALUE: add '=' and a value (it may be empty)");
        var name = assignment[..equals];
        if (!VariableName().IsMatch(name))
            throw RunException.Usage($"-e {assignment}: '{name}' is not a variable name: use letters, digits and '_', not starting with a digit");
        if (assignment.Contains('\0'))
            throw RunException.Usage($"-e {name}=…: the value holds a NUL byte, which C strings cannot: remove it");
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
