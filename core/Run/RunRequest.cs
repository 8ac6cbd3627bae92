using System.Collections.Immutable;

namespace Rumprun.Core.Run;

/// <summary>
/// Everything one launch needs, already parsed and validated: the engine never sees the command line.
/// </summary>
/// <param name="Accelerator">TCG for <c>rr-run qemu</c>, KVM for <c>rr-run kvm</c>.</param>
/// <param name="ImagePath">The baked image to boot.</param>
/// <param name="ProgramArguments">argv[1..] of the guest program; argv[0] is the image's file name.</param>
/// <param name="Environment">"VAR=VALUE" strings, in the order given.</param>
/// <param name="Attached">-i: console on rr-run's stdio, wait for the guest, return its status.</param>
/// <param name="MemoryMegabytes">-M: guest RAM.</param>
/// <param name="HypervisorArguments">-g: extra QEMU arguments, already split into words.</param>
/// <param name="GdbPort">-D: QEMU's gdb stub on 127.0.0.1.</param>
/// <param name="Paused">-p: QEMU starts with the CPU stopped (for a debugger).</param>
/// <param name="Name">-N: QEMU's guest name, also the detached log's name.</param>
/// <param name="ImageArguments">QEMU arguments the image's components asked for (its .rr.qemu section).</param>
/// <param name="Blocks">-b: block devices to attach, with their mount points (contracts §8).</param>
/// <param name="Drives">The drives those became once checked and, for directories, built (empty until then).</param>
/// <param name="Networks">-I, -W and --forward: the guest's network interfaces, in -I order (contracts §9).</param>
public sealed record RunRequest(
    Accelerator Accelerator,
    string ImagePath,
    ImmutableArray<string> ProgramArguments,
    ImmutableArray<string> Environment,
    bool Attached = false,
    int MemoryMegabytes = RunRequest.DefaultMemoryMegabytes,
    ImmutableArray<string> HypervisorArguments = default,
    int? GdbPort = null,
    bool Paused = false,
    string? Name = null,
    ImmutableArray<string> ImageArguments = default,
    ImmutableArray<BlockOption> Blocks = default,
    ImmutableArray<BlockAttachment> Drives = default,
    ImmutableArray<NetworkInterface> Networks = default)
{
    public const int DefaultMemoryMegabytes = 64;

    public ImmutableArray<string> HypervisorArguments { get; init; } =
        HypervisorArguments.IsDefault ? [] : HypervisorArguments;

    public ImmutableArray<string> ImageArguments { get; init; } =
        ImageArguments.IsDefault ? [] : ImageArguments;

    public ImmutableArray<BlockOption> Blocks { get; init; } = Blocks.IsDefault ? [] : Blocks;

    public ImmutableArray<BlockAttachment> Drives { get; init; } = Drives.IsDefault ? [] : Drives;

    public ImmutableArray<NetworkInterface> Networks { get; init; } = Networks.IsDefault ? [] : Networks;

    public static RunRequest For(Accelerator accelerator, string imagePath) =>
        new(accelerator, imagePath, [], []);

    /// <summary>The guest's argv[0], as a native program would see its own name.</summary>
    public string ProgramName => Path.GetFileName(ImagePath);

    /// <summary>The complete guest argv.</summary>
    public ImmutableArray<string> Argv => ProgramArguments.Insert(0, ProgramName);

    /// <summary>Value equality, lists compared by content (ImmutableArray alone compares by reference).</summary>
    public bool Equals(RunRequest? other) =>
        other is not null
        && Accelerator == other.Accelerator
        && ImagePath == other.ImagePath
        && ProgramArguments.SequenceEqual(other.ProgramArguments)
        && Environment.SequenceEqual(other.Environment)
        && Attached == other.Attached
        && MemoryMegabytes == other.MemoryMegabytes
        && HypervisorArguments.SequenceEqual(other.HypervisorArguments)
        && GdbPort == other.GdbPort
        && Paused == other.Paused
        && Name == other.Name
        && Blocks.SequenceEqual(other.Blocks)
        && Drives.SequenceEqual(other.Drives)
        && Networks.SequenceEqual(other.Networks);

    public override int GetHashCode() =>
        HashCode.Combine(Accelerator, ImagePath, ProgramArguments.Length, Environment.Length, Attached, MemoryMegabytes, GdbPort, Name);

    public RunRequest WithAccelerator(Accelerator accelerator) => this with { Accelerator = accelerator };

    public RunRequest WithImage(string imagePath) => this with { ImagePath = imagePath };

    public RunRequest WithProgramArguments(params IEnumerable<string> arguments) =>
        this with { ProgramArguments = [.. arguments] };

    public RunRequest WithEnvironment(params IEnumerable<string> assignments) =>
        this with { Environment = [.. assignments] };

    public RunRequest WithAttached(bool attached = true) => this with { Attached = attached };

    public RunRequest WithMemory(int megabytes) => this with { MemoryMegabytes = megabytes };

    public RunRequest WithHypervisorArguments(params IEnumerable<string> arguments) =>
        this with { HypervisorArguments = [.. arguments] };

    public RunRequest WithGdbPort(int? port) => this with { GdbPort = port };

    public RunRequest WithPaused(bool paused = true) => this with { Paused = paused };

    public RunRequest WithName(string? name) => this with { Name = name };

    /// <summary>-b options; those without a mount point get /data, /data1, ... (<see cref="BlockMountPoints.Assign"/>).</summary>
    public RunRequest WithBlocks(params IEnumerable<BlockOption> blocks) =>
        this with { Blocks = [.. BlockMountPoints.Assign([.. blocks])] };

    public RunRequest WithDrives(params IEnumerable<BlockAttachment> drives) => this with { Drives = [.. drives] };

    public RunRequest WithNetworks(params IEnumerable<NetworkInterface> networks) => this with { Networks = [.. networks] };
}
