namespace Rumprun.Core.Run.Iso;

/// <summary>
/// Where things lie in the ISO: the image under /boot with its own file name (when GRUB can read that
/// name without quoting), the configuration beside it, GRUB's configuration where grub-mkrescue's
/// core image looks for it.
/// </summary>
public static class IsoLayout
{
    public const string ConfigurationPath = "/boot/rr-config.json";

    public const string GrubConfigPath = "/boot/grub/grub.cfg";

    /// <summary>The name used for an image whose file name GRUB would have to quote.</summary>
    public const string FallbackImageName = "image";

    /// <summary>The image's path inside the ISO.</summary>
    public static string ImagePath(string hostImagePath)
    {
        var name = Path.GetFileName(hostImagePath);
        var plain = name.Length > 0 && name.Length <= 64 && name[0] != '.' &&
            name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+');
        return "/boot/" + (plain && name != "rr-config.json" ? name : FallbackImageName);
    }

    /// <summary>A path inside the ISO as a path under the staging directory.</summary>
    public static string OnHost(string stagingDirectory, string isoPath) =>
        Path.Combine(stagingDirectory, isoPath.TrimStart('/'));
}
