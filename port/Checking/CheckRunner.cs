using Rumprun.Core.Processes;
using Rumprun.Port.Building;
using Rumprun.Port.Recipes;

namespace Rumprun.Port.Checking;

/// <summary>
/// Runs a port's checks in recipe order, each natively and as a unikernel, and compares output bytes and
/// exit status. The native side runs in a fresh folder (a copy of the image's root file system, if any),
/// so a relative path means the same file on both sides, the guest's working directory being its root.
/// </summary>
public sealed class CheckRunner(string rrRun)
{
    public async Task<IReadOnlyList<CheckOutcome>> RunAsync(
        PortRecipe recipe, WorkTree work, string nativeTree, IReadOnlyList<BakedImage> images, Action<CheckOutcome> report, CancellationToken cancel)
    {
        await SourceCleanup(work.CheckDir, cancel);
        Directory.CreateDirectory(work.CheckDir);
        var outputs = new Dictionary<string, (byte[] Native, byte[] Unikernel)>();
        var outcomes = new List<CheckOutcome>();
        foreach (var check in recipe.ChecksOrEmpty)
        {
            var outcome = await RunOneAsync(recipe, work, nativeTree, images, check, outputs, cancel);
            outcomes.Add(outcome);
            report(outcome);
        }

        return outcomes;
    }

    private async Task<CheckOutcome> RunOneAsync(
        PortRecipe recipe, WorkTree work, string nativeTree, IReadOnlyList<BakedImage> images, CheckSpec check,
        Dictionary<string, (byte[] Native, byte[] Unikernel)> outputs, CancellationToken cancel)
    {
        var image = images.First(i => i.Spec.Name == check.Image);
        if (!image.Complete)
        {
            return new CheckOutcome(check.Name, null, null, [$"image {image.Spec.Name} lacks its root file system (rr-bake has no --rootfs)"], Skipped: true);
        }

        if (check.StdinFrom is not null && !outputs.ContainsKey(check.StdinFrom))
        {
            return new CheckOutcome(check.Name, null, null, [$"its input comes from check '{check.StdinFrom}', which did not run"], Skipped: true);
        }

        byte[] nativeInput, guestInput;
        if (check.StdinFrom is not null)
        {
            (nativeInput, guestInput) = outputs[check.StdinFrom];
        }
        else
        {
            nativeInput = guestInput = check.Stdin is null ? [] : await File.ReadAllBytesAsync(recipe.FilePath(check.Stdin), cancel);
        }

        var dir = Path.Combine(work.CheckDir, check.Name);
        var cwd = Path.Combine(dir, "cwd");
        Directory.CreateDirectory(dir);
        if (image.Spec.Rootfs is not null)
        {
            await ProcessRunner.RunCheckedAsync(new ProcessSpec("cp", ["-a", "--", recipe.FilePath(image.Spec.Rootfs), cwd]), cancel);
        }
        else
        {
            Directory.CreateDirectory(cwd);
        }

        var timeout = TimeSpan.FromSeconds(check.TimeoutSeconds);
        var program = Path.Combine(nativeTree, image.Spec.Program);
        var native = await ProgramRunner.RunNativeAsync(program, image.Spec.Name, check.ArgsOrEmpty, nativeInput, cwd, timeout, cancel);
        var guest = await ProgramRunner.RunGuestAsync(rrRun, image.Path, check.ArgsOrEmpty, guestInput, dir, timeout, cancel);
        outputs[check.Name] = (native.Output, guest.Output);
        var nativeFile = Path.Combine(dir, "native.out");
        var guestFile = Path.Combine(dir, "unikernel.out");
        await File.WriteAllBytesAsync(nativeFile, native.Output, cancel);
        await File.WriteAllBytesAsync(guestFile, guest.Output, cancel);

        var problems = new List<string>();
        if (native.Status != check.Status)
        {
            problems.Add($"native exit status {Describe(native)}, expected {check.Status}");
        }

        if (guest.Status != check.Status)
        {
            problems.Add($"unikernel exit status {Describe(guest)}, expected {check.Status}");
        }

        var nativeCompared = OutputMask.Apply(check.MasksOrEmpty, native.Output);
        var guestCompared = OutputMask.Apply(check.MasksOrEmpty, guest.Output);
        if (!nativeCompared.AsSpan().SequenceEqual(guestCompared))
        {
            if (check.MasksOrEmpty.Count > 0)
            {
                // the diff shows what was compared: the outputs with the masks applied
                nativeFile = Path.Combine(dir, "native.masked");
                guestFile = Path.Combine(dir, "unikernel.masked");
                await File.WriteAllBytesAsync(nativeFile, nativeCompared, cancel);
                await File.WriteAllBytesAsync(guestFile, guestCompared, cancel);
            }

            problems.Add($"output differs (native {native.Output.Length} bytes, unikernel {guest.Output.Length} bytes; {nativeFile} vs {guestFile}):");
            problems.AddRange((await OutputDiff.ShortAsync(nativeFile, "native", guestFile, "unikernel", cancel)).Select(l => "  " + l));
        }

        if (check.ExpectStdout is not null)
        {
            var expected = await File.ReadAllBytesAsync(recipe.FilePath(check.ExpectStdout), cancel);
            if (!expected.AsSpan().SequenceEqual(native.Output))
            {
                problems.Add($"native output differs from {check.ExpectStdout}");
            }

            if (!expected.AsSpan().SequenceEqual(guest.Output))
            {
                problems.Add($"unikernel output differs from {check.ExpectStdout}");
            }
        }

        if (problems.Count > 0 && guest.Diagnostics.Trim().Length > 0)
        {
            problems.Add("rr-run said: " + guest.Diagnostics.Trim().ReplaceLineEndings(" | "));
        }

        return new CheckOutcome(check.Name, native, guest, problems);
    }

    private static string Describe(RunResult result) =>
        result.Status < 0 ? result.Diagnostics : result.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Task SourceCleanup(string dir, CancellationToken cancel) => Sources.SourcePreparer.RemoveAsync(dir, cancel);
}
