using Rumprun.Core.Processes;

namespace Rumprun.Bake.Rootfs;

/// <summary>Wraps the archive into a relocatable object whose only section is .rr_rootfs, for the second link (image.ld places it last).</summary>
public static class RootfsObject
{
    public const string Section = ".rr_rootfs";

    public static async Task<string> WriteAsync(string archiveFileName, string workDir, CancellationToken cancel)
    {
        // objcopy names its symbols after the input path: a bare file name keeps them short.
        await ProcessRunner.RunCheckedAsync(
            new ProcessSpec("objcopy", [
                "-I", "binary", "-O", "elf64-x86-64", "-B", "i386:x86-64",
                "--rename-section", $".data={Section},alloc,load,readonly,data,contents",
                "--set-section-alignment", ".data=512",
                archiveFileName, "rootfs.o",
            ]).WithWorkingDirectory(workDir),
            cancel);
        return Path.Combine(workDir, "rootfs.o");
    }
}
