namespace Rumprun.Core.Run;

/// <summary>
/// Encodes the host's console input for the guest (contracts §6): 0xFF is the escape byte, so a data
/// 0xFF travels as FF FF and the host's end of input as FF 00. Any other byte passes unchanged.
/// </summary>
public static class ConsoleInputEscaper
{
    public const byte Escape = 0xFF;

    /// <summary>What the guest reads as end of file.</summary>
    public static ReadOnlySpan<byte> EndOfInput => [Escape, 0x00];

    /// <summary>The most bytes <see cref="Encode(ReadOnlySpan{byte}, Span{byte})"/> writes for an input length.</summary>
    public static int MaxEncodedLength(int inputLength) => checked(inputLength * 2);

    /// <summary>Encodes <paramref name="input"/> into <paramref name="output"/>; returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < MaxEncodedLength(input.Length))
            throw new ArgumentException("the output must hold twice the input", nameof(output));
        var written = 0;
        foreach (var b in input)
        {
            output[written++] = b;
            if (b == Escape)
                output[written++] = Escape;
        }
        return written;
    }

    public static byte[] Encode(ReadOnlySpan<byte> input)
    {
        var output = new byte[MaxEncodedLength(input.Length)];
        return output[..Encode(input, output)];
    }
}
