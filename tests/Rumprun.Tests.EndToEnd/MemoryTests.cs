using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;

namespace Rumprun.Tests.EndToEnd;

public sealed class MemoryTests
{
    [Test]
    public async Task A_32_MiB_allocation_works_with_64_MiB_of_guest_memory()
    {
        var run = await Guest.RunGuestAsync("big_malloc", runOptions: ["-M", "64"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(ExpectedBigMallocLine()), run.ToString());
    }

    [Test]
    public async Task Hello_runs_in_2_MiB_of_guest_memory()
    {
        var run = await Guest.RunGuestAsync("exit_status", ["3"], runOptions: ["-M", "2"]);

        Assert.That(run.StandardOutput, Is.EqualTo("exiting with 3\n"), run.ToString());
        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
    }

    [Test]
    public async Task A_32_MiB_allocation_in_16_MiB_of_memory_fails_cleanly()
    {
        var run = await Guest.RunGuestAsync("big_malloc", runOptions: ["-M", "16"]);

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
        Assert.That(run.ExitCode, Is.Not.EqualTo(125), "the guest, not the hypervisor, must report running out of memory: " + run);
    }

    private static string ExpectedBigMallocLine()
    {
        const int size = 32 << 20;
        ulong sum = 0;
        for (var i = 0; i < size; i += 4096)
            sum += (byte)(i * 7) + (ulong)(byte)((i + 4095) * 7);
        return $"allocated 32 MiB, checksum {sum}\n";
    }
}
