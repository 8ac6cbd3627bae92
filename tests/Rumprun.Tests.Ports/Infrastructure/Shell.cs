using System.Diagnostics;
using CliWrap;

namespace Rumprun.Tests.Ports.Infrastructure;

/// <summary>Runs the tools as a user would after '. OBJDIR/config-PATH.sh': the installed toolchain first on PATH.</summary>
public static class Shell
{
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(20);

    public static async Task<ProcessResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        byte[]? standardInput = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var installed = Path.Combine(RepoPaths.Bin, program);
        var executable = File.Exists(installed) ? installed : program;
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        using var cancel = new CancellationTokenSource(limit);
        var stdout = new MemoryStream();
        var stderr = new System.Text.StringBuilder();
        var env = new Dictionary<string, string?>
        {
            ["PATH"] = RepoPaths.Bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["RR_OBJDIR"] = RepoPaths.ObjDir,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            env[key] = value;

        var command = Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithWorkingDirectory(RepoPaths.Root)
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

    /// <summary>rr-port with a build's patience.</summary>
    public static Task<ProcessResult> PortAsync(params string[] arguments) =>
        RunAsync("rr-port", arguments, timeout: BuildTimeout);

    /// <summary>rr-run qemu -i IMAGE [-- ARGS], with standard input.</summary>
    public static Task<ProcessResult> BootAsync(string image, byte[] stdin, params string[] args) =>
        RunAsync("rr-run", ["qemu", "-i", image, .. args.Length > 0 ? (string[])["--", .. args] : []], stdin);
}
