using NUnit.Framework;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd.Infrastructure;

/// <summary>How a tool refuses bad input: the given status, exactly one line "TOOL: MESSAGE" on stderr, nothing on stdout.</summary>
public static class Refusal
{
    public static void AssertOneLine(ProcessResult run, int status, string message, string tool = "rr-run")
    {
        Assert.That(run.ExitCode, Is.EqualTo(status), run.ToString());
        Assert.That(run.StandardError, Is.EqualTo(tool + ": " + message + "\n"), run.ToString());
        Assert.That(run.StandardOutput, Is.Empty, run.ToString());
    }
}
