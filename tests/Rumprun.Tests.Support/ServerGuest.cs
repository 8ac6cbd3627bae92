using System.Text;
using CliWrap;
using NUnit.Framework;

namespace Rumprun.Tests.Support;

/// <summary>
/// rr-run qemu -i with a virtio-net interface (DHCP) and one forwarded port of 127.0.0.1; the console's lines as they
/// come, so a test waits for the server's own "listening" line instead of guessing a delay.
/// </summary>
public sealed class ServerGuest : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(240);

    private readonly StringBuilder console = new();
    private readonly StringBuilder errors = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource cancel = new(Patience);
    private Task<CommandResult>? run;

    private ServerGuest(int hostPort) => HostPort = hostPort;

    public int HostPort { get; }

    public string Console
    {
        get
        {
            lock (console)
                return console.ToString();
        }
    }

    /// <summary>
    /// Boots the image with guestPort forwarded from a free host port (HostPort); the guest is ready once a console
    /// line contains readyText. protocol is rr-run's --forward word, tcp or udp.
    /// </summary>
    public static ServerGuest Start(
        string image,
        int guestPort,
        string readyText,
        IEnumerable<string> runOptions,
        IEnumerable<string> programArgs,
        string protocol = "tcp")
    {
        var guest = new ServerGuest(FreePort.For(protocol));
        var command = Cli.Wrap(Path.Combine(RepoPaths.Bin, "rr-run"))
            .WithArguments(["qemu", "-i", .. runOptions, "-I", "net0,vioif", "-W", "net0,inet,dhcp",
                "--forward", $"{protocol}:{guest.HostPort}:{guestPort}", image, "--", .. programArgs])
            .WithEnvironmentVariables(new Dictionary<string, string?> { ["PATH"] = Shell.PathWithToolchain })
            .WithStandardInputPipe(PipeSource.Null)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
            {
                lock (guest.console)
                    guest.console.Append(line).Append('\n');
                if (line.Contains(readyText, StringComparison.Ordinal))
                    guest.ready.TrySetResult();
            }))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(guest.errors))
            .WithValidation(CommandResultValidation.None);
        guest.run = command.ExecuteAsync(guest.cancel.Token).Task;
        _ = guest.run.ContinueWith(_ => guest.ready.TrySetResult(), TaskScheduler.Default);
        return guest;
    }

    /// <summary>Returns once the server printed its ready line; fails the test if the guest ended first.</summary>
    public async Task ReadyAsync()
    {
        await ready.Task.WaitAsync(Patience);
        Assert.That(run!.IsCompleted, Is.False, $"the guest ended before it was ready:\n{this}");
    }

    /// <summary>Waits for the guest to end by itself; its status and all it printed on the console.</summary>
    public async Task<(int ExitCode, string Console)> FinishedAsync()
    {
        var result = await run!.WaitAsync(Patience);
        return (result.ExitCode, Console);
    }

    public async Task<int> ExitCodeAsync() => (await FinishedAsync()).ExitCode;

    public override string ToString()
    {
        lock (console)
            return $"--- console ---\n{console}\n--- rr-run stderr ---\n{errors}";
    }

    public async ValueTask DisposeAsync()
    {
        if (run is not null && !run.IsCompleted)
        {
            await cancel.CancelAsync();
            try
            {
                await run;
            }
            catch (OperationCanceledException)
            {
            }
        }

        cancel.Dispose();
    }
}
