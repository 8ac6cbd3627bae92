using System.Diagnostics;
using CliWrap;

namespace Rumprun.Tests.Support;

/// <summary>Runs the tools as a user would after '. OBJDIR/config-PATH.sh': the installed toolchain first on PATH.</summary>
public static class Shell
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static string PathWithToolchain =>
        RepoPaths.Bin + ":" + Environment.GetEnvironmentVariable("PATH");

    /// <summary>
    /// Runs a program from the checkout's root (or workingDirectory); a program found in the toolchain's bin/ is
    /// preferred. The environment is inherited, PATH is replaced, then the given variables are set over both.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        byte[]? standardInput = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var installed = Path.Combine(RepoPaths.Bin, program);
        var executable = File.Exists(installed) ? installed : program;
        var limit = timeout ?? DefaultTimeout;
        using var cancel = new CancellationTokenSource(limit);
        var stdout = new MemoryStream();
        var stderr = new System.Text.StringBuilder();
        var env = new Dictionary<string, string?> { ["PATH"] = PathWithToolchain };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            env[key] = value;

        var command = Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory ?? RepoPaths.Root)
            .WithEnvironmentVariables(env)
            .WithStandardInputPipe(standardInput is null ? PipeSource.Null : PipeSource.FromBytes(standardInput))
            .WithStandardOutputPipe(PipeTarget.ToStream(stdout))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
            .WithValidation(CommandResultValidation.None);
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await command.ExecuteAsync(cancel.Token);
            return new ProcessResult(result.ExitCode, stdout.ToArray(), stderr.ToString(), clock.Elapsed);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException(
                $"{program} {string.Join(' ', arguments)} did not finish within {limit.TotalSeconds} s; output so far:\n" +
                $"{System.Text.Encoding.UTF8.GetString(stdout.ToArray())}\n{stderr}");
        }
    }
}
