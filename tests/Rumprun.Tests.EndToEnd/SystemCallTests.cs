using System.Text.RegularExpressions;
using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;

namespace Rumprun.Tests.EndToEnd;

public sealed class SystemCallTests
{
    [Test]
    public async Task An_unknown_system_call_returns_ENOSYS_and_is_named_once()
    {
        var run = await Guest.RunGuestAsync("unknown_syscall");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Count(l => Regex.IsMatch(l, @"unsupported system call acct \(163\)")), Is.EqualTo(1), run.ToString());
        Assert.That(lines.Where(l => l.StartsWith("acct returned")), Is.EqualTo(new[]
        {
            "acct returned -1 errno=Function not implemented",
            "acct returned -1 errno=Function not implemented",
        }), run.ToString());
    }

    [Test]
    public async Task User_and_group_ids_change_under_linux_rules_as_a_daemon_drops_privileges()
    {
        // the native side starts as the guest does, as root
        if (Environment.UserName != "root")
            Assert.Ignore("the native run of credentials.c must start as root, as the guest does");

        await FileSystemCallTests.AssertSameAsNativeAsync("credentials");
    }

    [Test]
    public async Task Floating_point_formatting_works_because_SSE_is_enabled()
    {
        var run = await Guest.RunGuestAsync("float_format");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo("0.666667 6.667e+09 6.66667e-06\n"), run.ToString());
    }
}
