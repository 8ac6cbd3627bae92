using System.Text.RegularExpressions;
using NUnit.Framework;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.Ports.Infrastructure;

/// <summary>
/// A guest started without -i (QEMU daemonized, console in a log file) with one forwarded TCP port of 127.0.0.1, stopped
/// with rr-run stop as a user would stop a server.
/// </summary>
public sealed partial class DetachedGuest : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(240);
    private bool stopped;

    private DetachedGuest(int hostPort, string handle, string consoleLog)
    {
        HostPort = hostPort;
        Handle = handle;
        ConsoleLog = consoleLog;
    }

    public int HostPort { get; }

    /// <summary>What rr-run printed on stdout: qemu:PID.</summary>
    public string Handle { get; }

    public string ConsoleLog { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HostPort}/");

    public static async Task<DetachedGuest> StartAsync(string image, int guestPort, IEnumerable<string> runOptions, IEnumerable<string> programArgs)
    {
        var hostPort = FreePort.Tcp();
        var start = await PortShell.RunAsync("rr-run",
            ["qemu", .. runOptions, "-I", "net0,vioif", "-W", "net0,inet,dhcp", "--forward", $"tcp:{hostPort}:{guestPort}", image, "--", .. programArgs]);
        Assert.That(start.ExitCode, Is.Zero, start.ToString());
        var handle = start.StandardOutput.Trim();
        Assert.That(handle, Does.Match(@"^qemu:\d+$"), start.ToString());
        var log = ConsoleLogLine().Match(start.StandardError);
        Assert.That(log.Success, Is.True, "rr-run names the console log: " + start);
        return new DetachedGuest(hostPort, handle, log.Groups[1].Value.Trim());
    }

    /// <summary>Waits until the console log holds the text; fails at once, with the console, if QEMU is gone.</summary>
    public async Task WaitForConsoleAsync(string text)
    {
        var qemu = "/proc/" + Handle["qemu:".Length..];
        using var deadline = new CancellationTokenSource(Patience);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            while (!ReadConsole().Contains(text, StringComparison.Ordinal))
            {
                if (!Directory.Exists(qemu))
                    Assert.Fail($"{Handle} ended before '{text}' appeared on its console:\n{ReadConsole()}");
                await tick.WaitForNextTickAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"'{text}' did not appear on {Handle}'s console within {Patience.TotalSeconds} s:\n{ReadConsole()}");
        }
    }

    public string ReadConsole()
    {
        try
        {
            using var stream = new FileStream(ConsoleLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return "";
        }
    }

    /// <summary>rr-run stop HANDLE; returns what it printed and its status.</summary>
    public async Task<ProcessResult> StopAsync()
    {
        stopped = true;
        return await PortShell.RunAsync("rr-run", ["stop", Handle]);
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopped)
            await StopAsync();
        File.Delete(ConsoleLog);
    }

    [GeneratedRegex(@"console log (.+)$", RegexOptions.Multiline)]
    private static partial Regex ConsoleLogLine();
}
