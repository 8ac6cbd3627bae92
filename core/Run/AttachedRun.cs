using System.Runtime.Versioning;
using CliWrap;
using Serilog;

namespace Rumprun.Core.Run;

/// <summary>
/// rr-run -i: QEMU in the foreground with the guest console on rr-run's stdio, until the guest stops.
/// </summary>
[SupportedOSPlatform("linux")]
public static class AttachedRun
{
    /// <summary>
    /// How long QEMU gets to end after SIGINT before it is killed; short, because System.CommandLine
    /// ends the whole process 2 s after SIGTERM and the terminal must be restored before that.
    /// </summary>
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(1);

    /// <summary>The guest's console mode follows rr-run's stdin.</summary>
    public static ConsoleMode ConsoleModeForStandardInput() =>
        PosixNative.StandardInputIsTerminal ? ConsoleMode.Tty : ConsoleMode.Raw;

    public static Task<GuestOutcome> RunAsync(string qemu, RunRequest request, CancellationToken cancel) =>
        RunAsync(qemu, request, ConsoleModeForStandardInput(), (configuration, controlPath, _) =>
            Task.FromResult(QemuCommandLine.Build(request, configuration.ToJson(), new QemuConsole.Stdio(), controlPath)), cancel);

    /// <summary>
    /// The attached run with another way to boot (rr-run iso): <paramref name="prepare"/> gets the guest
    /// configuration and the control file and returns QEMU's arguments, with its console on stdio.
    /// </summary>
    public static async Task<GuestOutcome> RunAsync(
        string qemu,
        RunRequest request,
        ConsoleMode console,
        Func<GuestConfiguration, string, CancellationToken, Task<IReadOnlyList<string>>> prepare,
        CancellationToken cancel)
    {
        var files = RunFiles.ForAttached();
        var configuration = GuestConfiguration.For(request, console);
        var arguments = await prepare(configuration, files.ControlPath, cancel);
        Log.Debug("$ {Command}", QemuCommandLine.ToShellLine(qemu, arguments));

        using var graceful = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var forceful = new CancellationTokenSource();
        var stopSignal = 0;
        void Stop(int signal)
        {
            if (signal != 0)
                Interlocked.CompareExchange(ref stopSignal, signal, 0);
            graceful.Cancel();
            forceful.CancelAfter(GracePeriod);
        }
        // The caller's token carries no signal number: our own trap records the real one.
        using var registration = cancel.Register(() => Stop(0));
        using var signals = new SignalTrap(Stop);
        var errors = new QemuErrorOutput(() => forceful.Cancel());

        TerminalMode? terminal = console == ConsoleMode.Tty ? await TerminalMode.EnterRawAsync() : null;
        int qemuExit;
        try
        {
            await using var input = DescriptorStream.StandardInput();
            await using var output = DescriptorStream.StandardOutput();
            var command = CliWrap.Cli.Wrap(qemu)
                .WithArguments(arguments)
                .WithValidation(CommandResultValidation.None)
                .WithStandardInputPipe(ConsolePump.Input(input, ready => ReadinessWatch.WaitAsync(files.ControlPath, ready)))
                .WithStandardOutputPipe(ConsolePump.Output(output))
                .WithStandardErrorPipe(errors.Target);
            try
            {
                qemuExit = (await command.ExecuteAsync(forceful.Token, graceful.Token)).ExitCode;
            }
            catch (OperationCanceledException)
            {
                qemuExit = -1;
            }
        }
        finally
        {
            if (terminal is not null)
                await terminal.RestoreAsync();
        }

        var control = await ReadControlAsync(files);
        if (!string.IsNullOrWhiteSpace(errors.Text))
            Log.Debug("qemu said: {Errors}", errors.Text.TrimEnd());
        var outcome = GuestOutcome.Decide(control, qemuExit, errors.Text);
        if (graceful.IsCancellationRequested && !outcome.Reported)
        {
            var signal = stopSignal != 0 ? stopSignal : SignalTrap.Interrupt;
            return new GuestOutcome(128 + signal, $"interrupted by signal {signal}: the guest was stopped");
        }
        return outcome;
    }

    private static async Task<string> ReadControlAsync(RunFiles files)
    {
        try
        {
            return File.Exists(files.ControlPath) ? await File.ReadAllTextAsync(files.ControlPath) : "";
        }
        finally
        {
            files.DeleteControl();
        }
    }
}
