namespace Rumprun.Core.Run;

/// <summary>What rr-run xen prints for a detached domain and <c>rr-run stop</c> takes back: <c>xen:NAME</c>.</summary>
public sealed record XenGuestHandle(string DomainName)
{
    public const string Prefix = "xen:";

    public override string ToString() => Prefix + DomainName;

    public static bool IsXen(string text) => text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <exception cref="RunException">The text is not a xen handle.</exception>
    public static XenGuestHandle Parse(string text)
    {
        if (IsXen(text) && XenDomainName.IsValid(text[Prefix.Length..]))
            return new XenGuestHandle(text[Prefix.Length..]);
        throw RunException.Usage($"'{text}' is not a Xen guest handle: give the xen:NAME that rr-run xen printed when it started the guest");
    }
}
