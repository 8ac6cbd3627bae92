using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;

namespace Rumprun.Tests.EndToEnd;

public sealed class ProcTests
{
    [Test]
    public async Task Proc_shows_the_program_its_descriptors_mounts_and_the_machine()
    {
        var run = await Guest.RunGuestAsync("proc_self", ["a", "b c"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(
            "/proc/self -> 1\n" +
            "/proc/self/exe -> /proc_self.bin\n" +
            "/proc/1/root -> /\n" +
            "/proc/mounts -> self/mounts\n" +
            "/proc/self/cmdline:\n" +
            "  proc_self.bin|a|b c|\n" +
            "/proc/self/comm:\n" +
            "  proc_self.bin\n" +
            "/proc/mounts:\n" +
            "  ramfs / ramfs rw 0 0\n" +
            "  proc /proc proc rw 0 0\n" +
            "fds 3 4 5\n" +
            "/proc/self/fd/0 -> /dev/console\n" +
            "/proc/self/fd/3 -> /tmp/rr-proc/file\n" +
            "/proc/self/fd/4 -> pipe:[1]\n" +
            "/proc/self/fd/5 -> pipe:[1]\n" +
            "stat through the link: size 10 regular 1\n" +
            "lstat: link 1 mode 700\n" +
            "/proc/self/fd/3 -> /tmp/rr-proc/renamed\n" +
            "/proc/self/fd/3 -> /tmp/rr-proc/renamed (deleted)\n" +
            "/proc/self/fd/9 -> error\n" +
            "fd: 0 1 2 3 4 5 6\n" +
            "reopened read 12: via the pipe\n" +
            "deleted file read 10: 0123456789\n" +
            "written to /dev/stdout\n" +
            "/dev/fd/1 -> /dev/console\n" +
            "/proc/self/cwd -> /tmp/rr-proc\n" +
            "cwd after .. through the link: /tmp\n" +
            "meminfo starts with MemTotal: 1\n" +
            "cpuinfo starts with processor: 1\n" +
            "status starts with Name: 1\n" +
            "stat starts with 1 (: 1\n" +
            "uptime positive: 1\n" +
            "write to meminfo: 1\n" +
            "create in /proc: 1\n" +
            "maps shows the stack: 1\n"), run.ToString());
    }
}
