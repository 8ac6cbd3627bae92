using NUnit.Framework;
using Rumprun.Build.Compilation;

namespace Rumprun.Tests.Unit.Build;

public sealed class IncrementalDecisionTests
{
    private static readonly DateTime Built = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static OutputState State(
        DateTime? output = null, string? stored = "abc", string current = "abc", IReadOnlyList<(string, DateTime?)>? inputs = null) =>
        new(output ?? Built, stored, current, inputs ?? [("a.c", Built.AddMinutes(-5)), ("a.h", Built.AddMinutes(-1))]);

    [Test]
    public void An_object_newer_than_its_source_and_headers_and_made_by_the_same_command_is_up_to_date()
    {
        Assert.That(IncrementalDecision.Decide(State()), Is.EqualTo(StaleReason.UpToDate));
    }

    [Test]
    public void A_missing_object_is_built()
    {
        Assert.That(IncrementalDecision.Decide(State() with { OutputTime = null }), Is.EqualTo(StaleReason.NoOutput));
    }

    [Test]
    public void An_object_without_a_dependency_record_is_rebuilt()
    {
        Assert.That(IncrementalDecision.Decide(State() with { Inputs = null }), Is.EqualTo(StaleReason.NoDependencyRecord));
    }

    [Test]
    public void A_changed_command_line_rebuilds_even_when_no_file_changed()
    {
        Assert.That(IncrementalDecision.Decide(State(current: "def")), Is.EqualTo(StaleReason.CommandChanged));
        Assert.That(IncrementalDecision.Decide(State(stored: null)), Is.EqualTo(StaleReason.CommandChanged));
    }

    [Test]
    public void A_header_newer_than_the_object_rebuilds_it()
    {
        var state = State(inputs: [("a.c", Built.AddMinutes(-5)), ("include/rr/kern.h", Built.AddSeconds(1))]);

        Assert.That(IncrementalDecision.Decide(state), Is.EqualTo(StaleReason.InputNewer));
    }

    [Test]
    public void A_header_that_no_longer_exists_rebuilds_the_object()
    {
        var state = State(inputs: [("a.c", Built.AddMinutes(-5)), ("gone.h", null)]);

        Assert.That(IncrementalDecision.Decide(state), Is.EqualTo(StaleReason.InputMissing));
    }

    [Test]
    public void The_command_digest_covers_the_program_and_every_argument()
    {
        var digest = CommandStamp.Digest("/usr/bin/cc", ["-O2", "-c", "a.c"]);

        Assert.That(CommandStamp.Digest("/usr/bin/cc", ["-O2", "-c", "a.c"]), Is.EqualTo(digest));
        Assert.That(CommandStamp.Digest("/usr/bin/clang", ["-O2", "-c", "a.c"]), Is.Not.EqualTo(digest));
        Assert.That(CommandStamp.Digest("/usr/bin/cc", ["-O2 -c", "a.c"]), Is.Not.EqualTo(digest), "argument boundaries count");
    }

    [Test]
    public void The_state_of_a_real_object_is_observed_from_its_files()
    {
        using var dir = new Support.TempDirectory();
        var source = dir.File("a.c", "int x;\n");
        var header = dir.File("a.h", "\n");
        var flags = new CompileFlags(["-O2"], [], [], "/cc/include");
        var job = flags.JobFor(source, dir.Path, dir.Combine("obj"));
        Directory.CreateDirectory(dir.Combine("obj"));
        File.WriteAllText(job.Object, "o");
        File.WriteAllText(job.DependencyFile, $"{job.Object}: {source} \\\n {header}\n");
        CommandStamp.Write(job.StampFile, CommandStamp.Digest("cc", job.Arguments));
        File.SetLastWriteTimeUtc(source, Built);
        File.SetLastWriteTimeUtc(header, Built);
        File.SetLastWriteTimeUtc(job.Object, Built.AddSeconds(1));

        Assert.That(IncrementalDecision.Decide(IncrementalDecision.Observe(job, "cc")), Is.EqualTo(StaleReason.UpToDate));

        File.SetLastWriteTimeUtc(header, Built.AddSeconds(2));

        Assert.That(IncrementalDecision.Decide(IncrementalDecision.Observe(job, "cc")), Is.EqualTo(StaleReason.InputNewer));
    }
}
