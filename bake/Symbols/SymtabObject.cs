using Rumprun.Core.Processes;

namespace Rumprun.Bake.Symbols;

/// <summary>Wraps a symtab blob into a relocatable object whose only section is .rr_symtab, for the second link.</summary>
public static class SymtabObject
{
    public static async Task<string> WriteAsync(byte[] blob, string workDir, CancellationToken cancel)
    {
        // objcopy names its symbols after the input path: a bare file name keeps them short.
        const string blobName = "symtab.blob";
        await File.WriteAllBytesAsync(Path.Combine(workDir, blobName), blob, cancel);
        await ProcessRunner.RunCheckedAsync(
            new ProcessSpec("objcopy", [
                "-I", "binary", "-O", "elf64-x86-64", "-B", "i386:x86-64",
                "--rename-section", ".data=.rr_symtab,alloc,load,readonly,data,contents",
                // The blob holds u64 fields; objcopy would leave the section byte-aligned.
                "--set-section-alignment", ".data=8",
                blobName, "symtab.o",
            ]).WithWorkingDirectory(workDir),
            cancel);
        return Path.Combine(workDir, "symtab.o");
    }
}
