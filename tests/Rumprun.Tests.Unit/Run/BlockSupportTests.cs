using System.Text;
using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

public sealed class BlockSupportTests
{
    private static byte[] Blob(params string[] names)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(0x32595252u);
        writer.Write((uint)names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            writer.Write(0x100000u + (uint)i * 16);
            writer.Write(16u);
        }
        foreach (var name in names)
            writer.Write(Encoding.UTF8.GetBytes(name + "\0"));
        writer.Flush();
        return stream.ToArray();
    }

    [Test]
    public void The_names_of_a_symtab_blob_are_read_after_its_entries()
    {
        Assert.That(ImageFunctions.NamesIn(Blob("main", "rr_blkdev_register", "x")), Is.EqualTo(new[] { "main", "rr_blkdev_register", "x" }));
    }

    [Test]
    public void A_blob_that_is_not_one_has_no_names()
    {
        Assert.That(ImageFunctions.NamesIn([1, 2, 3]), Is.Empty);
        var blob = Blob("a");
        blob[4] = 200;   // more entries than bytes
        Assert.That(ImageFunctions.NamesIn(blob), Is.Empty);
    }
}
