namespace Rumprun.Build.Compilation;

/// <summary>
/// Decides whether an output is up to date: it exists, was made by the same command, and is
/// newer than every input it was made from (the source and each header of its dependency record).
/// </summary>
public static class IncrementalDecision
{
    public static StaleReason Decide(OutputState state)
    {
        if (state.OutputTime is not { } built)
        {
            return StaleReason.NoOutput;
        }

        if (state.Inputs is null)
        {
            return StaleReason.NoDependencyRecord;
        }

        if (state.StoredDigest != state.CurrentDigest)
        {
            return StaleReason.CommandChanged;
        }

        foreach (var (_, time) in state.Inputs)
        {
            if (time is not { } changed)
            {
                return StaleReason.InputMissing;
            }

            if (changed > built)
            {
                return StaleReason.InputNewer;
            }
        }

        return StaleReason.UpToDate;
    }

    /// <summary>Gathers the state of a compile job's object from the file system.</summary>
    public static OutputState Observe(CompileJob job, string compiler)
    {
        var output = new FileInfo(job.Object);
        var dependencies = output.Exists ? DependencyFile.TryRead(job.DependencyFile) : null;
        return new OutputState(
            output.Exists ? output.LastWriteTimeUtc : null,
            CommandStamp.Read(job.StampFile),
            CommandStamp.Digest(compiler, job.Arguments),
            dependencies?.Append(job.Source).Select(path => (path, TimeOf(path))).ToList());
    }

    /// <summary>The state of an output made from a known list of inputs (a link), without a dependency file.</summary>
    public static OutputState Observe(string output, string stampFile, string program, IReadOnlyList<string> arguments, IEnumerable<string> inputs)
    {
        var info = new FileInfo(output);
        return new OutputState(
            info.Exists ? info.LastWriteTimeUtc : null,
            CommandStamp.Read(stampFile),
            CommandStamp.Digest(program, arguments),
            inputs.Select(path => (path, TimeOf(path))).ToList());
    }

    private static DateTime? TimeOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.LastWriteTimeUtc : null;
    }
}
