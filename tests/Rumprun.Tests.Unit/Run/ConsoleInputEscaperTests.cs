using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

public sealed class ConsoleInputEscaperTests
{
    [Test]
    public void Ordinary_bytes_pass_unchanged()
    {
        byte[] input = [.. Enumerable.Range(0, 255).Select(i => (byte)i)];

        Assert.That(ConsoleInputEscaper.Encode(input), Is.EqualTo(input));
    }

    [Test]
    public void A_data_0xFF_is_doubled()
    {
        Assert.That(ConsoleInputEscaper.Encode([0x41, 0xFF, 0x42]), Is.EqualTo(new byte[] { 0x41, 0xFF, 0xFF, 0x42 }));
    }

    [Test]
    public void Consecutive_0xFF_bytes_are_each_doubled()
    {
        Assert.That(ConsoleInputEscaper.Encode([0xFF, 0xFF, 0xFF]), Is.EqualTo(Enumerable.Repeat((byte)0xFF, 6)));
    }

    [Test]
    public void A_NUL_after_0xFF_stays_data_and_cannot_be_mistaken_for_end_of_input()
    {
        var encoded = ConsoleInputEscaper.Encode([0xFF, 0x00]);

        Assert.That(encoded, Is.EqualTo(new byte[] { 0xFF, 0xFF, 0x00 }));
    }

    [Test]
    public void End_of_input_is_FF_00()
    {
        Assert.That(ConsoleInputEscaper.EndOfInput.ToArray(), Is.EqualTo(new byte[] { 0xFF, 0x00 }));
    }

    [Test]
    public void Empty_input_encodes_to_nothing()
    {
        Assert.That(ConsoleInputEscaper.Encode([]), Is.Empty);
    }

    [Test]
    public void An_output_buffer_smaller_than_twice_the_input_is_refused()
    {
        Assert.That(() => ConsoleInputEscaper.Encode(new byte[4], new byte[7]), Throws.ArgumentException);
    }

    [Test]
    public void Decoding_the_encoding_gives_back_every_byte_value()
    {
        byte[] input = [.. Enumerable.Range(0, 3 * 256).Select(i => (byte)(255 - i % 256))];
        byte[] stream = [.. ConsoleInputEscaper.Encode(input), .. ConsoleInputEscaper.EndOfInput];

        Assert.That(Decode(stream), Is.EqualTo(input));
    }

    /// <summary>The guest's side of contracts §6, written from the contract for the round trip.</summary>
    private static byte[] Decode(byte[] stream)
    {
        var output = new List<byte>();
        for (var i = 0; i < stream.Length; i++)
        {
            if (stream[i] != 0xFF)
            {
                output.Add(stream[i]);
                continue;
            }
            i++;
            if (stream[i] == 0x00)
                return [.. output];
            output.Add(stream[i]);
        }
        throw new AssertionException("no end-of-input marker");
    }
}
