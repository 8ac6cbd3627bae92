using Rumprun.Core;

namespace Rumprun.Bake.Engine;

/// <summary>Checks, before any work, that the image can be written where the user asked.</summary>
public static class OutputTarget
{
    public static void Verify(string output)
    {
        if (Directory.Exists(output))
        {
            throw new RrException($"{output} is a directory: give the image's file name, e.g. {Path.Combine(output, "program.bin")}");
        }

        var directory = Path.GetDirectoryName(output)!;
        if (File.Exists(directory))
        {
            throw new RrException($"cannot write {output}: {directory} is a file, not a directory");
        }

        if (!Directory.Exists(directory))
        {
            throw new RrException($"cannot write {output}: directory {directory} does not exist (create it first)");
        }

        var probe = Path.Combine(directory, $".{Path.GetFileName(output)}.probe{Environment.ProcessId}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RrException($"cannot write {output}: directory {directory} is not writable ({e.Message.TrimEnd('.')})");
        }
    }
}
