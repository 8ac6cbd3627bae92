namespace Rumprun.Core.Run;

/// <summary>
/// Whether an image can use network interfaces at all: every network driver calls the platform's
/// <c>rr_netdev_register</c>, which images without one do not hold.
/// </summary>
public static class NetworkSupport
{
    public const string RegistrationFunction = "rr_netdev_register";

    /// <exception cref="RunException">The image has no network driver (or cannot be read).</exception>
    public static void Require(string imagePath)
    {
        if (!Has(imagePath))
            throw new RunException($"{imagePath} has no network support: bake it with hw_virtio");
    }

    public static bool Has(string imagePath) => ImageFunctions.Contains(imagePath, RegistrationFunction);
}
