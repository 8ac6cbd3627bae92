namespace Rumprun.Core.Run;

/// <summary>What <c>xl list NAME</c> says of a domain: still running, or halted (shut down, crashed or dying).</summary>
public static class XenDomainState
{
    /// <summary>
    /// Whether the domain has halted, from <c>xl list NAME</c>'s output (a heading, then
    /// <c>NAME ID MEM VCPUS STATE TIME</c> with STATE like <c>--ps--</c>); null when the output has no line for
    /// the domain.
    /// </summary>
    public static bool? Halted(string listing, string name)
    {
        foreach (var line in listing.Split('\n'))
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[0] != name)
                continue;
            var state = fields[4];
            return state.Length == 6 && (state[3] == 's' || state[4] == 'c' || state[5] == 'd');
        }
        return null;
    }
}
