using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>
/// The same guest programs baked with xen_pvh and booted by QEMU's PVH loader (no Xen): the image
/// finds no Xen and must behave exactly as its hw_generic twin (contracts §10). What only Xen can
/// run is covered by the platform's host tests and by rr-run xen on a real Xen.
/// </summary>
public sealed class XenPvhTests
{
    private const string Config = "xen_pvh";

    [OneTimeSetUp]
    public Task BuildXenPlatformAsync() => XenPlatform.EnsureBuiltAsync();

    private static async Task<ProcessResult> RunAsync(string name, IEnumerable<string>? args = null, IEnumerable<string>? runOptions = null) =>
        await Guest.RunAsync(await Guests.ImageAsync(name, Config), args, runOptions);

    [Test]
    public async Task The_image_holds_the_xen_layer_and_its_hw_twin_does_not()
    {
        var xen = await Shell.RunAsync("nm", [await Guests.ImageAsync("exit_status", Config)]);
        var hw = await Shell.RunAsync("nm", [await Guests.ImageAsync("exit_status")]);

        Assert.That(xen.StandardOutput, Does.Contain(" rr_xen_detect\n").And.Contain(" rr_xen_hypercall_page\n"), xen.ToString());
        Assert.That(hw.StandardOutput, Does.Not.Contain("rr_xen_"), hw.ToString());
    }

    [Test]
    public async Task Hello_prints_both_lines_sleeps_and_exits_0()
    {
        var program = Path.Combine(Guests.WorkDirectory, "hello-xen");
        var compile = await Shell.RunAsync(Guests.Tuple + "-gcc", ["-o", program, Path.Combine(RepoPaths.Examples, "hello.c")]);
        Assert.That(compile.ExitCode, Is.Zero, compile.ToString());
        var image = program + ".bin";
        var bake = await Shell.RunAsync("rr-bake", [Config, image, program]);
        Assert.That(bake.ExitCode, Is.Zero, bake.ToString());

        var run = await Guest.RunAsync(image);

        Assert.Multiple(() =>
        {
            Assert.That(run.StandardOutput, Is.EqualTo("Hello!\nGoodbye!\n"), run.ToString());
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Duration, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(3)), "sleep(3) returned early");
            Assert.That(run.Duration, Is.LessThan(TimeSpan.FromSeconds(30)), "sleep(3) took far too long");
        });
    }

    [Test]
    public async Task Arguments_and_environment_reach_the_program()
    {
        var run = await RunAsync("echo_args", ["one", "two words", ""], ["-e", "GREETING=hello world", "-e", "EMPTY="]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(
            "argc=4\n" +
            "argv[0]=[echo_args.xen_pvh.bin]\n" +
            "argv[1]=[one]\n" +
            "argv[2]=[two words]\n" +
            "argv[3]=[]\n" +
            "GREETING=[hello world]\n" +
            "EMPTY=[]\n" +
            "UNSET=(unset)\n"), run.ToString());
    }

    [TestCase(0)]
    [TestCase(3)]
    [TestCase(255)]
    public async Task The_exit_status_becomes_the_status_of_rr_run(int status)
    {
        var run = await RunAsync("exit_status", [status.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.That(run.StandardOutput, Is.EqualTo($"exiting with {status}\n"), run.ToString());
        Assert.That(run.ExitCode, Is.EqualTo(status), run.ToString());
    }

    [Test]
    public async Task A_null_dereference_is_reported_and_ends_the_guest_with_139()
    {
        var run = await RunAsync("null_deref");

        Assert.That(run.ExitCode, Is.EqualTo(139), run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("SIGSEGV: page fault writing 0x0: NULL pointer"), run.ToString());
    }

    [Test]
    public async Task Every_byte_value_piped_in_comes_back_out_through_the_console()
    {
        var input = new byte[2 * 256];
        for (var i = 0; i < input.Length; i++)
            input[i] = (byte)(255 - i % 256);

        var run = await Guest.RunAsync(await Guests.ImageAsync("cat_stdin", Config), standardInput: input);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var expected = input.Concat(System.Text.Encoding.ASCII.GetBytes($"\n[{input.Length} bytes]\n")).ToArray();
        Assert.That(run.StandardOutputBytes, Is.EqualTo(expected));
    }

    [Test]
    public async Task Threads_run_join_and_share_memory_as_on_hw()
    {
        var run = await RunAsync("threads_pthread");

        Assert.Multiple(() =>
        {
            Assert.That(run.StandardOutput, Is.EqualTo(
                "joined worker-0:0\njoined worker-1:100\njoined worker-2:200\njoined worker-3:300\n" +
                "joined worker-4:400\njoined worker-5:500\njoined worker-6:600\njoined worker-7:700\n" +
                "counter 8000\norder 0 1 2 3 4 5 6 7\nmain tls 7\n"), run.ToString());
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
        });
    }
}
