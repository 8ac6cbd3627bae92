using Rumprun.Core.Processes;

namespace Rumprun.Port.Checking;

/// <summary>A short unified diff of two outputs (diff -u over the saved files), for the terminal.</summary>
public static class OutputDiff
{
    public const int MaxLines = 20;

    public static async Task<IReadOnlyList<string>> ShortAsync(string expectedFile, string expectedLabel, string actualFile, string actualLabel, CancellationToken cancel)
    {
        var outcome = await ProcessRunner.RunAsync(
            new ProcessSpec("diff", ["-u", "-a", "--label", expectedLabel, "--label", actualLabel, expectedFile, actualFile]), cancel);
        var lines = outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var shown = lines.Take(MaxLines).Select(l => l.Length > 160 ? l[..157] + "..." : l).ToList();
        if (lines.Length > MaxLines)
        {
            shown.Add($"... ({lines.Length - MaxLines} more diff lines)");
        }

        return shown;
    }
}
