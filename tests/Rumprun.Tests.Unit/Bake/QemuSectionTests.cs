using System.Text;
using NUnit.Framework;
using Rumprun.Bake.Engine;
using Rumprun.Core.Catalogue;
using Rumprun.Core.Json;

namespace Rumprun.Tests.Unit.Bake;

public sealed class QemuSectionTests
{
    private static ComponentManifest Device(params string[] qemu) => new("d", ["hw"], Qemu: qemu);

    [Test]
    public void Arguments_follow_the_selection_and_a_shared_list_is_kept_once()
    {
        var manifests = new Dictionary<string, ComponentManifest>
        {
            ["virtio"] = new("core", ["hw"]),
            ["virtio_rng"] = Device("-device", "virtio-rng-device"),
            ["virtio_blk"] = Device("-device", "virtio-blk-device,drive=d0"),
            ["rng_again"] = Device("-device", "virtio-rng-device"),
        };

        var arguments = QemuSection.Arguments(["virtio", "virtio_rng", "virtio_blk", "rng_again", "unbuilt"], manifests.GetValueOrDefault);

        Assert.That(arguments, Is.EqualTo(new[] { "-device", "virtio-rng-device", "-device", "virtio-blk-device,drive=d0" }));
    }

    [Test]
    public void Components_without_devices_give_no_arguments()
    {
        var arguments = QemuSection.Arguments(["virtio"], _ => new ComponentManifest("core", ["hw"]));

        Assert.That(arguments, Is.Empty);
    }

    [Test]
    public void The_section_holds_a_json_array_of_strings()
    {
        var bytes = QemuSection.Encode(["-device", "virtio-rng-device"]);

        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo("[\"-device\",\"virtio-rng-device\"]"));
    }

    [Test]
    public void A_manifest_may_list_qemu_arguments()
    {
        var manifest = StrictJson.Parse<ComponentManifest>(
            """{ "description": "d", "platforms": ["hw"], "qemu": ["-device", "virtio-rng-device"] }""", "component.json");

        Assert.That(manifest.QemuOrEmpty, Is.EqualTo(new[] { "-device", "virtio-rng-device" }));
    }

    [Test]
    public void Unknown_manifest_keys_stay_errors()
    {
        Assert.That(
            () => StrictJson.Parse<ComponentManifest>("""{ "description": "d", "platforms": ["hw"], "qemu_args": [] }""", "component.json"),
            Throws.InstanceOf<JsonFileException>().With.Message.Contains("unknown key 'qemu_args'"));
    }

    [Test]
    public void Qemu_arguments_must_be_strings()
    {
        Assert.That(
            () => StrictJson.Parse<ComponentManifest>("""{ "description": "d", "platforms": ["hw"], "qemu": [1] }""", "component.json"),
            Throws.InstanceOf<JsonFileException>());
    }
}
