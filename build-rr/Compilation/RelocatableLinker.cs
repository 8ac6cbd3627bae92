using Rumprun.Core.Files;
using Rumprun.Core.Processes;

namespace Rumprun.Build.Compilation;

/// <summary>
/// Combines a unit's objects into one relocatable object (ld -r), then renames the kernel's string
/// functions apart from the program's libc and makes hidden symbols local, so that the platform
/// and the program never bind to each other's internals (contracts §1, §2).
/// </summary>
public static class RelocatableLinker
{
    /// <summary>The kernel's mem* functions get rr_ names: the program's musl provides the plain ones.</summary>
    public static readonly string[] Renames = ["memcpy", "memset", "memmove", "memcmp"];

    /// <summary>Links <paramref name="objects"/> into <paramref name="output"/> unless it is up to date; true if it linked.</summary>
    public static async Task<bool> LinkAsync(IReadOnlyList<string> objects, string output, bool force, CancellationToken cancel)
    {
        var stamp = output + ".cmd";
        List<string> ldArguments = ["-r", "-o", output, .. objects];
        var state = IncrementalDecision.Observe(output, stamp, "ld", ldArguments, objects);
        if (!force && IncrementalDecision.Decide(state) == StaleReason.UpToDate)
        {
            return false;
        }

        File.Delete(stamp);
        var started = DateTime.UtcNow;
        using var combined = new AtomicFile(output + ".r");
        using var renamed = new AtomicFile(output);
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("ld", ["-r", "-o", combined.TemporaryPath, .. objects]), cancel);
        await ProcessRunner.RunCheckedAsync(
            new ProcessSpec("objcopy", [
                .. Renames.SelectMany(name => new[] { "--redefine-sym", $"{name}=rr_{name}" }),
                "--localize-hidden",
                combined.TemporaryPath,
                renamed.TemporaryPath,
            ]),
            cancel);
        renamed.Commit();
        // As for objects: an input rewritten while ld ran stays newer than the output.
        File.SetLastWriteTimeUtc(output, started);
        CommandStamp.Write(stamp, state.CurrentDigest);
        return true;
    }
}
