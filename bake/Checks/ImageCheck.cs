using System.Buffers.Binary;
using ELFSharp.ELF;
using ELFSharp.ELF.Segments;
using Rumprun.Bake.Symbols;
using Rumprun.Core.Run.Iso;

namespace Rumprun.Bake.Checks;

/// <summary>
/// Checks a baked image before it is published: a static x86-64 executable entered at rr_start32
/// through a PVH note (and a multiboot2 header for GRUB), loaded at 1 MiB with its headers mapped,
/// no segment both writable and executable, nothing left undefined, the symbol table in place, and a root file system archive, when
/// one was packed, whole and inside a read-only loaded segment (the guest reads it where it was loaded).
/// </summary>
public static class ImageCheck
{
    public static void Verify(ELF<ulong> elf, int symtabSize, long? rootfsSize = null)
    {
        if (elf.Class != Class.Bit64 || elf.Machine != Machine.AMD64 || elf.Type != FileType.Executable)
        {
            Fail($"the image is {elf.Class} {elf.Machine} {elf.Type}, not an x86-64 executable");
        }

        var entry = ElfSymbols.Address(elf, ImageRules.EntrySymbol)
            ?? Fail($"the image has no {ImageRules.EntrySymbol}: platform.o is incomplete (run rr-build hw again)");
        if (elf.EntryPoint != entry)
        {
            Fail($"the image's entry is 0x{elf.EntryPoint:x}, not {ImageRules.EntrySymbol} (0x{entry:x}): image.ld must say ENTRY({ImageRules.EntrySymbol})");
        }

        VerifyPvhNote(elf, entry);
        VerifyLoadSegments(elf);
        VerifyMultiboot2Header(elf);

        var undefined = ElfSymbols.StrongUndefined(elf);
        if (undefined.Count > 0)
        {
            Fail($"the image leaves {undefined.Count} symbol(s) undefined ({string.Join(", ", undefined.Take(5))}): the platform or a component is missing them");
        }

        if (!elf.TryGetSection(ImageRules.SymtabSection, out var symtab) || (long)symtab.Size != symtabSize)
        {
            Fail($"the image's {ImageRules.SymtabSection} section is missing or truncated: image.ld must KEEP(*({ImageRules.SymtabSection}))");
        }

        VerifyRootfs(elf, rootfsSize);
    }

    private static void VerifyRootfs(ELF<ulong> elf, long? rootfsSize)
    {
        var present = elf.TryGetSection(ImageRules.RootfsSection, out var section);
        if (rootfsSize is null)
        {
            if (present)
            {
                Fail($"the image has a {ImageRules.RootfsSection} section although no --rootfs was given: an object linked into it brings one; the guest would unpack it");
            }

            return;
        }

        if (!present || (long)section.Size != rootfsSize)
        {
            Fail($"the image's {ImageRules.RootfsSection} section is missing or truncated: image.ld must KEEP(*({ImageRules.RootfsSection}))");
        }

        var start = section.LoadAddress;
        var end = start + section.Size;
        var loaded = elf.Segments.Any(s =>
            s.Type == SegmentType.Load && (s.Flags & (SegmentFlags.Write | SegmentFlags.Execute)) == 0 &&
            s.Address <= start && end <= s.Address + (ulong)s.FileSize);
        if (!loaded)
        {
            Fail($"the image's {ImageRules.RootfsSection} section (0x{start:x}..0x{end:x}) is not inside a read-only PT_LOAD segment's file contents: image.ld must place it in one");
        }
    }

    private static void VerifyPvhNote(ELF<ulong> elf, ulong entry)
    {
        var note = elf.Segments
            .OfType<INoteSegment>()
            .SelectMany(s => s.Notes)
            .FirstOrDefault(n => n.Name == ImageRules.PvhNoteOwner && n.Type == ImageRules.PvhNoteType);
        if (note is null)
        {
            Fail("the image has no PVH entry note (owner Xen, type 18) in a PT_NOTE segment: QEMU could not boot it; check image.ld and .note.rr.pvh");
            return;
        }

        var description = note.Description.ToArray();
        var target = description.Length switch
        {
            8 => BinaryPrimitives.ReadUInt64LittleEndian(description),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(description),
            _ => ulong.MaxValue,
        };
        if (target != entry)
        {
            Fail($"the PVH note points at 0x{target:x}, not at {ImageRules.EntrySymbol} (0x{entry:x})");
        }
    }

    private static void VerifyLoadSegments(ELF<ulong> elf)
    {
        var writableCode = elf.Segments.FirstOrDefault(s =>
            (s.Flags & SegmentFlags.Write) != 0 && (s.Flags & SegmentFlags.Execute) != 0);
        if (writableCode is not null)
        {
            Fail($"the image has a segment both writable and executable (at 0x{writableCode.Address:x}): image.ld must keep code and data in separate segments");
        }

        var loads = elf.Segments.Where(s => s.Type == SegmentType.Load).ToList();
        if (loads.Count == 0 || loads.Min(s => s.Address) != ImageRules.LoadAddress)
        {
            Fail($"the image does not load at 0x{ImageRules.LoadAddress:x}: image.ld must start there");
        }

        if (!loads.Any(s => s.Offset == 0))
        {
            Fail("the image's ELF and program headers are outside every PT_LOAD segment: musl finds TLS through them (image.ld needs FILEHDR PHDRS)");
        }
    }

    /// <summary>
    /// GRUB (rr-run iso) boots the image through its multiboot2 header: 8-aligned in the file's first
    /// 32 KiB, and loaded, so only bytes inside PT_LOAD file contents count.
    /// </summary>
    private static void VerifyMultiboot2Header(ELF<ulong> elf)
    {
        var start = new byte[Multiboot2Header.SearchLimit];
        foreach (var load in elf.Segments.Where(s => s.Type == SegmentType.Load && s.Offset < Multiboot2Header.SearchLimit))
        {
            var contents = load.GetFileContents();
            var count = (int)Math.Min(contents.Length, Multiboot2Header.SearchLimit - load.Offset);
            contents.AsSpan(0, count).CopyTo(start.AsSpan((int)load.Offset));
        }

        if (Multiboot2Header.Find(start) is null)
        {
            Fail("the image has no multiboot2 header (8-aligned, in a PT_LOAD within the file's first 32 KiB): GRUB could not boot it; check image.ld and .rr_multiboot2");
        }
    }

    private static ulong Fail(string message) => throw new ImageCheckException(message);
}
