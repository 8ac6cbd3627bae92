using System.Buffers.Binary;
using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

public sealed class PvhStubImageTests
{
    [Test]
    public void The_entry_point_is_the_one_the_pvh_note_gives()
    {
        var bytes = new PvhStubImage("x", "rr:exit 0\n").ToBytes();

        var entry = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(24));
        var noteEntry = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0xB0 + 16));

        Assert.That(noteEntry, Is.EqualTo(entry));
        Assert.That(entry, Is.GreaterThan(0x100000UL));
    }

    [Test]
    public void The_strings_are_in_the_image_after_the_code()
    {
        var bytes = new PvhStubImage("console text", "rr:exit 5\n").ToBytes();
        var text = System.Text.Encoding.ASCII.GetString(bytes);

        Assert.That(text, Does.Contain("console text\0rr:exit 5\n\0"));
    }

    [Test]
    public void The_kvm_probe_uses_sse_and_reports_exit_0()
    {
        Assert.That(PvhStubImage.KvmProbe.UseSse, Is.True);
        Assert.That(PvhStubImage.KvmProbe.ControlLine, Is.EqualTo("rr:exit 0\n"));
    }

    [Test]
    public async Task The_kvm_probe_itself_runs_under_tcg()
    {
        RrRunProcess.RequireQemu();

        var run = await RrRunProcess.BootAsync(PvhStubImage.KvmProbe);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }
}
