using Rumprun.Tests.Support;

namespace Rumprun.Tests.Ports.Infrastructure;

/// <summary>
/// Shell with RR_OBJDIR set to the object folder the tests use, so rr-port finds the ports the toolchain's build
/// made even when RR_TEST_OBJDIR moved it; plus the two commands the port tests run most.
/// </summary>
public static class PortShell
{
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(20);

    public static Task<ProcessResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        byte[]? standardInput = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var env = new Dictionary<string, string?> { ["RR_OBJDIR"] = RepoPaths.ObjDir };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            env[key] = value;
        return Shell.RunAsync(program, arguments, standardInput, environment: env, timeout: timeout);
    }

    /// <summary>rr-port with a build's patience.</summary>
    public static Task<ProcessResult> PortAsync(params string[] arguments) =>
        RunAsync("rr-port", arguments, timeout: BuildTimeout);

    /// <summary>rr-run qemu -i IMAGE [-- ARGS], with standard input.</summary>
    public static Task<ProcessResult> BootAsync(string image, byte[] stdin, params string[] args) =>
        RunAsync("rr-run", ["qemu", "-i", image, .. args.Length > 0 ? (string[])["--", .. args] : []], stdin);
}
