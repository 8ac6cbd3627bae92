using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>pthreads on the hw platform: clone, the scheduler, futexes, thread-local storage.</summary>
public sealed class ThreadTests
{
    [Test]
    public async Task Eight_threads_with_a_mutex_a_condition_variable_thread_locals_and_join_give_the_exact_output()
    {
        var run = await Guest.RunGuestAsync("threads_pthread");

        Assert.Multiple(() =>
        {
            Assert.That(run.StandardOutput, Is.EqualTo(
                "joined worker-0:0\njoined worker-1:100\njoined worker-2:200\njoined worker-3:300\n" +
                "joined worker-4:400\njoined worker-5:500\njoined worker-6:600\njoined worker-7:700\n" +
                "counter 8000\norder 0 1 2 3 4 5 6 7\nmain tls 7\n"), run.ToString());
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
        });
    }

    [Test]
    public async Task A_thread_that_sleeps_lets_another_one_work_and_wakes_on_time()
    {
        var run = await Guest.RunGuestAsync("threads_sleep");

        Assert.That(run.StandardOutput, Is.EqualTo(
            "main worked while the other thread slept: yes\nsleeper woke after 300 ms: yes\nand not much later: yes\n"),
            run.ToString());
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }

    [Test]
    public async Task Spinning_threads_are_preempted_and_cannot_starve_the_main_thread()
    {
        var run = await Guest.RunGuestAsync("threads_spin");

        Assert.That(run.StandardOutput, Is.EqualTo(
            "main's sleep ended on time: yes\nfirst spinner ran: yes\nsecond spinner ran: yes\n"), run.ToString());
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }

    [Test]
    public async Task Futex_waits_time_out_wake_and_requeue_as_on_Linux()
    {
        var run = await Guest.RunGuestAsync("threads_futex");

        Assert.That(run.StandardOutput, Is.EqualTo(
            "wait on a changed value: EAGAIN\n" +
            "relative 100 ms: ETIMEDOUT, waited enough: yes\n" +
            "absolute monotonic: ETIMEDOUT, waited enough: yes\n" +
            "absolute realtime: ETIMEDOUT, waited enough: yes\n" +
            "wake with no waiters: 0\n" +
            "cmp_requeue with a stale value: EAGAIN\n" +
            "cmp_requeue woke or moved: 3\n" +
            "wake on the old word: 0\n" +
            "wake on the new word: 2\n" +
            "all waiters returned\n" +
            "pthread_cond_timedwait: ETIMEDOUT\n" +
            "sem_timedwait: ETIMEDOUT\n"), run.ToString());
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }

    [Test]
    public async Task A_fault_in_a_second_thread_is_reported_with_its_thread_id()
    {
        var run = await Guest.RunGuestAsync("threads_fault");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(139), run.ToString());
            Assert.That(run.StandardOutput, Does.StartWith("starting the thread\n"), run.ToString());
            Assert.That(run.StandardOutput, Does.Contain("in thread 2 (of 2)"), run.ToString());
            Assert.That(run.StandardOutput, Does.Contain("crash"), "a symbolised backtrace: " + run);
            Assert.That(run.StandardOutput, Does.Not.Contain("still running"), run.ToString());
        });
    }

    [TestCase("threads_pthread")]
    [TestCase("threads_futex")]
    public async Task The_unikernel_prints_the_same_as_the_native_static_musl_build(string name)
    {
        var native = Path.Combine(Guests.WorkDirectory, name + ".native");
        var cc = await Shell.RunAsync("musl-gcc", ["-static", "-O2", "-o", native, Path.Combine(RepoPaths.Guests, name + ".c"), "-lm"]);
        Assert.That(cc.ExitCode, Is.Zero, cc.ToString());

        var expected = await Shell.RunAsync(native, []);
        var actual = await Guest.RunAsync(await Guests.ImageAsync(name));

        Assert.That(actual.StandardOutput, Is.EqualTo(expected.StandardOutput), actual.ToString());
        Assert.That(actual.ExitCode, Is.EqualTo(expected.ExitCode), actual.ToString());
    }
}
