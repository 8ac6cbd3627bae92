namespace Rumprun.Core.Run;

/// <summary>
/// Whether an image can use block devices at all: every block driver calls the platform's
/// <c>rr_blkdev_register</c>, which images without one (hw_generic) do not hold.
/// </summary>
public static class BlockSupport
{
    public const string RegistrationFunction = "rr_blkdev_register";

    /// <exception cref="RunException">The image has no block driver (or cannot be read).</exception>
    public static void Require(string imagePath)
    {
        if (!Has(imagePath))
            throw new RunException($"{imagePath} has no block-device support: bake it with hw_virtio");
    }

    public static bool Has(string imagePath) => ImageFunctions.Contains(imagePath, RegistrationFunction);
}
