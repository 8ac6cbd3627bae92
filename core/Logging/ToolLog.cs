using Rumprun.Core.Cli;
using Serilog;
using Serilog.Events;
using Serilog.Sinks.SystemConsole.Themes;

namespace Rumprun.Core.Logging;

/// <summary>Serilog on stderr, bare messages: stdout stays free for a tool's actual output.</summary>
public static class ToolLog
{
    public static void Configure(Verbosity verbosity)
    {
        var level = verbosity switch
        {
            Verbosity.Quiet => LogEventLevel.Warning,
            Verbosity.Verbose => LogEventLevel.Debug,
            _ => LogEventLevel.Information,
        };
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .WriteTo.Console(
                outputTemplate: "{Message:l}{NewLine}",
                standardErrorFromLevel: LogEventLevel.Verbose,
                theme: ConsoleTheme.None,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
    }
}
