using Rumprun.Core;
using Rumprun.Core.Toolchain;

namespace Rumprun.Port.Commands;

/// <summary>
/// The three places rr-port works with: the checkout's ports/ (the recipes), the installed toolchain
/// (DESTDIR, RR_PREFIX) and the work folder OBJDIR/ports. Without explicit settings they follow
/// rr-build's defaults: DESTDIR ./rumprun and OBJDIR ./obj-amd64-hw side by side.
/// </summary>
public sealed record PortLocations(string SourceDir, InstallLayout Layout, string ObjDir)
{
    public string PortsDir => Path.Combine(SourceDir, "ports");

    public static PortLocations Resolve(PortEnvironment environment, string? objDirOption)
    {
        var source = FindSourceDir(environment);
        var prefix = !string.IsNullOrEmpty(environment.Prefix)
            ? Path.GetFullPath(environment.Prefix, environment.CurrentDirectory)
            : Path.Combine(source, "rumprun");
        if (!Directory.Exists(Path.Combine(prefix, "bin")))
        {
            throw new RrException($"no toolchain in {prefix}: run rr-build hw, then '. OBJDIR/config-PATH.sh'");
        }

        string objDir;
        if (!string.IsNullOrEmpty(objDirOption))
        {
            objDir = Path.GetFullPath(objDirOption, environment.CurrentDirectory);
        }
        else if (!string.IsNullOrEmpty(environment.ObjDir))
        {
            objDir = Path.GetFullPath(environment.ObjDir, environment.CurrentDirectory);
        }
        else
        {
            var besidePrefix = Path.Combine(Path.GetDirectoryName(prefix)!, "obj-amd64-hw");
            objDir = Directory.Exists(besidePrefix) ? besidePrefix : Path.Combine(source, "obj-amd64-hw");
        }

        return new PortLocations(source, new InstallLayout(prefix), objDir);
    }

    /// <summary>RR_SOURCE_DIR, else the checkout whose .tools/ holds this tool, else the nearest folder above the current one with ports/.</summary>
    private static string FindSourceDir(PortEnvironment environment)
    {
        if (!string.IsNullOrEmpty(environment.SourceDirectory))
        {
            var dir = Path.GetFullPath(environment.SourceDirectory, environment.CurrentDirectory);
            return Directory.Exists(Path.Combine(dir, "ports"))
                ? dir
                : throw new RrException($"RR_SOURCE_DIR={dir} has no ports/ folder: point it at the Rumprun.Net source tree");
        }

        var checkout = Path.GetDirectoryName(environment.ToolsDirectory);
        if (checkout is not null && Directory.Exists(Path.Combine(checkout, "ports")))
        {
            return checkout;
        }

        for (var dir = new DirectoryInfo(environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "ports")) && File.Exists(Path.Combine(dir.FullName, "Rumprun.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new RrException("cannot find the ports/ recipes: run rr-port from the Rumprun.Net checkout or set RR_SOURCE_DIR");
    }
}
