using Rumprun.Core;
using Rumprun.Core.Json;

namespace Rumprun.Build.Install;

/// <summary>
/// One file made from a template of toolchain-wrappers/ (an entry of wrappers.json): its output
/// is relative to DESTDIR, or to OBJDIR when it starts with "$OBJDIR/"; mode is octal.
/// </summary>
public sealed record WrapperEntry(string Template, string Output, string Mode, IReadOnlyDictionary<string, string>? Vars = null)
{
    private const string ObjDirPrefix = "$OBJDIR/";

    public string ResolveOutput(string destDir, string objDir) =>
        Output.StartsWith(ObjDirPrefix, StringComparison.Ordinal)
            ? Path.Combine(objDir, Output[ObjDirPrefix.Length..])
            : Path.Combine(destDir, Output);

    public UnixFileMode FileMode(string source)
    {
        try
        {
            return (UnixFileMode)Convert.ToInt32(Mode, 8);
        }
        catch (FormatException)
        {
            throw new JsonFileException(source, $"mode '{Mode}' of {Output} is not an octal number such as \"755\"");
        }
    }

    public static IReadOnlyList<WrapperEntry> ReadAll(string path)
    {
        var entries = StrictJson.Read<List<WrapperEntry>>(path);
        var bad = entries.FirstOrDefault(e => Path.IsPathRooted(e.Output) || e.Output.Split('/').Contains(".."));
        if (bad is not null)
        {
            throw new RrException($"{path}: output '{bad.Output}' must stay inside DESTDIR or $OBJDIR");
        }

        return entries;
    }
}
