using NUnit.Framework;
using Rumprun.Tests.Ports.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.Ports;

/// <summary>zlib, then sqlite3 which links the libz.a zlib installed into the sysroot: one fixture, as one depends on the other.</summary>
[Order(1)]
public sealed class ZlibAndSqliteTests
{
    [Test, Order(1)]
    public async Task Building_zlib_prints_its_images_and_installs_libz_into_the_sysroot()
    {
        var build = await PortShell.PortAsync("build", "zlib");

        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        var images = build.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(images, Is.EqualTo(new[] { RepoPaths.Image("zlib", "example.bin"), RepoPaths.Image("zlib", "minigzip.bin") }));
            Assert.That(images.All(File.Exists), Is.True);
            Assert.That(File.Exists(Path.Combine(RepoPaths.Prefix, "x86_64-rumprun-netbsd", "lib", "libz.a")), Is.True);
            Assert.That(File.Exists(Path.Combine(RepoPaths.Prefix, "x86_64-rumprun-netbsd", "include", "zlib.h")), Is.True);
        });
    }

    [Test, Order(2)]
    public async Task A_second_build_reuses_the_fetched_and_built_tree()
    {
        var build = await PortShell.PortAsync("build", "zlib");

        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        Assert.That(build.StandardError, Does.Contain("zlib: target build is up to date"));
        Assert.That(build.StandardError, Does.Not.Contain("apt-get source").And.Not.Contain("make -j"));
    }

    [Test, Order(3)]
    public async Task Minigzip_round_trips_a_file_through_two_unikernel_runs()
    {
        var original = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "ports", "zlib", "checks", "text.txt"));
        var image = RepoPaths.Image("zlib", "minigzip.bin");

        var compressed = await PortShell.BootAsync(image, original);
        var decompressed = await PortShell.BootAsync(image, compressed.StandardOutputBytes, "-d");

        Assert.That(compressed.ExitCode, Is.Zero, compressed.ToString());
        Assert.That(compressed.StandardOutputBytes.Take(2), Is.EqualTo(new byte[] { 0x1f, 0x8b }), "gzip magic");
        Assert.That(compressed.StandardOutputBytes, Has.Length.LessThan(original.Length / 2));
        Assert.That(decompressed.ExitCode, Is.Zero, decompressed.ToString());
        Assert.That(decompressed.StandardOutputBytes, Is.EqualTo(original));
    }

    [Test, Order(4)]
    public async Task Zlib_checks_agree_with_the_native_build()
    {
        var check = await PortShell.PortAsync("check", "zlib");

        Assert.That(check.ExitCode, Is.Zero, check.ToString());
        Assert.That(check.StandardOutput, Does.Contain("PASS example").And.Contain("PASS decompress"));
        Assert.That(check.StandardOutput, Does.Contain("zlib: 5 checks, 5 passed, 0 failed, 0 skipped"));
    }

    [Test, Order(5)]
    public async Task Sqlite3_checks_agree_with_the_native_shell_byte_for_byte()
    {
        var check = await PortShell.PortAsync("check", "sqlite3");

        Assert.That(check.ExitCode, Is.Zero, check.ToString());
        Assert.That(check.StandardOutput, Does.Contain("PASS tmp-database").And.Contain("PASS bail-on-error"));
        Assert.That(check.StandardOutput, Does.Match(@"sqlite3: (\d+) checks, \1 passed, 0 failed, 0 skipped"));
    }

    [Test, Order(6)]
    public async Task Sql_piped_into_the_shell_writes_and_reads_a_database_under_tmp()
    {
        var sql = "create table t(x); insert into t values (1), (2.5), ('three');\n.open /tmp/piped.db\ncreate table u(y);\ninsert into u values (42);\n.open /tmp/piped.db\nselect y * 2 from u;\n";

        var run = await PortShell.BootAsync(RepoPaths.Image("sqlite3", "sqlite3.bin"), System.Text.Encoding.UTF8.GetBytes(sql));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo("84\n"));
    }
}
