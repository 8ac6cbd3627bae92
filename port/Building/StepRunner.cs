using System.Diagnostics;
using System.Globalization;
using System.Text;
using CliWrap;
using Rumprun.Core.Processes;
using Serilog;

namespace Rumprun.Port.Building;

/// <summary>
/// Runs a step with its output in a log file rather than on the terminal, says which step runs and
/// for how long (a line every <see cref="HeartbeatInterval"/> while it lasts), and on failure prints
/// the log's last lines before the one-line error.
/// </summary>
public static class StepRunner
{
    public static TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(20);

    public const int TailLines = 20;

    public static async Task RunAsync(StepRequest step, CancellationToken cancel)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(step.LogPath)!);
        Log.Information(">> {Title}", step.Title);
        var clock = Stopwatch.StartNew();
        int status;
        await using (var log = new FileStream(step.LogPath, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            var header = Encoding.UTF8.GetBytes($"$ cd {ShellQuoting.Quote(step.WorkingDirectory)} && {ShellQuoting.Join([step.Program, .. step.Arguments])}\n");
            await log.WriteAsync(header, cancel);
            await log.FlushAsync(cancel);
            var sink = SharedLogTarget.For(log);
            var command = Cli.Wrap(step.Program)
                .WithArguments(step.Arguments)
                .WithWorkingDirectory(step.WorkingDirectory)
                .WithEnvironmentVariables(step.Environment)
                .WithStandardInputPipe(PipeSource.Null)
                .WithStandardOutputPipe(sink)
                .WithStandardErrorPipe(sink)
                .WithValidation(CommandResultValidation.None);
            using var stopHeartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            var heartbeat = HeartbeatAsync(step.Title, clock, stopHeartbeat.Token);
            try
            {
                var result = await command.ExecuteAsync(cancel);
                status = result.ExitCode;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new Core.RrException($"{step.Title}: cannot run '{step.Program}': {e.Message}: check that it is installed", e);
            }
            finally
            {
                await stopHeartbeat.CancelAsync();
                await heartbeat;
            }
        }

        if (status != 0)
        {
            await PrintTailAsync(step.LogPath);
            throw new StepFailedException(step.Title, status, step.LogPath);
        }

        Log.Information("   done in {Seconds} s", Seconds(clock.Elapsed));
    }

    /// <summary>Starts a log afresh: its folder exists, an earlier run's text is gone.</summary>
    public static string FreshLog(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        return path;
    }

    /// <summary>The last <paramref name="count"/> lines of a log, for the terminal.</summary>
    public static IReadOnlyList<string> Tail(string path, int count = TailLines)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var lines = File.ReadAllLines(path);
        return lines.Skip(Math.Max(0, lines.Length - count)).ToList();
    }

    private static async Task PrintTailAsync(string logPath)
    {
        foreach (var line in Tail(logPath))
        {
            await Console.Error.WriteLineAsync("   | " + line);
        }
    }

    private static async Task HeartbeatAsync(string title, Stopwatch clock, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(HeartbeatInterval, stop);
                Log.Information("   {Title}: still running ({Seconds} s)", title, Seconds(clock.Elapsed));
            }
        }
        catch (OperationCanceledException)
        {
            // The step ended; so does its heartbeat.
        }
    }

    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
