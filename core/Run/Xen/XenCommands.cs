using System.Globalization;

namespace Rumprun.Core.Run;

/// <summary>
/// The toolstack commands of a launch, in the order rr-run xen runs them (contracts §10): create the
/// domain paused, give it its configuration in xenstore where only it and dom0 can read it, start it;
/// afterwards read how it ended and destroy it.
/// </summary>
public static class XenCommands
{
    public const string Xl = "xl";
    public const string XenstoreWrite = "xenstore-write";
    public const string XenstoreChmod = "xenstore-chmod";
    public const string XenstoreRead = "xenstore-read";
    public const string XenstoreWatch = "xenstore-watch";

    /// <summary>The domain's xenstore home; the id is <see cref="XenCommand.DomainIdPlaceholder"/> until known.</summary>
    public static string Home(string domainId) => $"/local/domain/{domainId}";

    public static string Home(int domainId) => Home(domainId.ToString(CultureInfo.InvariantCulture));

    private static readonly string PlaceholderHome = Home(XenCommand.DomainIdPlaceholder.ToString());

    public static XenCommand Create(string configurationPath) => new(Xl, ["create", "-p", configurationPath]);

    public static XenCommand DomainId(string name) => new(Xl, ["domid", name]);

    /// <summary>
    /// xenstore-write reads C-style escapes in its value (\\, \n, \x41, ...), so the JSON's own
    /// backslashes (\" in a string) are doubled to reach the guest as they are.
    /// </summary>
    public static XenCommand WriteConfiguration(string json) =>
        new(XenstoreWrite, [PlaceholderHome + "/rumprun/cfg", json.Replace("\\", "\\\\", StringComparison.Ordinal)]);

    /// <summary>Owner dom0, read access for the guest and no one else: the configuration may hold secrets in its environment.</summary>
    public static XenCommand ShareConfiguration() =>
        new(XenstoreChmod, ["-r", PlaceholderHome + "/rumprun", "n0", "r" + XenCommand.DomainIdPlaceholder]);

    public static XenCommand Console(string name) => new(Xl, ["console", name]);

    public static XenCommand Unpause(string name) => new(Xl, ["unpause", name]);

    public static XenCommand List(string name) => new(Xl, ["list", name]);

    /// <summary>The dom0 terminal xenconsoled gives the domain's console, which xl console opens.</summary>
    public static XenCommand ReadConsoleTty() => new(XenstoreRead, [PlaceholderHome + "/console/tty"]);

    public static XenCommand ReadExit() => new(XenstoreRead, [PlaceholderHome + "/data/rr-exit"]);

    public static XenCommand Destroy(string name) => new(Xl, ["destroy", name]);

    /// <summary>
    /// A watch on xenstored's <c>@releaseDomain</c>, which it fires when any domain shuts down, crashes or
    /// goes (and once when the watch is set): the moments worth asking xl whether the domain has halted.
    /// It prints a line per event for ever, or ends after the given number of events (-n).
    /// </summary>
    public static XenCommand WatchDomainReleases(int? events = null) =>
        new(XenstoreWatch, events is { } n ? ["-n", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "@releaseDomain"] : ["@releaseDomain"]);

    /// <summary>The commands that start the domain, up to and including unpausing it.</summary>
    public static IReadOnlyList<XenCommand> Start(XenLaunch launch, string configurationPath, string json) =>
    [
        Create(configurationPath),
        DomainId(launch.DomainName),
        WriteConfiguration(json),
        ShareConfiguration(),
        Unpause(launch.DomainName),
    ];
}
