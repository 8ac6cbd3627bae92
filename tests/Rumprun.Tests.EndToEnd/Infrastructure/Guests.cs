using System.Collections.Concurrent;
using NUnit.Framework;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd.Infrastructure;

/// <summary>Compiles the small C programs under tests/guests with the toolchain and bakes them, once each.</summary>
public static class Guests
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Images = new();

    public const string Tuple = "x86_64-rumprun-netbsd";

    public static string WorkDirectory { get; } = CreateWorkDirectory();

    /// <summary>The baked image of tests/guests/NAME.c (hw_generic), named NAME.bin.</summary>
    public static Task<string> ImageAsync(string name, string config = "hw_generic") =>
        Images.GetOrAdd(name + "@" + config, _ => new Lazy<Task<string>>(() => BuildAsync(name, config))).Value;

    /// <summary>The unbaked program of tests/guests/NAME.c.</summary>
    public static async Task<string> CompileAsync(string name)
    {
        var output = Path.Combine(WorkDirectory, name);
        var result = await Shell.RunAsync(
            Tuple + "-gcc",
            ["-O2", "-Wall", "-o", output, Path.Combine(RepoPaths.Guests, name + ".c")]);
        if (result.ExitCode != 0)
            Assert.Fail($"compiling {name}.c failed:\n{result}");
        return output;
    }

    private static async Task<string> BuildAsync(string name, string config)
    {
        var program = await CompileAsync(name);
        var image = Path.Combine(WorkDirectory, config == "hw_generic" ? name + ".bin" : $"{name}.{config}.bin");
        var result = await Shell.RunAsync("rr-bake", [config, image, program]);
        if (result.ExitCode != 0)
            Assert.Fail($"baking {name} failed:\n{result}");
        return image;
    }

    private static string CreateWorkDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rr-e2e-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
