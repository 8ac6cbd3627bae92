using System.Text.RegularExpressions;

namespace Rumprun.Core.Run;

/// <summary>
/// The name the command line gives an interface: it becomes QEMU's netdev id, so it follows QEMU's id
/// rules (a letter, then letters, digits, '-', '.', '_'), and the guest's <c>net</c> entry, which holds up
/// to 23 bytes.
/// </summary>
public static partial class NetworkTag
{
    public const int MaximumLength = 23;

    public static bool IsValid(string tag) => tag.Length <= MaximumLength && Syntax().IsMatch(tag);

    public const string Rule = "a letter, then letters, digits, '-', '.' or '_', at most 23 in all";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]*$")]
    private static partial Regex Syntax();
}
