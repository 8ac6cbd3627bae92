using ELFSharp.ELF;
using ELFSharp.ELF.Segments;

namespace Rumprun.Core.Run;

/// <summary>
/// The quick look rr-run takes at an image before handing it to QEMU, so that a wrong file gets a
/// sentence instead of QEMU's "Error loading uncompressed kernel without PVH ELF Note".
/// </summary>
public static class BakedImage
{
    /// <summary>The section that marks a program which still has to be baked (contracts §3).</summary>
    public const string UnbakedSection = ".rr.program";

    /// <summary>The section in which rr-bake records the QEMU arguments the image's components need (contracts §4).</summary>
    public const string QemuSection = ".rr.qemu";

    /// <summary>XEN_ELFNOTE_PHYS32_ENTRY: the entry point QEMU's -kernel needs (contracts §4).</summary>
    public const ulong PvhEntryNoteType = 18;

    /// <summary>Checks the image and returns the QEMU arguments its components asked for (none when absent).</summary>
    /// <exception cref="RunException">The file is missing, unreadable, or not a bootable image.</exception>
    public static IReadOnlyList<string> Check(string path)
    {
        if (Directory.Exists(path))
            throw new RunException($"{path} is a directory: give the baked image file");
        if (!File.Exists(path))
            throw new RunException($"{path}: no such image: check the path, or bake one with rr-bake");
        try
        {
            using var probe = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunException($"{path}: cannot read the image ({e.Message}): check its permissions", inner: e);
        }
        IELF? elf;
        try
        {
            if (!ELFReader.TryLoad(path, out elf))
                throw new RunException($"{path} is not an ELF file: give an image made by rr-bake");
        }
        catch (Exception e) when (e is not RunException)
        {
            // ELFSharp throws on truncated or inconsistent headers.
            throw new RunException($"{path} is a damaged ELF file ({e.Message}): bake it again", inner: e);
        }
        using (elf)
        {
            if (elf.Sections.Any(section => section.Name == UnbakedSection))
            {
                var name = Path.GetFileName(path);
                throw new RunException(
                    $"{path} is an unbaked program: make a bootable image with: rr-bake hw_generic {name}.bin {path}");
            }
            if (elf.Class != Class.Bit64 || elf.Machine != Machine.AMD64)
                throw new RunException($"{path} is not an x86-64 image: give an image made by rr-bake");
            if (!HasPvhEntryNote(elf))
                throw new RunException($"{path} has no PVH boot note, so it is not a baked image: make one with rr-bake");
            return QemuArguments(elf, path);
        }
    }

    private static IReadOnlyList<string> QemuArguments(IELF elf, string path)
    {
        var section = elf.Sections.FirstOrDefault(s => s.Name == QemuSection);
        if (section is null)
            return [];
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<string[]>(section.GetContents()) ?? [];
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new RunException($"{path}: its {QemuSection} section is not a JSON array of strings ({e.Message}): bake it again", inner: e);
        }
    }

    private static bool HasPvhEntryNote(IELF elf) =>
        elf.Segments
            .Where(segment => segment.Type == SegmentType.Note)
            .OfType<INoteSegment>()
            .SelectMany(segment => segment.Notes)
            .Any(note => note.Name.TrimEnd('\0') == "Xen" && note.Type == PvhEntryNoteType);
}
