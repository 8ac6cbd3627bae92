using System.Text;
using CliWrap;
using NUnit.Framework;
using Rumprun.Core.Run;
using Rumprun.Run;

namespace Rumprun.Tests.Unit.Run;

/// <summary>Runs the built rr-run as a user would and boots tiny stub kernels with it.</summary>
internal static class RrRunProcess
{
    public sealed record Result(int ExitCode, byte[] Output, string Errors)
    {
        public string OutputText => Encoding.UTF8.GetString(Output);

        public override string ToString() => $"exit {ExitCode}, stdout [{OutputText}], stderr [{Errors}]";
    }

    private static string Tool => typeof(RootCommandFactory).Assembly.Location;

    /// <summary>Skips the test where QEMU is not installed: these tests boot real (tiny) guests.</summary>
    public static void RequireQemu()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (!path.Split(':').Any(dir => File.Exists(Path.Combine(dir, "qemu-system-x86_64"))))
            Assert.Ignore("qemu-system-x86_64 is not installed");
    }

    public static async Task<Result> RunAsync(IEnumerable<string> arguments, PipeSource? input = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new MemoryStream();
        var errors = new StringBuilder();
        var result = await CliWrap.Cli.Wrap("dotnet")
            .WithArguments([Tool, .. arguments])
            .WithStandardInputPipe(input ?? PipeSource.Null)
            .WithStandardOutputPipe(PipeTarget.ToStream(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(timeout.Token);
        return new Result(result.ExitCode, output.ToArray(), errors.ToString());
    }

    /// <summary>Writes the stub to a temporary file and boots it with rr-run qemu -i.</summary>
    public static async Task<Result> BootAsync(PvhStubImage stub, PipeSource? input = null, params string[] options)
    {
        var image = Path.Combine(Path.GetTempPath(), $"rr-run-stub-{Guid.NewGuid():N}.bin");
        await stub.WriteAsync(image);
        try
        {
            return await RunAsync(["qemu", "-i", .. options, image], input);
        }
        finally
        {
            File.Delete(image);
        }
    }
}
