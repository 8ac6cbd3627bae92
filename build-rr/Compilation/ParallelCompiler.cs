using System.Diagnostics;
using Rumprun.Core.Processes;
using Serilog;

namespace Rumprun.Build.Compilation;

/// <summary>
/// Compiles the stale objects of a unit, up to JOBS at a time. After a failure no new compiler
/// starts (as make without -k), the running ones finish, and every failing compiler's output is shown.
/// </summary>
public sealed class ParallelCompiler(string compiler, int jobs, string workingDirectory)
{
    public async Task<CompileSummary> CompileAsync(string unit, IReadOnlyList<CompileJob> all, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        CheckDistinctObjects(unit, all);
        var stale = all
            .Select(job => (Job: job, Reason: IncrementalDecision.Decide(IncrementalDecision.Observe(job, compiler))))
            .Where(x => x.Reason != StaleReason.UpToDate)
            .ToList();

        var failed = new List<string>();
        var started = 0;
        using var gate = new SemaphoreSlim(jobs);
        var tasks = stale.Select(async item =>
        {
            await gate.WaitAsync(cancel);
            try
            {
                lock (failed)
                {
                    if (failed.Count > 0)
                    {
                        return;
                    }

                    started++;
                    Log.Debug("[{Index}/{Count}] {Kind} {Label}", started, stale.Count, SourceSet.IsAssembly(item.Job.Source) ? "AS" : "CC", item.Job.Label);
                }

                if (!await CompileOneAsync(item.Job, cancel))
                {
                    lock (failed)
                    {
                        failed.Add(item.Job.Label);
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);

        if (failed.Count > 0)
        {
            throw new CompileFailedException(unit, failed);
        }

        return new CompileSummary(all.Count, stale.Count, clock.Elapsed);
    }

    private async Task<bool> CompileOneAsync(CompileJob job, CancellationToken cancel)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(job.Object)!);
        // A failed or interrupted compile must not leave an object that looks up to date.
        File.Delete(job.StampFile);
        var started = DateTime.UtcNow;
        var outcome = await ProcessRunner.RunAsync(new ProcessSpec(compiler, job.Arguments).WithWorkingDirectory(workingDirectory), cancel);
        var messages = outcome.CombinedOutput.TrimEnd();
        if (!outcome.Succeeded)
        {
            File.Delete(job.Object);
            Log.Error("{Label}: {Compiler} failed:\n{Messages}", job.Label, Path.GetFileName(compiler), messages);
            return false;
        }

        if (messages.Length > 0)
        {
            Log.Warning("{Messages}", messages);
        }

        // The object carries the time the compiler started, not when it finished: a source or header
        // saved while the compiler ran is then newer than the object, and the next build compiles it again.
        File.SetLastWriteTimeUtc(job.Object, started);
        CommandStamp.Write(job.StampFile, CommandStamp.Digest(compiler, job.Arguments));
        return true;
    }

    private static void CheckDistinctObjects(string unit, IReadOnlyList<CompileJob> all)
    {
        var clash = all.GroupBy(job => job.Object).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new Core.RrException(
                $"{unit}: {string.Join(" and ", clash.Select(j => j.Label))} would both compile to {clash.Key}: rename one of them");
        }
    }
}
