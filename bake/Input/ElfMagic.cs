namespace Rumprun.Bake.Input;

/// <summary>The four bytes that start every ELF file; checked before parsing so a text file gets a plain answer.</summary>
public static class ElfMagic
{
    public static bool IsElf(ReadOnlySpan<byte> content) =>
        content.Length >= 4 && content[0] == 0x7f && content[1] == (byte)'E' && content[2] == (byte)'L' && content[3] == (byte)'F';
}
