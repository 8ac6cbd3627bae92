using System.Runtime.Versioning;

namespace Rumprun.Core.Run;

/// <summary>The steps every launch shares, before the attached or detached run takes over.</summary>
[SupportedOSPlatform("linux")]
public static class GuestLauncher
{
    /// <summary>
    /// The request with the QEMU arguments the image itself asks for, once the image is checked
    /// (and, with -b or -I, found to have a virtio block or network driver).
    /// </summary>
    public static RunRequest WithImage(RunRequest request)
    {
        var arguments = BakedImage.Check(request.ImagePath);
        if (!request.Blocks.IsEmpty)
            DriverRequirement.Block.Check(request.ImagePath, DeviceBus.Virtio);
        if (!request.Networks.IsEmpty)
            DriverRequirement.Network.Check(request.ImagePath, DeviceBus.Virtio);
        return request with { ImageArguments = [.. arguments] };
    }

    /// <summary>
    /// Checks everything else rr-run can check before QEMU starts: QEMU itself, tap devices, and, for kvm,
    /// that KVM can run the platform. Returns QEMU's path.
    /// </summary>
    public static async Task<string> PrepareAsync(RunRequest request, CancellationToken cancel)
    {
        var qemu = QemuLocator.Find();
        foreach (var network in request.Networks)
        {
            if (network.Option.Backend is NetworkBackend.Tap tap)
                TapAccess.Check(network, tap);
        }
        if (request.Accelerator == Accelerator.Kvm)
            await KvmSupport.EnsureUsableAsync(qemu, cancel);
        return qemu;
    }

    /// <summary>The QEMU command line the launch would run, as one shell line (--dry-run).</summary>
    public static string DryRun(RunRequest request)
    {
        if (request.Drives.IsEmpty && !request.Blocks.IsEmpty)
            request = request.WithDrives(BlockImages.Plan(request, BlockImages.NewTemporaryDirectory()));
        IReadOnlyList<string> arguments;
        if (request.Attached)
        {
            var configuration = GuestConfiguration.For(request, AttachedRun.ConsoleModeForStandardInput());
            arguments = QemuCommandLine.Build(request, configuration.ToJson(), new QemuConsole.Stdio(), RunFiles.ForAttached().ControlPath);
        }
        else
        {
            arguments = DetachedRun.Arguments(request, RunFiles.ForDetached(request, RunDirectory.Path));
        }
        return QemuCommandLine.ToShellLine(QemuCommandLine.Program, arguments);
    }
}
