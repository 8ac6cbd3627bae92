using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;
using Rumprun.Bake.Input;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Bake;

public sealed class BakeInputValidationTests
{
    [Test]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<BakeInputException>(() => UnbakedProgram.ReadProgramObject("/nonexistent/program"));

        Assert.That(error!.Message, Is.EqualTo("/nonexistent/program: no such file"));
    }

    [Test]
    public void A_text_file_is_not_an_ELF_file()
    {
        using var dir = new TempDirectory();
        var source = dir.File("hello.c", "int main(void) { return 0; }\n");

        var error = Assert.Throws<BakeInputException>(() => UnbakedProgram.ReadProgramObject(source));

        Assert.That(error!.Message, Is.EqualTo($"{source} is not an ELF file: give rr-bake a program linked with x86_64-rumprun-netbsd-gcc"));
    }

    [Test]
    public void An_empty_file_is_not_an_ELF_file()
    {
        using var dir = new TempDirectory();
        var empty = dir.File("empty", string.Empty);

        var error = Assert.Throws<BakeInputException>(() => UnbakedProgram.ReadProgramObject(empty));

        Assert.That(error!.Message, Does.Contain("is not an ELF file"));
    }

    [Test]
    public void A_host_executable_is_not_an_unbaked_program()
    {
        var error = Assert.Throws<BakeInputException>(() => UnbakedProgram.ReadProgramObject("/bin/true"));

        Assert.That(error!.Message, Is.EqualTo("/bin/true is a host executable, not an unbaked program: link it with x86_64-rumprun-netbsd-gcc"));
    }

    [Test]
    public void A_directory_is_not_an_unbaked_program()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<BakeInputException>(() => UnbakedProgram.ReadProgramObject(dir.Path));

        Assert.That(error!.Message, Does.Contain("is a directory"));
    }

    [Test]
    public async Task A_bare_object_file_is_told_apart_from_a_host_executable()
    {
        using var dir = new TempDirectory();
        var obj = await CompileObjectAsync(dir);

        var error = Assert.Throws<BakeInputException>(() => UnbakedProgram.ReadProgramObject(obj));

        Assert.That(error!.Message, Does.Contain("is an object file, not an unbaked program"));
    }

    [Test]
    public async Task The_program_object_is_extracted_from_an_unbaked_program()
    {
        using var dir = new TempDirectory();
        var obj = await CompileObjectAsync(dir);
        var unbaked = dir.Combine("program");
        await Cli.Wrap("objcopy")
            .WithArguments(["--add-section", $".rr.program={obj}", "--set-section-flags", ".rr.program=noload,readonly", "/bin/true", unbaked])
            .ExecuteBufferedAsync();

        var program = UnbakedProgram.ReadProgramObject(unbaked);

        Assert.That(program, Is.EqualTo(await File.ReadAllBytesAsync(obj)));
    }

    [Test]
    public async Task A_marker_section_that_is_not_an_object_is_refused()
    {
        using var dir = new TempDirectory();
        var junk = dir.File("junk", "not an object");
        var unbaked = dir.Combine("program");
        await Cli.Wrap("objcopy")
            .WithArguments(["--add-section", $".rr.program={junk}", "--set-section-flags", ".rr.program=noload,readonly", "/bin/true", unbaked])
            .ExecuteBufferedAsync();

        var error = Assert.Throws<BakeInputException>(() => UnbakedProgram.ReadProgramObject(unbaked));

        Assert.That(error!.Message, Does.Contain(".rr.program section is not a relocatable object"));
    }

    private static async Task<string> CompileObjectAsync(TempDirectory dir)
    {
        var source = dir.File("f.c", "int f(void) { return 42; }\n");
        var obj = dir.Combine("f.o");
        await Cli.Wrap("cc").WithArguments(["-c", "-o", obj, source]).ExecuteBufferedAsync();
        return obj;
    }
}
