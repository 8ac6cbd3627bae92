namespace Rumprun.Core.Run;

/// <summary>One toolstack command rr-run xen runs in the dom0: a program name from xen-utils and its arguments.</summary>
public sealed record XenCommand(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// Stands in an argument for the domain's id, which is known only once <c>xl create</c> has run; the
    /// dry run prints it as the shell variable <c>$domid</c>.
    /// </summary>
    public const char DomainIdPlaceholder = '\u0001';

    public bool Equals(XenCommand? other) =>
        other is not null && Program == other.Program && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Program, Arguments.Count);

    /// <summary>The same command for the domain with this id.</summary>
    public XenCommand ForDomain(int domainId) => this with
    {
        Arguments = [.. Arguments.Select(argument => argument.Replace(
            DomainIdPlaceholder.ToString(), domainId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))],
    };

    /// <summary>A shell line; the domain id placeholder becomes "$domid".</summary>
    public string ToShellLine() =>
        string.Join(' ', Arguments.Prepend(Program).Select(word => ShellWords.Quote(word)
            .Replace(DomainIdPlaceholder.ToString(), "'\"$domid\"'", StringComparison.Ordinal)));
}
