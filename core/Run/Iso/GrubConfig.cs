using System.Text;

namespace Rumprun.Core.Run.Iso;

/// <summary>
/// The grub.cfg of an rr-run ISO: boot at once, no menu, nothing on the serial line (GRUB's own
/// terminal is the VGA console, so COM1 carries only the program's bytes). The guest configuration
/// travels as a module named rr-config, so its JSON meets no GRUB quoting.
/// </summary>
public static class GrubConfig
{
    /// <summary>The module name the platform looks for (platform/include/rr/multiboot2.h).</summary>
    public const string ConfigurationModule = "rr-config";

    /// <param name="imagePath">The image's path inside the ISO (<see cref="IsoLayout.ImagePath"/>).</param>
    /// <param name="configurationPath">The configuration's path inside the ISO.</param>
    public static string For(string imagePath, string configurationPath)
    {
        var text = new StringBuilder();
        text.Append("# Written by rr-run iso: boots the image at once with its guest configuration.\n");
        text.Append("set timeout=0\n");
        text.Append("set timeout_style=hidden\n");
        text.Append("terminal_output console\n");
        text.Append($"multiboot2 {imagePath}\n");
        text.Append($"module2 {configurationPath} {ConfigurationModule}\n");
        text.Append("boot\n");
        // Reached only when loading failed: GRUB's message is on the screen; power off rather than wait at a prompt.
        text.Append("echo \"rr-run iso: GRUB could not boot the image\"\n");
        text.Append("sleep 5\n");
        text.Append("halt\n");
        return text.ToString();
    }
}
