using System.Globalization;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Rumprun.Core.Processes;
using Serilog;

namespace Rumprun.Core.Run;

/// <summary>
/// Builds the image a <c>-b DIR</c> attaches: ISO 9660 with Rock Ridge by xorriso (names, modes, links
/// and times as on the host, owner root; ISO level 3 so files of 4 GiB and more become multi-extent
/// files), or ext2 by <c>mke2fs -d</c>, sized as given or from the tree plus headroom.
/// </summary>
[SupportedOSPlatform("linux")]
public static partial class DirectoryImage
{
    /// <summary>Room the guest gets beyond the tree in a computed ext2 image: a quarter more, plus this.</summary>
    public const long Ext2HeadroomBytes = 16L << 20;

    private const long BlockBytes = 4096;
    private const long InodeBytes = 256;
    private const int SpareInodes = 64;

    /// <summary>Searched after PATH: ordinary users' PATH lacks the sbin directories, where mke2fs lives.</summary>
    private const string SbinPath = "/usr/local/sbin:/usr/sbin:/sbin";

    /// <summary>The program that builds the format and the Debian package that has it.</summary>
    public static (string Program, string Package) ToolFor(BlockImageFormat format) => format switch
    {
        BlockImageFormat.Iso9660 => ("xorriso", "xorriso"),
        BlockImageFormat.Ext2 => ("mke2fs", "e2fsprogs"),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The tool's path.</summary>
    /// <exception cref="RunException">It is not installed; the message names the package.</exception>
    public static string FindTool(BlockImageFormat format, BlockOption option)
    {
        var (program, package) = ToolFor(format);
        var path = Environment.GetEnvironmentVariable("PATH");
        return ExecutableSearch.Find(program, string.IsNullOrEmpty(path) ? SbinPath : path + ":" + SbinPath)
            ?? throw new RunException($"-b {option.Source}: {program} not found, which builds the image: apt-get install {package}");
    }

    /// <summary>The arguments of the tool that makes the image of drive at its image path.</summary>
    public static IReadOnlyList<string> Arguments(BlockAttachment drive, TreeSize tree) => drive.Format switch
    {
        BlockImageFormat.Iso9660 =>
        [
            "-as", "mkisofs", "-quiet", "-R", "-uid", "0", "-gid", "0", "-iso-level", "3",
            "-V", VolumeId(drive.Option.Source), "-o", drive.ImagePath, drive.Option.Source,
        ],
        BlockImageFormat.Ext2 =>
        [
            "-q", "-F", "-t", "ext2", "-d", drive.Option.Source, "-N", (tree.Entries + SpareInodes).ToString(CultureInfo.InvariantCulture),
            "-E", "root_owner=0:0", drive.ImagePath,
            ((drive.Option.Ext2Bytes ?? Ext2Bytes(tree)) / 1024).ToString(CultureInfo.InvariantCulture) + "k",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(drive)),
    };

    /// <summary>A computed ext2 size: every file and directory in whole 4 KiB blocks, the inode table, a quarter more and the headroom, in MiB.</summary>
    public static long Ext2Bytes(TreeSize tree)
    {
        var used = tree.DataBlocks * BlockBytes + (tree.Entries + SpareInodes) * InodeBytes;
        var total = used + used / 4 + Ext2HeadroomBytes;
        const long MiB = 1L << 20;
        return (total + MiB - 1) / MiB * MiB;
    }

    /// <summary>Builds the image; on failure nothing is left at its path.</summary>
    /// <exception cref="RunException">The tool is missing or failed; the message says why.</exception>
    public static async Task BuildAsync(BlockAttachment drive, CancellationToken cancel)
    {
        var tool = FindTool(drive.Format, drive.Option);
        var tree = TreeSize.Of(drive.Option.Source);
        var spec = new ProcessSpec(tool, Arguments(drive, tree));
        ProcessOutcome outcome;
        try
        {
            outcome = await ProcessRunner.RunAsync(spec, cancel);
        }
        catch
        {
            RunFiles.TryDelete(drive.ImagePath);
            throw;
        }
        if (!outcome.Succeeded || !File.Exists(drive.ImagePath))
        {
            RunFiles.TryDelete(drive.ImagePath);
            var said = LastLine(outcome.StandardError) ?? LastLine(outcome.StandardOutput) ?? $"exit status {outcome.ExitCode}";
            var advice = drive.Format == BlockImageFormat.Ext2 && drive.Option.Ext2Bytes is not null
                ? ": check that the tree fits in the ext2=SIZE given"
                : "";
            throw new RunException($"-b {drive.Option}: {Path.GetFileName(tool)} could not build the image: {said}{advice}");
        }
        Log.Debug("{Source}: {Format} image {Image}, {Bytes} bytes", drive.Option.Source, drive.Format, drive.ImagePath,
            new FileInfo(drive.ImagePath).Length);
    }

    /// <summary>An ISO volume identifier from the directory's name: upper case d-characters, at most 32.</summary>
    public static string VolumeId(string directory)
    {
        var name = Path.GetFileName(Path.GetFullPath(directory).TrimEnd('/'));
        var id = NotDCharacter().Replace(name.ToUpperInvariant(), "_");
        if (id.Length > 32)
            id = id[..32];
        // xorriso writes no image at all for an empty tree unless something, such as the volume id, is set.
        return id.Trim('_').Length == 0 ? "DATA" : id;
    }

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();

    [GeneratedRegex("[^A-Z0-9_]")]
    private static partial Regex NotDCharacter();
}
