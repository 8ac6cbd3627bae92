using System.Globalization;
using System.Text.RegularExpressions;

namespace Rumprun.Core.Run;

/// <summary>
/// IPv4 addresses as rr-run accepts them: four decimal numbers 0–255, without leading zeros (which other
/// tools read as octal), exactly what the platform's configuration parser accepts.
/// </summary>
public static partial class Ipv4Text
{
    /// <summary>The address as a 32-bit number, or null when the text is not a dotted quad.</summary>
    public static uint? Parse(string text)
    {
        var match = DottedQuad().Match(text);
        if (!match.Success)
            return null;
        uint value = 0;
        for (var i = 1; i <= 4; i++)
        {
            var part = match.Groups[i].Value;
            if (part.Length > 1 && part[0] == '0')
                return null;
            var number = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (number > 255)
                return null;
            value = (value << 8) | (uint)number;
        }
        return value;
    }

    public static string Format(uint address) =>
        string.Join('.', new[] { address >> 24, (address >> 16) & 0xff, (address >> 8) & 0xff, address & 0xff }
            .Select(part => part.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The network mask of a prefix length 0–32.</summary>
    public static uint Mask(int prefix) => prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);

    [GeneratedRegex("^([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})$")]
    private static partial Regex DottedQuad();
}
