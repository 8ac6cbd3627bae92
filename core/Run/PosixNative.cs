using System.Runtime.InteropServices;

namespace Rumprun.Core.Run;

/// <summary>The few libc calls .NET has no portable form for.</summary>
internal static partial class PosixNative
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int isatty(int fd);

    [DllImport("libc")]
    private static extern uint getuid();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>
    /// Whether fd 0 is a terminal. Console.IsInputRedirected is not used because a character device
    /// such as /dev/null must count as "not a terminal" here: it decides the guest's console mode.
    /// </summary>
    public static bool StandardInputIsTerminal => isatty(0) == 1;

    public static uint UserId => getuid();

    /// <summary>Sends a signal; false when the process is gone or not ours to signal.</summary>
    public static bool Signal(int pid, int signal) => kill(pid, signal) == 0;
}
