using System.Buffers.Binary;
using System.Text;
using NUnit.Framework;
using Rumprun.Bake.Symbols;

namespace Rumprun.Tests.Unit.Bake;

public sealed class SymtabBlobTests
{
    [Test]
    public void The_blob_starts_with_the_magic_and_the_count()
    {
        var blob = SymtabBlob.Build([new("main", 0x101000, 32), new("exit", 0x102000, 16)]);

        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(blob), Is.EqualTo(0x53595252u));
        Assert.That(Encoding.ASCII.GetString(blob, 0, 4), Is.EqualTo("RRYS"));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(4)), Is.EqualTo(2u));
    }

    [Test]
    public void Entries_are_sorted_by_address_with_their_size_and_a_name_offset_from_the_start_of_the_blob()
    {
        var blob = SymtabBlob.Build([new("later", 0x102000, 16), new("first", 0x101000, 32)]);

        var entries = Enumerable.Range(0, 2).Select(i =>
        {
            var entry = blob.AsSpan(8 + (16 * i), 16);
            var nameOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]);
            var end = Array.IndexOf(blob, (byte)0, nameOffset);
            return (
                Address: BinaryPrimitives.ReadUInt64LittleEndian(entry),
                Size: BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]),
                Name: Encoding.UTF8.GetString(blob, nameOffset, end - nameOffset));
        }).ToList();

        Assert.That(entries, Is.EqualTo(new[] { (0x101000UL, 32u, "first"), (0x102000UL, 16u, "later") }));
    }

    [Test]
    public void Names_follow_the_entries_each_ending_with_a_NUL()
    {
        var blob = SymtabBlob.Build([new("a", 1, 0), new("bc", 2, 0)]);

        Assert.That(blob, Has.Length.EqualTo(8 + (2 * 16) + 2 + 3));
        Assert.That(Encoding.ASCII.GetString(blob, 40, 5), Is.EqualTo("a\0bc\0"));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(8 + 12)), Is.EqualTo(40u));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(24 + 12)), Is.EqualTo(42u));
    }

    [Test]
    public void An_empty_table_is_just_the_header()
    {
        var blob = SymtabBlob.Build([]);

        Assert.That(blob, Is.EqualTo(new byte[] { 0x52, 0x52, 0x59, 0x53, 0, 0, 0, 0 }));
    }
}
