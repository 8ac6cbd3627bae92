using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

public sealed class BakedImageTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("rr-run-test-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Test]
    public void A_pvh_image_passes()
    {
        var path = Write("ok.bin", new PvhStubImage("hi", "rr:exit 0\n").ToBytes());

        Assert.That(() => BakedImage.Check(path), Throws.Nothing);
    }

    [Test]
    public void A_missing_image_is_named()
    {
        var path = Path.Combine(_directory, "none.bin");

        Assert.That(() => BakedImage.Check(path), Throws.TypeOf<RunException>().With.Message.Contain(path));
    }

    [Test]
    public void A_directory_is_refused()
    {
        Assert.That(() => BakedImage.Check(_directory), Throws.TypeOf<RunException>().With.Message.Contain("directory"));
    }

    [Test]
    public void A_text_file_is_not_an_elf()
    {
        var path = Write("text.bin", "#!/bin/sh\necho hi\n"u8.ToArray());

        Assert.That(() => BakedImage.Check(path), Throws.TypeOf<RunException>().With.Message.Contain("not an ELF"));
    }

    [Test]
    public void A_truncated_image_is_refused_in_one_line()
    {
        var path = Write("cut.bin", new PvhStubImage("hi", "rr:exit 0\n").ToBytes()[..80]);

        Assert.That(() => BakedImage.Check(path), Throws.TypeOf<RunException>());
    }

    [Test]
    public void An_elf_without_the_pvh_note_is_not_a_baked_image()
    {
        var bytes = new PvhStubImage("hi", "rr:exit 0\n").ToBytes();
        bytes[0xB0 + 8] = 17;   // the note's type: no longer XEN_ELFNOTE_PHYS32_ENTRY
        var path = Write("nonote.bin", bytes);

        Assert.That(() => BakedImage.Check(path), Throws.TypeOf<RunException>().With.Message.Contain("PVH"));
    }

    [Test]
    public async Task An_unbaked_program_gets_the_rr_bake_command_that_bakes_it()
    {
        var marker = Write("prog.o", [1, 2, 3]);
        var program = Path.Combine(_directory, "prog");
        var objcopy = await CliWrap.Cli.Wrap("objcopy")
            .WithArguments(["--add-section", $"{BakedImage.UnbakedSection}={marker}", "/bin/true", program])
            .WithValidation(CliWrap.CommandResultValidation.None)
            .ExecuteAsync();
        Assume.That(objcopy.ExitCode, Is.Zero, "binutils' objcopy is needed to make an unbaked marker");

        Assert.That(() => BakedImage.Check(program), Throws.TypeOf<RunException>()
            .With.Message.EqualTo($"{program} is an unbaked program: make a bootable image with: rr-bake hw_generic prog.bin {program}"));
    }

    [Test]
    public void A_host_program_is_not_a_baked_image()
    {
        Assert.That(() => BakedImage.Check("/bin/sh"), Throws.TypeOf<RunException>().With.Message.Contain("rr-bake"));
    }

    [Test]
    public void Every_refusal_is_the_hypervisor_failed_status_and_one_line()
    {
        var error = Assert.Throws<RunException>(() => BakedImage.Check(Path.Combine(_directory, "x")))!;

        Assert.That(error.ExitCode, Is.EqualTo(RunExitCodes.HypervisorFailed));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }
}
