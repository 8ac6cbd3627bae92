using NUnit.Framework;
using Rumprun.Core.Files;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Core;

public sealed class FileSyncTests
{
    [Test]
    public void A_file_with_the_same_content_is_not_rewritten()
    {
        using var dir = new TempDirectory();
        var source = dir.File("a", "same");
        var target = dir.File("b", "same");
        var before = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(target, before);

        var wrote = FileSync.CopyIfChanged(source, target);

        Assert.That(wrote, Is.False);
        Assert.That(File.GetLastWriteTimeUtc(target), Is.EqualTo(before));
    }

    [Test]
    public void A_changed_file_is_copied_into_place_creating_its_directory()
    {
        using var dir = new TempDirectory();
        var source = dir.File("a", "new");
        var target = dir.Combine("sub", "dir", "b");

        Assert.That(FileSync.CopyIfChanged(source, target), Is.True);
        Assert.That(File.ReadAllText(target), Is.EqualTo("new"));
        Assert.That(Directory.GetFiles(dir.Combine("sub", "dir")), Has.Length.EqualTo(1), "no temporary file is left");
    }

    [Test]
    public void An_atomic_file_that_is_not_committed_leaves_nothing_behind()
    {
        using var dir = new TempDirectory();
        var target = dir.Combine("image.bin");

        using (var file = new AtomicFile(target))
        {
            File.WriteAllText(file.TemporaryPath, "half");
        }

        Assert.That(Directory.EnumerateFileSystemEntries(dir.Path), Is.Empty);
    }

    [Test]
    public void A_committed_atomic_file_replaces_the_target()
    {
        using var dir = new TempDirectory();
        var target = dir.File("image.bin", "old");

        using (var file = new AtomicFile(target))
        {
            File.WriteAllText(file.TemporaryPath, "new");
            file.Commit();
        }

        Assert.That(File.ReadAllText(target), Is.EqualTo("new"));
        Assert.That(Directory.GetFiles(dir.Path), Has.Length.EqualTo(1));
    }

    [Test]
    public void Files_not_in_the_keep_list_are_removed()
    {
        using var dir = new TempDirectory();
        var keep = dir.File("c/pci.o", "x");
        dir.File("c/old.o", "x");
        dir.File("c/notes.txt", "x");

        var removed = FileSync.RemoveOthers(dir.Combine("c"), "*.o", [keep]);

        Assert.That(removed, Is.EqualTo(1));
        Assert.That(Directory.GetFiles(dir.Combine("c")).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "notes.txt", "pci.o" }));
    }
}
