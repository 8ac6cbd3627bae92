using System.CommandLine;
using Rumprun.Core.Logging;
using Serilog;

namespace Rumprun.Core.Cli;

/// <summary>
/// Runs a tool's root command with the project's error policy: a parse error or an
/// <see cref="RrException"/> becomes one line "TOOL: message" on stderr and a non-zero status;
/// a stack trace appears only for a bug (any other exception).
/// </summary>
public static class ToolHost
{
    /// <summary>Exit status for a command line that does not parse.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Exit status when the user interrupts the tool (128 + SIGINT, as a shell reports it).</summary>
    public const int InterruptedExitCode = 130;

    public static async Task<int> RunAsync(string toolName, RootCommand root, string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            await Console.Error.WriteLineAsync($"{toolName}: {parsed.Errors[0].Message} (see {toolName} --help)");
            return UsageExitCode;
        }

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancel.Token);
        }
        catch (RrException e)
        {
            await Console.Error.WriteLineAsync($"{toolName}: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The file system refused (a full disk, a read-only or forbidden directory): the user's to fix, not a bug.
            await Console.Error.WriteLineAsync($"{toolName}: {e.Message.TrimEnd('.')}: check the path and its permissions");
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{toolName}: interrupted");
            return InterruptedExitCode;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            await Log.CloseAndFlushAsync();
        }
    }

    /// <summary>Sets up logging for the verb being run; call first in every action.</summary>
    public static void StartLogging(Verbosity verbosity) => ToolLog.Configure(verbosity);
}
