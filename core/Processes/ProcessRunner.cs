using System.Diagnostics;
using CliWrap.Buffered;
using Serilog;

namespace Rumprun.Core.Processes;

/// <summary>Runs external programs through CliWrap, capturing their output; the only way the tools start a process.</summary>
public static class ProcessRunner
{
    /// <summary>Runs the program and returns its outcome whatever its exit status.</summary>
    public static async Task<ProcessOutcome> RunAsync(ProcessSpec spec, CancellationToken cancel = default)
    {
        Log.Debug("$ {Command}", spec.Display);
        var command = CliWrap.Cli.Wrap(spec.Program)
            .WithArguments(spec.Arguments)
            .WithValidation(CliWrap.CommandResultValidation.None)
            .WithEnvironmentVariables(spec.Environment);
        if (spec.WorkingDirectory is not null)
        {
            command = command.WithWorkingDirectory(spec.WorkingDirectory);
        }

        var clock = Stopwatch.StartNew();
        try
        {
            var result = await command.ExecuteBufferedAsync(cancel);
            return new ProcessOutcome(spec, result.ExitCode, result.StandardOutput, result.StandardError, clock.Elapsed);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RrException($"cannot run '{spec.Program}': {e.Message}: check that it is installed and on PATH", e);
        }
    }

    /// <summary>Runs the program and throws <see cref="ToolFailedException"/> unless it exits with 0.</summary>
    public static async Task<ProcessOutcome> RunCheckedAsync(ProcessSpec spec, CancellationToken cancel = default, string? advice = null)
    {
        var outcome = await RunAsync(spec, cancel);
        return outcome.Succeeded ? outcome : throw new ToolFailedException(outcome, advice);
    }

    /// <summary>Runs the program for its first line of output, as with "cc -print-file-name=...".</summary>
    public static async Task<string> ReadLineAsync(ProcessSpec spec, CancellationToken cancel = default)
    {
        var outcome = await RunCheckedAsync(spec, cancel);
        return outcome.StandardOutput.Split('\n')[0].Trim();
    }
}
