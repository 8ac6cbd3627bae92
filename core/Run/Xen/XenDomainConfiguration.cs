using System.Globalization;
using System.Text;

namespace Rumprun.Core.Run;

/// <summary>The xl domain configuration file of a launch: a PVH domain booting the image as its kernel.</summary>
public static class XenDomainConfiguration
{
    public static string Text(XenLaunch launch)
    {
        var request = launch.Request;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# rr-run xen {Path.GetFileName(request.ImagePath)}\n");
        text.Append(CultureInfo.InvariantCulture, $"name = {Quote(launch.DomainName)}\n");
        text.Append("type = \"pvh\"\n");
        text.Append(CultureInfo.InvariantCulture, $"kernel = {Quote(Path.GetFullPath(request.ImagePath))}\n");
        text.Append(CultureInfo.InvariantCulture, $"memory = {request.MemoryMegabytes}\n");
        text.Append("vcpus = 1\n");
        text.Append(CultureInfo.InvariantCulture, $"on_poweroff = \"{launch.HaltAction}\"\n");
        text.Append(CultureInfo.InvariantCulture, $"on_crash = \"{launch.HaltAction}\"\n");
        // The platform never reboots; a reboot request would only restart the program with the same configuration gone.
        text.Append("on_reboot = \"destroy\"\n");
        if (!launch.Disks.IsEmpty)
            text.Append(CultureInfo.InvariantCulture, $"disk = [ {string.Join(", ", launch.Disks.Select(disk => Quote(disk.Specification, '\'')))} ]\n");
        if (!launch.Interfaces.IsEmpty)
            text.Append(CultureInfo.InvariantCulture, $"vif = [ {string.Join(", ", launch.Interfaces.Select(network => Quote(network.Specification, '\'')))} ]\n");
        return text.ToString();
    }

    /// <summary>
    /// xl's configuration strings have no escapes rr-run can rely on, so a value holding the quote, a
    /// backslash or a line break is refused rather than written wrongly.
    /// </summary>
    /// <exception cref="RunException">The value cannot be written as an xl string.</exception>
    public static string Quote(string value, char quote = '"')
    {
        if (value.IndexOfAny(['"', '\'', '\\', '\n', '\r', '\0']) >= 0)
            throw RunException.Usage($"'{value}' holds a quote, backslash or line break, which xl's configuration cannot hold: rename or move the file");
        return quote + value + quote;
    }
}
