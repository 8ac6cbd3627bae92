using Rumprun.Build.Compilation;
using Rumprun.Core;
using Rumprun.Core.Files;
using Rumprun.Core.Processes;

namespace Rumprun.Build.Install;

/// <summary>
/// Compiles the unbaked-program stub (a freestanding host executable that explains itself) and
/// installs it into the sysroot, where the cc wrapper adds each program's .rr.program to a copy.
/// </summary>
public static class UnbakedStubBuilder
{
    public const string SourceName = "unbaked-stub.c";

    /// <summary>True if the installed stub changed.</summary>
    public static async Task<bool> BuildAsync(string compiler, string wrappersDir, string objDir, string installPath, CancellationToken cancel)
    {
        var source = Path.Combine(wrappersDir, SourceName);
        if (!File.Exists(source))
        {
            throw new RrException($"{source} is missing: the source tree is incomplete (check out toolchain-wrappers/ again)");
        }

        var built = Path.Combine(objDir, "toolchain", "unbaked-stub");
        Directory.CreateDirectory(Path.GetDirectoryName(built)!);
        List<string> arguments = ["-static", "-nostdlib", "-O2", "-fno-pie", "-o", built, source];
        var stamp = built + ".cmd";
        var state = IncrementalDecision.Observe(built, stamp, compiler, arguments, [source]);
        if (IncrementalDecision.Decide(state) != StaleReason.UpToDate)
        {
            File.Delete(stamp);
            var outcome = await ProcessRunner.RunAsync(new ProcessSpec(compiler, arguments), cancel);
            if (!outcome.Succeeded)
            {
                File.Delete(built);
                Serilog.Log.Error("{Output}", outcome.CombinedOutput.TrimEnd());
                throw new ToolFailedException(outcome, $"toolchain-wrappers/{SourceName} did not compile: see the compiler messages above");
            }

            CommandStamp.Write(stamp, state.CurrentDigest);
        }

        return FileSync.CopyIfChanged(built, installPath, (UnixFileMode)Convert.ToInt32("755", 8));
    }
}
