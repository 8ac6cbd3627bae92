using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

public sealed partial class VirtioTests
{
    private const string UrandomOutput = FileTests.UrandomOutput;

    [Test]
    public async Task Describe_lists_every_configured_component_each_after_the_components_it_depends_on()
    {
        var run = await Shell.RunAsync("rr-bake", ["describe", "hw_virtio"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var listed = ComponentLine().Matches(run.StandardOutput).Select(m => m.Groups[1].Value).ToList();
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "components", "configs", "hw_virtio.json")));
        var configured = config.RootElement.GetProperty("components").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.That(listed, Is.EquivalentTo(configured), run.ToString());
        foreach (var component in listed)
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "components", component, "component.json")));
            foreach (var dependency in manifest.RootElement.GetProperty("depends").EnumerateArray().Select(d => d.GetString()!))
                Assert.That(listed.IndexOf(dependency), Is.InRange(0, listed.IndexOf(component) - 1), $"{dependency} must come before {component}\n{run}");
        }
    }

    [Test]
    public async Task Rr_run_gives_the_image_the_entropy_device_it_asks_for_and_the_guest_prints_what_it_prints_without_one()
    {
        var image = await Guests.ImageAsync("urandom", "hw_virtio");
        var dryRun = await Shell.RunAsync("rr-run", ["--dry-run", "qemu", "-i", image]);
        Assert.That(dryRun.StandardOutput, Does.Contain(" -device virtio-rng-device"), dryRun.ToString());

        var run = await Guest.RunAsync(image);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(UrandomOutput), run.ToString());
    }

    [Test]
    public async Task The_urandom_guest_without_the_device_boots_silently()
    {
        var image = await Guests.ImageAsync("urandom", "hw_virtio");
        var dryRun = await Shell.RunAsync("rr-run", ["--dry-run", "qemu", "-i", image]);
        var withoutDevice = dryRun.StandardOutput.Trim().Replace(" -device virtio-rng-device", "");

        // QEMU itself, as the dry run prints it but without the device; its own status is the debug-exit code.
        var run = await Shell.RunAsync("sh", ["-c", withoutDevice], standardInput: []);

        Assert.That(withoutDevice, Does.Not.Contain("virtio-rng"));
        Assert.That(run.StandardOutput, Is.EqualTo(UrandomOutput), run.ToString());
    }

    [Test]
    public async Task The_urandom_guest_works_with_a_modern_virtio_mmio_device()
    {
        var image = await Guests.ImageAsync("urandom", "hw_virtio");

        var run = await Guest.RunAsync(image, runOptions: ["-g", "-global virtio-mmio.force-legacy=false"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Is.EqualTo(UrandomOutput), run.ToString());
    }

    [Test]
    public async Task The_image_names_its_device_in_the_qemu_section()
    {
        var image = await Guests.ImageAsync("urandom", "hw_virtio");

        var dump = await Shell.RunAsync("objcopy", ["--dump-section", ".rr.qemu=" + image + ".qemu", image, image + ".copy"]);
        Assert.That(dump.ExitCode, Is.Zero, dump.ToString());
        var arguments = JsonSerializer.Deserialize<string[]>(await File.ReadAllBytesAsync(image + ".qemu"));
        Assert.That(arguments, Is.EqualTo(new[] { "-device", "virtio-rng-device" }));

        var sections = await Shell.RunAsync("readelf", ["-S", "-W", image]);
        Assert.That(QemuSectionFlags().Match(sections.StandardOutput).Groups[1].Value, Does.Not.Contain("A"), "the section must not be loaded:\n" + sections.StandardOutput);
    }

    [Test]
    public async Task A_generic_image_has_no_qemu_section()
    {
        var image = await Guests.ImageAsync("urandom");

        var sections = await Shell.RunAsync("readelf", ["-S", "-W", image]);

        Assert.That(sections.ExitCode, Is.Zero, sections.ToString());
        Assert.That(sections.StandardOutput, Does.Not.Contain(".rr.qemu"));
    }

    [GeneratedRegex(@"^  (\w+)\s", RegexOptions.Multiline)]
    private static partial Regex ComponentLine();

    // readelf -S -W: [Nr] Name Type Address Off Size ES Flg Lk Inf Al
    [GeneratedRegex(@"\.rr\.qemu\s+\S+\s+\S+\s+\S+\s+\S+\s+\S+\s+(\S*)\s+\d+\s+\d+\s+\d+")]
    private static partial Regex QemuSectionFlags();
}
