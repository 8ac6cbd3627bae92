using System.Buffers.Binary;
using System.Text;
using NUnit.Framework;
using Rumprun.Bake.Symbols;
using Rumprun.Core;

namespace Rumprun.Tests.Unit.Bake;

public sealed class SymtabBlobTests
{
    [Test]
    public void The_blob_starts_with_the_magic_and_the_count()
    {
        var blob = SymtabBlob.Build([new("main", 0x101000, 32), new("exit", 0x102000, 16)]);

        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(blob), Is.EqualTo(0x32595252u));
        Assert.That(Encoding.ASCII.GetString(blob, 0, 4), Is.EqualTo("RRY2"));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(4)), Is.EqualTo(2u));
    }

    [Test]
    public void Entries_are_sorted_by_address_with_their_size_and_names_follow_in_the_same_order()
    {
        var blob = SymtabBlob.Build([new("later", 0x102000, 16), new("first", 0x101000, 32)]);

        var entries = Enumerable.Range(0, 2).Select(i =>
        {
            var entry = blob.AsSpan(8 + (8 * i), 8);
            return (Address: BinaryPrimitives.ReadUInt32LittleEndian(entry), Size: BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]));
        }).ToList();

        Assert.That(entries, Is.EqualTo(new[] { (0x101000u, 32u), (0x102000u, 16u) }));
        Assert.That(Encoding.ASCII.GetString(blob, 8 + 16, blob.Length - 24), Is.EqualTo("first\0later\0"));
    }

    [Test]
    public void Names_follow_the_entries_each_ending_with_a_NUL()
    {
        var blob = SymtabBlob.Build([new("a", 1, 0), new("bc", 2, 0)]);

        Assert.That(blob, Has.Length.EqualTo(8 + (2 * 8) + 2 + 3));
        Assert.That(Encoding.ASCII.GetString(blob, 24, 5), Is.EqualTo("a\0bc\0"));
    }

    [Test]
    public void An_empty_table_is_just_the_header()
    {
        var blob = SymtabBlob.Build([]);

        Assert.That(blob, Is.EqualTo(new byte[] { 0x52, 0x52, 0x59, 0x32, 0, 0, 0, 0 }));
    }

    [Test]
    public void Code_above_4_GiB_is_refused_with_the_function_named()
    {
        Assert.That(() => SymtabBlob.Build([new("far", 0x1_0000_0000, 4)]),
            Throws.TypeOf<RrException>().With.Message.Contains("far"));
    }
}
