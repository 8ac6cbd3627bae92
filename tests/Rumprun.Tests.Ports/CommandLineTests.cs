using NUnit.Framework;
using Rumprun.Tests.Ports.Infrastructure;

namespace Rumprun.Tests.Ports;

/// <summary>rr-port's listing and its errors: one line, a non-zero status, the log when a step fails.</summary>
public sealed class CommandLineTests
{
    [Test]
    public async Task List_shows_each_port_with_its_version()
    {
        var list = await PortShell.PortAsync("list");

        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        Assert.That(list.StandardOutput, Does.Match(@"(?m)^lua +5\.4\.4 +(built|not built) +\S"));
        Assert.That(list.StandardOutput, Does.Match(@"(?m)^sqlite3 +3\.40\.1 "));
        Assert.That(list.StandardOutput, Does.Match(@"(?m)^zlib +1\.2\.13 "));
        Assert.That(list.StandardOutput, Does.Match(@"(?m)^redis +7\.0\.15 "));
        Assert.That(list.StandardOutput, Does.Match(@"(?m)^lighttpd +1\.4\.69 "));
    }

    [Test]
    public async Task An_unknown_port_is_one_line_naming_the_known_ones()
    {
        var build = await PortShell.PortAsync("build", "no-such-port");

        Assert.That(build.ExitCode, Is.EqualTo(1), build.ToString());
        Assert.That(build.StandardError.Trim(), Does.StartWith("rr-port: no port named 'no-such-port' (known: libevent, lighttpd, lua, memcached, nginx, redis, sqlite3, zlib"));
        Assert.That(build.StandardError.Trim(), Does.Not.Contain("\n"));
    }

    [Test]
    public async Task A_missing_port_name_is_a_usage_error()
    {
        var check = await PortShell.PortAsync("check");

        Assert.That(check.ExitCode, Is.EqualTo(2), check.ToString());
    }

    [Test]
    public async Task A_failing_build_step_shows_the_end_of_its_log_and_where_the_log_is()
    {
        using var tree = new ScratchTree();
        var archive = await tree.ArchiveAsync("demo-1.0", ("Makefile", "all:\n\t@echo compiling demo.c\n\t@echo 'demo.c:3: error: expected ;' >&2\n\t@false\n"));
        tree.Recipe("demo", $$"""
            { "name": "demo", "version": "1.0", "summary": "fails on purpose",
              "source": { "url": "{{new Uri(archive).AbsoluteUri}}", "sha256": "{{ScratchTree.Sha256(archive)}}" },
              "build": ["make"] }
            """);

        var build = await PortShell.RunAsync("rr-port", ["build", "demo"],
            environment: new Dictionary<string, string?> { ["RR_SOURCE_DIR"] = tree.Path, ["RR_OBJDIR"] = tree.ObjDir });

        var lastLine = build.StandardError.TrimEnd().Split('\n')[^1];
        Assert.Multiple(() =>
        {
            Assert.That(build.ExitCode, Is.EqualTo(1), build.ToString());
            Assert.That(build.StandardError, Does.Contain("demo.c:3: error: expected ;"), "the log's last lines are shown");
            Assert.That(lastLine, Does.StartWith("rr-port: demo: target build step 1/1: make failed with status 2"));
            Assert.That(lastLine, Does.Contain($"full log: {tree.ObjDir}/ports/demo/logs/target-build.log"));
        });
    }

    [Test]
    public async Task A_source_that_does_not_match_its_digest_is_refused()
    {
        using var tree = new ScratchTree();
        var archive = await tree.ArchiveAsync("demo-1.0", ("Makefile", "all:\n\ttrue\n"));
        tree.Recipe("demo", $$"""
            { "name": "demo", "version": "1.0", "summary": "wrong digest",
              "source": { "url": "{{new Uri(archive).AbsoluteUri}}", "sha256": "{{new string('a', 64)}}" },
              "build": ["make"] }
            """);

        var build = await PortShell.RunAsync("rr-port", ["build", "demo"],
            environment: new Dictionary<string, string?> { ["RR_SOURCE_DIR"] = tree.Path, ["RR_OBJDIR"] = tree.ObjDir });

        Assert.That(build.ExitCode, Is.EqualTo(1), build.ToString());
        Assert.That(build.StandardError, Does.Contain("but the recipe expects aaaa"));
    }
}
