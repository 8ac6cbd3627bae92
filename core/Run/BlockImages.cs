using System.Runtime.Versioning;
using Serilog;

namespace Rumprun.Core.Run;

/// <summary>
/// The drives of one launch and the images rr-run built for them. Attached runs build in a private
/// temporary directory that goes when the run ends; detached runs build beside the console log
/// (NAME-PID.rr0.iso, ...), where the images stay while the guest uses them and <c>rr-run stop</c>
/// removes them. A failure while building leaves nothing behind.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class BlockImages : IDisposable
{
    private readonly string? temporaryDirectory;
    private bool keep;

    private BlockImages(IReadOnlyList<BlockAttachment> drives, string? temporaryDirectory)
    {
        Drives = drives;
        this.temporaryDirectory = temporaryDirectory;
    }

    public IReadOnlyList<BlockAttachment> Drives { get; }

    /// <summary>The drives of the request, with the image paths directories would be built at; nothing is built.</summary>
    /// <param name="request">The launch, its -b options with mount points.</param>
    /// <param name="temporaryDirectory">Attached runs: the private directory for images.</param>
    public static IReadOnlyList<BlockAttachment> Plan(RunRequest request, string temporaryDirectory)
    {
        var (directory, prefix) = request.Attached
            ? (temporaryDirectory, "")
            : (RunDirectory.Path, Path.GetFileName(DetachedStem(request)) + ".");
        return BlockPlan.Resolve(request.Blocks, (index, format) =>
            Path.Combine(directory, $"{prefix}rr{index}.{(format == BlockImageFormat.Ext2 ? "ext2" : "iso")}"));
    }

    /// <summary>A fresh private directory path for an attached run's images (not created).</summary>
    public static string NewTemporaryDirectory() =>
        Path.Combine(Path.GetTempPath(), $"rr-run-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>Checks the sources and builds the images; the caller disposes the result when the run is over.</summary>
    public static async Task<BlockImages> PrepareAsync(RunRequest request, CancellationToken cancel)
    {
        if (request.Blocks.IsEmpty)
            return new BlockImages([], null);
        var temporary = request.Attached ? NewTemporaryDirectory() : null;
        var drives = Plan(request, temporary ?? "");
        var images = new BlockImages(drives, temporary);
        try
        {
            var built = drives.Where(drive => drive.Format != BlockImageFormat.AsIs).ToList();
            // every missing tool is reported before anything is built
            foreach (var drive in built)
                DirectoryImage.FindTool(drive.Format, drive.Option);
            if (built.Count > 0)
                CreateDirectory(request.Attached ? temporary! : RunDirectory.Ensure());
            foreach (var drive in built)
                await DirectoryImage.BuildAsync(drive, cancel);
            return images;
        }
        catch
        {
            images.Dispose();
            throw;
        }
    }

    /// <summary>A detached guest keeps its images: say where they are.</summary>
    public void Keep()
    {
        keep = true;
        foreach (var drive in Drives.Where(drive => drive.Format != BlockImageFormat.AsIs))
            Log.Information("rr-run: {Source} is attached as {Image} (removed by rr-run stop)", drive.Option.Source, drive.ImagePath);
    }

    public void Dispose()
    {
        if (keep)
            return;
        foreach (var drive in Drives.Where(drive => drive.Format != BlockImageFormat.AsIs))
            RunFiles.TryDelete(drive.ImagePath);
        if (temporaryDirectory is not null && Directory.Exists(temporaryDirectory))
        {
            try
            {
                Directory.Delete(temporaryDirectory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.Debug("cannot delete {Path}: {Message}", temporaryDirectory, e.Message);
            }
        }
    }

    /// <summary>The path stem of a detached guest's files (see <see cref="RunFiles.ForDetached"/>).</summary>
    private static string DetachedStem(RunRequest request)
    {
        var log = RunFiles.ForDetached(request, RunDirectory.Path).LogPath!;
        return log[..^".log".Length];
    }

    private static void CreateDirectory(string path)
    {
        try
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunException($"cannot create {path} for the block images ({e.Message}): set TMPDIR to a writable directory", inner: e);
        }
    }
}
