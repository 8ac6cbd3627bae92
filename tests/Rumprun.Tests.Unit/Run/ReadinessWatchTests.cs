using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

public sealed class ReadinessWatchTests
{
    private string path = "";

    [SetUp]
    public void CreatePath() => path = Path.Combine(Path.GetTempPath(), $"rr-ready-{Guid.NewGuid():N}.ctl");

    [TearDown]
    public void DeletePath() => File.Delete(path);

    [Test]
    public void A_missing_channel_is_not_ready() => Assert.That(ReadinessWatch.HasReadyLine(path), Is.False);

    [TestCase("")]
    [TestCase("rr:rea")]
    [TestCase("rr:ready")]
    [TestCase("rr:exit 0\n")]
    public void Only_a_whole_ready_line_first_counts(string content)
    {
        File.WriteAllText(path, content);

        Assert.That(ReadinessWatch.HasReadyLine(path), Is.False);
    }

    [Test]
    public void A_ready_line_followed_by_more_counts()
    {
        File.WriteAllText(path, "rr:ready\nrr:exit 0\n");

        Assert.That(ReadinessWatch.HasReadyLine(path), Is.True);
    }

    [Test]
    public async Task Waiting_ends_when_the_line_arrives()
    {
        var wait = ReadinessWatch.WaitAsync(path, CancellationToken.None);
        await Task.Delay(50);
        Assert.That(wait.IsCompleted, Is.False);

        await File.WriteAllTextAsync(path, "rr:ready\n");

        Assert.That(await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(5))), Is.SameAs(wait));
    }

    [Test]
    public void Waiting_can_be_cancelled()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        Assert.That(async () => await ReadinessWatch.WaitAsync(path, cancel.Token), Throws.InstanceOf<OperationCanceledException>());
    }
}
