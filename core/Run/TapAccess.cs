using System.Globalization;
using System.Runtime.Versioning;

namespace Rumprun.Core.Run;

/// <summary>
/// Whether QEMU will be able to open a tap backend, checked before it starts so the user reads one line
/// instead of QEMU's. QEMU opens /dev/net/tun and attaches to the named device; without CAP_NET_ADMIN that
/// works only for a device that exists and belongs to the user (<c>ip tuntap add dev NAME mode tap user USER</c>).
/// </summary>
[SupportedOSPlatform("linux")]
public static class TapAccess
{
    public const string CloneDevice = "/dev/net/tun";
    private const string InterfacesDirectory = "/sys/class/net";

    /// <exception cref="RunException">QEMU could not use the tap device; the exit status is the usage one.</exception>
    public static void Check(NetworkInterface network, NetworkBackend.Tap tap) =>
        Check(network, tap, CloneDevice, InterfacesDirectory, PosixNative.UserId);

    /// <summary>The same, with the paths and the user id given (for tests).</summary>
    public static void Check(NetworkInterface network, NetworkBackend.Tap tap, string cloneDevice, string interfaces, uint userId)
    {
        var prefix = $"-I {network.Option}: tap {tap.Name}";
        if (!File.Exists(cloneDevice))
            throw RunException.Usage($"{prefix}: {cloneDevice} does not exist: load the tun module (modprobe tun) or use the user backend");
        try
        {
            using var clone = new FileStream(cloneDevice, FileMode.Open, FileAccess.ReadWrite);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw RunException.Usage($"{prefix}: cannot open {cloneDevice} ({e.Message}): give your user access to it or use the user backend");
        }
        if (userId == 0)
            return;
        var device = Path.Combine(interfaces, tap.Name);
        var create = $"create it with 'ip tuntap add dev {tap.Name} mode tap user {userId.ToString(CultureInfo.InvariantCulture)}' (as root)";
        if (!Directory.Exists(device))
            throw RunException.Usage($"{prefix} does not exist and only root may create one: {create}");
        var flags = Path.Combine(device, "tun_flags");
        if (!File.Exists(flags))
            throw RunException.Usage($"{prefix} is not a tap device: give the name of one, or {create}");
        var ownerPath = Path.Combine(device, "owner");
        if (File.Exists(ownerPath)
            && long.TryParse(File.ReadAllText(ownerPath).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var owner)
            && owner != -1 && owner != userId)
            throw RunException.Usage($"{prefix} belongs to user {owner}, not to you: {create}");
    }
}
