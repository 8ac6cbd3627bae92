using System.Buffers.Binary;
using System.Text;

namespace Rumprun.Core.Run;

/// <summary>
/// Builds a tiny bootable PVH image that prints a text on COM1, writes one control line to port 0xE9
/// and stops the machine through isa-debug-exit: the platform's boot and exit path in miniature.
/// rr-run boots one to learn whether KVM can run the platform (with <see cref="UseSse"/>, since the
/// platform enables SSE in ring 0), and tests boot them to check the launcher without a platform.
/// </summary>
/// <param name="Console">Bytes the guest writes to its serial console.</param>
/// <param name="ControlLine">The line it writes to the control channel, newline included.</param>
/// <param name="UseSse">Enable SSE and execute SSE instructions first, as the platform does.</param>
/// <param name="StopMachine">End QEMU after the control line; otherwise halt forever, as a guest that keeps running.</param>
public sealed record PvhStubImage(string Console, string ControlLine, bool UseSse = false, bool StopMachine = true)
{
    private const uint LoadAddress = 0x100000;
    private const int HeaderSize = 64;
    private const int ProgramHeaderSize = 56;
    private const int SectionHeaderSize = 64;
    private const int NoteOffset = HeaderSize + 2 * ProgramHeaderSize;
    private const int NoteSize = 12 + 4 + 8;
    private const int CodeOffset = NoteOffset + NoteSize;

    /// <summary>The KVM probe: SSE in ring 0, then <c>rr:exit 0</c>.</summary>
    public static PvhStubImage KvmProbe { get; } = new("", "rr:exit 0\n", UseSse: true);

    public PvhStubImage WithConsole(string console) => this with { Console = console };

    public PvhStubImage WithControlLine(string line) => this with { ControlLine = line };

    public PvhStubImage WithSse(bool useSse = true) => this with { UseSse = useSse };

    public PvhStubImage WithStopMachine(bool stop) => this with { StopMachine = stop };

    public byte[] ToBytes()
    {
        // The code is laid out twice: first to learn its length, then with the string addresses known.
        var code = Code(0, 0);
        var consoleAddress = LoadAddress + (uint)(CodeOffset + code.Length);
        var consoleBytes = Encoding.UTF8.GetBytes(Console + "\0");
        var controlAddress = consoleAddress + (uint)consoleBytes.Length;
        code = Code(consoleAddress, controlAddress);

        var image = new List<byte>();
        image.AddRange(new byte[CodeOffset]);
        image.AddRange(code);
        image.AddRange(consoleBytes);
        image.AddRange(Encoding.ASCII.GetBytes(ControlLine + "\0"));
        // One null section header: with none, e_shnum = 0 reads as "the count is in section 0"
        // (ELF's extended numbering), which ELF readers then look for at offset 0.
        while (image.Count % 8 != 0)
            image.Add(0);
        var sectionHeaderOffset = image.Count;
        image.AddRange(new byte[SectionHeaderSize]);
        var bytes = image.ToArray();
        WriteHeaders(bytes, sectionHeaderOffset);
        return bytes;
    }

    public async Task WriteAsync(string path) => await File.WriteAllBytesAsync(path, ToBytes());

    private byte[] Code(uint consoleAddress, uint controlAddress)
    {
        var code = new List<byte>();
        if (UseSse)
        {
            code.AddRange([
                0x0F, 0x20, 0xC0,                   // mov %cr0, %eax
                0x83, 0xE0, 0xFB,                   // and $~CR0.EM, %eax
                0x83, 0xC8, 0x02,                   // or $CR0.MP, %eax
                0x0F, 0x22, 0xC0,                   // mov %eax, %cr0
                0x0F, 0x20, 0xE0,                   // mov %cr4, %eax
                0x0D, 0x00, 0x06, 0x00, 0x00,       // or $(CR4.OSFXSR|CR4.OSXMMEXCPT), %eax
                0x0F, 0x22, 0xE0,                   // mov %eax, %cr4
                0xDB, 0xE3,                         // fninit
                0x0F, 0x57, 0xC0,                   // xorps %xmm0, %xmm0
                0x0F, 0x58, 0xC0,                   // addps %xmm0, %xmm0
            ]);
        }
        WriteString(code, consoleAddress, 0x3F8);
        WriteString(code, controlAddress, 0xE9);
        if (StopMachine)
        {
            code.AddRange([
                0x66, 0xBA, 0xF4, 0x00,             // mov $0xf4, %dx
                0x31, 0xC0,                         // xor %eax, %eax
                0xEF,                               // out %eax, %dx: QEMU exits
            ]);
        }
        code.AddRange([
            0xF4,                                   // hlt (interrupts are off: for good)
            0xEB, 0xFD,                             // jmp back to hlt
        ]);
        return [.. code];
    }

    /// <summary>Emits a loop that sends a NUL-terminated string at <paramref name="address"/> to an I/O port.</summary>
    private static void WriteString(List<byte> code, uint address, ushort port)
    {
        code.Add(0xBE);                             // mov $address, %esi
        code.AddRange(BitConverter.GetBytes(address));
        code.AddRange([0x66, 0xBA, (byte)port, (byte)(port >> 8)]); // mov $port, %dx
        code.AddRange([
            0xAC,                                   // 1: lodsb
            0x84, 0xC0,                             // test %al, %al
            0x74, 0x03,                             // jz 2f
            0xEE,                                   // out %al, %dx
            0xEB, 0xF8,                             // jmp 1b
        ]);                                         // 2:
    }

    private static void WriteHeaders(byte[] image, int sectionHeaderOffset)
    {
        var span = image.AsSpan();
        var entry = LoadAddress + CodeOffset;

        // ELF64 header: little-endian x86-64 executable, two program headers, only the null section.
        "\u007fELF"u8.CopyTo(span);
        span[4] = 2;                                // ELFCLASS64
        span[5] = 1;                                // ELFDATA2LSB
        span[6] = 1;                                // EV_CURRENT
        BinaryPrimitives.WriteUInt16LittleEndian(span[16..], 2);        // ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(span[18..], 62);       // EM_X86_64
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], entry);
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], HeaderSize);
        BinaryPrimitives.WriteUInt64LittleEndian(span[40..], (ulong)sectionHeaderOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(span[52..], HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[54..], ProgramHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[56..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[58..], SectionHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[60..], 1);

        // Everything in one R+X segment at 1 MiB; the note gets its own PT_NOTE, 4-aligned, as QEMU wants.
        WriteProgramHeader(span[HeaderSize..], type: 1, flags: 5, offset: 0, size: (ulong)image.Length, align: 0x1000);
        WriteProgramHeader(span[(HeaderSize + ProgramHeaderSize)..], type: 4, flags: 4, offset: NoteOffset, size: NoteSize, align: 4);

        // XEN_ELFNOTE_PHYS32_ENTRY: owner "Xen", type 18, the 32-bit entry point.
        var note = span[NoteOffset..];
        BinaryPrimitives.WriteUInt32LittleEndian(note, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(note[4..], 8);
        BinaryPrimitives.WriteUInt32LittleEndian(note[8..], 18);
        "Xen\0"u8.CopyTo(note[12..]);
        BinaryPrimitives.WriteUInt64LittleEndian(note[16..], entry);
    }

    private static void WriteProgramHeader(Span<byte> header, uint type, uint flags, ulong offset, ulong size, ulong align)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(header, type);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], flags);
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], offset);
        BinaryPrimitives.WriteUInt64LittleEndian(header[16..], LoadAddress + offset);
        BinaryPrimitives.WriteUInt64LittleEndian(header[24..], LoadAddress + offset);
        BinaryPrimitives.WriteUInt64LittleEndian(header[32..], size);
        BinaryPrimitives.WriteUInt64LittleEndian(header[40..], size);
        BinaryPrimitives.WriteUInt64LittleEndian(header[48..], align);
    }
}
