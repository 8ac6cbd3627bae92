using Rumprun.Core.Toolchain;

namespace Rumprun.Bake.Commands;

/// <summary>What rr-bake takes from its surroundings: the current directory and the installed toolchain (RR_PREFIX).</summary>
public sealed record BakeEnvironment(string CurrentDirectory, Func<InstallLayout> Layout)
{
    public static BakeEnvironment FromProcess() => new(Environment.CurrentDirectory, () => InstallLayout.FromEnvironment());
}
