using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Serilog;

namespace Rumprun.Core.Run.Iso;

/// <summary>
/// Makes the ISO: a staging tree (/boot/IMAGE, /boot/rr-config.json, /boot/grub/grub.cfg) that
/// grub-mkrescue turns into a BIOS-bootable ISO 9660 image (El Torito and a hybrid MBR, so it boots from
/// a CD or a USB stick). The ISO is written beside its final path and renamed into place, so a failure
/// leaves no half-written file.
/// </summary>
public static class IsoBuilder
{
    /// <summary>
    /// The GRUB modules copied into the ISO: what grub.cfg uses and what their loading needs. Everything
    /// else (fonts, locales, themes, the other ~270 modules) would only make it larger.
    /// </summary>
    public static readonly IReadOnlyList<string> GrubModules =
        ["biosdisk", "iso9660", "normal", "multiboot2", "echo", "sleep", "halt"];

    public static IReadOnlyList<string> MkrescueArguments(IsoTools tools, string output, string stagingDirectory) =>
    [
        "-d", tools.GrubBiosDirectory,
        "-o", output,
        "--locales=", "--fonts=", "--themes=",
        "--install-modules=" + string.Join(' ', GrubModules),
        stagingDirectory,
    ];

    /// <summary>The file grub-mkrescue writes before the rename (same directory, so the rename is atomic).</summary>
    public static string TemporaryOutput(string output) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!,
            $".{Path.GetFileName(output)}.{Environment.ProcessId}.tmp");

    /// <summary>A fresh staging directory path (not created).</summary>
    public static string NewStagingDirectory() =>
        Path.Combine(Path.GetTempPath(), $"rr-iso-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>Writes the staging tree.</summary>
    public static async Task StageAsync(string stagingDirectory, string imagePath, string configurationJson, CancellationToken cancel)
    {
        var isoImage = IsoLayout.ImagePath(imagePath);
        Directory.CreateDirectory(Path.GetDirectoryName(IsoLayout.OnHost(stagingDirectory, IsoLayout.GrubConfigPath))!);
        File.Copy(imagePath, IsoLayout.OnHost(stagingDirectory, isoImage));
        await File.WriteAllTextAsync(IsoLayout.OnHost(stagingDirectory, IsoLayout.ConfigurationPath), configurationJson,
            new UTF8Encoding(false), cancel);
        await File.WriteAllTextAsync(IsoLayout.OnHost(stagingDirectory, IsoLayout.GrubConfigPath),
            GrubConfig.For(isoImage, IsoLayout.ConfigurationPath), new UTF8Encoding(false), cancel);
    }

    /// <summary>Builds the ISO at <paramref name="output"/> (replacing a file there); returns its size in bytes.</summary>
    /// <exception cref="RunException">The output cannot be written or grub-mkrescue failed.</exception>
    public static async Task<long> WriteAsync(IsoTools tools, string imagePath, string configurationJson, string output, CancellationToken cancel)
    {
        CheckOutput(output);
        var staging = NewStagingDirectory();
        var temporary = TemporaryOutput(output);
        try
        {
            await StageAsync(staging, imagePath, configurationJson, cancel);
            var arguments = MkrescueArguments(tools, temporary, staging);
            Log.Debug("$ {Command}", QemuCommandLine.ToShellLine(tools.Mkrescue, arguments));
            var result = await CliWrap.Cli.Wrap(tools.Mkrescue)
                .WithArguments(arguments)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancel);
            Log.Debug("grub-mkrescue said: {Output}", result.StandardError.TrimEnd());
            if (result.ExitCode != 0 || !File.Exists(temporary))
                throw new RunException($"grub-mkrescue failed (status {result.ExitCode}): {LastLine(result.StandardError)}");
            File.Move(temporary, output, overwrite: true);
            return new FileInfo(output).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunException($"cannot write {output} ({e.Message}): check the directory and its permissions", inner: e);
        }
        finally
        {
            RunFiles.TryDelete(temporary);
            try
            {
                if (Directory.Exists(staging))
                    Directory.Delete(staging, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.Debug("cannot delete {Path}: {Message}", staging, e.Message);
            }
        }
    }

    /// <summary>Refuses an output that is a directory or lies in a missing directory, before anything is built.</summary>
    public static void CheckOutput(string output)
    {
        if (Directory.Exists(output))
            throw RunException.Usage($"-o {output} is a directory: give the ISO file's name, e.g. {Path.Combine(output, "app.iso")}");
        var directory = Path.GetDirectoryName(Path.GetFullPath(output))!;
        if (!Directory.Exists(directory))
            throw RunException.Usage($"-o {output}: the directory {directory} does not exist: create it first");
    }

    private static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no message" : lines[^1];
    }
}
