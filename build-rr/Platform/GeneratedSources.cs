using Rumprun.Core;
using Rumprun.Core.Files;
using Rumprun.Core.Processes;

namespace Rumprun.Build.Platform;

/// <summary>
/// Runs the platform's generator (the system-call table from musl's numbers) into a scratch
/// directory and copies over only what changed, so an unchanged header keeps its time and
/// nothing that includes it is recompiled.
/// </summary>
public static class GeneratedSources
{
    public static async Task<int> GenerateAsync(string platformDir, string script, string syscallHeader, string genDir, CancellationToken cancel)
    {
        var scratch = genDir + ".new";
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        Directory.CreateDirectory(scratch);
        try
        {
            var outcome = await ProcessRunner.RunAsync(
                new ProcessSpec("sh", [Path.Combine(platformDir, script), syscallHeader, scratch]).WithWorkingDirectory(platformDir), cancel);
            if (!outcome.Succeeded)
            {
                throw new ToolFailedException(outcome, $"the generator platform/{script} failed");
            }

            var written = 0;
            foreach (var file in Directory.EnumerateFiles(scratch, "*", SearchOption.AllDirectories))
            {
                if (FileSync.CopyIfChanged(file, Path.Combine(genDir, Path.GetRelativePath(scratch, file))))
                {
                    written++;
                }
            }

            return written;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The generated C sources to compile with the platform.</summary>
    public static IReadOnlyList<string> Sources(string genDir) =>
        Directory.Exists(genDir)
            ? Directory.EnumerateFiles(genDir, "*.c").Order(StringComparer.Ordinal).ToList()
            : throw new RrException($"{genDir} is missing after running the generator: check platform/build.json's \"generate\"");
}
