using System.Runtime.Versioning;
using CliWrap;
using CliWrap.Buffered;
using Serilog;

namespace Rumprun.Core.Run;

/// <summary>
/// Puts the terminal on rr-run's stdin into raw mode for an attached guest and puts it back. The
/// guest runs its own line discipline (echo, erase, ^C), so the host's must step aside, or every
/// key would be echoed twice and ^C would stop rr-run instead of reaching the program.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TerminalMode : IAsyncDisposable
{
    private readonly string _device;
    private readonly string _saved;
    private int _restored;

    private TerminalMode(string device, string saved)
    {
        _device = device;
        _saved = saved;
    }

    /// <summary>Saves the settings of the terminal on fd 0 and makes it raw.</summary>
    public static async Task<TerminalMode> EnterRawAsync()
    {
        // stty acts on its own stdin, which CliWrap always redirects, so it is given our terminal by name.
        var device = $"/proc/{Environment.ProcessId}/fd/0";
        var saved = (await SttyAsync(device, "-g")).Trim();
        var mode = new TerminalMode(device, saved);
        await SttyAsync(device, "raw", "-echo");
        return mode;
    }

    /// <summary>Restores the saved settings; safe to call more than once and from a signal handler.</summary>
    public async Task RestoreAsync()
    {
        if (Interlocked.Exchange(ref _restored, 1) != 0)
            return;
        try
        {
            await SttyAsync(_device, _saved);
        }
        catch (RunException e)
        {
            Log.Warning("rr-run: {Message}", e.Message);
        }
    }

    public async ValueTask DisposeAsync() => await RestoreAsync();

    private static async Task<string> SttyAsync(string device, params string[] arguments)
    {
        try
        {
            var result = await CliWrap.Cli.Wrap("stty")
                .WithArguments(["-F", device, .. arguments])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync();
            if (result.ExitCode != 0)
                throw new RunException(
                    $"stty {string.Join(' ', arguments)} failed on the terminal: {result.StandardError.Trim()}: run with stdin redirected from a file");
            return result.StandardOutput;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RunException("stty not found: apt-get install coreutils", inner: e);
        }
    }
}
