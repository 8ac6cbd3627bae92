using System.Diagnostics;
using CliWrap;
using Rumprun.Core;
using Rumprun.Port.Building;

namespace Rumprun.Port.Checking;

/// <summary>
/// Runs one side of a check. Natively the program gets an empty environment, the image's file name as
/// argv[0] (what the guest sees) and one pipe for stdout and stderr, as the guest has one console: the
/// shell joins the two descriptors before exec, so the bytes keep the order the program wrote them in
/// (two pipes read by two threads would interleave them by chance). The unikernel is started with
/// rr-run qemu -i exactly as a user types it.
/// </summary>
public static class ProgramRunner
{
    public static async Task<RunResult> RunNativeAsync(
        string program, string argv0, IReadOnlyList<string> args, byte[] stdin, string workingDirectory, TimeSpan timeout, CancellationToken cancel)
    {
        // bash's exec -a sets argv[0] and 2>&1 makes stderr the stdout pipe; env -i leaves the program the
        // guest's empty environment. What bash says of a missing program lands in the output too, beside the
        // status 127, so the check's diff shows it.
        List<string> arguments = ["-i", "/bin/bash", "-c", "exec -a \"$0\" \"$@\" 2>&1", argv0, program, .. args];
        return await RunAsync("env", arguments, stdin, workingDirectory, timeout, cancel);
    }

    public static async Task<RunResult> RunGuestAsync(
        string rrRun, string image, IReadOnlyList<string> args, byte[] stdin, string workingDirectory, TimeSpan timeout, CancellationToken cancel)
    {
        List<string> arguments = ["qemu", "-i", image, "--", .. args];
        return await RunAsync(rrRun, arguments, stdin, workingDirectory, timeout, cancel);
    }

    private static async Task<RunResult> RunAsync(
        string program, IReadOnlyList<string> arguments, byte[] stdin, string workingDirectory, TimeSpan timeout, CancellationToken cancel)
    {
        using var output = new MemoryStream();
        var diagnostics = new System.Text.StringBuilder();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(timeout);
        var command = Cli.Wrap(program)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithStandardInputPipe(PipeSource.FromBytes(stdin))
            .WithStandardOutputPipe(PipeTarget.ToStream(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(diagnostics))
            .WithValidation(CommandResultValidation.None);
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await command.ExecuteAsync(limit.Token);
            return new RunResult(output.ToArray(), result.ExitCode, diagnostics.ToString(), clock.Elapsed);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return new RunResult(output.ToArray(), -1, $"did not finish within {timeout.TotalSeconds} s (stopped)", clock.Elapsed);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RrException($"cannot run '{program}': {e.Message}", e);
        }
    }
}
