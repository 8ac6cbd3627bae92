using ELFSharp.ELF;
using ELFSharp.ELF.Sections;
using Rumprun.Core.Toolchain;

namespace Rumprun.Bake.Input;

/// <summary>
/// An unbaked program (contracts §3): a host ELF executable whose section .rr.program holds the
/// program's relocatable object. Opening one tells apart the usual mistakes (a missing file, a
/// source file, a host executable, a bare object) with a message that says what to do.
/// </summary>
public static class UnbakedProgram
{
    private const string LinkAdvice = "link it with " + TargetNames.CompilerWrapper;

    /// <summary>The bytes of the relocatable object inside <paramref name="path"/>.</summary>
    public static byte[] ReadProgramObject(string path)
    {
        if (Directory.Exists(path))
        {
            throw new BakeInputException(path, $"{path} is a directory: give rr-bake an unbaked program");
        }

        if (!File.Exists(path))
        {
            throw new BakeInputException(path, $"{path}: no such file");
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BakeInputException(path, $"{path} cannot be read: {e.Message}");
        }

        if (!ElfMagic.IsElf(content))
        {
            throw new BakeInputException(path, $"{path} is not an ELF file: give rr-bake a program linked with {TargetNames.CompilerWrapper}");
        }

        using var elf = Open(path, content);
        if (elf.Class != Class.Bit64 || elf.Machine != Machine.AMD64)
        {
            throw new BakeInputException(path, $"{path} is an ELF file for {elf.Machine} ({elf.Class}), not x86-64: {LinkAdvice}");
        }

        if (!elf.TryGetSection(TargetNames.ProgramSection, out var section))
        {
            throw new BakeInputException(path, elf.Type == FileType.Relocatable
                ? $"{path} is an object file, not an unbaked program: {LinkAdvice}"
                : $"{path} is a host executable, not an unbaked program: {LinkAdvice}");
        }

        var program = section.GetContents();
        if (!ElfMagic.IsElf(program) || !IsRelocatable(program))
        {
            throw new BakeInputException(path, $"{path}: its {TargetNames.ProgramSection} section is not a relocatable object: {LinkAdvice} again");
        }

        return program;
    }

    private static IELF Open(string path, byte[] content)
    {
        try
        {
            return ELFReader.Load(new MemoryStream(content, writable: false), shouldOwnStream: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new BakeInputException(path, $"{path} is a damaged ELF file ({e.Message.TrimEnd('.')}): {LinkAdvice} again");
        }
    }

    private static bool IsRelocatable(byte[] content)
    {
        try
        {
            using var elf = ELFReader.Load(new MemoryStream(content, writable: false), shouldOwnStream: true);
            return elf.Type == FileType.Relocatable && elf.Machine == Machine.AMD64 && elf.Class == Class.Bit64;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }
}
