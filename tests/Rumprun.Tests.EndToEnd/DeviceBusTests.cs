using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>
/// Disks and interfaces go to the driver the launch's hypervisor speaks: virtio under rr-run qemu,
/// Xen's front ends under rr-run xen. An image baked for the other one is refused before anything
/// starts, with the configuration to bake it with, instead of failing in the guest at mount time.
/// </summary>
public sealed class DeviceBusTests
{
    [OneTimeSetUp]
    public Task BuildXenPlatformAsync() => XenPlatform.EnsureBuiltAsync();

    private static string Tree()
    {
        var tree = Path.Combine(Guests.WorkDirectory, "devbus-tree");
        Directory.CreateDirectory(tree);
        File.WriteAllText(Path.Combine(tree, "hello.txt"), "x\n");
        return tree;
    }

    [Test]
    public async Task A_disk_for_a_xen_image_under_qemu_is_refused()
    {
        var image = await Guests.ImageAsync("iso_tree", "xen_pvh");

        var run = await Shell.RunAsync("rr-run", ["qemu", "-i", "-b", Tree(), image]);

        Refusal.AssertOneLine(run, 125,
            $"{image}: its block-device driver is Xen's front end, which -b reaches only under rr-run xen: for rr-run qemu bake it with hw_virtio");
    }

    [Test]
    public async Task An_interface_for_a_xen_image_under_qemu_is_refused()
    {
        var image = await Guests.ImageAsync("exit_status", "xen_net");

        var run = await Shell.RunAsync("rr-run", ["qemu", "-i", "-I", "net0,vioif", image]);

        Refusal.AssertOneLine(run, 125,
            $"{image}: its network driver is Xen's front end, which -I reaches only under rr-run xen: for rr-run qemu bake it with hw_virtio");
    }

    [Test]
    public async Task A_disk_for_a_virtio_image_under_xen_is_refused()
    {
        var image = await Guests.ImageAsync("iso_tree", "hw_virtio");

        var run = await Shell.RunAsync("rr-run", ["--dry-run", "xen", "-i", "-b", Tree(), image]);

        Refusal.AssertOneLine(run, 125,
            $"{image}: its block-device driver is virtio's, which -b reaches only under rr-run qemu: for rr-run xen bake it with xen_pvh");
    }

    [Test]
    public async Task An_interface_for_an_image_without_a_network_driver_under_xen_is_refused()
    {
        var image = await Guests.ImageAsync("exit_status", "xen_pvh");

        var run = await Shell.RunAsync("rr-run", ["--dry-run", "xen", "-i", "-I", "net0,xenif", image]);

        Refusal.AssertOneLine(run, 125, $"{image} has no network support: bake it with xen_net");
    }

    [Test]
    public async Task A_xen_image_gets_its_disk_and_interface_under_xen()
    {
        var image = await Guests.ImageAsync("iso_tree", "xen_net");

        var run = await Shell.RunAsync("rr-run", ["--dry-run", "xen", "-i", "-N", "devbus", "-b", Tree(), "-I", "net0,xenif", image]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("disk = [ 'format=raw, vdev=xvda, access=ro, target=")); // a directory becomes a read-only ISO
        Assert.That(run.StandardOutput, Does.Contain("vif = [ 'mac=52:54:00:72:72:01, bridge=xenbr0' ]"));
    }
}
