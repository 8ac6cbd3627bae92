using Rumprun.Core.Cli;

namespace Rumprun.Core.Catalogue;

/// <summary>
/// A configuration that exists only to be refused with advice (xen_pv: classic PV guests), so that
/// the name a rumprun user knows gets an answer instead of "unknown configuration". A usage error.
/// </summary>
public sealed class UnsupportedConfigurationException(string name, string reason)
    : RrException($"{name}: {reason}")
{
    public override int ExitCode => ToolHost.UsageExitCode;
}
