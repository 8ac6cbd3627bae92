using NUnit.Framework;
using Rumprun.Tests.Ports.Infrastructure;

namespace Rumprun.Tests.Ports;

/// <summary>hw_net, the configuration the server ports bake with: listed, and holding hw_virtio's components and lwip.</summary>
public sealed class NetworkConfigurationTests
{
    [Test]
    public async Task Hw_net_is_listed_and_adds_the_network_stack_to_hw_virtio()
    {
        var list = await PortShell.RunAsync("rr-bake", ["list"]);
        var virtio = await PortShell.RunAsync("rr-bake", ["describe", "hw_virtio"]);
        var net = await PortShell.RunAsync("rr-bake", ["describe", "hw_net"]);

        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        Assert.That(list.StandardOutput, Does.Match(@"(?m)^hw_net +hw_virtio plus the lwIP TCP/IP stack"));
        Assert.That(net.ExitCode, Is.Zero, net.ToString());
        Assert.That(Components(net.StandardOutput), Is.EqualTo(Components(virtio.StandardOutput).Append("lwip")));
    }

    /// <summary>The component names of rr-bake describe, in order: the first word of each indented line.</summary>
    private static string[] Components(string describe) =>
        describe.Split('\n').Where(line => line.StartsWith("  ", StringComparison.Ordinal))
            .Select(line => line.Trim().Split(' ')[0]).ToArray();
}
