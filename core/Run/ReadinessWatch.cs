using Serilog;

namespace Rumprun.Core.Run;

/// <summary>
/// Waits for the guest's <c>rr:ready</c> control line (contracts §6) before console input is sent:
/// the UART drops what arrives before the platform has switched its FIFOs on.
/// </summary>
public static class ReadinessWatch
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// An image whose platform predates the ready line would otherwise never get input; after this
    /// long the input goes anyway, as it always did.
    /// </summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(10);

    /// <summary>Completes when the control file holds the ready line, or after <see cref="GiveUpAfter"/>.</summary>
    public static async Task WaitAsync(string controlPath, CancellationToken cancel)
    {
        var poll = FirstPoll;
        var waited = TimeSpan.Zero;
        while (!HasReadyLine(controlPath))
        {
            if (waited >= GiveUpAfter)
            {
                Log.Debug("no {Ready} line after {Seconds} s: sending console input anyway", ControlLine.Ready, GiveUpAfter.TotalSeconds);
                return;
            }
            await Task.Delay(poll, cancel);
            waited += poll;
            poll = poll * 2 < LongestPoll ? poll * 2 : LongestPoll;
        }
    }

    /// <summary>Whether the channel's content so far has the ready line (it is the platform's first).</summary>
    public static bool HasReadyLine(string controlPath)
    {
        try
        {
            using var stream = new FileStream(controlPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var head = new byte[ControlLine.Ready.Length + 1];
            var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return length == head.Length && System.Text.Encoding.ASCII.GetString(head) == ControlLine.Ready + "\n";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false; // QEMU has not created it yet
        }
    }
}
