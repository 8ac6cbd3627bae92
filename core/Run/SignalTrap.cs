using System.Runtime.InteropServices;

namespace Rumprun.Core.Run;

/// <summary>
/// While an attached guest runs, the signals that would end rr-run instead stop the guest, so that
/// rr-run lives on to restore the terminal and clean up. The callback gets the signal's number.
/// </summary>
internal sealed class SignalTrap : IDisposable
{
    public const int Interrupt = 2;

    private static readonly (PosixSignal Signal, int Number)[] Trapped =
    [
        (PosixSignal.SIGHUP, 1),
        (PosixSignal.SIGINT, 2),
        (PosixSignal.SIGQUIT, 3),
        (PosixSignal.SIGTERM, 15),
    ];

    private readonly PosixSignalRegistration[] _registrations;

    public SignalTrap(Action<int> onSignal)
    {
        _registrations = [.. Trapped.Select(trap => PosixSignalRegistration.Create(trap.Signal, context =>
        {
            context.Cancel = true;
            onSignal(trap.Number);
        }))];
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }
}
