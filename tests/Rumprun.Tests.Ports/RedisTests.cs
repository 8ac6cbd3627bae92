using NUnit.Framework;
using Rumprun.Tests.Ports.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.Ports;

/// <summary>
/// The Redis server baked with hw_net, reached through a forwarded port of 127.0.0.1 by the host's redis-cli, then shut
/// down by a client: the guest's exit status is the server's.
/// </summary>
public sealed class RedisTests
{
    private static string Image => RepoPaths.Image("redis", "redis-server.bin");

    [OneTimeSetUp]
    public async Task BuildAsync()
    {
        var build = await PortShell.PortAsync("build", "redis");
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        Assert.That(build.StandardOutput.Trim(), Is.EqualTo(Image));
    }

    [Test]
    public async Task Redis_cli_gets_exact_replies_and_shutdown_ends_the_guest_with_status_0()
    {
        await using var guest = ServerGuest.Start(Image, 6379, "Ready to accept connections", ["-M", "256"],
            ["--port", "6379", "--save", "", "--appendonly", "no", "--protected-mode", "no"]);
        await guest.ReadyAsync();

        // every byte value, so nothing on the way (console, lwIP, QEMU's forwarding, redis-cli) may alter one
        var large = Enumerable.Range(0, 100 * 1024).Select(i => (byte)(i * 31 + (i >> 8))).ToArray();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await CliAsync(guest, "PING"), Is.EqualTo("PONG\n"));
            Assert.That(await CliAsync(guest, "SET", "greeting", "hello unikernel"), Is.EqualTo("OK\n"));
            Assert.That(await CliAsync(guest, "GET", "greeting"), Is.EqualTo("hello unikernel\n"));
            Assert.That(await CliAsync(guest, "GET", "missing"), Is.EqualTo("\n"), "a nil reply prints an empty line off a terminal");
            Assert.That(await CliAsync(guest, "INCR", "counter"), Is.EqualTo("1\n"));
            Assert.That(await CliAsync(guest, "INCRBY", "counter", "41"), Is.EqualTo("42\n"));
            Assert.That(await CliAsync(guest, "INCR", "greeting"), Is.EqualTo("ERR value is not an integer or out of range\n\n"),
                "an error reply off a terminal: its text, then redis-cli's line end");
            Assert.That(await CliAsync(guest, large, "-x", "SET", "large"), Is.EqualTo("OK\n"));
            Assert.That(await CliAsync(guest, "STRLEN", "large"), Is.EqualTo("102400\n"));
            Assert.That(await CliBytesAsync(guest, [], "GET", "large"), Is.EqualTo(large.Append((byte)'\n').ToArray()));
            Assert.That(await CliAsync(guest, "DBSIZE"), Is.EqualTo("3\n"));
        });

        var shutdown = await PortShell.RunAsync("redis-cli", ["-p", guest.HostPort.ToString(), "SHUTDOWN", "NOSAVE"]);
        Assert.That(shutdown.ExitCode, Is.Zero, shutdown.ToString());
        Assert.That(await guest.ExitCodeAsync(), Is.Zero, guest.ToString());
        Assert.That(guest.Console, Does.Contain("User requested shutdown...").And.Contain("Redis is now ready to exit, bye bye..."));
    }

    private static Task<string> CliAsync(ServerGuest guest, params string[] command) => CliAsync(guest, [], command);

    private static async Task<string> CliAsync(ServerGuest guest, byte[] stdin, params string[] command) =>
        System.Text.Encoding.UTF8.GetString(await CliBytesAsync(guest, stdin, command));

    private static async Task<byte[]> CliBytesAsync(ServerGuest guest, byte[] stdin, params string[] command)
    {
        var cli = await PortShell.RunAsync("redis-cli", ["-p", guest.HostPort.ToString(), .. command], stdin, timeout: TimeSpan.FromSeconds(120));
        Assert.That(cli.ExitCode, Is.Zero, cli.ToString());
        Assert.That(cli.StandardError, Is.Empty, cli.ToString());
        return cli.StandardOutputBytes;
    }
}
