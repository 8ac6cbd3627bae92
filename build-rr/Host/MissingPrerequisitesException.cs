using Rumprun.Core;

namespace Rumprun.Build.Host;

/// <summary>Host packages are missing; the message names them and the command that installs them.</summary>
public sealed class MissingPrerequisitesException(IReadOnlyList<string> packages)
    : RrException(Describe(packages))
{
    public IReadOnlyList<string> Packages { get; } = packages;

    private static string Describe(IReadOnlyList<string> packages)
    {
        var names = packages.Count == 1 ? packages[0] : string.Join(", ", packages.SkipLast(1)) + " and " + packages[^1];
        var verb = packages.Count == 1 ? "is" : "are";
        return $"{names} {verb} missing: run 'apt-get install {string.Join(' ', packages)}' or rr-build --install-deps";
    }
}
