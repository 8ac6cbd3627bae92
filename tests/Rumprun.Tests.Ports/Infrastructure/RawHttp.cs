using System.Text;
using System.Text.RegularExpressions;

namespace Rumprun.Tests.Ports.Infrastructure;

/// <summary>
/// HTTP responses as bytes (from <see cref="TcpExchange"/>): what may rightly differ taken out, the statuses read, the
/// start shown, for comparing a unikernel's responses with the native build's.
/// </summary>
public static partial class RawHttp
{
    /// <summary>The responses with each Date header line taken out: the only bytes that depend on when they were sent.</summary>
    public static byte[] WithoutDates(byte[] responses) =>
        Encoding.Latin1.GetBytes(DateHeader().Replace(Encoding.Latin1.GetString(responses), ""));

    /// <summary>The status code of each response, in order.</summary>
    public static IEnumerable<string> Statuses(byte[] responses) =>
        StatusLine().Matches(Encoding.Latin1.GetString(responses)).Select(m => m.Groups[1].Value);

    /// <summary>The start of both sides as text, for a readable first failure before the byte comparison.</summary>
    public static string Head(byte[] responses) => Encoding.Latin1.GetString(responses[..Math.Min(responses.Length, 2000)]);

    [GeneratedRegex(@"HTTP/1\.1 (\d{3}) [A-Z]")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"\r\nDate: [^\r]*")]
    private static partial Regex DateHeader();
}
