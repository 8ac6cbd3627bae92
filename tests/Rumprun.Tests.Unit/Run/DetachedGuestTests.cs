using System.Runtime.Versioning;
using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

[SupportedOSPlatform("linux")]
public sealed class DetachedGuestTests
{
    private string _image = "";

    [SetUp]
    public async Task WriteImage()
    {
        RrRunProcess.RequireQemu();
        _image = Path.Combine(Path.GetTempPath(), $"rr-run-stub-{Guid.NewGuid():N}.bin");
        await new PvhStubImage("running\n", "rr:exit 0\n", StopMachine: false).WriteAsync(_image);
    }

    [TearDown]
    public void DeleteImage() => File.Delete(_image);

    [Test]
    public async Task A_detached_guest_prints_its_handle_logs_its_console_and_stops_on_request()
    {
        var name = $"test-{Guid.NewGuid():N}"[..16];

        var start = await RrRunProcess.RunAsync(["qemu", "-N", name, _image]);
        var handle = start.OutputText.Trim();
        var stop = await RrRunProcess.RunAsync(["stop", handle]);
        var again = await RrRunProcess.RunAsync(["stop", handle]);

        Assert.Multiple(() =>
        {
            Assert.That(start.ExitCode, Is.Zero, start.ToString());
            Assert.That(handle, Does.Match("^qemu:[0-9]+$"));
            Assert.That(start.Errors, Does.Contain("started " + handle + ", console log "));
            Assert.That(stop.ExitCode, Is.Zero, stop.ToString());
            Assert.That(again.ExitCode, Is.EqualTo(RunExitCodes.HypervisorFailed), again.ToString());
            Assert.That(again.Errors, Does.Contain("no such guest"));
        });
        var log = Directory.GetFiles(RunDirectory.Path, name + "-*.log").Single();
        Assert.That(File.ReadAllText(log), Is.EqualTo("running\n"));
        File.Delete(log);
    }

    [Test]
    public async Task Stop_refuses_a_process_that_is_not_an_rr_run_guest()
    {
        var run = await RrRunProcess.RunAsync(["stop", $"qemu:{Environment.ProcessId}"]);

        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Errors, Does.Contain("not a guest started by rr-run"));
    }

    [TestCase("12345")]
    [TestCase("qemu:")]
    [TestCase("qemu:-4")]
    [TestCase("xen:12")]
    public void A_malformed_handle_is_a_usage_error(string text)
    {
        var error = Assert.Throws<RunException>(() => GuestHandle.Parse(text))!;

        Assert.That(error.ExitCode, Is.EqualTo(RunExitCodes.Usage));
    }

    [Test]
    public void Our_guests_are_recognised_by_their_control_file_in_the_run_directory()
    {
        string[] ours = ["/usr/bin/qemu-system-x86_64", "-chardev", "file,id=ctl,path=/run/user/1/rr-run/x-1.ctl"];
        string[] elsewhere = ["/usr/bin/qemu-system-x86_64", "-chardev", "file,id=ctl,path=/tmp/x-1.ctl"];
        string[] notQemu = ["/bin/sleep", "file,id=ctl,path=/run/user/1/rr-run/x-1.ctl"];

        Assert.That(GuestStop.IsOurGuest(ours, "/run/user/1/rr-run"), Is.True);
        Assert.That(GuestStop.IsOurGuest(elsewhere, "/run/user/1/rr-run"), Is.False);
        Assert.That(GuestStop.IsOurGuest(notQemu, "/run/user/1/rr-run"), Is.False);
    }
}
