using System.Runtime.Versioning;
using System.Text;
using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>
/// rr-run xen --dry-run on a baked image: the xl configuration and the toolstack commands, printed as a
/// shell script, which is then run against a stand-in toolstack (xl and xenstore tools that log their
/// arguments and answer as a dom0 would) to show it is the sequence contracts §10 asks for.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class XenDryRunTests
{
    /// <summary>
    /// Stand-ins: xl domid says 9, xl list shows the domain running and then shut down, xenstore-watch reports one
    /// release event, xenstore-read gives the status line.
    /// </summary>
    private static readonly (string Name, string Script)[] Toolstack =
    [
        ("xl", """
            #!/bin/sh
            echo "xl $*" >> "$RR_FAKE_LOG"
            case "$1" in
                domid) echo 9 ;;
                list)
                    # running at the first look, shut down from the second (after a release event) on
                    state=---s--; [ -f "$RR_FAKE_LOG.listed" ] || { state=-b----; : > "$RR_FAKE_LOG.listed"; }
                    printf 'Name ID Mem VCPUs\tState\tTime(s)\n%s 9 64 1 %s 0.1\n' "$2" "$state" ;;
                console) echo "console output"; exec sleep 30 ;;
            esac
            """),
        ("xenstore-write", "#!/bin/sh\necho \"xenstore-write $*\" >> \"$RR_FAKE_LOG\"\n"),
        ("xenstore-chmod", "#!/bin/sh\necho \"xenstore-chmod $*\" >> \"$RR_FAKE_LOG\"\n"),
        ("xenstore-watch", "#!/bin/sh\necho \"xenstore-watch $*\" >> \"$RR_FAKE_LOG\"\necho @releaseDomain\n"),
        ("xenstore-read", "#!/bin/sh\necho \"xenstore-read $*\" >> \"$RR_FAKE_LOG\"\necho 'exit 7'\n"),
    ];

    [Test]
    public async Task Dry_run_prints_a_script_that_creates_configures_runs_and_reads_the_status()
    {
        var image = await Guests.ImageAsync("exit_status");

        var run = await Shell.RunAsync("rr-run", ["--dry-run", "xen", "-i", "-N", "e2e-dry", "-M", "32", "-e", "A=1", image, "--", "7"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var script = run.StandardOutput;
        Assert.That(script, Does.Contain("name = \"e2e-dry\"\ntype = \"pvh\"\n" +
            $"kernel = \"{Path.GetFullPath(image)}\"\nmemory = 32\nvcpus = 1\non_poweroff = \"preserve\"\non_crash = \"preserve\"\n"));

        var bin = Directory.CreateTempSubdirectory("rr-xen-fake-");
        try
        {
            foreach (var (name, text) in Toolstack)
            {
                var path = Path.Combine(bin.FullName, name);
                await File.WriteAllTextAsync(path, text + "\n");
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var log = Path.Combine(bin.FullName, "log");
            var scriptPath = Path.Combine(bin.FullName, "run.sh");
            await File.WriteAllTextAsync(scriptPath, script);

            var executed = await Shell.RunAsync("sh", [scriptPath], environment: new Dictionary<string, string?>
            {
                ["PATH"] = bin.FullName + ":/usr/bin:/bin",
                ["RR_FAKE_LOG"] = log,
            });

            Assert.That(executed.ExitCode, Is.EqualTo(7), executed.ToString());
            var calls = (await File.ReadAllLinesAsync(log)).Select(line => line.Split(' ')[0] + " " + line.Split(' ')[1]).ToList();
            // xl console runs in the background from just before the unpause, so its place in the log varies.
            Assert.That(calls, Has.One.EqualTo("xl console"));
            Assert.That(calls.Where(call => call != "xl console"), Is.EqualTo(new[]
            {
                "xl create", "xl domid", "xenstore-write /local/domain/9/rumprun/cfg", "xenstore-chmod -r",
                "xl unpause", "xl list", "xenstore-watch -n", "xl list", "xenstore-read /local/domain/9/data/rr-exit", "xl destroy",
            }));
            Assert.That(await File.ReadAllLinesAsync(log), Does.Contain("xenstore-watch -n 2 @releaseDomain"), "the wait between two looks is one release event");
            var written = (await File.ReadAllLinesAsync(log)).Single(line => line.StartsWith("xenstore-write", StringComparison.Ordinal));
            Assert.That(written, Does.Contain("{\"cmdline\":\"exit_status.bin 7\",\"env\":[\"A=1\"],\"console\":\"raw\""));
            Assert.That(await File.ReadAllTextAsync("/tmp/rr-run-xen-e2e-dry.cfg", Encoding.UTF8), Does.Contain("name = \"e2e-dry\""));
        }
        finally
        {
            bin.Delete(true);
            File.Delete("/tmp/rr-run-xen-e2e-dry.cfg");
        }
    }

    [Test]
    public async Task Without_a_toolstack_rr_run_xen_says_it_must_run_in_a_dom0()
    {
        var image = await Guests.ImageAsync("exit_status");

        var run = await Shell.RunAsync("rr-run", ["xen", "-i", image], environment: new Dictionary<string, string?>
        {
            ["PATH"] = "/nonexistent",
        });

        Assert.That(run.ExitCode, Is.EqualTo(125), run.ToString());
        Assert.That(run.StandardError, Is.EqualTo(
            "rr-run: xl not found: rr-run xen must run in a Xen dom0 with the toolstack installed (apt-get install xen-utils-4.17)\n"));
    }
}
