using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>
/// rr-run xen on a real Xen: Debian 12's Xen 4.17 and a Linux dom0 boot under QEMU (tests/xen), the
/// dom0 runs a self-contained rr-run, and tests/xen/run-checks.sh checks what came back from nine
/// domUs: exact output and exit statuses, arguments and environment through xenstore, piped input,
/// a fault, a detached domain and rr-run stop, the --dry-run script, disks through blkfront (one, and
/// seven for grants past the table's first frame), a directory as a disk beside an interface through
/// netfront answering wget.
/// One boot for all of it: 5 minutes on a quiet machine, up to 17 on a loaded one. It runs only with
/// RR_TEST_NESTED_XEN=1: besides its length, one run of seven saw the self-contained rr-run itself
/// die of SIGSEGV in the emulated dom0 (the guest was not started), which the default run must not hang on.
/// </summary>
[Category("NestedXen")]
[Order(0)]   // the longest fixture starts first, so the others share the second slot beside it
public sealed class NestedXenTests
{
    private static string Cache => Path.Combine(RepoPaths.ObjDir, "xen-harness");

    private static string Script(string name) => Path.Combine(RepoPaths.Root, "tests", "xen", name);

    [OneTimeSetUp]
    public async Task PrepareAsync()
    {
        if (Environment.GetEnvironmentVariable("RR_TEST_NESTED_XEN") != "1")
            Assert.Ignore("the nested Xen checks run with RR_TEST_NESTED_XEN=1 ./run-tests.sh (about 10 minutes)");
        await XenPlatform.EnsureBuiltAsync();
        Directory.CreateDirectory(Cache);
        foreach (var (script, argument, minutes) in new[] { ("fetch.sh", Cache, 15), ("publish-rr-run.sh", Path.Combine(Cache, "rr-run"), 10) })
        {
            var result = await Shell.RunAsync("sh", [Script(script), argument], timeout: TimeSpan.FromMinutes(minutes));
            if (result.ExitCode != 0)
                Assert.Fail($"tests/xen/{script} failed, so the nested Xen cannot run:\n{result}");
        }
    }

    [Test]
    public async Task Every_check_of_rr_run_xen_passes_in_a_domU_of_a_nested_xen()
    {
        var run = await Shell.RunAsync("sh", [Script("run-checks.sh"), Cache, Path.Combine(Cache, "rr-run")],
            environment: new Dictionary<string, string?> { ["RR_XEN_TIMEOUT"] = "1800" },
            timeout: TimeSpan.FromMinutes(35));

        var lines = run.StandardOutput.Split('\n');
        var failed = lines.Where(line => line.StartsWith("FAILED: ", StringComparison.Ordinal)).ToList();
        Assert.That(failed, Is.Empty, $"the nested run's console is in {Path.Combine(Cache, "run-checks.log")}\n{run}");
        Assert.That(lines.Count(line => line.StartsWith("ok: ", StringComparison.Ordinal)), Is.EqualTo(26), run.ToString());
        Assert.That(lines, Does.Contain("rr-harness: checks passed"), run.ToString());
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }
}
