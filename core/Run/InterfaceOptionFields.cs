using System.Text.RegularExpressions;

namespace Rumprun.Core.Run;

/// <summary>
/// The fields every <c>-I TAG,IFBASE[,THIRD]</c> value shares, whichever hypervisor attaches it: a tag,
/// the interface base the launch's driver has, and an optional third field the launch reads itself.
/// </summary>
/// <param name="Tag">The interface's name on the command line (-W refers to it).</param>
/// <param name="Third">The backend (QEMU) or bridge (Xen) field; null when absent.</param>
public sealed partial record InterfaceOptionFields(string Tag, string? Third)
{
    /// <summary>What a host interface or bridge name may hold: Linux's 15 bytes, characters that need no quoting anywhere.</summary>
    public const string HostNameRule = "1 to 15 letters, digits, '-', '.' or '_'";

    /// <param name="interfaceBase">The only base the launch accepts (vioif, xenif).</param>
    /// <param name="baseHint">Why that base, after "use BASE" in the message.</param>
    /// <param name="syntax">The whole form, after "use" in the message.</param>
    /// <exception cref="RunException">The value does not follow the form; the exit status is the usage one.</exception>
    public static InterfaceOptionFields Parse(string text, string interfaceBase, string baseHint, string syntax)
    {
        var fields = text.Split(',');
        if (fields.Length is < 2 or > 3)
            throw Bad(text, $"expected 2 or 3 comma-separated fields: use {syntax}");
        if (!NetworkTag.IsValid(fields[0]))
            throw Bad(text, $"'{fields[0]}' is not a usable tag: give {NetworkTag.Rule}");
        if (fields[1] != interfaceBase)
            throw Bad(text, $"'{fields[1]}' is not an interface base {baseHint}");
        return new InterfaceOptionFields(fields[0], fields.Length == 3 ? fields[2] : null);
    }

    public static bool IsHostName(string name) => HostName().IsMatch(name);

    public static RunException Bad(string text, string message) => RunException.Usage($"-I {text}: {message}");

    [GeneratedRegex("^[A-Za-z0-9._-]{1,15}$")]
    private static partial Regex HostName();
}
