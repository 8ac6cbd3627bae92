using System.Globalization;

namespace Rumprun.Core.Run;

/// <summary>The mount points of the -b options: given ones must differ, the others get the defaults.</summary>
public static class BlockMountPoints
{
    public const string DefaultMountPoint = "/data";

    /// <summary>
    /// Gives every option without a mount point the first free one of /data, /data1, /data2, ...
    /// (mount points given explicitly are taken first, wherever they stand).
    /// </summary>
    /// <exception cref="RunException">Two options name the same mount point.</exception>
    public static IReadOnlyList<BlockOption> Assign(IReadOnlyList<BlockOption> options)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in options.Where(o => o.MountPoint is not null))
        {
            if (!taken.Add(option.MountPoint!))
                throw RunException.Usage($"-b {option}: mount point {option.MountPoint} is used by another -b: give each its own");
        }
        var result = new List<BlockOption>(options.Count);
        var next = 0;
        foreach (var option in options)
        {
            if (option.MountPoint is not null)
            {
                result.Add(option);
                continue;
            }
            string candidate;
            do
            {
                candidate = next == 0 ? DefaultMountPoint : DefaultMountPoint + next.ToString(CultureInfo.InvariantCulture);
                next++;
            }
            while (!taken.Add(candidate));
            result.Add(option with { MountPoint = candidate });
        }
        return result;
    }
}
