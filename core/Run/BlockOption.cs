using System.Globalization;
using System.Text.RegularExpressions;

namespace Rumprun.Core.Run;

/// <summary>
/// One <c>-b</c> value as the user wrote it (contracts §8): <c>FILE[,MOUNTPOINT][,ro]</c> attaches a disk
/// image or block device; <c>DIR[,MOUNTPOINT][,ro][,ext2[=SIZE]]</c> attaches an image built from a host
/// directory (ISO 9660 with Rock Ridge, or ext2). Only the syntax is checked here; the paths are checked
/// when the launch is planned (<see cref="BlockPlan"/>).
/// </summary>
/// <param name="Source">The file, block device or directory.</param>
/// <param name="MountPoint">Where the guest mounts it; null for the next default (/data, /data1, ...).</param>
/// <param name="ReadOnly">,ro: the drive and the mount are read-only.</param>
/// <param name="Ext2">,ext2: build an ext2 image from a directory instead of an ISO.</param>
/// <param name="Ext2Bytes">,ext2=SIZE: the ext2 image's size; null to compute it from the tree.</param>
public sealed partial record BlockOption(
    string Source,
    string? MountPoint = null,
    bool ReadOnly = false,
    bool Ext2 = false,
    long? Ext2Bytes = null)
{
    /// <summary>The smallest ext2 image rr-run builds: mke2fs needs room for its own structures.</summary>
    public const long MinimumExt2Bytes = 1L << 20;

    private const string Syntax = "use FILE[,MOUNTPOINT][,ro] or DIR[,MOUNTPOINT][,ro][,ext2[=SIZE]]";

    /// <exception cref="RunException">The value does not follow the syntax; the exit status is the usage one.</exception>
    public static BlockOption Parse(string text)
    {
        var fields = text.Split(',');
        if (fields[0].Length == 0)
            throw Bad(text, $"no file or directory before the options: {Syntax}");
        if (fields[0].Contains('\0'))
            throw Bad(text, "the path holds a NUL byte: remove it");
        var option = new BlockOption(fields[0]);
        foreach (var field in fields.Skip(1))
        {
            if (field == "ro")
                option = option with { ReadOnly = true };
            else if (field == "ext2")
                option = option with { Ext2 = true };
            else if (field.StartsWith("ext2=", StringComparison.Ordinal))
                option = option with { Ext2 = true, Ext2Bytes = ParseSize(text, field["ext2=".Length..]) };
            else if (field.StartsWith('/'))
            {
                if (option.MountPoint is not null)
                    throw Bad(text, $"two mount points ({option.MountPoint} and {field}): give one");
                option = option with { MountPoint = NormaliseMountPoint(text, field) };
            }
            else if (field.Length == 0)
                throw Bad(text, $"an empty field between commas (paths with commas are not supported): {Syntax}");
            else
                throw Bad(text, $"'{field}' is neither a mount point (they start with '/'), 'ro' nor 'ext2[=SIZE]': {Syntax}");
        }
        return option;
    }

    /// <summary>The option as the user would write it, for messages.</summary>
    public override string ToString() =>
        string.Join(',', new[]
        {
            Source,
            MountPoint,
            ReadOnly ? "ro" : null,
            Ext2 ? (Ext2Bytes is { } size ? "ext2=" + size.ToString(CultureInfo.InvariantCulture) : "ext2") : null,
        }.Where(field => field is not null));

    /// <summary>A size in bytes, or with a K, M or G suffix (powers of 1024).</summary>
    private static long ParseSize(string text, string size)
    {
        var match = SizeSyntax().Match(size);
        if (!match.Success)
            throw Bad(text, $"ext2={size}: give the size as a number of bytes, or with K, M or G (e.g. ext2=64M)");
        var shift = match.Groups[2].Value.ToUpperInvariant() switch
        {
            "K" => 10,
            "M" => 20,
            "G" => 30,
            _ => 0,
        };
        if (!long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number > (long.MaxValue >> shift))
            throw Bad(text, $"ext2={size}: the size is too large");
        var bytes = number << shift;
        if (bytes < MinimumExt2Bytes)
            throw Bad(text, $"ext2={size}: an ext2 image needs at least 1M");
        return bytes;
    }

    /// <summary>An absolute path without "." or ".." components, doubled or trailing slashes removed; not "/" itself.</summary>
    private static string NormaliseMountPoint(string text, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
            throw Bad(text, "the mount point cannot be / (the root file system stays in memory): give a directory such as /data");
        if (parts.Any(part => part is "." or ".."))
            throw Bad(text, $"mount point {path}: '.' and '..' are not allowed in it: give a plain absolute path");
        if (path.Length >= 4096)
            throw Bad(text, "the mount point is longer than 4095 bytes");
        return "/" + string.Join('/', parts);
    }

    private static RunException Bad(string text, string message) => RunException.Usage($"-b {text}: {message}");

    [GeneratedRegex("^([0-9]+)([KMGkmg]?)$")]
    private static partial Regex SizeSyntax();
}
