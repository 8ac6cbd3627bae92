using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd.Infrastructure;

/// <summary>Boots baked images with rr-run qemu -i, the way a user runs them.</summary>
public static class Guest
{
    public static async Task<ProcessResult> RunAsync(
        string image,
        IEnumerable<string>? programArguments = null,
        IEnumerable<string>? runOptions = null,
        byte[]? standardInput = null,
        TimeSpan? timeout = null)
    {
        var args = new List<string> { "qemu", "-i" };
        args.AddRange(runOptions ?? []);
        args.Add(image);
        if (programArguments is not null)
        {
            args.Add("--");
            args.AddRange(programArguments);
        }

        return await Shell.RunAsync("rr-run", args, standardInput ?? [], timeout: timeout);
    }

    /// <summary>Builds tests/guests/NAME.c and boots it.</summary>
    public static async Task<ProcessResult> RunGuestAsync(
        string name,
        IEnumerable<string>? programArguments = null,
        IEnumerable<string>? runOptions = null,
        byte[]? standardInput = null) =>
        await RunAsync(await Guests.ImageAsync(name), programArguments, runOptions, standardInput);
}
